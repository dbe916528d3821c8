// SQL for auth.sessions, auth.mfa_amr_claims and auth.refresh_tokens. Refresh tokens are
// opaque random strings; each use revokes the token and issues its child in the same session
// (GoTrue's rotation), so a stolen token that was already used is detectable.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Transaction } from '../../db/serial-database.js';

export type AuthenticationMethod = 'password' | 'anonymous';

export interface AmrEntry {
  method: string;
  timestamp: number;
}

export interface SessionRecord {
  id: string;
  user_id: string;
  aal: string | null;
}

export interface RefreshTokenRecord {
  token: string;
  user_id: string;
  session_id: string;
  revoked: boolean;
  /** Whether a revoked token is still inside the reuse interval (computed by the database clock). */
  reusable: boolean;
}

export type LogoutScope = 'global' | 'local' | 'others';

/** 32 random bytes: unguessable, URL-safe, well under GoTrue's varchar(255). */
const newRefreshToken = () => randomBytes(32).toString('base64url');

export async function startSession(
  tx: Transaction,
  userId: string,
  method: AuthenticationMethod,
): Promise<{ sessionId: string; refreshToken: string }> {
  const sessionId = randomUUID();
  await tx.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, refreshed_at)
     values ($1, $2, now(), now(), 'aal1', now() at time zone 'utc')`,
    [sessionId, userId],
  );
  await tx.query(
    `insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
     values ($1, now(), now(), $2, $3)`,
    [sessionId, method, randomUUID()],
  );
  const refreshToken = newRefreshToken();
  await insertRefreshToken(tx, { token: refreshToken, userId, sessionId, parent: null });
  return { sessionId, refreshToken };
}

async function insertRefreshToken(
  tx: Transaction,
  token: { token: string; userId: string; sessionId: string; parent: string | null },
): Promise<void> {
  await tx.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4)`,
    [token.token, token.userId, token.parent, token.sessionId],
  );
}

export async function findSession(tx: Transaction, sessionId: string): Promise<SessionRecord | null> {
  const { rows } = await tx.query<SessionRecord>(`select id, user_id, aal::text as aal from auth.sessions where id = $1`, [sessionId]);
  return rows[0] ?? null;
}

export async function sessionAmr(tx: Transaction, sessionId: string): Promise<AmrEntry[]> {
  const { rows } = await tx.query<{ method: string; timestamp: number | bigint }>(
    `select authentication_method as method, floor(extract(epoch from created_at))::bigint as timestamp
     from auth.mfa_amr_claims where session_id = $1 order by created_at desc`,
    [sessionId],
  );
  return rows.map((row) => ({ method: row.method, timestamp: Number(row.timestamp) }));
}

/** A token whose session was deleted (sign-out) is gone with it: the foreign key cascades. */
export async function findRefreshToken(
  tx: Transaction,
  token: string,
  reuseIntervalSeconds: number,
): Promise<RefreshTokenRecord | null> {
  const { rows } = await tx.query<RefreshTokenRecord>(
    `select token, user_id, session_id, coalesce(revoked, false) as revoked,
       updated_at + make_interval(secs => $2) > now() as reusable
     from auth.refresh_tokens where token = $1 and session_id is not null`,
    [token, reuseIntervalSeconds],
  );
  return rows[0] ?? null;
}

/** The session's newest unrevoked token (GoTrue's FindCurrentlyActiveRefreshToken). */
export async function findActiveRefreshToken(tx: Transaction, sessionId: string): Promise<string | null> {
  const { rows } = await tx.query<{ token: string }>(
    `select token from auth.refresh_tokens where session_id = $1 and not coalesce(revoked, false) order by id desc limit 1`,
    [sessionId],
  );
  return rows[0]?.token ?? null;
}

/** Revokes `parent` and issues its child in the same session. */
export async function rotateRefreshToken(tx: Transaction, parent: RefreshTokenRecord): Promise<string> {
  await tx.query(`update auth.refresh_tokens set revoked = true, updated_at = now() where token = $1`, [parent.token]);
  const child = newRefreshToken();
  await insertRefreshToken(tx, { token: child, userId: parent.user_id, sessionId: parent.session_id, parent: parent.token });
  await tx.query(`update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now() where id = $1`, [
    parent.session_id,
  ]);
  return child;
}

/**
 * A revoked token presented again after the reuse interval means two parties hold the chain:
 * every token of the session is revoked so neither can keep refreshing (GoTrue's RevokeTokenFamily).
 */
export async function revokeTokenFamily(tx: Transaction, sessionId: string): Promise<void> {
  await tx.query(`update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and not coalesce(revoked, false)`, [
    sessionId,
  ]);
}

/** Sign-out deletes sessions; their refresh tokens and amr claims go with them (on delete cascade). */
export async function endSessions(
  tx: Transaction,
  userId: string,
  scope: LogoutScope,
  currentSessionId: string | null,
): Promise<void> {
  if (scope === 'local' && currentSessionId) {
    await tx.query(`delete from auth.sessions where id = $1`, [currentSessionId]);
  } else if (scope === 'others' && currentSessionId) {
    await tx.query(`delete from auth.sessions where user_id = $1 and id <> $2`, [userId, currentSessionId]);
  } else {
    await tx.query(`delete from auth.sessions where user_id = $1`, [userId]);
  }
}
