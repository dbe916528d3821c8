// GET /user and PUT /user: the signed-in user, read and updated with the bearer access token.
import type { Context } from 'hono';
import { z } from 'zod';
import type { Transaction } from '../../db/serial-database.js';
import type { GatewayEnv } from '../context.js';
import { loadBearerUser, verifyBearer } from './bearer.js';
import { checkPasswordStrength, normalizeEmail } from './credentials.js';
import { AuthFailure, validationFailed } from './errors.js';
import { hashPassword, passwordMatches } from './password-hash.js';
import { readJsonBody } from './request-body.js';
import { endSessions } from './session-store.js';
import { passwordPolicy, type AuthDeps } from './settings.js';
import { toUserJson } from './user-json.js';
import {
  findIdentities,
  findPasswordHash,
  findUserIdByEmail,
  insertEmailIdentity,
  makePermanent,
  mergeMetadata,
  setConfirmedEmail,
  setEmailIdentityAddress,
  setPasswordHash,
  setUserMetadata,
} from './user-store.js';

const AUDIENCE = 'authenticated';

export function handleGetUser(deps: AuthDeps) {
  return async (c: Context<GatewayEnv>) => {
    const bearer = await verifyBearer(c, deps.keys);
    const aud = bearer.claims['aud'];
    if ((Array.isArray(aud) ? aud[0] : aud) !== AUDIENCE) {
      throw validationFailed("Token audience doesn't match request audience");
    }
    const json = await deps.database.runAsOwner(async (tx) => {
      const { user } = await loadBearerUser(tx, bearer);
      return toUserJson(user, await findIdentities(tx, user.id));
    });
    return c.json(json);
  };
}

// nonce, phone, channel and code_challenge are accepted and ignored (no reauthentication, no SMS).
const updateBody = z.object({
  email: z.string().nullish(),
  password: z.string().nullish(),
  data: z.record(z.string(), z.unknown()).nullish(),
  app_metadata: z.record(z.string(), z.unknown()).nullish(),
});

export function handleUpdateUser(deps: AuthDeps) {
  return async (c: Context<GatewayEnv>) => {
    const bearer = await verifyBearer(c, deps.keys);
    const body = await readJsonBody(c, updateBody);
    const email = body.email ? normalizeEmail(body.email) : null;
    const password = body.password ?? null;
    if (password !== null) checkPasswordStrength(password, passwordPolicy(deps.settings));
    if (body.app_metadata) throw new AuthFailure(403, 'not_admin', 'Updating app_metadata requires admin privileges');

    const current = await deps.database.runAsOwner(async (tx) => {
      const { user } = await loadBearerUser(tx, bearer);
      return { user, passwordHash: password ? await findPasswordHash(tx, user.id) : null };
    });
    if (password && current.user.is_anonymous && !email) {
      throw new AuthFailure(422, 'validation_failed', 'Updating password of an anonymous user without an email or phone is not allowed');
    }
    // bcrypt runs outside the transaction: it is slow and the database is serialized.
    if (password && current.passwordHash && (await passwordMatches(password, current.passwordHash))) {
      throw new AuthFailure(422, 'same_password', 'New password should be different from the old password.');
    }
    const newHash = password !== null ? await hashPassword(password) : null;

    const json = await deps.database.runAsOwner(async (tx) => {
      const { user, session } = await loadBearerUser(tx, bearer);
      if (newHash) {
        await setPasswordHash(tx, user.id, newHash);
        // A new password signs the user out everywhere else, as GoTrue does.
        await endSessions(tx, user.id, session ? 'others' : 'global', session?.id ?? null);
      }
      let metadata = user.raw_user_meta_data ?? {};
      if (body.data) metadata = mergeMetadata(metadata, body.data);
      if (email && email !== user.email) {
        const owner = await findUserIdByEmail(tx, email);
        if (owner && owner !== user.id) {
          throw new AuthFailure(422, 'email_exists', 'A user with this email address has already been registered');
        }
        await changeEmail(tx, user, email);
        metadata = { ...metadata, email };
      }
      if (body.data || email) await setUserMetadata(tx, user.id, metadata);
      const updated = await loadBearerUser(tx, bearer);
      return toUserJson(updated.user, await findIdentities(tx, user.id));
    });
    return c.json(json);
  };
}

/**
 * Applied and confirmed at once: GoTrue mails a confirmation link first, but the local stack
 * has no mailer (like a project with email confirmations off for anonymous users).
 */
async function changeEmail(
  tx: Transaction,
  user: { id: string; is_anonymous: boolean },
  email: string,
): Promise<void> {
  await setConfirmedEmail(tx, user.id, email);
  if (user.is_anonymous) {
    await insertEmailIdentity(tx, user.id, { email, email_verified: true, phone_verified: false, sub: user.id });
    await makePermanent(tx, user.id, { provider: 'email', providers: ['email'] });
  } else {
    await setEmailIdentityAddress(tx, user.id, email);
  }
}
