import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sharedStyles } from '../core/shared.styles.js';
import { JdThemedElement } from '../core/themed-element.js';
import { fillPlaceholders, langOf, localeOf, msg, type MessageId } from '../core/i18n.js';
import { sessionContext, type JdSessionState } from '../core/session-context.js';
import type { NotificationItem } from '../core/data-access.js';
import { icon } from '../core/icons.js';
import { displayText } from '../../domain/comment-text.js';
import type { Lang } from '../../domain/sections.js';
import { NotificationsController } from './notifications-controller.js';
import { JdNotificationOpenEvent } from './events.js';
import { notificationsStyles } from './notifications.styles.js';

/** The sentence of a notification: who did what, in which document. */
function sentence(lang: Lang, n: NotificationItem): string {
  const kind: MessageId =
    n.kind === 'decision'
      ? n.decision === 'approved'
        ? 'notifications.kind.approved'
        : n.decision === 'rejected'
          ? 'notifications.kind.rejected'
          : 'notifications.kind.changes_requested'
      : `notifications.kind.${n.kind}`;
  const title = n.documentTitle[lang] ?? n.documentTitle[lang === 'en' ? 'fr' : 'en'];
  return msg(lang, kind, {
    actor: n.actorName ? displayText(n.actorName, 200) : msg(lang, 'notifications.someone'),
    document: title ? (lang === 'fr' ? `« ${title} »` : `“${title}”`) : msg(lang, 'notifications.untitled'),
  });
}

/**
 * The signed-in user's notifications: a bell button with the unread count, opening a list of
 * mentions, replies to their threads, submissions for review and decisions, each linking to its
 * document (and comment), marked read one by one or all at once. The count follows the server
 * within `poll-interval` ms (polling the notification_state RPC while the page is visible).
 * Needs a `<jd-session>` ancestor.
 *
 * @fires jd-notification-open - A notification's link was followed (`documentId`, `commentId`); cancel it to route yourself.
 * @csspart bell - The button that opens and closes the list; its name says the unread count.
 * @csspart count - The unread count on the bell (absent at 0).
 * @csspart panel - The list with its heading and "mark all read".
 * @csspart item - One notification (`unread` too while unread).
 * @csspart mark-read - A notification's "mark read" button.
 * @csspart mark-all - The "mark all read" button.
 * @csspart error - Why the notifications could not be loaded.
 */
export class JdNotifications extends JdThemedElement {
  static override styles = [sharedStyles, notificationsStyles];

  /** ms between two polls of the server while the page is visible. */
  @property({ type: Number, attribute: 'poll-interval' }) pollInterval = 750;
  /**
   * The address of a notification's link: `{lang}`, `{document}` and `{comment}` (empty when the
   * notification is about a review round) are filled in. Default: the demo portal's route.
   */
  @property({ attribute: 'link-template' }) linkTemplate = '#/{lang}/documents/{document}';
  /** Whether the list is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  session: JdSessionState | undefined;

  /** @internal */
  readonly notifications = new NotificationsController(this);
  @query('[part~=bell]') private bell!: HTMLButtonElement | null;
  @query('[part~=panel]') private panel!: HTMLElement | null;

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('open') && this.open) this.#keepPanelInView();
  }

  /**
   * The panel hangs from the bell's end edge; on a narrow screen where the bell is not at the
   * viewport's end (a portal header that wraps), it would stick out past the start edge. Shift
   * it back inside the viewport, keeping the same margin the panel's width leaves.
   */
  #keepPanelInView(): void {
    const panel = this.panel;
    if (!panel) return;
    panel.style.removeProperty('--_shift');
    const margin = 8;
    const rect = panel.getBoundingClientRect();
    const viewport = document.documentElement.clientWidth;
    let shift = 0;
    if (rect.left < margin) shift = margin - rect.left;
    else if (rect.right > viewport - margin) shift = viewport - margin - rect.right;
    if (shift !== 0) panel.style.setProperty('--_shift', `${Math.round(shift)}px`);
  }

  /** @internal The interface language. */
  get uiLang(): Lang {
    return this.session?.lang ?? langOf(this);
  }

  #t(id: MessageId, values?: Record<string, string | number>): string {
    return msg(this.uiLang, id, values);
  }

  #toggle(): void {
    this.open = !this.open;
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open) return;
    event.stopPropagation();
    this.open = false;
    this.bell?.focus();
  }

  #href(n: NotificationItem): string {
    return fillPlaceholders(this.linkTemplate, {
      lang: encodeURIComponent(this.uiLang),
      document: encodeURIComponent(n.documentId),
      comment: encodeURIComponent(n.commentId ?? ''),
    });
  }

  #follow(event: MouseEvent, n: NotificationItem): void {
    const open = new JdNotificationOpenEvent(n.documentId, n.commentId);
    this.dispatchEvent(open);
    if (open.defaultPrevented) event.preventDefault();
    if (n.readAt === null) void this.notifications.markRead(n.id);
  }

  #item(n: NotificationItem) {
    const lang = this.uiLang;
    const text = sentence(lang, n);
    const when = new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(n.createdAt));
    const unread = n.readAt === null;
    return html`<li part=${unread ? 'item unread' : 'item'} data-kind=${n.kind} data-id=${n.id}>
      <div class="text">
        <span>${unread
          ? html`<span class="dot" aria-hidden="true"></span><span class="visually-hidden">${this.#t('notifications.unreadItem')}: </span>`
          : nothing}<a href=${this.#href(n)} @click=${(e: MouseEvent) => this.#follow(e, n)}>${text}</a></span>
        ${n.commentExcerpt ? html`<q class="excerpt">${displayText(n.commentExcerpt, 200)}</q>` : nothing}
        <time datetime=${n.createdAt}>${when}</time>
      </div>
      ${unread
        ? html`<button type="button" part="mark-read" aria-label=${this.#t('notifications.markReadOf', { what: text })}
            @click=${() => void this.notifications.markRead(n.id)}>${this.#t('notifications.markRead')}</button>`
        : nothing}
    </li>`;
  }

  protected override render() {
    if (!this.session?.user) return nothing;
    const { unread, items, failure, loaded } = this.notifications;
    return html`<div class="wrap" @keydown=${this.#onKeydown}>
      <button type="button" part="bell" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="panel"
        aria-label=${this.#t('notifications.bell', { count: unread })} @click=${this.#toggle}>
        ${icon('notifications')}
        ${unread > 0 ? html`<span part="count" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
      </button>
      <span class="visually-hidden" role="status" aria-live="polite">${loaded ? this.#t('notifications.unread', { count: unread }) : ''}</span>
      <section id="panel" part="panel" ?hidden=${!this.open} aria-labelledby="heading">
        <div class="head">
          <h2 id="heading">${this.#t('notifications.label')}</h2>
          ${unread > 0
            ? html`<button type="button" part="mark-all" @click=${() => void this.notifications.markRead(null)}>${this.#t('notifications.markAll')}</button>`
            : nothing}
        </div>
        ${failure ? html`<p part="error" role="alert">${this.#t('notifications.failed', { message: failure.message })}</p>` : nothing}
        ${items.length > 0
          ? html`<ul>${items.map((n) => this.#item(n))}</ul>`
          : loaded
            ? html`<p class="empty">${this.#t('notifications.none')}</p>`
            : nothing}
      </section>
    </div>`;
  }
}
