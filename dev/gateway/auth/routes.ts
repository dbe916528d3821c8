// The GoTrue-compatible auth API, mounted by the gateway at /auth/v1 (behind its CORS,
// body-limit and apikey middleware). Every response carries X-Supabase-Api-Version so
// supabase-js reads error codes from the body (contract §2.5).
import { Hono } from 'hono';
import type { GatewayEnv } from '../context.js';
import { API_VERSION, API_VERSION_HEADER, AuthFailure, authFailureResponse } from './errors.js';
import { handleLogout } from './logout.js';
import { handleHealth, handleJwks, handleSettings } from './public-info.js';
import type { AuthDeps } from './settings.js';
import { handleSignup } from './signup.js';
import { handleToken } from './token.js';
import { handleGetUser, handleUpdateUser } from './user.js';

export type { AuthDeps, AuthSettings } from './settings.js';

export function authRoutes(deps: AuthDeps): Hono<GatewayEnv> {
  const app = new Hono<GatewayEnv>();

  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set(API_VERSION_HEADER, API_VERSION);
  });

  app.post('/signup', handleSignup(deps));
  app.post('/token', handleToken(deps));
  app.get('/user', handleGetUser(deps));
  app.put('/user', handleUpdateUser(deps));
  app.post('/logout', handleLogout(deps));
  app.get('/.well-known/jwks.json', handleJwks(deps));
  app.get('/settings', handleSettings(deps));
  app.get('/health', handleHealth());

  // A route, not app.notFound: a sub-app's notFound is not used once it is mounted with route().
  app.all('*', () => {
    throw new AuthFailure(404, 'not_found', 'Not Found');
  });

  // Anything else is a bug: rethrown so the gateway's error handler logs it and answers 500.
  app.onError((error, c) => {
    if (error instanceof AuthFailure) return authFailureResponse(c, error);
    throw error;
  });
  return app;
}
