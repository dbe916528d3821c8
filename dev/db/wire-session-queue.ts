import { protocol, type PGlite } from '@electric-sql/pglite';
import { WireResponseTracker, type WireNotification } from './wire-response-tracker.js';

/**
 * Why not the queue that ships with PGLiteSocketServer: it runs each wire message under
 * `pg.runExclusive()`, which is only PGlite's *query* mutex. `pg.transaction()` (and so
 * SerialDatabase.runAs) holds the *transaction* mutex and takes the query mutex per statement,
 * so a wire message can run between two statements of a request, inside its transaction and
 * as its role (observed: psql saw `current_user = anon`). And when a wire client had spoken
 * before, the upstream queue waits for that client while the in-process transaction is open and
 * then never resumes (observed: psql hangs).
 *
 * This queue gives the single PGlite session to one party at a time:
 *  - a wire client becomes the owner when its message is taken, after acquiring PGlite's
 *    transaction mutex, so in-process transactions/queries wait for it and it waits for them;
 *  - it stays the owner, and only its messages run, until PGlite answers ReadyForQuery with
 *    status idle ('I'): that covers explicit transactions (BEGIN … COMMIT across many messages)
 *    and extended-protocol exchanges (Parse/Bind/Execute … Sync), which must not interleave
 *    with another client's;
 *  - when a client disconnects, its unfinished work is rolled back and what it may have set at
 *    session level (role, settings, prepared statements, cursors, temp tables, advisory locks)
 *    is reset, because the next client — or the gateway — shares the same backend.
 * It implements the three methods PGLiteSocketHandler calls on its `queryQueue`.
 *
 * PGlite detail this relies on: `execProtocolRawStream()` installs its `onRawData` callback and
 * never removes it, and `execProtocolRaw()`/`execProtocol()` do not install their own, so their
 * output would go to the last wire client's socket (observed: a reset's replies written to a
 * departed psql, EPIPE). Every statement here therefore goes through execProtocolRawStream.
 */
export interface WireSessionQueueOptions {
  /** SQL (simple-query, several statements allowed) that returns the session to its baseline. */
  sessionResetSql: string;
  /**
   * A client that owns the session but sends nothing for this long is disconnected (0 = never),
   * like Postgres' idle_in_transaction_session_timeout: while it owns the session, nobody else
   * (the gateway included) can use the database.
   */
  idleOwnerTimeoutMs: number;
  /** Called with the handler to disconnect when it exceeds `idleOwnerTimeoutMs`. */
  onIdleOwner: (handlerId: number) => void;
  /** Failures that have no caller to go to (session cleanup after a disconnect). */
  onError: (error: unknown) => void;
  /**
   * Notifications a client's statement delivered (its own NOTIFY, or a trigger's, at commit). They
   * reach only that client's socket, never the in-process `pg.listen()` callbacks, so in-process
   * listeners that must see them (the gateway's schema cache) get them here.
   */
  onNotification?: (notification: WireNotification) => void;
}

interface MessageTask {
  kind: 'message';
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

interface EndTask {
  kind: 'end';
  handlerId: number;
  done: () => void;
}

type Task = MessageTask | EndTask;

interface Owner {
  handlerId: number;
  release: () => void;
}

/** Takes PGlite's transaction mutex and keeps it until the returned function is called. */
function holdTransactionMutex(pg: PGlite): Promise<() => void> {
  return new Promise((held) => {
    void pg._runExclusiveTransaction(() => new Promise<void>((release) => held(release)));
  });
}

/** Statements that undo what a departed wire client may have left in the shared session. */
export function buildSessionResetSql(baseline: ReadonlyArray<{ name: string; setting: string }>): string {
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const restore = baseline.map(({ name, setting }) => `select set_config(${quote(name)}, ${quote(setting)}, false);`);
  // Not UNLISTEN: in-process `pg.listen()` subscriptions live in the same session.
  return [
    'close all;',
    'reset session authorization;',
    'reset role;',
    'reset all;',
    'deallocate all;',
    'select pg_advisory_unlock_all();',
    'discard temp;',
    'discard sequences;',
    ...restore,
  ].join('\n');
}

export class WireSessionQueue {
  readonly #pg: PGlite;
  readonly #options: WireSessionQueueOptions;
  #tasks: Task[] = [];
  #owner: Owner | undefined;
  #draining = false;
  #idleTimer: NodeJS.Timeout | undefined;
  /** Handlers that have sent something, so their disconnect needs a session cleanup. */
  readonly #touched = new Set<number>();
  /** Handlers being detached: their socket is going away, so their output is dropped. */
  readonly #departed = new Set<number>();

