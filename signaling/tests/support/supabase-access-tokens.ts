// Access tokens as Supabase Auth issues them with a project's legacy HS256 secret, for the
// users of supabase/seed.sql: what the standalone server (signaling/main.ts) verifies when
// started with SUPABASE_JWT_SECRET and SUPABASE_HS256_USER_TOKENS=true.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export const SUPABASE_URL = 'https://standalone-test.supabase.co';

// From supabase/seed.sql.
export const ESDC_DOCUMENT = 'e5dc0000-0000-4000-a000-00000000d001';
export const TC_DOCUMENT = '7c000000-0000-4000-a000-00000000d001';
export const SEEDED_USERS = {
  viewer: { id: 'e5dc0000-0000-4000-a000-000000000101', email: 'viewer@esdc.example' },
  editor: { id: 'e5dc0000-0000-4000-a000-000000000102', email: 'editor@esdc.example' },
  translator: { id: 'e5dc0000-0000-4000-a000-000000000103', email: 'translator@esdc.example' },
  reviewer: { id: 'e5dc0000-0000-4000-a000-000000000104', email: 'reviewer@esdc.example' },
  tcEditor: { id: '7c000000-0000-4000-a000-000000000102', email: 'editor@tc.example' },
} as const;
export type SeededUser = (typeof SEEDED_USERS)[keyof typeof SEEDED_USERS];

/** The claims Supabase Auth puts in a user's access token. */
export function accessTokenClaims(user: SeededUser) {
  const now = Math.floor(Date.now() / 1000);
  return {
    email: user.email,
    phone: '',
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: { email: user.email, email_verified: true },
    role: 'authenticated',
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: now }],
    session_id: randomUUID(),
    is_anonymous: false,
    iss: `${SUPABASE_URL}/auth/v1`,
    sub: user.id,
    aud: 'authenticated',
    iat: now,
    exp: now + 3600,
  };
}

/** An access token signed with the legacy HS256 secret, valid `expiresIn` seconds (default an hour). */
export async function hs256AccessToken(user: SeededUser, secret: string, expiresIn = 3600): Promise<string> {
  const claims = accessTokenClaims(user);
  return new SignJWT({ ...claims, exp: claims.iat + expiresIn })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}
