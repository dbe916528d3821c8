// SQL for auth.users and auth.identities. Every query names its columns, so the password
// hash is read only by the one function that needs it.
import type { Transaction } from '../../db/serial-database.js';

export type JsonObject = Record<string, unknown>;

export interface UserRecord {
  id: string;
  aud: string;
  role: string;
  email: string | null;
  phone: string | null;
  email_confirmed_at: Date | null;
  phone_confirmed_at: Date | null;
  confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: JsonObject | null;
  raw_user_meta_data: JsonObject | null;
  is_anonymous: boolean;
  banned_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface IdentityRecord {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: JsonObject;
  provider: string;
  email: string | null;
  last_sign_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const USER_COLUMNS = `id, aud, role, email, phone, email_confirmed_at, phone_confirmed_at, confirmed_at,
  last_sign_in_at, raw_app_meta_data, raw_user_meta_data, is_anonymous, banned_until, created_at, updated_at`;
const IDENTITY_COLUMNS = `id, provider_id, user_id, identity_data, provider, email, last_sign_in_at, created_at, updated_at`;

/** Every user signs in with role `authenticated`, audience `authenticated` (GoTrue's defaults). */
const AUDIENCE = 'authenticated';

export async function findUserById(tx: Transaction, id: string): Promise<UserRecord | null> {
  const { rows } = await tx.query<UserRecord>(`select ${USER_COLUMNS} from auth.users where id = $1`, [id]);
  return rows[0] ?? null;
}

export async function findUserIdByEmail(tx: Transaction, email: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(`select id from auth.users where lower(email) = lower($1)`, [email]);
  return rows[0]?.id ?? null;
}

/** The only read of the password hash: for checking a password, never for a response. */
export async function findPasswordHash(tx: Transaction, userId: string): Promise<string | null> {
  const { rows } = await tx.query<{ encrypted_password: string | null }>(
    `select encrypted_password from auth.users where id = $1`,
    [userId],
  );
  const hash = rows[0]?.encrypted_password;
  return hash ? hash : null;
}

export function isBanned(user: UserRecord, now = new Date()): boolean {
  return user.banned_until !== null && user.banned_until > now;
}

export async function insertUser(
  tx: Transaction,
  user: {
    id: string;
    email: string | null;
    passwordHash: string | null;
    appMetadata: JsonObject;
    userMetadata: JsonObject;
    isAnonymous: boolean;
  },
): Promise<UserRecord> {
  // Auto-confirmed: the local stack sends no mail, as with `enable_confirmations = false`.
  const { rows } = await tx.query<UserRecord>(
    `insert into auth.users (id, instance_id, aud, role, email, encrypted_password, email_confirmed_at,
       raw_app_meta_data, raw_user_meta_data, is_super_admin, is_anonymous, created_at, updated_at)
     values ($7, '00000000-0000-0000-0000-000000000000', $1, $1, $2, $3, case when $2::varchar is null then null else now() end,
       $4::jsonb, $5::jsonb, false, $6, now(), now())
     returning ${USER_COLUMNS}`,
    [AUDIENCE, user.email, user.passwordHash ?? '', JSON.stringify(user.appMetadata), JSON.stringify(user.userMetadata), user.isAnonymous, user.id],
  );
  return rows[0]!;
}

export async function setUserMetadata(tx: Transaction, userId: string, metadata: JsonObject): Promise<void> {
  await tx.query(`update auth.users set raw_user_meta_data = $2::jsonb, updated_at = now() where id = $1`, [
    userId,
    JSON.stringify(metadata),
  ]);
}

export async function setPasswordHash(tx: Transaction, userId: string, passwordHash: string): Promise<void> {
  await tx.query(`update auth.users set encrypted_password = $2, updated_at = now() where id = $1`, [userId, passwordHash]);
}

/** Applied at once and confirmed: there is no mailer to confirm a change with. */
export async function setConfirmedEmail(tx: Transaction, userId: string, email: string): Promise<void> {
  await tx.query(
    `update auth.users set email = $2, email_confirmed_at = now(), email_change = '', updated_at = now() where id = $1`,
    [userId, email],
  );
}

/** An anonymous user who adds an email becomes a permanent email user. */
export async function makePermanent(tx: Transaction, userId: string, appMetadata: JsonObject): Promise<void> {
  await tx.query(`update auth.users set is_anonymous = false, raw_app_meta_data = $2::jsonb, updated_at = now() where id = $1`, [
    userId,
    JSON.stringify(appMetadata),
  ]);
}

export async function recordSignIn(tx: Transaction, userId: string, provider: string | null): Promise<void> {
  await tx.query(`update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1`, [userId]);
  if (provider) {
    await tx.query(`update auth.identities set last_sign_in_at = now(), updated_at = now() where user_id = $1 and provider = $2`, [
      userId,
      provider,
    ]);
  }
}

export async function findIdentities(tx: Transaction, userId: string): Promise<IdentityRecord[]> {
  const { rows } = await tx.query<IdentityRecord>(
    `select ${IDENTITY_COLUMNS} from auth.identities where user_id = $1 order by created_at, id`,
    [userId],
  );
  return rows;
}

/** The email identity's provider_id is the user id, as in GoTrue. */
export async function insertEmailIdentity(tx: Transaction, userId: string, identityData: JsonObject): Promise<void> {
  await tx.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     values ($1, $2, $3::jsonb, 'email', now(), now(), now())`,
    [userId, userId, JSON.stringify(identityData)],
  );
}

export async function setEmailIdentityAddress(tx: Transaction, userId: string, email: string): Promise<void> {
  await tx.query(
    `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text), updated_at = now()
     where user_id = $1 and provider = 'email'`,
    [userId, email],
  );
}

/** GoTrue's metadata merge: keys are replaced, and a null value removes the key. */
export function mergeMetadata(current: JsonObject | null, updates: JsonObject): JsonObject {
  const merged: JsonObject = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(updates)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
