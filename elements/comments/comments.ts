import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import type * as Y from 'yjs';
import { sharedStyles } from '../core/shared.styles.js';
import { sessionContext, type JdSessionState } from '../core/session-context.js';
import { langOf, localeOf } from '../core/i18n.js';
import { commentMsg, type CommentMessageId } from '../core/comment-i18n.js';
import type { Lang } from '../../domain/sections.js';
import type { DocumentLease, SharedDocument } from '../core/document-registry.js';
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
  MEMBER_ROLES,
  type CommentPermissions,
  type CommentReply,
  type CommentThread,
  type Member,
  type MemberRole,
} from '../../domain/comment-model.js';
import { bodySegments, displayText, MAX_BODY_LENGTH } from '../../domain/comment-text.js';
import { JdCommentRequestEvent } from '../core/comment-events.js';
import { JdCommentAddEvent, JdCommentResolveEvent, JdCommentSelectEvent } from './events.js';
import { commentsStyles } from './comments.styles.js';

type Phase = 'idle' | 'signed-out' | 'loading' | 'no-access' | 'open';
export type StatusFilter = 'open' | 'resolved' | 'all';
export type LangFilter = 'all' | Lang;

/** What `<jd-comments>` needs from a `<jd-editor>` (its public API), so either can be used alone. */
export interface CommentsEditor extends HTMLElement {
  documentId: string;
  commenting: boolean;
  getView(lang: Lang): unknown;
  anchorRange(lang: Lang, anchor: EncodedAnchor): { from: number; to: number } | null;
  revealRange(lang: Lang, from: number, to: number, options?: { focus?: boolean }): void;
  decorate(lang: Lang, ranges: readonly { id: string; from: number; to: number; kind?: string; title?: string }[]): void;
  undecorate(lang: Lang, ids?: readonly string[] | null): void;
  decorationPositions(lang: Lang): Map<string, { from: number; to: number }>;
}

interface Draft {
  lang: Lang;
  anchor: EncodedAnchor;
  quote: string;
}

interface MentionState {
  form: string;
  start: number;
  query: string;
  index: number;
}

