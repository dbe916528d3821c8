// The user object GoTrue returns (contract §2.3), built field by field from the stored rows so
// nothing else (the password hash, tokens) can slip into a response.
import type { IdentityRecord, JsonObject, UserRecord } from './user-store.js';

const iso = (date: Date | null) => (date ? date.toISOString() : undefined);

export function toUserJson(user: UserRecord, identities: IdentityRecord[]): JsonObject {
  // undefined fields are dropped by JSON.stringify, like GoTrue's `omitempty`.
  return {
    id: user.id,
    aud: user.aud,
    role: user.role,
    email: user.email ?? '',
    email_confirmed_at: iso(user.email_confirmed_at),
    phone: user.phone ?? '',
    phone_confirmed_at: iso(user.phone_confirmed_at),
    confirmed_at: iso(user.confirmed_at),
    last_sign_in_at: iso(user.last_sign_in_at),
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    identities: identities.map(toIdentityJson),
    created_at: user.created_at.toISOString(),
    updated_at: user.updated_at.toISOString(),
    banned_until: iso(user.banned_until),
    is_anonymous: user.is_anonymous,
  };
}

function toIdentityJson(identity: IdentityRecord): JsonObject {
  return {
    identity_id: identity.id,
    id: identity.provider_id,
    user_id: identity.user_id,
    identity_data: identity.identity_data,
    provider: identity.provider,
    last_sign_in_at: iso(identity.last_sign_in_at),
    created_at: identity.created_at.toISOString(),
    updated_at: identity.updated_at.toISOString(),
    email: identity.email ?? undefined,
  };
}
