import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import type * as Y from 'yjs';
import { sharedStyles } from '../core/shared.styles.js';
import { JdThemedElement } from '../core/themed-element.js';
import { sessionContext, type JdSessionState } from '../core/session-context.js';
import { langOf, localeOf } from '../core/i18n.js';
import { commentMsg, type CommentMessageId } from '../core/comment-i18n.js';
import type { Lang } from '../../domain/sections.js';
import type { SharedDocument } from '../core/document-registry.js';
import { DocumentController } from '../core/document-controller.js';
import type { CommentsEditor } from '../core/comments-editor.js';
import { resolveAnchor, type EncodedAnchor } from '../../domain/comment-anchors.js';
import {
  addReply,
  commentPermissions,
  commentsMap,
  CommentError,
  createThread,
  deleteComment,
  editComment,
  mentionedIn,
  mentions,
  readThreads,
  setResolved,
  type CommentPermissions,
  type CommentThread,
  type MemberRole,
} from '../../domain/comment-model.js';
import { MAX_BODY_LENGTH } from '../../domain/comment-text.js';
import { EditorLinkController } from './comment-link.js';
import { MentionsController } from './comment-mentions.js';
import { CommentsUi, ThreadsView, type LangFilter, type StatusFilter } from './comments-view.js';
import { JdCommentAddEvent, JdCommentResolveEvent, JdCommentSelectEvent } from './events.js';
import { commentsStyles } from './comments.styles.js';

export type { StatusFilter, LangFilter, CommentsEditor };

export { STATUS_MESSAGE_MS } from './comments-view.js';

/**
 * Threaded comments anchored to text in either language of a job description. Threads live in
 * the document's Y.Doc (shared through `<jd-session>` with any `<jd-editor>` on the page), so
 * they sync in real time and offline like the text. Beside an editor, it adds comments on the
 * editor's selection (the editor's Comment button or Ctrl+Alt+M), highlights anchored text and
 * shows the thread under the mouse or the caret; on its own it is a reviewer's sidebar.
 *
 * @fires jd-comment-add - A thread or a reply was added here (`threadId`, `replyId`, `lang`, `body`, `mentions`).
 * @fires jd-comment-resolve - A thread was resolved or reopened here (`threadId`, `resolved`).
 * @fires jd-comment-select - A thread was selected (`threadId`, `lang`, `range` in the editor or null).
 * @csspart base - Everything.
 * @csspart header - The title and the count badge.
 * @csspart badge - The number of open threads.
 * @csspart filters - Status, language, author and "mentions of me" filters.
 * @csspart notice - Loading, signed-out, no-access, read-only and empty messages.
 * @csspart message - The result of the last action (an error has `data-kind="error"`).
 * @csspart compose - The new-comment form.
 * @csspart list - The list of threads.
 * @csspart thread - One thread (also `thread-resolved`, `thread-removed`).
 * @csspart quote - The commented text as it was when the thread started.
 * @csspart removed - The "text removed" tag.
 * @csspart comment - A comment (the first one or a reply).
 * @csspart meta - Author and date of a comment.
 * @csspart body - A comment's text.
 * @csspart replies - The replies of a thread.
 * @csspart resolution - Who resolved the thread and when.
 * @csspart reply-form - The reply form of a thread.
 * @csspart draft-notice - Said above a reply being written when someone else resolved the thread meanwhile (the reply is kept).
 * @csspart mentions - The list of people to mention.
 * @cssstate loading - Opening the document or loading members.
 * @cssstate signed-out - Nobody is signed in.
 * @cssstate no-access - The user may not see this document.
 * @cssstate read-only - The user may read but not comment (viewer).
 * @cssstate empty - No thread matches the filters.
 * @cssstate composing - The new-comment form is open.
 * @cssproperty --jd-comments-gap - Space between threads (default 0.75rem).
 */
export class JdComments extends JdThemedElement {
  static override styles = [sharedStyles, commentsStyles];

