// POST /logout?scope=global|local|others: deletes sessions (their refresh tokens go with
// them), so access tokens naming them stop working at /user at once.
import type { Context } from 'hono';
import type { GatewayEnv } from '../context.js';
import { loadBearerUser, verifyBearer } from './bearer.js';
import { validationFailed } from './errors.js';
import { endSessions, type LogoutScope } from './session-store.js';
import type { AuthDeps } from './settings.js';

const SCOPES: readonly LogoutScope[] = ['global', 'local', 'others'];

export function handleLogout(deps: AuthDeps) {
  return async (c: Context<GatewayEnv>) => {
    const requested = c.req.query('scope') ?? 'global';
    if (!SCOPES.includes(requested as LogoutScope)) throw validationFailed(`Unsupported logout scope "${requested}"`);
    const scope = requested as LogoutScope;

    const bearer = await verifyBearer(c, deps.keys);
    await deps.database.runAsOwner(async (tx) => {
      const { user, session } = await loadBearerUser(tx, bearer);
      await endSessions(tx, user.id, scope, session?.id ?? null);
    });
    return c.body(null, 204);
  };
}
