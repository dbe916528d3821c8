// The gateway's schema cache for functions, as PostgREST keeps one: each called function's
// overloads are read from the catalogs once and remembered. That saves the catalog query on
// every rpc (1-2 ms of CPU on PGlite) and lets the request's first statement make the
// transaction read-only for a non-volatile function. It stays current the way PostgREST's does,
// plus two fallbacks PostgREST does not have:
//  - `NOTIFY pgrst, 'reload schema'` (or an empty payload) empties it: PostgREST's documented
//    reload signal, which the platform's event triggers (dev/db/platform/20-schema-cache.sql, the
//    ones PostgREST's documentation gives) send after any DDL, from in-process code or a wire client;
//  - a name it does not hold, or a call none of its overloads takes, is read from the catalogs
//    again before the answer is a 404 (a function created a moment ago is found);
//  - a call served from it that fails the way an outdated description would make it fail is
//    forgotten and run once more from the catalogs (`mayBeOutdated` below).
// Without a notification source (tests that mount the routes alone) nothing is remembered: every
// call reads the catalogs, as before the cache.
import type { DatabaseNotifications } from '../../db/notifications.js';
import { isDatabaseError } from './database-errors.js';
import type { RoutineInfo } from './schema-introspection.js';

/** PostgREST's reload channel and the payloads that reload the schema cache. */
export const RELOAD_CHANNEL = 'pgrst';
const RELOAD_PAYLOADS: ReadonlySet<string> = new Set(['', 'reload schema']);

// What Postgres answers when the function, its result columns or its volatility are not what the
// cache says: undefined function, undefined column, datatype mismatch, read-only transaction.
const OUTDATED_DESCRIPTION_CODES: ReadonlySet<string> = new Set(['42883', '42703', '42804', '25006']);

/** A failure of a call made from the cache that a fresh read of the catalogs might avoid. */
export function mayBeOutdated(error: unknown): boolean {
  return isDatabaseError(error) && OUTDATED_DESCRIPTION_CODES.has(error.code);
}

export class RoutineCache {
  readonly #entries = new Map<string, readonly RoutineInfo[]>();
  /** Bumped by every reload, so a catalog read that started before one is not remembered. */
  #generation = 0;
  #following = false;

  /** Starts emptying the cache on PostgREST's reload notification; until then nothing is kept. */
  async followReloads(notifications: DatabaseNotifications): Promise<() => Promise<void>> {
    const unlisten = await notifications.listen(RELOAD_CHANNEL, (payload) => {
      if (RELOAD_PAYLOADS.has(payload.trim())) this.clear();
    });
    this.#following = true;
    return async () => {
      this.#following = false;
      this.clear();
      await unlisten();
    };
  }

  /** The remembered overloads of `schema.name`, if any. */
  get(schema: string, name: string): readonly RoutineInfo[] | undefined {
    return this.#entries.get(key(schema, name));
  }

  /** A token to hand back to `remember` with what a catalog read started now found. */
  get generation(): number {
    return this.#generation;
  }

  /** Keeps a catalog read's overloads, unless the cache was reloaded since the read began. Nothing found is not kept. */
  remember(schema: string, name: string, overloads: readonly RoutineInfo[], generation: number): void {
    if (!this.#following || generation !== this.#generation || overloads.length === 0) return;
    this.#entries.set(key(schema, name), overloads);
  }

  forget(schema: string, name: string): void {
    this.#entries.delete(key(schema, name));
  }

  clear(): void {
    this.#generation += 1;
    this.#entries.clear();
  }
}

function key(schema: string, name: string): string {
  return JSON.stringify([schema, name]);
}