  constructor(pg: PGlite, options: WireSessionQueueOptions) {
    this.#pg = pg;
    this.#options = options;
  }

  /** Called by PGLiteSocketHandler for each complete frontend message; resolves after it ran. */
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    this.#touched.add(handlerId);
    return new Promise((resolve, reject) => {
      this.#tasks.push({ kind: 'message', handlerId, message, onData, resolve, reject });
      void this.#drain();
    });
  }

  /** Called by PGLiteSocketHandler on detach: drop the messages it will never read answers to. */
  clearQueueForHandler(handlerId: number): void {
    this.#departed.add(handlerId);
    this.#tasks = this.#tasks.filter((task) => {
      if (task.handlerId !== handlerId || task.kind !== 'message') return true;
      task.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** Called by PGLiteSocketHandler on detach, after clearQueueForHandler. Never rejects. */
  clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (!this.#touched.delete(handlerId)) {
      this.#departed.delete(handlerId);
      return Promise.resolve();
    }
    return new Promise((done) => {
      this.#tasks.push({ kind: 'end', handlerId, done });
      void this.#drain();
    });
  }

  /** The owner's next task if there is an owner, else the oldest task. */
  #takeTask(): Task | undefined {
    if (!this.#owner) return this.#tasks.shift();
    const ownerId = this.#owner.handlerId;
    const index = this.#tasks.findIndex((task) => task.handlerId === ownerId);
    return index === -1 ? undefined : this.#tasks.splice(index, 1)[0];
  }

  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      for (;;) {
        const task = this.#takeTask();
        if (!task) {
          // Either nothing to do, or the owner is mid-transaction and silent.
          if (this.#owner) this.#armIdleTimer(this.#owner.handlerId);
          return;
        }
        this.#disarmIdleTimer();
        if (!this.#owner) {
          this.#owner = { handlerId: task.handlerId, release: await holdTransactionMutex(this.#pg) };
        }
        if (task.kind === 'message') await this.#runMessage(task);
        else await this.#endSession(task);
      }
    } finally {
      this.#draining = false;
    }
  }

  async #runMessage(task: MessageTask): Promise<void> {
    const tracker = new WireResponseTracker();
    let bytes = 0;
    try {
      await this.#pg.runExclusive(() =>
        this.#pg.execProtocolRawStream(task.message, {
          onRawData: (chunk) => {
            bytes += chunk.length;
            tracker.push(chunk);
            if (!this.#departed.has(task.handlerId)) task.onData(chunk);
          },
        }),
      );
    } catch (error) {
      // The handler disconnects on this; its end task cleans up and releases the session.
      task.reject(error);
      return;
    }
    if (tracker.readyForQuery === 'I') this.#releaseOwner();
    for (const notification of tracker.notifications) this.#options.onNotification?.(notification);
    task.resolve(bytes);
  }

  async #endSession(task: EndTask): Promise<void> {
    const { serialize } = protocol;
    try {
      await this.#pg.runExclusive(async () => {
        // Ends an extended-protocol exchange the client left half-sent (after an error the
        // backend skips everything until Sync, which would swallow the next client's query).
        await this.#runOwnStatement(serialize.sync());
        if (this.#pg.isInTransaction()) await this.#runOwnStatement(serialize.query('rollback'));
        const reset = await this.#runOwnStatement(serialize.query(this.#options.sessionResetSql));
        if (reset.firstError !== undefined) throw new Error(`session reset failed: ${reset.firstError}`);
      });
    } catch (error) {
      this.#options.onError(error);
    } finally {
      this.#releaseOwner();
      this.#departed.delete(task.handlerId);
      task.done();
    }
  }

  /** Runs a message of the queue's own; its output goes to a tracker, never to a socket. */
  async #runOwnStatement(message: Uint8Array): Promise<WireResponseTracker> {
    const tracker = new WireResponseTracker();
    await this.#pg.execProtocolRawStream(message, { onRawData: (chunk) => tracker.push(chunk) });
    return tracker;
  }

  #releaseOwner(): void {
    this.#disarmIdleTimer();
    const owner = this.#owner;
    this.#owner = undefined;
    owner?.release();
  }

  #armIdleTimer(handlerId: number): void {
    if (this.#idleTimer || this.#options.idleOwnerTimeoutMs <= 0) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#owner?.handlerId === handlerId) this.#options.onIdleOwner(handlerId);
    }, this.#options.idleOwnerTimeoutMs);
    // A silent client must not keep the process alive on its own.
    this.#idleTimer.unref();
  }

  #disarmIdleTimer(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }
}
