// grant_type=refresh_token: rotates the refresh token (the old one is revoked, its child is
// issued in the same session) and answers with a fresh access token.
import type { Context } from 'hono';
import { z } from 'zod';
import { AuthFailure, validationFailed } from './errors.js';
import { readJsonBody } from './request-body.js';
import { readIssuedSession, sessionResponse, type IssuedSession } from './session-response.js';
import { findActiveRefreshToken, findRefreshToken, revokeTokenFamily, rotateRefreshToken } from './session-store.js';
import { DEFAULT_REFRESH_TOKEN_REUSE_INTERVAL_SECONDS, type AuthDeps } from './settings.js';
import { findUserById, isBanned } from './user-store.js';

const refreshBody = z.object({ refresh_token: z.string().nullish() });

const notFound = () => new AuthFailure(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
const alreadyUsed = () => new AuthFailure(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');

export async function refreshTokenGrant(c: Context, deps: AuthDeps) {
  const body = await readJsonBody(c, refreshBody);
  if (!body.refresh_token) throw validationFailed('refresh_token required');
  const presented = body.refresh_token;
  const reuseInterval = deps.settings.refreshTokenReuseIntervalSeconds ?? DEFAULT_REFRESH_TOKEN_REUSE_INTERVAL_SECONDS;

  // The family revocation must be committed even though the request fails, so the transaction
  // returns the outcome and the failure is thrown after it.
  const outcome = await deps.database.runAsOwner(async (tx): Promise<IssuedSession | AuthFailure> => {
    const token = await findRefreshToken(tx, presented, reuseInterval);
    if (!token) return notFound();
    const user = await findUserById(tx, token.user_id);
    if (!user) return notFound();
    if (isBanned(user)) return new AuthFailure(400, 'user_banned', 'Invalid Refresh Token: User Banned');

    if (!token.revoked) {
      return readIssuedSession(tx, user.id, token.session_id, await rotateRefreshToken(tx, token));
    }
    // A client that lost the response to its last refresh retries with the old token: inside
    // the reuse interval it gets the session's current token back instead of an error.
    const active = token.reusable ? await findActiveRefreshToken(tx, token.session_id) : null;
    if (active) return readIssuedSession(tx, user.id, token.session_id, active);
    await revokeTokenFamily(tx, token.session_id);
    return alreadyUsed();
  });
  if (outcome instanceof AuthFailure) throw outcome;
  return sessionResponse(deps, outcome);
}