  /** The job description's id (uuid). */
  @property({ attribute: 'document-id', reflect: true }) documentId = '';
  /** Which threads to list. */
  @property({ reflect: true }) filter: StatusFilter = 'open';
  /** Only threads of one language. */
  @property({ attribute: 'lang-filter', reflect: true }) langFilter: LangFilter = 'all';
  /** Only threads started by this user id (empty: anyone). */
  @property({ attribute: 'author-filter', reflect: true }) authorFilter = '';
  /** Only threads that mention the signed-in user. */
  @property({ type: Boolean, attribute: 'mentions-only', reflect: true }) mentionsOnly = false;
  /** The editor to work with; default: the `<jd-editor>` showing the same document in the same `<jd-session>`. */
  @property({ attribute: false }) editor: CommentsEditor | null = null;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  session: JdSessionState | undefined;

  @state() private allThreads: CommentThread[] = [];
  @state() private removed = new Set<string>();

  /** @internal The document's lifecycle, access and role (shared with every element on it). */
  readonly documentState: DocumentController = new DocumentController(this, {
    stateNames: ['read-only', 'empty', 'composing'],
    openStates: () => [...(this.permissions.comment ? [] : ['read-only']), ...(this.visibleThreads.length === 0 ? ['empty'] : []), ...(this.#ui.draft ? ['composing'] : [])],
    prepare: (signal) => this.mentions.load(this.session, this.documentState.offline ? null : this.documentState.organizationId, signal),
    onAcquire: (document) => this.#watch(document),
    onOpen: () => this.#refresh(),
    onClose: () => this.#closed(),
  });
  /** @internal */
  readonly mentions = new MentionsController(this);
  #ui = new CommentsUi(this, (id, values) => this.t(id, values));
  #view = new ThreadsView(this, this.#ui);
  #link = new EditorLinkController(this);
  #refreshQueued = false;

  /** Every thread of the document, oldest first. */
  get threads(): CommentThread[] {
    return this.allThreads;
  }
  /** The threads the filters let through, in order; the one being replied to stays whatever happens to it meanwhile. */
  get visibleThreads(): CommentThread[] {
    const me = this.session?.user?.id;
    return this.allThreads.filter(
      (t) =>
        t.id === this.#ui.replying ||
        ((this.filter === 'all' || (this.filter === 'resolved') === t.resolved) &&
          (this.langFilter === 'all' || t.lang === this.langFilter) &&
          (!this.authorFilter || t.authorId === this.authorFilter) &&
          (!this.mentionsOnly || (!!me && mentions(t, me)))),
    );
  }
  /** Number of open (unresolved) threads: what the badge shows. */
  get openCount(): number {
    return this.allThreads.filter((t) => !t.resolved).length;
  }
  /** The signed-in user's role in the document's organization (null until known, or none). */
  get memberRole(): MemberRole | null {
    return this.documentState.role;
  }
  /** What the signed-in user may do here. */
  get permissions(): CommentPermissions {
    return commentPermissions(this.documentState.role);
  }
  /** Whether the anchored text of a thread is gone. */
  isRemoved(threadId: string): boolean {
    return this.removed.has(threadId);
  }
  /** The shared Y.Doc (null until open). */
  get ydoc(): Y.Doc | null {
    return this.documentState.document?.doc ?? null;
  }
  /** The shared document with its providers (null until open). */
  get sharedDocument(): SharedDocument | null {
    return this.documentState.document;
  }

  /** @internal The interface language. */
  get uiLang(): Lang {
    return this.session?.lang ?? langOf(this);
  }

  /** @internal A message of the interface language. */
  t(id: CommentMessageId, values?: Record<string, string | number>): string {
    return commentMsg(this.uiLang, id, values);
  }

  /** @internal What the linked editor shows: the anchored threads still in the text. */
  linkState() {
    const open = this.documentState.phase === 'open';
    const activeId = this.#ui.activeId;
    const threads = this.allThreads.filter((t) => t.anchor && (!t.resolved || t.id === activeId) && !this.removed.has(t.id));
    return { document: open ? this.documentState.document : null, threads, activeId, commenting: this.permissions.comment };
  }

  /** @internal */
  onCommentRequest(lang: Lang, anchor: EncodedAnchor, quote: string): void {
    this.startComment(lang, anchor, quote);
  }

  /** @internal Marks a thread active (from the editor) and brings it into view in the list. */
  onThreadReached(threadId: string): void {
    if (this.#ui.activeId === threadId) return;
    this.#ui.activeId = threadId;
    this.#ui.focusId = threadId;
    this.#link.sync();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(threadId)}"]`)?.scrollIntoView?.({ block: 'nearest' }));
  }

  // ---- Opening the document -------------------------------------------------------------------

  #watch(document: SharedDocument): () => void {
    const comments = commentsMap(document.doc);
    // Thread changes show at once (the observer runs after the transaction); text changes, which
    // may come keystroke by keystroke, only re-check "text removed", once per microtask.
    const onComments = () => this.#refresh();
    const onUpdate = () => this.#scheduleRefresh();
    comments.observeDeep(onComments);
    document.doc.on('update', onUpdate);
    return () => {
      comments.unobserveDeep(onComments);
      document.doc.off('update', onUpdate);
    };
  }

  #closed(): void {
    this.#link.clear();
    this.allThreads = [];
    this.removed = new Set();
    this.#ui.reset();
  }

  #scheduleRefresh(): void {
    if (this.#refreshQueued) return;
    this.#refreshQueued = true;
    queueMicrotask(() => {
      this.#refreshQueued = false;
      this.#refresh();
    });
  }

  #refresh(): void {
    const doc = this.ydoc;
    if (!doc) return;
    this.allThreads = readThreads(doc);
    const removed = new Set<string>();
    for (const t of this.allThreads) if (!t.anchor || !resolveAnchor(doc, t.anchor, t.lang)) removed.add(t.id);
    if ([...removed].join() !== [...this.removed].join()) this.removed = removed;
    if (this.#ui.activeId && !this.allThreads.some((t) => t.id === this.#ui.activeId)) this.#ui.activeId = null;
    this.#link.sync();
  }

  // ---- Public API -----------------------------------------------------------------------------

  /** Opens the new-comment form for an anchored range (what the editor's Comment button does). */
  startComment(lang: Lang, anchor: EncodedAnchor, quote: string): void {
    if (!this.permissions.comment) return;
    this.#ui.draft = { lang, anchor, quote };
    this.#ui.message = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('[part=compose] textarea')?.focus());
  }

  /** Who the user's comments and resolutions name: their profile name, else the session's name for them. */
  #author(user: { id: string; name: string }) {
    return { id: user.id, name: this.mentions.profileName ?? user.name };
  }

