// POST /token?grant_type=…: the grant type travels in the query string (contract §2.1).
import type { Context } from 'hono';
import type { GatewayEnv } from '../context.js';
import { AuthFailure } from './errors.js';
import { passwordGrant } from './password-grant.js';
import { refreshTokenGrant } from './refresh-grant.js';
import type { AuthDeps } from './settings.js';
import { DEFAULT_SIGN_IN_LIMITS, SignInLimiter } from './sign-in-limiter.js';

export function handleToken(deps: AuthDeps) {
  const limiter = new SignInLimiter(deps.settings.signInLimits ?? DEFAULT_SIGN_IN_LIMITS);
  return async (c: Context<GatewayEnv>) => {
    const grantType = c.req.query('grant_type');
    switch (grantType) {
      case 'password':
        return c.json(await passwordGrant(c, deps, limiter));
      case 'refresh_token':
        return c.json(await refreshTokenGrant(c, deps));
      default:
        throw new AuthFailure(400, 'unsupported_grant_type', 'unsupported_grant_type');
    }
  };
}
