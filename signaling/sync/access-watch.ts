// Keeps the access of open connections current. Access is decided when a connection opens; a
// member downgraded or removed while connected must not keep editing or receiving. Postgres
// announces membership and document changes on `jd_access_changed` (migration
// 20261205100300): the connections the payload names re-check at once. Every connection is also
// re-checked every `intervalMs`, for notifications that never arrive (a database connection
// without LISTEN, such as a pooler in transaction mode, or one that dropped for a while).
import { z } from 'zod';
import type { SyncDatabase } from '../db/sql-access.js';
import type { Logger } from '../ops/logger.js';

export const ACCESS_CHANNEL = 'jd_access_changed';

const AccessChange = z.union([z.object({ user_id: z.string() }), z.object({ document_id: z.string() })]);

/** A connection whose access can be re-decided. */
export interface AccessHolder {
  /** auth.users id of the token; null for API keys (the service). */
  readonly userId: string | null;
  /** Whether it holds `documentId` (canonical, lower case) open. */
  holds(documentId: string): boolean;
  /** Asks Postgres again and narrows (or widens) what the connection may do, or closes it. */
  recheck(): Promise<void>;
}

export class AccessWatch {
  private readonly holders = new Set<AccessHolder>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: SyncDatabase,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  async start() {
    if (this.db.listen) {
      try {
        this.unlisten = await this.db.listen(ACCESS_CHANNEL, (payload) => this.notified(payload));
      } catch (error) {
        this.log.warn({ error }, `LISTEN ${ACCESS_CHANNEL} failed; access is re-checked every ${this.intervalMs} ms only`);
      }
    }
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  /** Watches `holder` until the returned function is called. */
  add(holder: AccessHolder): () => void {
    this.holders.add(holder);
    return () => this.holders.delete(holder);
  }

  /** Stops the sweep at once; resolves once no longer listening. */
  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.holders.clear();
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.().catch((error: unknown) => this.log.warn({ error }, `UNLISTEN ${ACCESS_CHANNEL} failed`));
  }

  private notified(payload: string) {
    let change: z.infer<typeof AccessChange>;
    try {
      change = AccessChange.parse(JSON.parse(payload));
    } catch (error) {
      this.log.warn({ payload, error }, `ignored a ${ACCESS_CHANNEL} notification that is not {"user_id"} or {"document_id"}`);
      return;
    }
    const affected = [...this.holders].filter((h) =>
      'user_id' in change ? h.userId !== null && h.userId.toLowerCase() === change.user_id.toLowerCase() : h.holds(change.document_id.toLowerCase()),
    );
    for (const holder of affected) void holder.recheck();
  }

  /** One holder after the other: the safety net must not flood the database. */
  private async sweep() {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const holder of [...this.holders]) if (this.holders.has(holder)) await holder.recheck();
    } finally {
      this.sweeping = false;
    }
  }
}
