// The email and password rules GoTrue applies on sign-up, sign-in and user update.
import { AuthFailure, validationFailed } from './errors.js';

/** bcrypt only reads the first 72 bytes; a longer password would be silently truncated. */
const MAX_PASSWORD_BYTES = 72;
const MAX_EMAIL_LENGTH = 255;
// GoTrue's pattern (HTML5's valid e-mail address).
const EMAIL_PATTERN =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** Accounts are keyed by the lower-cased, trimmed address, as GoTrue stores them. */
export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email === '') throw validationFailed('An email address is required');
  if (email.length > MAX_EMAIL_LENGTH) throw validationFailed('An email address is too long');
  if (!EMAIL_PATTERN.test(email)) throw validationFailed('Unable to validate email address: invalid format');
  return email;
}

/** config.toml `password_requirements`, as the Supabase CLI spells them. */
export const PASSWORD_REQUIREMENTS = ['', 'letters_digits', 'lower_upper_letters_digits', 'lower_upper_letters_digits_symbols'] as const;
export type PasswordRequirements = (typeof PASSWORD_REQUIREMENTS)[number];

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
// As GoTrue prints the set in its message (the colon is escaped in its configuration, where ':' separates sets).
const SYMBOLS = `!@#$%^&*()_+-=[]{};':"|<>?,./\`~`;

/** The character sets GoTrue is given for each requirement: a password needs one character of each set. */
const REQUIRED_CHARACTER_SETS: Record<PasswordRequirements, readonly string[]> = {
  '': [],
  letters_digits: [LOWER + UPPER, DIGITS],
  lower_upper_letters_digits: [LOWER, UPPER, DIGITS],
  lower_upper_letters_digits_symbols: [LOWER, UPPER, DIGITS, SYMBOLS],
};

export interface PasswordPolicy {
  minimumLength: number;
  requirements?: PasswordRequirements;
}

/** GoTrue's checkPasswordStrength: every unmet rule is a reason, and the messages are joined. */
export function checkPasswordStrength(password: string, policy: PasswordPolicy): void {
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    throw validationFailed(`Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`);
  }
  const reasons: string[] = [];
  const messages: string[] = [];
  // Counted in characters, not bytes, so "at least 6 characters" means what it says.
  if ([...password].length < policy.minimumLength) {
    reasons.push('length');
    messages.push(`Password should be at least ${policy.minimumLength} characters.`);
  }
  const sets = REQUIRED_CHARACTER_SETS[policy.requirements ?? ''];
  if (sets.some((set) => ![...password].some((character) => set.includes(character)))) {
    reasons.push('characters');
    messages.push(`Password should contain at least one character of each: ${sets.join(', ')}.`);
  }
  if (reasons.length > 0) {
    throw new AuthFailure(422, 'weak_password', messages.join(' '), { weak_password: { reasons } });
  }
}
