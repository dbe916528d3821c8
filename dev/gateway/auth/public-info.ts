// The endpoints that need no user: JWKS, GoTrue's /settings and /health.
import type { Context } from 'hono';
import type { AuthDeps } from './settings.js';

/** Every external provider GoTrue lists; the local stack offers none of the OAuth ones. */
const OAUTH_PROVIDERS = [
  'apple', 'azure', 'bitbucket', 'discord', 'facebook', 'figma', 'fly', 'github', 'gitlab', 'google', 'kakao',
  'keycloak', 'linkedin', 'linkedin_oidc', 'notion', 'slack', 'slack_oidc', 'spotify', 'twitch', 'twitter',
  'workos', 'x', 'zoom',
] as const;

export function handleJwks(deps: AuthDeps) {
  return (c: Context) => c.json(deps.keys.jwks());
}

export function handleSettings(deps: AuthDeps) {
  return (c: Context) =>
    c.json({
      external: {
        anonymous_users: deps.settings.anonymousSignIns,
        ...Object.fromEntries(OAUTH_PROVIDERS.map((provider) => [provider, false])),
        email: true,
        phone: false,
      },
      disable_signup: !deps.settings.signups,
      mailer_autoconfirm: true,
      phone_autoconfirm: false,
      sms_provider: '',
      saml_enabled: false,
    });
}

export function handleHealth() {
  return (c: Context) =>
    c.json({ version: 'jd-kit-local', name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' });
}
