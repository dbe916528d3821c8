// grant_type=password: email + password sign-in. Unknown account and wrong password get the
// same answer (and take the same time), so the endpoint does not reveal which emails exist;
// both count towards the sign-in limits (sign-in-limiter.ts).
import type { Context } from 'hono';
import { z } from 'zod';
import { normalizeEmail } from './credentials.js';
import { AuthFailure, invalidCredentials, validationFailed } from './errors.js';
import { passwordMatches } from './password-hash.js';
import { readJsonBody } from './request-body.js';
import { readIssuedSession, sessionResponse } from './session-response.js';
import { startSession } from './session-store.js';
import type { AuthDeps } from './settings.js';
import { clientAddress } from './client-address.js';
import type { SignInLimiter } from './sign-in-limiter.js';
import { findPasswordHash, findUserById, findUserIdByEmail, isBanned, recordSignIn } from './user-store.js';

const passwordBody = z.object({
  email: z.string().nullish(),
  phone: z.string().nullish(),
  password: z.string().nullish(),
});

export async function passwordGrant(c: Context, deps: AuthDeps, limiter: SignInLimiter) {
  const body = await readJsonBody(c, passwordBody);
  if (body.email && body.phone) throw validationFailed('Only an email address or phone number should be provided on login.');
  if (body.phone) throw new AuthFailure(422, 'phone_provider_disabled', 'Phone logins are disabled');
  if (!body.email) throw validationFailed('missing email or phone');
  const email = normalizeEmail(body.email);
  const address = clientAddress(c);
  limiter.check(email, address);

  const account = await deps.database.runAsOwner(async (tx) => {
    const id = await findUserIdByEmail(tx, email);
    return id ? { id, passwordHash: await findPasswordHash(tx, id), user: await findUserById(tx, id) } : null;
  });
  // Compared outside the transaction: bcrypt is slow and the database is serialized.
  const matches = await passwordMatches(body.password ?? '', account?.passwordHash ?? null);
  if (!account?.user || !matches) {
    limiter.recordFailure(email, address);
    throw invalidCredentials();
  }
  if (isBanned(account.user)) throw new AuthFailure(400, 'user_banned', 'User is banned');
  if (!account.user.email_confirmed_at) throw new AuthFailure(400, 'email_not_confirmed', 'Email not confirmed');

  const issued = await deps.database.runAsOwner(async (tx) => {
    await recordSignIn(tx, account.id, 'email');
    const { sessionId, refreshToken } = await startSession(tx, account.id, 'password');
    return readIssuedSession(tx, account.id, sessionId, refreshToken);
  });
  return sessionResponse(deps, issued);
}
