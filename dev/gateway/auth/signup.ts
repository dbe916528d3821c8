// POST /signup: email + password sign-up (auto-confirmed, answers with a session), and
// anonymous sign-in, which is a sign-up carrying neither email nor phone.
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import type { GatewayEnv } from '../context.js';
import { checkPasswordStrength, normalizeEmail } from './credentials.js';
import { AuthFailure, validationFailed } from './errors.js';
import { hashPassword } from './password-hash.js';
import { readJsonBody } from './request-body.js';
import { readIssuedSession, sessionResponse } from './session-response.js';
import { startSession } from './session-store.js';
import { passwordPolicy, type AuthDeps } from './settings.js';
import { findUserIdByEmail, insertEmailIdentity, insertUser, recordSignIn } from './user-store.js';

// gotrue_meta_security, code_challenge and channel are accepted and ignored (no captcha, no PKCE mail).
const signupBody = z.object({
  email: z.string().nullish(),
  phone: z.string().nullish(),
  password: z.string().nullish(),
  data: z.record(z.string(), z.unknown()).nullish(),
});

const userAlreadyExists = () => new AuthFailure(422, 'user_already_exists', 'User already registered');

export function handleSignup(deps: AuthDeps) {
  return async (c: Context<GatewayEnv>) => {
    const body = await readJsonBody(c, signupBody);
    const data = body.data ?? {};
    if (!body.email && !body.phone) return c.json(await signUpAnonymously(deps, data));

    if (!deps.settings.signups) throw signupsDisabled();
    if (body.email && body.phone) throw validationFailed('Only an email address or phone number should be provided on signup.');
    if (!body.password) throw validationFailed('Signup requires a valid password');
    checkPasswordStrength(body.password, passwordPolicy(deps.settings));
    if (!body.email) throw new AuthFailure(422, 'phone_provider_disabled', 'Phone signups are disabled');
    const email = normalizeEmail(body.email);

    // Hashed before the transaction: bcrypt takes tens of milliseconds and the database is serialized.
    const passwordHash = await hashPassword(body.password);
    try {
      const issued = await deps.database.runAsOwner(async (tx) => {
        if (await findUserIdByEmail(tx, email)) throw userAlreadyExists();
        const id = randomUUID();
        const identityData = { email, email_verified: true, phone_verified: false, sub: id };
        const user = await insertUser(tx, {
          id,
          email,
          passwordHash,
          appMetadata: { provider: 'email', providers: ['email'] },
          // GoTrue merges the identity's data over the sign-up data.
          userMetadata: { ...data, ...identityData },
          isAnonymous: false,
        });
        await insertEmailIdentity(tx, user.id, identityData);
        await recordSignIn(tx, user.id, 'email');
        const { sessionId, refreshToken } = await startSession(tx, user.id, 'password');
        return readIssuedSession(tx, user.id, sessionId, refreshToken);
      });
      return c.json(await sessionResponse(deps, issued));
    } catch (error) {
      // The serialized check above makes this unreachable in one process; the index is the backstop.
      if ((error as { code?: unknown }).code === '23505') throw userAlreadyExists();
      throw error;
    }
  };
}

async function signUpAnonymously(deps: AuthDeps, data: Record<string, unknown>) {
  if (!deps.settings.anonymousSignIns) {
    throw new AuthFailure(422, 'anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
  }
  if (!deps.settings.signups) throw signupsDisabled();
  const issued = await deps.database.runAsOwner(async (tx) => {
    const user = await insertUser(tx, { id: randomUUID(), email: null, passwordHash: null, appMetadata: {}, userMetadata: data, isAnonymous: true });
    await recordSignIn(tx, user.id, null);
    const { sessionId, refreshToken } = await startSession(tx, user.id, 'anonymous');
    return readIssuedSession(tx, user.id, sessionId, refreshToken);
  });
  return sessionResponse(deps, issued);
}

const signupsDisabled = () => new AuthFailure(422, 'signup_disabled', 'Signups not allowed for this instance');