  /** Adds a thread; returns its id, or null (with the reason shown) when refused. */
  addComment(input: { lang: Lang; anchor: EncodedAnchor; quote: string; body: string }): string | null {
    const doc = this.ydoc;
    const user = this.session?.user;
    if (!doc || !user || !this.permissions.comment) return this.#ui.fail('comments.errorNotAllowed');
    const ids = mentionedIn(input.body, this.mentions.members);
    try {
      const id = createThread(doc, { lang: input.lang, anchor: input.anchor, quote: input.quote, author: this.#author(user), body: input.body, mentions: ids });
      this.#ui.draft = null;
      this.#ui.showStatus(this.t('comments.added'));
      this.#refresh();
      this.dispatchEvent(new JdCommentAddEvent(id, null, input.lang, readThreads(doc).find((t) => t.id === id)!.body, ids));
      return id;
    } catch (error) {
      return this.#failWith(error, input.body);
    }
  }

  /** Replies to a thread; returns the reply's id, or null when refused. */
  reply(threadId: string, body: string): string | null {
    const doc = this.ydoc;
    const user = this.session?.user;
    const thread = this.allThreads.find((t) => t.id === threadId);
    if (!doc || !user || !this.permissions.comment) return this.#ui.fail('comments.errorNotAllowed');
    if (!thread) return this.#ui.fail('comments.errorNotFound');
    const ids = mentionedIn(body, this.mentions.members);
    try {
      const replyId = addReply(doc, threadId, { author: this.#author(user), body, mentions: ids });
      this.#ui.replying = null;
      this.#ui.replyDrafts.delete(threadId);
      this.#ui.message = null;
      this.#refresh();
      const stored = this.allThreads.find((t) => t.id === threadId)?.replies.find((r) => r.id === replyId);
      this.dispatchEvent(new JdCommentAddEvent(threadId, replyId, thread.lang, stored?.body ?? body, ids));
      return replyId;
    } catch (error) {
      return this.#failWith(error, body);
    }
  }

  /** Resolves or reopens a thread (reviewers and admins). */
  resolve(threadId: string, resolved = true): boolean {
    const doc = this.ydoc;
    const user = this.session?.user;
    if (!doc || !user || !this.permissions.resolve) return this.#ui.fail('comments.errorNotAllowed') !== null;
    try {
      setResolved(doc, threadId, resolved, this.#author(user));
    } catch (error) {
      return this.#failWith(error, '') !== null;
    }
    this.#refresh();
    this.dispatchEvent(new JdCommentResolveEvent(threadId, resolved));
    return true;
  }

  /** Changes the text of one's own comment (replyId null: the thread's first comment). */
  edit(threadId: string, replyId: string | null, body: string): boolean {
    const doc = this.ydoc;
    if (!doc || !this.#view.canEdit(this.#view.comment(threadId, replyId))) return this.#ui.fail('comments.errorNotAllowed') !== null;
    try {
      editComment(doc, threadId, replyId, body, mentionedIn(body, this.mentions.members));
    } catch (error) {
      return this.#failWith(error, body) !== null;
    }
    this.#ui.editing = null;
    this.#ui.message = null;
    this.#refresh();
    return true;
  }

  /** Deletes one's own comment (a reply, or the whole thread); admins may delete any. */
  removeComment(threadId: string, replyId: string | null): boolean {
    const doc = this.ydoc;
    if (!doc || !this.#view.canDelete(threadId, replyId)) return this.#ui.fail('comments.errorNotAllowed') !== null;
    try {
      deleteComment(doc, threadId, replyId);
    } catch (error) {
      return this.#failWith(error, '') !== null;
    }
    this.#refresh();
    return true;
  }

  /** Selects a thread: highlights it, scrolls the editor to its text, and fires jd-comment-select. */
  select(threadId: string, options: { focusText?: boolean } = {}): void {
    const thread = this.allThreads.find((t) => t.id === threadId);
    if (!thread) return;
    this.#ui.activeId = threadId;
    this.#ui.focusId = threadId;
    const editor = this.#link.editor;
    const range = editor && thread.anchor ? editor.anchorRange(thread.lang, thread.anchor) : null;
    this.#link.sync();
    if (editor && range) editor.revealRange(thread.lang, range.from, range.to, { focus: options.focusText ?? false });
    this.dispatchEvent(new JdCommentSelectEvent(threadId, thread.lang, range));
  }

  #failWith(error: unknown, body: string): null {
    if (!(error instanceof CommentError)) throw error;
    const ids: Record<CommentError['problem'], CommentMessageId> = {
      empty: 'comments.errorEmpty',
      'too-long': 'comments.errorTooLong',
      'not-found': 'comments.errorNotFound',
      'no-anchor': 'comments.errorNoAnchor',
      'too-many': 'comments.errorTooMany',
    };
    return this.#ui.fail(ids[error.problem], { max: MAX_BODY_LENGTH.toLocaleString(localeOf(this.uiLang)), length: body.length.toLocaleString(localeOf(this.uiLang)) });
  }


  protected override render() {
    const notice = (id: CommentMessageId, role: 'status' | 'alert' = 'status') => html`<p part="notice" role=${role}>${this.t(id)}</p>`;
    if (this.documentState.phase === 'idle') return notice('comments.noDocument');
    if (this.documentState.phase === 'signed-out') return notice('comments.signedOut');
    if (this.documentState.phase === 'loading') return notice('comments.loading');
    if (this.documentState.phase === 'no-access') return notice('comments.noAccess', 'alert');
    const list = this.visibleThreads;
    const count = this.openCount;
    return html`<section part="base" aria-labelledby="comments-heading">
      <div part="header">
        <h2 id="comments-heading">${this.t('comments.label')}</h2>
        <span part="badge" role="status" aria-label=${this.t('comments.countLabel', { count })}>${count}</span>
      </div>
      ${this.#view.filters()}
      ${this.permissions.comment ? nothing : notice('comments.readOnly')}
      ${this.#ui.message ? html`<p part="message" role=${this.#ui.message.kind === 'error' ? 'alert' : 'status'} data-kind=${this.#ui.message.kind}>${this.#ui.message.text}</p>` : nothing}
      ${this.#view.compose()}
      ${list.length === 0
        ? notice('comments.empty')
        : html`<ul part="list" aria-label=${this.t('comments.list')} @keydown=${this.#view.onListKeydown}>
            ${repeat(
              list,
              (t) => t.id,
              (t, i) => this.#view.thread(t, i, list),
            )}
          </ul>`}
    </section>`;
  }
}
