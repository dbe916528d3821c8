// How `<jd-comments>` draws its threads, filters and forms, and what the user may do to a
// comment; the element keeps the data and the actions.
import { localeOf } from '../core/i18n.js';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Lang } from '../../domain/sections.js';
import type { EncodedAnchor } from '../../domain/comment-anchors.js';
import type { CommentMessageId } from '../core/comment-i18n.js';
import type { CommentPermissions, CommentReply, CommentThread } from '../../domain/comment-model.js';
import { bodySegments, displayText } from '../../domain/comment-text.js';
import type { JdSessionState } from '../core/session-context.js';
import type { MentionsController } from './comment-mentions.js';

export type StatusFilter = 'open' | 'resolved' | 'all';
export type LangFilter = 'all' | Lang;

export interface Draft {
  lang: Lang;
  anchor: EncodedAnchor;
  quote: string;
}

/** How long a confirmation ("Comment added.") stays; errors stay until the next action. */
export const STATUS_MESSAGE_MS = 5000;

/** What the user is doing in the panel: each change re-renders it. */
export class CommentsUi implements ReactiveController {
  /** Replies being typed, by thread: kept across re-renders, filter changes and others' changes to the thread. */
  readonly replyDrafts = new Map<string, string>();
  draft: Draft | null = null;
  editing: string | null = null;
  replying: string | null = null;
  activeId: string | null = null;
  focusId: string | null = null;
  /** The result of the last action. */
  message: { text: string; kind: 'error' | 'status' } | null = null;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly t: (id: CommentMessageId, values?: Record<string, string | number>) => string,
  ) {
    host.addController(this);
    // Every change of a field re-renders the panel, as a @state() field of the element would.
    return new Proxy(this, {
      set(target, key, value) {
        const changed = Reflect.get(target, key) !== value;
        Reflect.set(target, key, value);
        if (changed) host.requestUpdate();
        return true;
      },
    });
  }

  hostDisconnected(): void {
    clearTimeout(this.statusTimer);
  }

  /** A confirmation that goes away by itself: a status line that stayed forever read as stale. */
  showStatus(text: string): void {
    const shown = { text, kind: 'status' as const };
    this.message = shown;
    clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => {
      if (this.message === shown) this.message = null;
    }, STATUS_MESSAGE_MS);
  }

  /** Shows why an action was refused; returns null (what the refused action returns). */
  fail(id: CommentMessageId, values?: Record<string, string | number>): null {
    this.message = { text: this.t(id, values), kind: 'error' };
    return null;
  }

  /** Forgets what was being done (the document closed). */
  reset(): void {
    this.draft = null;
    this.replying = null;
    this.replyDrafts.clear();
  }
}

export interface ThreadsViewHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly session: JdSessionState | undefined;
  readonly threads: CommentThread[];
  readonly permissions: CommentPermissions;
  readonly uiLang: Lang;
  readonly mentions: MentionsController;
  filter: StatusFilter;
  langFilter: LangFilter;
  authorFilter: string;
  mentionsOnly: boolean;
  isRemoved(threadId: string): boolean;
  t(id: CommentMessageId, values?: Record<string, string | number>): string;
  addComment(input: { lang: Lang; anchor: EncodedAnchor; quote: string; body: string }): string | null;
  reply(threadId: string, body: string): string | null;
  resolve(threadId: string, resolved?: boolean): boolean;
  edit(threadId: string, replyId: string | null, body: string): boolean;
  removeComment(threadId: string, replyId: string | null): boolean;
  select(threadId: string, options?: { focusText?: boolean }): void;
}

function formBody(event: SubmitEvent): string {
  event.preventDefault();
  return ((event.target as HTMLFormElement).elements.namedItem('body') as HTMLTextAreaElement).value;
}

export class ThreadsView {
  constructor(
    private readonly h: ThreadsViewHost,
    private readonly ui: CommentsUi,
  ) {}

  comment(threadId: string, replyId: string | null): CommentReply | null {
    const thread = this.h.threads.find((t) => t.id === threadId);
    if (!thread) return null;
    return replyId === null ? thread : (thread.replies.find((r) => r.id === replyId) ?? null);
  }

  canEdit(comment: CommentReply | null): boolean {
    return !!comment && this.h.permissions.comment && comment.authorId === this.h.session?.user?.id;
  }

  canDelete(threadId: string, replyId: string | null): boolean {
    const comment = this.comment(threadId, replyId);
    if (!comment) return false;
    if (this.h.permissions.moderate) return true;
    if (!this.canEdit(comment)) return false;
    // A thread goes with its replies: its author deletes it only while nobody else has replied.
    const thread = this.h.threads.find((t) => t.id === threadId)!;
    return replyId !== null || thread.replies.every((r) => r.authorId === comment.authorId);
  }

  #date(ms: number | null): TemplateResult | typeof nothing {
    if (!ms) return nothing;
    const date = new Date(ms);
    const text = new Intl.DateTimeFormat(localeOf(this.h.uiLang), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
    return html`<time datetime=${date.toISOString()}>${text}</time>`;
  }

