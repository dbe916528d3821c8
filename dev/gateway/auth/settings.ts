// What the auth routes need from the stack's configuration and services.
import type { SerialDatabase } from '../../db/serial-database.js';
import type { KeySet } from '../keys.js';
import type { PasswordPolicy, PasswordRequirements } from './credentials.js';
import type { SignInLimits } from './sign-in-limiter.js';

/** The GoTrue settings the local stack supports (GOTRUE_* in a hosted project). */
export interface AuthSettings {
  /** `iss` of access tokens, e.g. http://127.0.0.1:54321/auth/v1 */
  issuer: string;
  /** Access token lifetime; keep it well above supabase-js's 90 s refresh margin. GoTrue: 3600. */
  jwtExpirySeconds: number;
  anonymousSignIns: boolean;
  signups: boolean;
  /** GoTrue: 6. */
  minimumPasswordLength: number;
  /** Characters a password must contain (config.toml `password_requirements`). GoTrue: none (''). */
  passwordRequirements?: PasswordRequirements;
  /**
   * How long a just-rotated refresh token may still be presented and get the session's current
   * token back (a client that lost the refresh response). GoTrue: 10 s. Tests set 0.
   */
  refreshTokenReuseIntervalSeconds?: number;
  /** Failed password sign-ins allowed per account and per client address. Default: DEFAULT_SIGN_IN_LIMITS. */
  signInLimits?: SignInLimits;
}

export const DEFAULT_REFRESH_TOKEN_REUSE_INTERVAL_SECONDS = 10;

export const passwordPolicy = (settings: AuthSettings): PasswordPolicy => ({
  minimumLength: settings.minimumPasswordLength,
  requirements: settings.passwordRequirements ?? '',
});

export interface AuthDeps {
  database: SerialDatabase;
  keys: KeySet;
  settings: AuthSettings;
}
