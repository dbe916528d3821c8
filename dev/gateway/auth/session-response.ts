// Turns a signed-in session into GoTrue's AccessTokenResponse (contract §2.2), with an access
// token carrying exactly GoTrue's claims in GoTrue's order (contract §2.4).
import type { Transaction } from '../../db/serial-database.js';
import type { AuthDeps } from './settings.js';
import { sessionAmr, type AmrEntry } from './session-store.js';
import { toUserJson } from './user-json.js';
import { findIdentities, findUserById, type IdentityRecord, type JsonObject, type UserRecord } from './user-store.js';

/** Everything needed to answer, read inside the transaction; signing happens after it. */
export interface IssuedSession {
  user: UserRecord;
  identities: IdentityRecord[];
  sessionId: string;
  refreshToken: string;
  amr: AmrEntry[];
}

export async function readIssuedSession(
  tx: Transaction,
  userId: string,
  sessionId: string,
  refreshToken: string,
): Promise<IssuedSession> {
  const user = await findUserById(tx, userId);
  if (!user) throw new Error(`user ${userId} vanished while its session was being issued`);
  return { user, identities: await findIdentities(tx, userId), sessionId, refreshToken, amr: await sessionAmr(tx, sessionId) };
}

export function accessTokenClaims(
  settings: AuthDeps['settings'],
  session: Omit<IssuedSession, 'identities' | 'refreshToken'>,
  issuedAt: number,
): JsonObject {
  const { user } = session;
  return {
    iss: settings.issuer,
    sub: user.id,
    // A string, not an array: GoTrue marshals a single audience as a string.
    aud: user.aud,
    exp: issuedAt + settings.jwtExpirySeconds,
    iat: issuedAt,
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role,
    aal: 'aal1',
    amr: session.amr,
    session_id: session.sessionId,
    is_anonymous: user.is_anonymous,
  };
}

export async function sessionResponse(deps: AuthDeps, session: IssuedSession): Promise<JsonObject> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const accessToken = await deps.keys.signAccessToken(accessTokenClaims(deps.settings, session, issuedAt));
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: deps.settings.jwtExpirySeconds,
    expires_at: issuedAt + deps.settings.jwtExpirySeconds,
    refresh_token: session.refreshToken,
    user: toUserJson(session.user, session.identities),
  };
}
