// POST /token?grant_type=…: the grant type travels in the query string (contract §2.1).
import type { Context } from 'hono';
import type { GatewayEnv } from '../context.js';
import { AuthFailure } from './errors.js';
import { passwordGrant } from './password-grant.js';
import { refreshTokenGrant } from './refresh-grant.js';
import type { AuthDeps } from './settings.js';

export function handleToken(deps: AuthDeps) {
  return async (c: Context<GatewayEnv>) => {
    const grantType = c.req.query('grant_type');
    switch (grantType) {
      case 'password':
        return c.json(await passwordGrant(c, deps));
      case 'refresh_token':
        return c.json(await refreshTokenGrant(c, deps));
      default:
        throw new AuthFailure(400, 'unsupported_grant_type', 'unsupported_grant_type');
    }
  };
}