const DECORATION_PREFIX = 'comment:';
/** How long a confirmation ("Comment added.") stays; errors stay until the next action. */
export const STATUS_MESSAGE_MS = 5000;
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const MENTION_QUERY = /(?:^|\s)@([\p{L}\p{M}'’.-]*(?: [\p{L}\p{M}'’.-]*)?)$/u;

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
 * @cssproperty --jd-color-comment-active - Marker of the selected thread (default #f7c948).
 * @cssproperty --jd-comments-gap - Space between threads (default 0.75rem).
 * @cssproperty --jd-color-link - Links in comments (default #284162).
 * @cssproperty --jd-color-primary - Buttons and accents (default #26374a).
 * @cssproperty --jd-color-focus - Focus ring (default #0535d2).
 */
export class JdComments extends LitElement {
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
  /** The editor to work with; default: the `<jd-editor>` with the same document-id in the same `<jd-session>`. */
  @property({ attribute: false }) editor: CommentsEditor | null = null;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  session: JdSessionState | undefined;

  @state() private phase: Phase = 'idle';
  @state() private myRole: MemberRole | null = null;
  @state() private members: Member[] = [];
  /**
   * The user's public.profiles.display_name as stored (not cleaned for display): the name their
   * comments carry, since the sync server refuses any other. Null until loaded.
   */
  #profileName: string | null = null;
  @state() private allThreads: CommentThread[] = [];
  @state() private removed = new Set<string>();
  @state() private draft: Draft | null = null;
  @state() private editing: string | null = null;
  @state() private replying: string | null = null;
  @state() private activeId: string | null = null;
  @state() private focusId: string | null = null;
  @state() private message: { text: string; kind: 'error' | 'status' } | null = null;
  @state() private mention: MentionState | null = null;

  #lease: DocumentLease | null = null;
  #document: SharedDocument | null = null;
  #openKey = '';
  #generation = 0;
  #cleanup: (() => void)[] = [];
  #internals = this.attachInternals();
  #linked: CommentsEditor | null = null;
  #unlink: (() => void) | null = null;
  #decorated = new Map<Lang, string[]>();
  #decorationKey = '';
  #refreshQueued = false;
  /** Replies being typed, by thread: kept across re-renders, filter changes and others' changes to the thread. */
  #replyDrafts = new Map<string, string>();
  #retryFrames = 0;

  /** Every thread of the document, oldest first. */
  get threads(): CommentThread[] {
    return this.allThreads;
  }
  /** The threads the filters let through, in order; the one being replied to stays whatever happens to it meanwhile. */
  get visibleThreads(): CommentThread[] {
    const me = this.session?.user?.id;
    return this.allThreads.filter(
      (t) =>
        t.id === this.replying ||
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
    return this.myRole;
  }
  /** What the signed-in user may do here. */
  get permissions(): CommentPermissions {
    return commentPermissions(this.myRole);
  }
  /** Whether the anchored text of a thread is gone. */
  isRemoved(threadId: string): boolean {
    return this.removed.has(threadId);
  }
  /** The shared Y.Doc (null until open). */
  get ydoc(): Y.Doc | null {
    return this.#document?.doc ?? null;
  }
  /** The shared document with its providers (null until open). */
  get sharedDocument(): SharedDocument | null {
    return this.#document;
  }

  private get lang_(): Lang {
    return this.session?.lang ?? langOf(this);
  }

  #t(id: CommentMessageId, values?: Record<string, string | number>): string {
    return commentMsg(this.lang_, id, values);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#statusTimer);
    this.#close();
    this.#openKey = '';
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const s = this.session;
    const key = JSON.stringify([this.documentId, s?.user?.id ?? null, !!s?.client, s?.syncUrl ?? null]);
    if (key !== this.#openKey && this.isConnected) {
      this.#openKey = key;
      void this.#open();
    }
    this.#syncStates();
  }

  protected override updated(): void {
    this.#linkEditor();
  }

  #syncStates(): void {
    const states = this.#internals.states;
    for (const s of ['loading', 'no-access', 'signed-out', 'read-only', 'empty', 'composing']) states.delete(s);
    if (this.phase === 'loading') states.add('loading');
    if (this.phase === 'no-access') states.add('no-access');
    if (this.phase === 'signed-out') states.add('signed-out');
    if (this.phase === 'open') {
      if (!this.permissions.comment) states.add('read-only');
      if (this.visibleThreads.length === 0) states.add('empty');
      if (this.draft) states.add('composing');
    }
  }

  // ---- Opening the document -------------------------------------------------------------------

  #close(): void {
    this.#generation += 1;
    for (const fn of this.#cleanup.splice(0)) fn();
    this.#clearDecorations();
    this.#unlink?.();
    this.#unlink = null;
    this.#linked = null;
    this.#lease?.release();
    this.#lease = null;
    this.#document = null;
    this.allThreads = [];
    this.removed = new Set();
    this.draft = null;
    this.replying = null;
    this.#replyDrafts.clear();
  }

  async #open(): Promise<void> {
    this.#close();
    const generation = this.#generation;
    const s = this.session;
    if (!this.documentId) return void (this.phase = 'idle');
    if (!s?.client || !s.user) return void (this.phase = 'signed-out');
    this.phase = 'loading';
    const role = await this.#loadMembers(s, generation);
    if (generation !== this.#generation) return;
    if (role === 'none') return void (this.phase = 'no-access');
    this.myRole = role;

    const lease = s.documents.acquire(this.documentId);
    this.#lease = lease;
    const document = lease.document;
    this.#document = document;
    const comments = commentsMap(document.doc);
    // Thread changes show at once (the observer runs after the transaction); text changes, which
    // may come keystroke by keystroke, only re-check "text removed", once per microtask.
    const onComments = () => this.#refresh();
    const onUpdate = () => this.#scheduleRefresh();
    const onRefused = () => {
      if (document.refusal === 'forbidden' || document.refusal === 'not-found') this.phase = 'no-access';
    };
    comments.observeDeep(onComments);
    document.doc.on('update', onUpdate);
    document.addEventListener('refused', onRefused);
    this.#cleanup.push(() => {
      comments.unobserveDeep(onComments);
      document.doc.off('update', onUpdate);
      document.removeEventListener('refused', onRefused);
    });
    await document.whenCached;
    if (generation !== this.#generation) return;
    this.phase = 'open';
    this.#refresh();
  }

  /**
   * The user's role in the document's organization and the organization's members (for
   * mentions and the author filter). 'none' when the document is not visible to the user.
   * Offline, the role remembered from the last time.
   */
  async #loadMembers(s: JdSessionState, generation: number): Promise<MemberRole | null | 'none'> {
    const client = s.client!;
    const userId = s.user!.id;
    const key = `jd-comment-role:${userId}:${this.documentId}`;
    const nameKey = `jd-comment-name:${userId}`;
    const remembered = (): MemberRole | null | 'none' => {
      this.#profileName = globalThis.localStorage?.getItem(nameKey) ?? null;
      const value = globalThis.localStorage?.getItem(key);
      return (MEMBER_ROLES as readonly string[]).includes(value ?? '') ? (value as MemberRole) : 'none';
    };
    try {
      const doc = await client.from('job_descriptions').select('organization_id').eq('id', this.documentId).limit(1);
      if (doc.error) return doc.status === 0 ? remembered() : 'none';
      const org = (doc.data as { organization_id: string }[] | null)?.[0]?.organization_id;
      if (!org) return 'none';
      const memberships = await client.from('memberships').select('user_id, role').eq('organization_id', org);
      const rows = (memberships.data ?? []) as { user_id: string; role: MemberRole }[];
      const profiles = rows.length ? await client.from('profiles').select('id, display_name').in('id', rows.map((r) => r.user_id)) : { data: [] };
      if (generation !== this.#generation) return null;
      const names = new Map(((profiles.data ?? []) as { id: string; display_name: string | null }[]).map((p) => [p.id, p.display_name ?? '']));
      this.members = rows
        .map((r) => ({ id: r.user_id, role: r.role, name: displayText(names.get(r.user_id) || '', 200) }))
        .filter((m) => m.name !== '')
        .sort((a, b) => a.name.localeCompare(b.name));
      const role = rows.find((r) => r.user_id === userId)?.role ?? null;
      if (role) globalThis.localStorage?.setItem(key, role);
      this.#profileName = names.get(userId) || null;
      if (this.#profileName) globalThis.localStorage?.setItem(nameKey, this.#profileName);
      return role;
    } catch {
      return remembered();
    }
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
    const doc = this.#document?.doc;
    if (!doc) return;
    this.allThreads = readThreads(doc);
    const removed = new Set<string>();
    for (const t of this.allThreads) if (!t.anchor || !resolveAnchor(doc, t.anchor, t.lang)) removed.add(t.id);
    if ([...removed].join() !== [...this.removed].join()) this.removed = removed;
    if (this.activeId && !this.allThreads.some((t) => t.id === this.activeId)) this.activeId = null;
    this.#syncEditor();
  }

  // ---- The linked editor ----------------------------------------------------------------------

  #findEditor(): CommentsEditor | null {
    if (this.editor) return this.editor;
    const scope = this.closest('jd-session') ?? (this.getRootNode() as ParentNode);
    const candidates = Array.from(scope.querySelectorAll('jd-editor')) as unknown as CommentsEditor[];
    return candidates.find((e) => e.documentId === this.documentId) ?? null;
  }

  #linkEditor(): void {
    const editor = this.phase === 'open' ? this.#findEditor() : null;
    if (editor === this.#linked) return;
    this.#clearDecorations();
    this.#unlink?.();
    this.#unlink = null;
    this.#linked = editor;
    if (!editor) return;
    const onRequest = (event: JdCommentRequestEvent) => {
      if (event.documentId !== this.documentId || !this.permissions.comment) return;
      event.preventDefault();
      this.startComment(event.lang, event.anchor, event.quote);
    };
    const onPointer = (event: Event) => {
      const mark = event.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && (n.dataset['rangeId'] ?? '').startsWith(DECORATION_PREFIX));
      if (mark) this.#activate(mark.dataset['rangeId']!.slice(DECORATION_PREFIX.length));
    };
    const onCaret = () => {
      for (const lang of ['en', 'fr'] as const) {
        const view = editor.getView(lang) as { hasFocus(): boolean; state: { selection: { head: number } } } | null;
        if (!view?.hasFocus()) continue;
        const head = view.state.selection.head;
        for (const [id, range] of editor.decorationPositions(lang)) {
          if (id.startsWith(DECORATION_PREFIX) && head >= range.from && head <= range.to) return this.#activate(id.slice(DECORATION_PREFIX.length));
        }
      }
    };
    editor.addEventListener(JdCommentRequestEvent.type, onRequest);
    editor.addEventListener('mouseover', onPointer);
    editor.addEventListener('keyup', onCaret);
    editor.addEventListener('mouseup', onCaret);
    editor.addEventListener('focusin', onCaret);
    this.#unlink = () => {
      editor.removeEventListener(JdCommentRequestEvent.type, onRequest);
      editor.removeEventListener('mouseover', onPointer);
      editor.removeEventListener('keyup', onCaret);
      editor.removeEventListener('mouseup', onCaret);
      editor.removeEventListener('focusin', onCaret);
      editor.commenting = false;
    };
    this.#decorationKey = '';
    this.#syncEditor();
  }

  /** Shows the threads' anchors in the editor; the decorations follow edits by themselves, so this runs when threads change. */
  #syncEditor(): void {
    const editor = this.#linked;
    if (!editor) return;
    editor.commenting = this.permissions.comment;
    if (!editor.getView('en') || !editor.getView('fr')) {
      // The editor mounts its panes once its document is ready: try again shortly.
      if (this.#retryFrames++ < 600) requestAnimationFrame(() => this.#syncEditor());
      return;
    }
    this.#retryFrames = 0;
    const shown = this.allThreads.filter((t) => t.anchor && (!t.resolved || t.id === this.activeId) && !this.removed.has(t.id));
    const key = JSON.stringify([this.activeId, shown.map((t) => [t.id, t.body.length, t.authorName])]);
    if (key === this.#decorationKey) return;
    this.#decorationKey = key;
    for (const lang of ['en', 'fr'] as const) {
      const ranges = shown
        .filter((t) => t.lang === lang)
        .map((t) => {
          const range = editor.anchorRange(lang, t.anchor!);
          const title = displayText(`${t.authorName}: ${t.body}`, 120);
          return range && { id: DECORATION_PREFIX + t.id, ...range, kind: t.id === this.activeId ? 'comment-active' : 'comment', title };
        })
        .filter((r): r is NonNullable<typeof r> => r !== null);
      editor.undecorate(lang, this.#decorated.get(lang) ?? []);
      editor.decorate(lang, ranges);
      this.#decorated.set(
        lang,
        ranges.map((r) => r.id),
      );
    }
  }

  #clearDecorations(): void {
    const editor = this.#linked;
    if (editor) for (const [lang, ids] of this.#decorated) if (ids.length) editor.undecorate(lang, ids);
    this.#decorated.clear();
    this.#decorationKey = '';
  }

  /** Marks a thread active (from the editor) and brings it into view in the list. */
  #activate(threadId: string): void {
    if (this.activeId === threadId) return;
    this.activeId = threadId;
    this.focusId = threadId;
    this.#syncEditor();
    void this.updateComplete.then(() => this.#threadElement(threadId)?.scrollIntoView?.({ block: 'nearest' }));
  }

  #threadElement(threadId: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(threadId)}"]`);
  }

  // ---- Public API -----------------------------------------------------------------------------

  /** Opens the new-comment form for an anchored range (what the editor's Comment button does). */
  startComment(lang: Lang, anchor: EncodedAnchor, quote: string): void {
    if (!this.permissions.comment) return;
    this.draft = { lang, anchor, quote };
    this.message = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('[part=compose] textarea')?.focus());
  }

  /** Who the user's comments and resolutions name: their profile name, else the session's name for them. */
  #author(user: { id: string; name: string }) {
    return { id: user.id, name: this.#profileName ?? user.name };
  }

  /** Adds a thread; returns its id, or null (with the reason shown) when refused. */
  addComment(input: { lang: Lang; anchor: EncodedAnchor; quote: string; body: string }): string | null {
    const doc = this.#document?.doc;
    const user = this.session?.user;
    if (!doc || !user || !this.permissions.comment) return this.#fail('comments.errorNotAllowed');
    const ids = mentionedIn(input.body, this.members);
    try {
      const id = createThread(doc, { lang: input.lang, anchor: input.anchor, quote: input.quote, author: this.#author(user), body: input.body, mentions: ids });
      this.draft = null;
      this.#showStatus(this.#t('comments.added'));
      this.#refresh();
      this.dispatchEvent(new JdCommentAddEvent(id, null, input.lang, readThreads(doc).find((t) => t.id === id)!.body, ids));
      return id;
    } catch (error) {
      return this.#failWith(error, input.body);
    }
  }

  /** Replies to a thread; returns the reply's id, or null when refused. */
  reply(threadId: string, body: string): string | null {
    const doc = this.#document?.doc;
    const user = this.session?.user;
    const thread = this.allThreads.find((t) => t.id === threadId);
    if (!doc || !user || !this.permissions.comment) return this.#fail('comments.errorNotAllowed');
    if (!thread) return this.#fail('comments.errorNotFound');
    const ids = mentionedIn(body, this.members);
    try {
      const replyId = addReply(doc, threadId, { author: this.#author(user), body, mentions: ids });
      this.replying = null;
      this.#replyDrafts.delete(threadId);
      this.message = null;
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
    const doc = this.#document?.doc;
    const user = this.session?.user;
    if (!doc || !user || !this.permissions.resolve) return this.#fail('comments.errorNotAllowed') !== null;
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
    const doc = this.#document?.doc;
    if (!doc || !this.#canEdit(this.#comment(threadId, replyId))) return this.#fail('comments.errorNotAllowed') !== null;
    try {
      editComment(doc, threadId, replyId, body, mentionedIn(body, this.members));
    } catch (error) {
      return this.#failWith(error, body) !== null;
    }
    this.editing = null;
    this.message = null;
    this.#refresh();
    return true;
  }

  /** Deletes one's own comment (a reply, or the whole thread); admins may delete any. */
  removeComment(threadId: string, replyId: string | null): boolean {
    const doc = this.#document?.doc;
    if (!doc || !this.#canDelete(threadId, replyId)) return this.#fail('comments.errorNotAllowed') !== null;
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
    this.activeId = threadId;
    this.focusId = threadId;
    const editor = this.#linked;
    const range = editor && thread.anchor ? editor.anchorRange(thread.lang, thread.anchor) : null;
    this.#syncEditor();
    if (editor && range) editor.revealRange(thread.lang, range.from, range.to, { focus: options.focusText ?? false });
    this.dispatchEvent(new JdCommentSelectEvent(threadId, thread.lang, range));
  }

  #comment(threadId: string, replyId: string | null): CommentReply | null {
    const thread = this.allThreads.find((t) => t.id === threadId);
    if (!thread) return null;
    return replyId === null ? thread : (thread.replies.find((r) => r.id === replyId) ?? null);
  }

  #canEdit(comment: CommentReply | null): boolean {
    return !!comment && this.permissions.comment && comment.authorId === this.session?.user?.id;
  }

  #canDelete(threadId: string, replyId: string | null): boolean {
    const comment = this.#comment(threadId, replyId);
    if (!comment) return false;
    if (this.permissions.moderate) return true;
    if (!this.#canEdit(comment)) return false;
    // A thread goes with its replies: its author deletes it only while nobody else has replied.
    const thread = this.allThreads.find((t) => t.id === threadId)!;
    return replyId !== null || thread.replies.every((r) => r.authorId === comment.authorId);
  }

  #statusTimer: ReturnType<typeof setTimeout> | undefined;

  /** A confirmation that goes away by itself: a status line that stayed forever read as stale. */
  #showStatus(text: string): void {
    const shown = { text, kind: 'status' as const };
    this.message = shown;
    clearTimeout(this.#statusTimer);
    this.#statusTimer = setTimeout(() => {
      if (this.message === shown) this.message = null;
    }, STATUS_MESSAGE_MS);
  }

  #fail(id: CommentMessageId, values?: Record<string, string | number>): null {
    this.message = { text: this.#t(id, values), kind: 'error' };
    return null;
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
    return this.#fail(ids[error.problem], { max: MAX_BODY_LENGTH.toLocaleString(localeOf(this.lang_)), length: body.length.toLocaleString(localeOf(this.lang_)) });
  }

  // ---- Mentions -------------------------------------------------------------------------------

  #suggestions(): Member[] {
    const m = this.mention;
    if (!m) return [];
    const q = fold(m.query);
    const me = this.session?.user?.id;
    return this.members.filter((p) => p.id !== me && fold(p.name).split(/\s+/).some((w) => w.startsWith(q.split(' ')[0]!)) && fold(p.name).includes(q)).slice(0, 6);
  }

  #onBodyInput(form: string, event: Event): void {
    const area = event.target as HTMLTextAreaElement;
    const before = area.value.slice(0, area.selectionStart ?? area.value.length);
    const match = MENTION_QUERY.exec(before);
    if (!match || this.members.length === 0) {
      this.mention = null;
      return;
    }
    const query = match[1]!;
    this.mention = { form, query, start: before.length - query.length - 1, index: 0 };
    if (this.#suggestions().length === 0) this.mention = null;
  }

  #onBodyKeydown(form: string, event: KeyboardEvent): void {
    const m = this.mention;
    const area = event.target as HTMLTextAreaElement;
    if (m && m.form === form) {
      const options = this.#suggestions();
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        this.mention = { ...m, index: (m.index + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length };
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && options[m.index]) {
        event.preventDefault();
        this.#pickMention(area, options[m.index]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        this.mention = null;
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      area.form?.requestSubmit();
    }
  }

  #pickMention(area: HTMLTextAreaElement, member: Member): void {
    const m = this.mention;
    if (!m) return;
    const caret = area.selectionStart ?? area.value.length;
    const inserted = `@${member.name} `;
    area.value = area.value.slice(0, m.start) + inserted + area.value.slice(caret);
    const at = m.start + inserted.length;
    area.setSelectionRange(at, at);
    area.focus();
    // As typing does: the kept draft follows (and the finished mention closes the list).
    area.dispatchEvent(new Event('input', { bubbles: true }));
    this.mention = null;
  }

  /** `onDraft` keeps what is typed; called before anything re-renders (a render between listeners would put back a stale value). */
  #bodyField(form: string, label: string, value = '', onDraft?: (text: string) => void) {
    const m = this.mention?.form === form ? this.mention : null;
    const options = m ? this.#suggestions() : [];
    const listId = `mentions-${form}`;
    const helpId = `help-${form}`;
    return html`<label for="body-${form}">${label}</label>
      <textarea
        id="body-${form}"
        name="body"
        rows="3"
        .value=${value}
        aria-describedby=${helpId}
        aria-autocomplete="list"
        aria-controls=${options.length ? listId : nothing}
        aria-activedescendant=${options.length ? `${listId}-${m!.index}` : nothing}
        @input=${(e: Event) => {
          onDraft?.((e.target as HTMLTextAreaElement).value);
          this.#onBodyInput(form, e);
        }}
        @keydown=${(e: KeyboardEvent) => this.#onBodyKeydown(form, e)}
        @blur=${() => setTimeout(() => this.mention?.form === form && (this.mention = null), 200)}
      ></textarea>
      <p class="help" id=${helpId}>${this.#t('comments.bodyHelp')}</p>
      ${options.length
        ? html`<ul part="mentions" role="listbox" id=${listId} aria-label=${this.#t('comments.suggestions')}>
            ${options.map(
              (p, i) =>
                html`<li
                  role="option"
                  id="${listId}-${i}"
                  aria-selected=${i === m!.index ? 'true' : 'false'}
                  @mousedown=${(e: Event) => {
                    e.preventDefault();
                    this.#pickMention(this.renderRoot.querySelector<HTMLTextAreaElement>(`#body-${form}`)!, p);
                  }}
                >
                  <bdi>${p.name}</bdi>
                </li>`,
            )}
          </ul>`
        : nothing}`;
  }

  #formBody(event: SubmitEvent): string {
    event.preventDefault();
    return ((event.target as HTMLFormElement).elements.namedItem('body') as HTMLTextAreaElement).value;
  }

  // ---- Rendering ------------------------------------------------------------------------------

  #date(ms: number | null): TemplateResult | typeof nothing {
    if (!ms) return nothing;
    const date = new Date(ms);
    const text = new Intl.DateTimeFormat(localeOf(this.lang_), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
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
    const editable = this.#canEdit(comment);
    if (this.editing === key) {
      return html`<form
        part="comment"
        @submit=${(e: SubmitEvent) => this.edit(thread.id, replyId, this.#formBody(e))}
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.editing = null)}
      >
        ${this.#bodyField(`edit-${key.replace(':', '-')}`, this.#t('comments.editLabel'), comment.body)}
        <div class="actions">
          <button type="submit" class="primary">${this.#t('comments.save')}</button>
          <button type="button" @click=${() => (this.editing = null)}>${this.#t('comments.cancel')}</button>
        </div>
      </form>`;
    }
    return html`<div part="comment">
      <p part="meta"><bdi>${displayText(comment.authorName, 200)}</bdi> · ${this.#date(comment.createdAt)} ${comment.editedAt ? this.#t('comments.edited') : nothing}</p>
      ${this.#body(comment.body)}
      ${editable || this.#canDelete(thread.id, replyId)
        ? html`<div class="actions">
            ${editable ? html`<button type="button" @click=${() => (this.editing = key)}>${this.#t('comments.edit')}</button>` : nothing}
            ${this.#canDelete(thread.id, replyId)
              ? html`<button type="button" @click=${() => this.removeComment(thread.id, replyId)}>${this.#t(replyId === null ? 'comments.deleteThread' : 'comments.delete')}</button>`
              : nothing}
          </div>`
        : nothing}
    </div>`;
  }

  #thread(thread: CommentThread, index: number, list: CommentThread[]) {
    const removed = this.removed.has(thread.id);
    const langName = this.#t(thread.lang === 'fr' ? 'comments.french' : 'comments.english');
    const quote = displayText(thread.quote, 300);
    const focusable = (this.focusId && list.some((t) => t.id === this.focusId) ? this.focusId : list[0]?.id) === thread.id;
    const parts = ['thread', thread.resolved ? 'thread-resolved' : '', removed ? 'thread-removed' : ''].filter(Boolean).join(' ');
    const p = this.permissions;
    return html`<li
      part=${parts}
      data-thread-id=${thread.id}
      ?data-active=${thread.id === this.activeId}
      ?data-resolved=${thread.resolved}
      tabindex=${focusable ? '0' : '-1'}
      aria-label=${this.#t('comments.thread', { author: displayText(thread.authorName, 200), quote: displayText(thread.quote, 80) })}
      aria-posinset=${index + 1}
      aria-setsize=${list.length}
      @focus=${(e: FocusEvent) => e.target === e.currentTarget && (this.focusId = thread.id)}
    >
      <blockquote part="quote" lang=${localeOf(thread.lang)} aria-label=${this.#t('comments.quoteLabel', { lang: langName })}>
        <bdi>${quote}</bdi>${removed ? html`<span part="removed" lang=${this.lang_}>${this.#t('comments.textRemoved')}</span>` : nothing}
      </blockquote>
      ${this.#comment_(thread, thread, null)}
      ${thread.replies.length
        ? html`<ul part="replies" aria-label=${this.#t('comments.replies')}>
            ${thread.replies.map((r) => html`<li>${this.#comment_(thread, r, r.id)}</li>`)}
          </ul>`
        : nothing}
      ${thread.resolved
        ? html`<p part="resolution">${this.#t('comments.resolvedBy', { name: displayText(thread.resolvedByName ?? '', 200) || '—', date: '' })}${this.#date(thread.resolvedAt)}</p>`
        : nothing}
      <div class="actions">
        ${removed || !thread.anchor
          ? nothing
          : html`<button type="button" data-action="show" aria-label=${this.#t('comments.showInTextLabel', { quote: displayText(thread.quote, 80), lang: langName.toLowerCase() })} @click=${() => this.select(thread.id, { focusText: false })}>
              ${this.#t('comments.showInText')}
            </button>`}
        ${p.comment && !thread.resolved && this.replying !== thread.id
          ? html`<button type="button" data-action="reply" @click=${() => {
              this.replying = thread.id;
              void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>(`[data-thread-id="${thread.id}"] [part=reply-form] textarea`)?.focus());
            }}>${this.#t('comments.reply')}</button>`
          : nothing}
        ${p.resolve
          ? html`<button type="button" data-action="resolve" @click=${() => this.resolve(thread.id, !thread.resolved)}>
              ${this.#t(thread.resolved ? 'comments.reopen' : 'comments.resolve')}
            </button>`
          : nothing}
      </div>
      ${this.replying === thread.id && p.comment ? this.#replyForm(thread) : nothing}
    </li>`;
  }

  #replyForm(thread: CommentThread) {
    const cancel = () => {
      this.replying = null;
      this.#replyDrafts.delete(thread.id);
    };
    // Someone else resolved the thread while this reply was being written: say so, keep the text.
    const resolvedMeanwhile = thread.resolved && thread.resolvedBy !== this.session?.user?.id;
    return html`${resolvedMeanwhile
        ? html`<p part="draft-notice" role="status">${this.#t('comments.resolvedWhileReplying', { name: displayText(thread.resolvedByName ?? '', 200) || '—' })}</p>`
        : nothing}
      <form
        part="reply-form"
        @submit=${(e: SubmitEvent) => this.reply(thread.id, this.#formBody(e))}
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && !this.mention && cancel()}
      >
        ${this.#bodyField(`reply-${thread.id}`, this.#t('comments.replyLabel', { author: displayText(thread.authorName, 200) }), this.#replyDrafts.get(thread.id) ?? '', (text) =>
          this.#replyDrafts.set(thread.id, text),
        )}
        <div class="actions">
          <button type="submit" class="primary">${this.#t('comments.send')}</button>
          <button type="button" @click=${cancel}>${this.#t('comments.cancel')}</button>
        </div>
      </form>`;
  }

  #onListKeydown(event: KeyboardEvent): void {
    const item = event.target as HTMLElement;
    if (!item.matches('[part~=thread]')) return;
    const items = Array.from(this.renderRoot.querySelectorAll<HTMLElement>('[part=list] > [part~=thread]'));
    const index = items.indexOf(item);
    let next: HTMLElement | undefined;
    if (event.key === 'ArrowDown') next = items[Math.min(items.length - 1, index + 1)];
    else if (event.key === 'ArrowUp') next = items[Math.max(0, index - 1)];
    else if (event.key === 'Home') next = items[0];
    else if (event.key === 'End') next = items[items.length - 1];
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.select(item.dataset['threadId']!);
      return;
    } else return;
    event.preventDefault();
    if (next) {
      this.focusId = next.dataset['threadId']!;
      next.focus();
    }
  }

  #filters() {
    const authors = new Map<string, string>();
    for (const t of this.allThreads) authors.set(t.authorId, displayText(t.authorName, 200));
    return html`<fieldset part="filters">
      <legend class="visually-hidden">${this.#t('comments.filters')}</legend>
      <label
        >${this.#t('comments.status')}
        <select name="status" @change=${(e: Event) => (this.filter = (e.target as HTMLSelectElement).value as StatusFilter)}>
          ${(['open', 'resolved', 'all'] as const).map((v) => html`<option value=${v} ?selected=${this.filter === v}>${this.#t(`comments.${v}`)}</option>`)}
        </select>
      </label>
      <label
        >${this.#t('comments.language')}
        <select name="lang" @change=${(e: Event) => (this.langFilter = (e.target as HTMLSelectElement).value as LangFilter)}>
          <option value="all" ?selected=${this.langFilter === 'all'}>${this.#t('comments.allLanguages')}</option>
          <option value="en" ?selected=${this.langFilter === 'en'}>${this.#t('comments.english')}</option>
          <option value="fr" ?selected=${this.langFilter === 'fr'}>${this.#t('comments.french')}</option>
        </select>
      </label>
      <label
        >${this.#t('comments.author')}
        <select name="author" @change=${(e: Event) => (this.authorFilter = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.authorFilter}>${this.#t('comments.anyone')}</option>
          ${[...authors].map(([id, name]) => html`<option value=${id} ?selected=${this.authorFilter === id}>${name}</option>`)}
        </select>
      </label>
      <label class="check"
        ><input type="checkbox" name="mentions" .checked=${this.mentionsOnly} @change=${(e: Event) => (this.mentionsOnly = (e.target as HTMLInputElement).checked)} />
        ${this.#t('comments.mentionsMe')}</label
      >
    </fieldset>`;
  }

  #compose() {
    const draft = this.draft;
    if (!draft || !this.permissions.comment) return nothing;
    return html`<form
      part="compose"
      aria-label=${this.#t('comments.newComment', { quote: displayText(draft.quote, 80) })}
      @submit=${(e: SubmitEvent) => this.addComment({ ...draft, body: this.#formBody(e) })}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && !this.mention && (this.draft = null)}
    >
      <blockquote part="quote" lang=${localeOf(draft.lang)}><bdi>${displayText(draft.quote, 300)}</bdi></blockquote>
      ${this.#bodyField('new', this.#t('comments.body'))}
      <div class="actions">
        <button type="submit" class="primary">${this.#t('comments.add')}</button>
        <button type="button" @click=${() => (this.draft = null)}>${this.#t('comments.cancel')}</button>
      </div>
    </form>`;
  }

  protected override render() {
    const notice = (id: CommentMessageId, role: 'status' | 'alert' = 'status') => html`<p part="notice" role=${role}>${this.#t(id)}</p>`;
    if (this.phase === 'idle') return notice('comments.noDocument');
    if (this.phase === 'signed-out') return notice('comments.signedOut');
    if (this.phase === 'loading') return notice('comments.loading');
    if (this.phase === 'no-access') return notice('comments.noAccess', 'alert');
    const list = this.visibleThreads;
    const count = this.openCount;
    return html`<section part="base" aria-labelledby="comments-heading">
      <div part="header">
        <h2 id="comments-heading">${this.#t('comments.label')}</h2>
        <span part="badge" role="status" aria-label=${this.#t('comments.countLabel', { count })}>${count}</span>
      </div>
      ${this.#filters()}
      ${this.permissions.comment ? nothing : notice('comments.readOnly')}
      ${this.message ? html`<p part="message" role=${this.message.kind === 'error' ? 'alert' : 'status'} data-kind=${this.message.kind}>${this.message.text}</p>` : nothing}
      ${this.#compose()}
      ${list.length === 0
        ? notice('comments.empty')
        : html`<ul part="list" aria-label=${this.#t('comments.list')} @keydown=${this.#onListKeydown}>
            ${repeat(
              list,
              (t) => t.id,
              (t, i) => this.#thread(t, i, list),
            )}
          </ul>`}
    </section>`;
  }
}
