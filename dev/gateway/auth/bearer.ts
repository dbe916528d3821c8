// GoTrue's requireAuthentication: the user endpoints take the access token from the
// Authorization header, verify it, and load the user and session it names.
import type { Context } from 'hono';
import type { Transaction } from '../../db/serial-database.js';
import { JwtVerificationError, type KeySet } from '../keys.js';
import { AuthFailure } from './errors.js';
import { findSession, type SessionRecord } from './session-store.js';
import { findUserById, type JsonObject, type UserRecord } from './user-store.js';

export interface BearerToken {
  claims: JsonObject;
  userId: string;
  sessionId: string | null;
}

export interface BearerUser {
  user: UserRecord;
  session: SessionRecord | null;
}

const BEARER_PATTERN = /^[Bb]earer (\S+)$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Verifies the bearer token. No database access, so it runs before any transaction. */
export async function verifyBearer(c: Context, keys: KeySet): Promise<BearerToken> {
  const token = c.req.header('authorization')?.match(BEARER_PATTERN)?.[1];
  if (!token) throw new AuthFailure(401, 'no_authorization', 'This endpoint requires a valid Bearer token');

  let claims: JsonObject;
  try {
    claims = (await keys.verify(token)) as JsonObject;
  } catch (error) {
    const detail = error instanceof JwtVerificationError ? error.message : 'token is malformed';
    throw new AuthFailure(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${detail}`);
  }

  // The API keys verify too, but name no user.
  const sub = claims['sub'];
  if (typeof sub !== 'string' || sub === '') throw new AuthFailure(403, 'bad_jwt', 'invalid claim: missing sub claim');
  if (!UUID_PATTERN.test(sub)) throw new AuthFailure(400, 'bad_jwt', 'invalid claim: sub claim must be a UUID');

  const sessionClaim = claims['session_id'];
  if (sessionClaim !== undefined && sessionClaim !== '' && (typeof sessionClaim !== 'string' || !UUID_PATTERN.test(sessionClaim))) {
    throw new AuthFailure(403, 'bad_jwt', 'invalid claim: session_id claim must be a UUID');
  }
  const sessionId = typeof sessionClaim === 'string' && sessionClaim !== '' ? sessionClaim : null;
  return { claims, userId: sub, sessionId };
}

/** Loads what the token names; a signed-out session makes the token useless before it expires. */
export async function loadBearerUser(tx: Transaction, bearer: BearerToken): Promise<BearerUser> {
  const user = await findUserById(tx, bearer.userId);
  if (!user) throw new AuthFailure(403, 'user_not_found', 'User from sub claim in JWT does not exist');
  if (bearer.sessionId === null) return { user, session: null };

  const session = await findSession(tx, bearer.sessionId);
  if (!session || session.user_id !== user.id) {
    throw new AuthFailure(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
  }
  return { user, session };
}