  #body(body: string) {
    return html`<p part="body" dir="auto">
      ${bodySegments(body).map((s) =>
        s.kind === 'break' ? html`<br />` : s.kind === 'link' ? html`<a href=${s.href} rel="noopener noreferrer nofollow ugc" target="_blank">${s.text}</a>` : s.text,
      )}
    </p>`;
  }

  #comment_(thread: CommentThread, comment: CommentReply, replyId: string | null) {
    const key = `${thread.id}:${replyId ?? ''}`;
    const editable = this.canEdit(comment);
    if (this.ui.editing === key) {
      return html`<form
        part="comment"
        @submit=${(e: SubmitEvent) => this.h.edit(thread.id, replyId, formBody(e))}
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.ui.editing = null)}
      >
        ${this.h.mentions.bodyField(`edit-${key.replace(':', '-')}`, this.h.t('comments.editLabel'), comment.body)}
        <div class="actions">
          <button type="submit" class="primary">${this.h.t('comments.save')}</button>
          <button type="button" @click=${() => (this.ui.editing = null)}>${this.h.t('comments.cancel')}</button>
        </div>
      </form>`;
    }
    return html`<div part="comment">
      <p part="meta"><bdi>${displayText(comment.authorName, 200)}</bdi> · ${this.#date(comment.createdAt)} ${comment.editedAt ? this.h.t('comments.edited') : nothing}</p>
      ${this.#body(comment.body)}
      ${editable || this.canDelete(thread.id, replyId)
        ? html`<div class="actions">
            ${editable ? html`<button type="button" @click=${() => (this.ui.editing = key)}>${this.h.t('comments.edit')}</button>` : nothing}
            ${this.canDelete(thread.id, replyId)
              ? html`<button type="button" @click=${() => this.h.removeComment(thread.id, replyId)}>${this.h.t(replyId === null ? 'comments.deleteThread' : 'comments.delete')}</button>`
              : nothing}
          </div>`
        : nothing}
    </div>`;
  }

  thread(thread: CommentThread, index: number, list: CommentThread[]) {
    const removed = this.h.isRemoved(thread.id);
    const langName = this.h.t(thread.lang === 'fr' ? 'comments.french' : 'comments.english');
    const quote = displayText(thread.quote, 300);
    const focusable = (this.ui.focusId && list.some((t) => t.id === this.ui.focusId) ? this.ui.focusId : list[0]?.id) === thread.id;
    const parts = ['thread', thread.resolved ? 'thread-resolved' : '', removed ? 'thread-removed' : ''].filter(Boolean).join(' ');
    const p = this.h.permissions;
    return html`<li
      part=${parts}
      data-thread-id=${thread.id}
      ?data-active=${thread.id === this.ui.activeId}
      ?data-resolved=${thread.resolved}
      tabindex=${focusable ? '0' : '-1'}
      aria-label=${this.h.t('comments.thread', { author: displayText(thread.authorName, 200), quote: displayText(thread.quote, 80) })}
      aria-posinset=${index + 1}
      aria-setsize=${list.length}
      @focus=${(e: FocusEvent) => e.target === e.currentTarget && (this.ui.focusId = thread.id)}
    >
      <blockquote part="quote" lang=${localeOf(thread.lang)} aria-label=${this.h.t('comments.quoteLabel', { lang: langName })}>
        <bdi>${quote}</bdi>${removed ? html`<span part="removed" lang=${this.h.uiLang}>${this.h.t('comments.textRemoved')}</span>` : nothing}
      </blockquote>
      ${this.#comment_(thread, thread, null)}
      ${thread.replies.length
        ? html`<ul part="replies" aria-label=${this.h.t('comments.replies')}>
            ${thread.replies.map((r) => html`<li>${this.#comment_(thread, r, r.id)}</li>`)}
          </ul>`
        : nothing}
      ${thread.resolved
        ? html`<p part="resolution">${this.h.t('comments.resolvedBy', { name: displayText(thread.resolvedByName ?? '', 200) || '—', date: '' })}${this.#date(thread.resolvedAt)}</p>`
        : nothing}
      <div class="actions">
        ${removed || !thread.anchor
          ? nothing
          : html`<button type="button" data-action="show" aria-label=${this.h.t('comments.showInTextLabel', { quote: displayText(thread.quote, 80), lang: langName.toLowerCase() })} @click=${() => this.h.select(thread.id, { focusText: false })}>
              ${this.h.t('comments.showInText')}
            </button>`}
        ${p.comment && !thread.resolved && this.ui.replying !== thread.id
          ? html`<button type="button" data-action="reply" @click=${() => {
              this.ui.replying = thread.id;
              void this.h.updateComplete.then(() => this.h.renderRoot.querySelector<HTMLTextAreaElement>(`[data-thread-id="${thread.id}"] [part=reply-form] textarea`)?.focus());
            }}>${this.h.t('comments.reply')}</button>`
          : nothing}
        ${p.resolve
          ? html`<button type="button" data-action="resolve" @click=${() => this.h.resolve(thread.id, !thread.resolved)}>
              ${this.h.t(thread.resolved ? 'comments.reopen' : 'comments.resolve')}
            </button>`
          : nothing}
      </div>
      ${this.ui.replying === thread.id && p.comment ? this.#replyForm(thread) : nothing}
    </li>`;
  }

  #replyForm(thread: CommentThread) {
    const cancel = () => {
      this.ui.replying = null;
      this.ui.replyDrafts.delete(thread.id);
    };
    // Someone else resolved the thread while this reply was being written: say so, keep the text.
    const resolvedMeanwhile = thread.resolved && thread.resolvedBy !== this.h.session?.user?.id;
    return html`${resolvedMeanwhile
        ? html`<p part="draft-notice" role="status">${this.h.t('comments.resolvedWhileReplying', { name: displayText(thread.resolvedByName ?? '', 200) || '—' })}</p>`
        : nothing}
      <form
        part="reply-form"
        @submit=${(e: SubmitEvent) => this.h.reply(thread.id, formBody(e))}
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && !this.h.mentions.open && cancel()}
      >
        ${this.h.mentions.bodyField(`reply-${thread.id}`, this.h.t('comments.replyLabel', { author: displayText(thread.authorName, 200) }), this.ui.replyDrafts.get(thread.id) ?? '', (text) =>
          this.ui.replyDrafts.set(thread.id, text),
        )}
        <div class="actions">
          <button type="submit" class="primary">${this.h.t('comments.send')}</button>
          <button type="button" @click=${cancel}>${this.h.t('comments.cancel')}</button>
        </div>
      </form>`;
  }

  onListKeydown = (event: KeyboardEvent): void => {
    const item = event.target as HTMLElement;
    if (!item.matches('[part~=thread]')) return;
    const items = Array.from(this.h.renderRoot.querySelectorAll<HTMLElement>('[part=list] > [part~=thread]'));
    const index = items.indexOf(item);
    let next: HTMLElement | undefined;
    if (event.key === 'ArrowDown') next = items[Math.min(items.length - 1, index + 1)];
    else if (event.key === 'ArrowUp') next = items[Math.max(0, index - 1)];
    else if (event.key === 'Home') next = items[0];
    else if (event.key === 'End') next = items[items.length - 1];
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.h.select(item.dataset['threadId']!);
      return;
    } else return;
    event.preventDefault();
    if (next) {
      this.ui.focusId = next.dataset['threadId']!;
      next.focus();
    }
  };

  filters() {
    const authors = new Map<string, string>();
    for (const t of this.h.threads) authors.set(t.authorId, displayText(t.authorName, 200));
    return html`<fieldset part="filters">
      <legend class="visually-hidden">${this.h.t('comments.filters')}</legend>
      <label
        >${this.h.t('comments.status')}
        <select name="status" @change=${(e: Event) => (this.h.filter = (e.target as HTMLSelectElement).value as StatusFilter)}>
          ${(['open', 'resolved', 'all'] as const).map((v) => html`<option value=${v} ?selected=${this.h.filter === v}>${this.h.t(`comments.${v}`)}</option>`)}
        </select>
      </label>
      <label
        >${this.h.t('comments.language')}
        <select name="lang" @change=${(e: Event) => (this.h.langFilter = (e.target as HTMLSelectElement).value as LangFilter)}>
          <option value="all" ?selected=${this.h.langFilter === 'all'}>${this.h.t('comments.allLanguages')}</option>
          <option value="en" ?selected=${this.h.langFilter === 'en'}>${this.h.t('comments.english')}</option>
          <option value="fr" ?selected=${this.h.langFilter === 'fr'}>${this.h.t('comments.french')}</option>
        </select>
      </label>
      <label
        >${this.h.t('comments.author')}
        <select name="author" @change=${(e: Event) => (this.h.authorFilter = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.h.authorFilter}>${this.h.t('comments.anyone')}</option>
          ${[...authors].map(([id, name]) => html`<option value=${id} ?selected=${this.h.authorFilter === id}>${name}</option>`)}
        </select>
      </label>
      <label class="check"
        ><input type="checkbox" name="mentions" .checked=${this.h.mentionsOnly} @change=${(e: Event) => (this.h.mentionsOnly = (e.target as HTMLInputElement).checked)} />
        ${this.h.t('comments.mentionsMe')}</label
      >
    </fieldset>`;
  }

  compose() {
    const draft = this.ui.draft;
    if (!draft || !this.h.permissions.comment) return nothing;
    return html`<form
      part="compose"
      aria-label=${this.h.t('comments.newComment', { quote: displayText(draft.quote, 80) })}
      @submit=${(e: SubmitEvent) => this.h.addComment({ ...draft, body: formBody(e) })}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && !this.h.mentions.open && (this.ui.draft = null)}
    >
      <blockquote part="quote" lang=${localeOf(draft.lang)}><bdi>${displayText(draft.quote, 300)}</bdi></blockquote>
      ${this.h.mentions.bodyField('new', this.h.t('comments.body'))}
      <div class="actions">
        <button type="submit" class="primary">${this.h.t('comments.add')}</button>
        <button type="button" @click=${() => (this.ui.draft = null)}>${this.h.t('comments.cancel')}</button>
      </div>
    </form>`;
  }

}
