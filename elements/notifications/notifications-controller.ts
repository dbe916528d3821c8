// The signed-in user's notifications, kept current by polling the tiny notification_state RPC
// (the unread count and the newest notification's time: one indexed count per call) and reading
// the list only when that answer changes. The gateway's REST has no ETag/If-None-Match, so this
// RPC is the cheap "has anything changed?" question. Polling stops while the page is hidden and
// resumes with an immediate poll when it is shown again.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { JdSessionState } from '../core/session-context.js';
import {
  fetchNotifications,
  fetchNotificationState,
  markNotificationsRead,
  type NotificationItem,
  type RequestFailure,
} from '../core/data-access.js';

export interface NotificationsHost extends ReactiveControllerHost {
  readonly session: JdSessionState | undefined;
  /** ms between polls while the page is visible. */
  readonly pollInterval: number;
}

/** At most this many notifications are listed (list_notifications allows 200). */
const LISTED = 30;

export class NotificationsController implements ReactiveController {
  unread = 0;
  items: NotificationItem[] = [];
  failure: RequestFailure | null = null;
  /** Whether the list has been read at least once for the current user. */
  loaded = false;
  /** When (performance.now()) the last completed poll was sent: what it shows is at least that recent. */
  lastPollSentAt = -1;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #polling = false;
  #userKey = '';
  #seen = '';
  #connected = false;
  readonly #onVisibility = () => {
    if (document.visibilityState === 'visible') void this.poll();
  };

  constructor(private readonly host: NotificationsHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#schedule(0);
  }

  hostDisconnected(): void {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Called by the host when its session changes: another user starts from nothing. */
  hostUpdate(): void {
    const key = `${this.host.session?.user?.id ?? ''}|${this.host.session?.accessToken ? 1 : 0}`;
    if (key === this.#userKey) return;
    this.#userKey = key;
    this.unread = 0;
    this.items = [];
    this.loaded = false;
    this.failure = null;
    this.#seen = '';
    this.#schedule(0);
  }

  #schedule(ms: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = this.#connected ? setTimeout(() => void this.poll(), ms) : null;
  }

  /** Asks whether anything changed, reads the list when it did, and schedules the next poll. */
  async poll(): Promise<void> {
    if (this.#polling) return;
    const client = this.host.session?.client;
    if (!client || !this.host.session?.user) return;
    this.#polling = true;
    const userKey = this.#userKey;
    const sentAt = performance.now();
    try {
      const state = await fetchNotificationState(client);
      if (userKey !== this.#userKey) return;
      if ('error' in state) {
        this.failure = state.error;
        return;
      }
      const seen = `${state.unread}|${state.latest ?? ''}`;
      if (seen !== this.#seen || !this.loaded) await this.#reload(userKey);
      if (this.failure === null) {
        this.#seen = seen;
        this.unread = state.unread;
        this.lastPollSentAt = sentAt;
      }
    } finally {
      this.#polling = false;
      this.host.requestUpdate();
      if (typeof document === 'undefined' || document.visibilityState !== 'hidden') this.#schedule(this.host.pollInterval);
    }
  }

  async #reload(userKey: string): Promise<void> {
    const client = this.host.session?.client;
    if (!client) return;
    const items = await fetchNotifications(client, LISTED);
    if (userKey !== this.#userKey) return;
    if ('error' in items) {
      this.failure = items.error;
      return;
    }
    this.failure = null;
    this.items = items;
    this.loaded = true;
  }

  /** Marks one notification read (`id`) or all (null), then shows what the server has. */
  async markRead(id: string | null): Promise<void> {
    const client = this.host.session?.client;
    if (!client) return;
    // Shown at once; the reload below corrects it if the server disagreed.
    const now = new Date().toISOString();
    const wasUnread = this.items.filter((n) => n.readAt === null && (id === null || n.id === id)).length;
    this.items = this.items.map((n) => (id === null || n.id === id ? { ...n, readAt: n.readAt ?? now } : n));
    this.unread = id === null ? 0 : Math.max(0, this.unread - wasUnread);
    this.host.requestUpdate();
    const failure = await markNotificationsRead(client, id);
    this.failure = failure;
    // The next poll reads the list and the count again, whatever they were.
    this.#seen = '';
    this.#schedule(0);
    this.host.requestUpdate();
  }
}
