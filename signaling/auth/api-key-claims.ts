// What an HS256 token may be. The anon and service_role API keys are HS256 tokens signed with
// the project's JWT secret; on the local stack that secret is Supabase's published development
// secret, so anyone can mint HS256 tokens with any claims. User tokens are asymmetric (ES256
// with a `kid`), so an HS256 token is honoured only as an API key: an API role and no user.

/** The roles the API keys carry. */
export const API_KEY_ROLES = ['anon', 'service_role'] as const;

/** Why these HS256 claims are not an API key, or null when they are one. */
export function apiKeyClaimsProblem(claims: Record<string, unknown>): string | null {
  const role = claims['role'];
  if (typeof role !== 'string' || !(API_KEY_ROLES as readonly string[]).includes(role)) {
    return `HS256 tokens are only accepted as the anon or service_role API key, not with role "${String(role)}"; user tokens are signed with the project's asymmetric key`;
  }
  if (claims['sub'] !== undefined) {
    return 'HS256 tokens are only accepted as API keys, which name no user (sub)';
  }
  return null;
}
