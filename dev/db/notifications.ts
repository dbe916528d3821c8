// NOTIFY as the stack's in-process code sees it. PGlite's `listen()` delivers what in-process
// statements raise; what a wire client (psql, the Supabase CLI) raises reaches only that client's
// own response, from which the wire queue hands it here. Listening here gets both.
import type { PGlite } from '@electric-sql/pglite';
import type { WireNotification } from './wire-response-tracker.js';

export type NotificationListener = (payload: string) => void;

export class DatabaseNotifications {
  readonly #pg: PGlite;
  readonly #wireListeners = new Map<string, Set<NotificationListener>>();

  constructor(pg: PGlite) {
    this.#pg = pg;
  }

  /** Calls `listener` with each payload sent on `channel`; resolves to the unsubscribe function. */
  async listen(channel: string, listener: NotificationListener): Promise<() => Promise<void>> {
    const unlisten = await this.#pg.listen(channel, listener);
    const listeners = this.#wireListeners.get(channel) ?? new Set<NotificationListener>();
    listeners.add(listener);
    this.#wireListeners.set(channel, listeners);
    return async () => {
      listeners.delete(listener);
      await unlisten();
    };
  }

  /** A notification found in a wire client's response (WireSessionQueueOptions.onNotification). */
  fromWire(notification: WireNotification): void {
    for (const listener of this.#wireListeners.get(notification.channel) ?? []) listener(notification.payload);
  }
}
