import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type * as Y from 'yjs';
import { sharedStyles } from '../core/shared.styles.js';
import { JdThemedElement } from '../core/themed-element.js';
import { sessionContext, type JdSessionState } from '../core/session-context.js';
import { msg, langOf } from '../core/i18n.js';
import { LANGS, type Lang } from '../../domain/sections.js';
import { hasInitialMeta, isEmptyDocument } from '../../domain/document-init.js';
import type { SharedDocument, SyncStatus } from '../core/document-registry.js';
import { DocumentController } from '../core/document-controller.js';
import type { CommentsEditor, DecorationSpec } from '../core/comments-editor.js';
import { anchorFromRange, rangeOfAnchor } from '../core/comment-prosemirror.js';
import { JdCommentRequestEvent } from '../core/comment-events.js';
import type { EncodedAnchor } from '../../domain/comment-anchors.js';
import type { Pane } from './pane.js';
import { PanesController } from './panes-controller.js';
import { renderIdentification } from './identification.js';
import { addSection, findText, replaceRange, revealRange, seedDocument } from './editor-text.js';
import { ToolbarController } from './toolbar-controller.js';
import { PresenceController } from './presence-controller.js';
import { VersionsController, type VersionRow } from './versions-controller.js';
import { WorkflowController, type ReviewRound } from './workflow-controller.js';
import type { EditorHost } from './editor-host.js';
import { JdAccessChangeEvent, JdStatusChangeEvent, type EditorAccess } from './events.js';
import { editorStyles } from './editor.styles.js';
import { toolbarStyles } from './toolbar.styles.js';
import { StatusController } from './status-controller.js';
import { TmInsertController } from './tm-insert-controller.js';
import { ConfirmPairController } from './confirm-pair-controller.js';
import { GlossaryController } from './glossary-controller.js';
import { sentenceAt, sentenceOf } from './sentences.js';
import type { EditorSentence, TmEditor } from '../core/tm-events.js';
import { statusStyles } from './status.styles.js';
import { ExportController } from './export-controller.js';
import { exportStyles } from './export.styles.js';
import { XliffController } from './xliff-controller.js';
import { xliffStyles } from './xliff.styles.js';
import { AiAssistController } from './ai-assist-controller.js';
import { RefusalController } from './refusal-controller.js';
import { renderAiPanel } from './ai-panel.js';
import { aiPanelStyles } from './ai-panel.styles.js';
import { versionCompareStyles } from './version-compare.styles.js';
import type { AiTask } from '../../domain/ai/assist-types.js';
import type { FindingMark, FindingsEditor } from '../core/compliance-link.js';
import { findingMarks, setFindingMarks } from './finding-decorations.js';
import { historyActionOf, type HistoryAction } from './history-shortcut.js';

export type { VersionRow, ReviewRound };


/**
 * The bilingual job description editor: English and French panes section by section (TBS
 * order), the position identification above, real-time collaboration with presence, offline
 * cache, versions and the review workflow. Needs a `<jd-session>` ancestor.
 *
 * @slot panel - Side panel for later tools (AI suggestions, TM matches, compliance findings).
 * @fires jd-status-change - Connection status changed (`status`: offline | reconnecting | error | syncing | connected | saved; reconnecting and error were added later: treat any status but syncing, connected and saved as "no connection").
 * @fires jd-access-change - The server decided the access (`access`: edit | view | none).
 * @fires jd-section-focus - The cursor entered another section (`lang`, `sectionId`).
 * @fires jd-version - A version was saved or restored (`action`, `versionNumber`, `name`).
 * @fires jd-workflow - The review status changed (`status`).
 * @fires jd-ready - Both panes are mounted: the text API (getView, decorate, findText…) answers from now on.
 * @fires jd-selection-change - The selection or caret of the focused pane changed (`lang`, `from`, `to`, `head`).
 * @fires jd-decoration-hover - The pointer went over a decorated range (`lang`, `decorationId`).
 * @fires jd-comment-request - Comment on the selection asked for (button or Ctrl+Alt+M, while `commenting`): `lang`, `anchor`, `quote`.
 * @csspart notice - Read-only, no-access, loading and signed-out messages.
 * @csspart identification - The position identification form (fieldset).
 * @csspart field - Each identification input.
 * @csspart field-problem - What is wrong with an identification value and what to type instead (next to its input).
 * @csspart toolbar - Formatting and undo/redo buttons.
 * @csspart link-form - The in-page form that edits a link's address (opened from the toolbar).
 * @csspart status - The connection status indicator (`data-status` is the status).
 * @csspart presence-button - The avatars of the people here, a button that opens their list.
 * @csspart presence - The list of people in the document (names, and the pane each one is in).
 * @csspart avatar - One person's avatar.
 * @csspart review-badge - The review status next to the toolbar (`data-status`: draft, in_review, approved, archived, changes_requested).
 * @csspart glossary-tip - The glossary equivalent shown over a term of the text (hover, or the caret entering the term); also a compliance finding's message.
 * @csspart submit-warning - The dialog "Submit for review" opens when compliance errors remain.
 * @csspart pane - Each language pane (also `pane-en`, `pane-fr`).
 * @csspart versions - The versions panel.
 * @csspart version-view - A past version shown side by side.
 * @csspart version-compare - Two versions (or one and the current text) compared per section, word by word.
 * @csspart compare - The form choosing the two versions to compare.
 * @csspart undo-restore - The button that undoes the last restore.
 * @csspart workflow - The review panel.
 * @csspart frozen - Inside the read-only notice of an approved document: who approved which version when, and that a new revision reopens it.
 * @csspart ai - The AI panel (with `ai-assist`): task, the suggestion streaming in, its inline diff (a decision per change), provider, model and cost, sources and glossary warnings.
 * @csspart xliff - The XLIFF panel: export the text for a CAT tool, import the translated file.
 * @csspart export - The export panel: the job description as PDF or Word, one language or both.
 * @csspart submission - Who submitted the open review round, and when.
 * @csspart decision - The last review decision: what, who, when and the reviewer's comment.
 * @csspart comment-button - The "Comment" button (shown while `commenting`).
 * @csspart confirm-pair - The toolbar's "Add this sentence pair to the translation memory" button (Ctrl+Enter); `aria-disabled` with the reason in its tooltip when the caret has no pair.
 * @cssstate loading - Checking access or opening the document.
 * @cssstate no-access - The server refused this user.
 * @cssstate signed-out - Nobody is signed in.
 * @cssstate read-only - The user may view but not change the document.
 * @cssstate offline - No connection to the sync server (edits stay on the device); also set while reconnecting and on error.
 * @cssstate reconnecting - The connection dropped and is being tried again.
 * @cssstate error - The server refused the connection (session expired, access withdrawn).
 * @cssstate syncing - Connected, changes being exchanged.
 * @cssstate connected - In sync, no local changes since opening.
 * @cssstate saved - This device's changes reached the server.
 * @cssproperty --jd-pane-min-height - Minimum height of a pane (default 20rem).
 * @cssproperty --jd-panel-width - Width of the side panel (default 18rem).
 */
export class JdEditor extends JdThemedElement implements CommentsEditor, TmEditor, EditorHost, FindingsEditor {
  static override styles = [sharedStyles, editorStyles, toolbarStyles, statusStyles, xliffStyles, exportStyles, aiPanelStyles, versionCompareStyles];

  /** The job description's id (uuid). */
  @property({ attribute: 'document-id', reflect: true }) documentId = '';
  /** Force read-only even for editors (e.g. a review screen). */
  @property({ type: Boolean, reflect: true }) readonly = false;
  /** Offer AI assistance (the `ai-assist` function) in the side panel: improve, translate, check equivalence, draft a section. */
  @property({ attribute: 'ai-assist', type: Boolean, reflect: true }) aiAssist = false;
  /** Offer "Comment" on the selection (set by a linked `<jd-comments>` when the user may comment, even read-only). */
  @property({ attribute: false }) commenting = false;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  session: JdSessionState | undefined;

  @state() private message = '';
  @state() private contentReady = false;

  /** @internal The document's lifecycle, access and role (shared with every element on it). */
  readonly documentState = new DocumentController(this, {
    stateNames: ['read-only', 'offline', 'reconnecting', 'error', 'syncing', 'connected', 'saved'],
    // :state(offline) keeps meaning "no connection" for styles written before reconnecting and error.
    openStates: () => [...(this.editable ? [] : ['read-only']), this.status, ...(this.status === 'reconnecting' || this.status === 'error' ? ['offline'] : [])],
    onAccessChange: (access) => this.dispatchEvent(new JdAccessChangeEvent(access)),
    onStatusChange: (status) => this.dispatchEvent(new JdStatusChangeEvent(status)),
    onAcquire: (document) => this.#watch(document),
    onOpen: (document, signal) => void this.#opened(document, signal),
    onClose: () => this.#closed(),
  });
  #toolbar = new ToolbarController(this);
  #panes = new PanesController(this, () => this.#toolbar.refresh());
  #presence = new PresenceController(this);
  #versions = new VersionsController(this);
  #workflow = new WorkflowController(this);
  #status = new StatusController(this, { reviewStatus: () => this.#workflow.status });
  #tmInsert = new TmInsertController(this);
  #glossary = new GlossaryController(this);
  #confirmPair = new ConfirmPairController(this);
  #xliff = new XliffController(this);
  #export = new ExportController(this);
  #ai = new AiAssistController(this);
  /** @internal Undoes and explains the changes the sync server refused. */
  readonly refusals = new RefusalController(this);
  #wasEditable = false;

  /** The connection status now. */
  get status(): SyncStatus {
    return this.documentState.status;
  }
  /** The server's answer: edit, view or none. */
  get accessLevel(): EditorAccess {
    return this.documentState.access;
  }
  /** The shared Y.Doc (null until open). */
  get ydoc(): Y.Doc | null {
    return this.documentState.document?.doc ?? null;
  }
  /** The shared document with its providers (null until open). */
  get sharedDocument(): SharedDocument | null {
    return this.documentState.document;
  }
  /** The latest review round (null until loaded, or never submitted). */
  get review(): ReviewRound | null {
    return this.#workflow.round;
  }
  /** Whether the signed-in user may decide the open review round: a reviewer or admin who did not submit it. */
  get canDecide(): boolean {
    return this.#workflow.canDecide;
  }
  /** Whether the user can change the document here. */
  get editable(): boolean {
    const d = this.documentState;
    // The review status the panel loaded decides over the access asked at opening, which goes stale when the status moves.
    return d.phase === 'open' && (this.#workflow.allowsEditing ?? d.access === 'edit') && !this.readonly && d.document?.refusal !== 'forbidden';
  }
  /** Whether both panes are mounted (after `jd-ready`). */
  get ready(): boolean {
    return this.#panes.size === LANGS.length;
  }


  private get lang_(): Lang {
    return this.session?.lang ?? langOf(this);
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // y-prosemirror calls `view.root.createRange()` (a Document method) when remote changes
    // arrive while the caret is in view; inside a shadow root that method does not exist.
    // Given to this element's own shadow root only, nothing global is patched.
    const shadow = root as DocumentFragment & { createRange?: () => Range };
    shadow.createRange ??= () => document.createRange();
    return root;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const editable = this.editable;
    if (changed.has('readonly') || editable !== this.#wasEditable) for (const pane of this.#panes.all()) pane.view.setProps({});
    this.#wasEditable = editable;
  }


  /** Subscribes to the document once the lease is taken; returns the cleanup. */
  #watch(document: SharedDocument): () => void {
    const meta = document.doc.getMap('meta');
    const onMeta = () => this.requestUpdate();
    const onUpdate = () => {
      if (!this.contentReady && !isEmptyDocument(document.doc)) this.contentReady = true;
    };
    // Versions and the review status live in Postgres: reload them when another client says it changed them.
    const stopRecords = document.onRecordsChange(() => {
      void this.#workflow.load();
      void this.#versions.load();
    });
    const stopPresence = this.#presence.watch(document);
    meta.observe(onMeta);
    document.doc.on('update', onUpdate);
    return () => {
      stopRecords();
      stopPresence();
      meta.unobserve(onMeta);
      document.doc.off('update', onUpdate);
    };
  }

  async #opened(document: SharedDocument, signal: AbortSignal): Promise<void> {
    this.contentReady = !isEmptyDocument(document.doc);
    void this.#workflow.load();
    void this.#versions.load();
    const client = this.session?.client;
    const unseeded = () => isEmptyDocument(document.doc) || !hasInitialMeta(document.doc);
    if (this.documentState.access !== 'edit' || !client || !unseeded()) return;
    // Only the server knows whether the document is really unseeded (it seeds it on load); without one, this device decides.
    const synced = document.websocket ? await document.whenServerSynced() : true;
    if (signal.aborted || !synced || !unseeded()) return;
    await seedDocument(client, document, signal);
  }

  #closed(): void {
    this.#panes.destroy(true);
    this.#toolbar.reset();
    this.#versions.reset();
    this.#workflow.reset();
    this.contentReady = false;
  }

  #onPanesPointer = (event: MouseEvent) => {
    this.#panes.onPointer(event);
    this.#glossary.onPointer(event);
  };

  #onPanesKeydown = (event: KeyboardEvent) => {
    this.#glossary.onKeydown(event);
    if (this.commenting && (event.ctrlKey || event.metaKey) && event.altKey && event.code === 'KeyM') {
      event.preventDefault();
      this.requestComment();
    }
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key === 'Enter' && this.editable) {
      event.preventDefault();
      void this.confirmPair();
    }
  };

  /** Ctrl+Z / Ctrl+Y in the side panels (focus stays there after the AI panel's "Apply") undo / redo in the text. */
  #onSideKeydown = (event: KeyboardEvent) => {
    const action = historyActionOf(event);
    if (!action) return;
    // The browser's own undo must not run too: it would replay native typing into the text.
    event.preventDefault();
    this[action](this.#ai.lastAppliedLang);
  };

  // ---- Public API -----------------------------------------------------------------------------

  /** @internal The pane of a language (default: the last focused one). */
  pane(lang: Lang = this.#panes.activeLang): Pane | undefined {
    return this.#panes.get(lang);
  }

  /** @internal Shows a line under the toolbar ('' clears it). */
  say(message: string): void {
    this.message = message;
  }

  /** The ProseMirror view of a language pane (null until open). */
  getView(lang: Lang) {
    return this.#panes.get(lang)?.view ?? null;
  }

  /** Decorates ranges (a finding, a comment anchor, an aligned sentence); they follow everyone's edits. */
  decorate(lang: Lang, ranges: readonly DecorationSpec[]): void {
    this.#panes.decorate(lang, ranges);
  }

  /** Removes decorations by id, or all of them (null). */
  undecorate(lang: Lang, ids: readonly string[] | null = null): void {
    this.#panes.undecorate(lang, ids);
  }

  /** Underlines compliance findings in a pane, replacing the previous ones (a linked `<jd-compliance>` calls it); Alt+F8 / Shift+Alt+F8 move between them. */
  showFindings(lang: Lang, marks: readonly FindingMark[]): void {
    const view = this.getView(lang);
    const tr = view && setFindingMarks(view.state, marks);
    if (view && tr) view.dispatch(tr);
  }

  /** The compliance findings underlined in a pane now, in document order. */
  shownFindings(lang: Lang): FindingMark[] {
    const view = this.getView(lang);
    return view ? findingMarks(view.state) : [];
  }

  /** Where the decorated ranges are now. */
  decorationPositions(lang: Lang): Map<string, { from: number; to: number }> {
    return this.#panes.positions(lang);
  }

  /** The comment anchor of the selection in a pane (default: the last focused one), or null when nothing is selected. */
  selectionAnchor(lang: Lang = this.#panes.activeLang): { lang: Lang; anchor: EncodedAnchor; quote: string } | null {
    const view = this.getView(lang);
    if (!view || view.state.selection.empty) return null;
    const { from, to } = view.state.selection;
    const anchor = anchorFromRange(view.state, from, to);
    return anchor ? { lang, anchor, quote: view.state.doc.textBetween(from, to, '\n').slice(0, 10_000) } : null;
  }

  /** Where a comment anchor is in a pane now (null: its text was removed). */
  anchorRange(lang: Lang, anchor: EncodedAnchor): { from: number; to: number } | null {
    const view = this.getView(lang);
    return view ? rangeOfAnchor(view.state, anchor, lang) : null;
  }

  /** Selects a range and scrolls it into view (focus stays where it is unless `focus`). */
  revealRange(lang: Lang, from: number, to: number, options: { focus?: boolean } = {}): void {
    const pane = this.#panes.get(lang);
    if (pane) revealRange(pane, from, to, options.focus ?? false);
  }

  /** Asks a linked `<jd-comments>` to comment on the selection; false when nothing is selected or nobody handled it. */
  requestComment(lang: Lang = this.#panes.activeLang): boolean {
    const selected = this.commenting ? this.selectionAnchor(lang) : null;
    if (!selected) {
      if (this.commenting) this.message = msg(this.lang_, 'editor.commentNeedsSelection');
      return false;
    }
    this.message = '';
    const event = new JdCommentRequestEvent(selected.lang, selected.anchor, selected.quote, this.documentId);
    this.dispatchEvent(event);
    return event.defaultPrevented;
  }

  /** Adds the sentence under the caret and its pair in the other language to the translation memory (tm_confirm_pair); says what happened under the toolbar. */
  confirmPair(): Promise<boolean> {
    return this.#confirmPair.confirm(this.lang_);
  }

  /** @internal Why the pair at the caret cannot be added now; null when it can. */
  confirmPairUnavailable(): string | null {
    return this.#confirmPair.unavailable(this.lang_);
  }

  /** The first occurrence of `text` in a language (optionally inside one section), as positions. */
  findText(lang: Lang, text: string, sectionId?: string): { from: number; to: number } | null {
    const pane = this.#panes.get(lang);
    return pane && text ? findText(pane, text, sectionId) : null;
  }

  /**
   * Replaces from..to with text (or HTML, cleaned like a paste) as one undoable step of this
   * user. Used for AI suggestions and TM matches. Returns false when read-only.
   */
  replaceRange(lang: Lang, from: number, to: number, content: string, options: { html?: boolean } = {}): boolean {
    const pane = this.#panes.get(lang);
    if (!pane || !this.editable) return false;
    replaceRange(pane, from, to, content, options.html ?? false);
    return true;
  }

  /** Inserts text at a position as one undoable step. */
  insertText(lang: Lang, pos: number, text: string): boolean {
    return this.replaceRange(lang, pos, pos, text);
  }

  /** The sentence at a position of a pane (default: its caret), numbered within its section. */
  sentenceAt(lang: Lang, pos?: number): EditorSentence | null {
    const view = this.getView(lang);
    return view ? sentenceAt(view.state, pos ?? view.state.selection.head, lang) : null;
  }

  /** The sentence at `index` of a section of a pane (what live TM lookup pairs with the caret's). */
  sentenceOf(lang: Lang, sectionId: string, index: number): EditorSentence | null {
    const view = this.getView(lang);
    return view ? sentenceOf(view.state, sectionId, index, lang) : null;
  }

  /** Inserts a translation-memory match: replaces the selection, or the sentence under the caret, as one undoable step. */
  insertMatch(lang: Lang, text: string): boolean {
    return this.#tmInsert.insert(lang, text);
  }

  /**
   * Undoes this user's last step in a language (others' changes stay): typing in that pane, or a
   * version restore when it is the latest step there (it then reverts both languages and the fields).
   */
  undo(lang: Lang = this.#panes.activeLang): boolean {
    return this.#historyStep('undo', lang);
  }

  redo(lang: Lang = this.#panes.activeLang): boolean {
    return this.#historyStep('redo', lang);
  }

  /** A restore's step when it is the latest in that pane, else the pane's own (y-prosemirror's UndoManager). */
  #historyStep(action: HistoryAction, lang: Lang): boolean {
    return this.#versions.historyStep(action, lang) || this.#panes.get(lang)?.undoManager()?.[action]() != null;
  }

  /** Adds a custom section at the end, in both languages at once; returns its id. */
  addSection(headingEn = msg('en', 'editor.newSectionEn'), headingFr = msg('fr', 'editor.newSectionFr')): string | null {
    const doc = this.ydoc;
    const en = this.#panes.get('en');
    const fr = this.#panes.get('fr');
    if (!doc || !this.editable || !en || !fr) return null;
    return addSection(doc, { en, fr }, { en: headingEn, fr: headingFr });
  }

  /** Saves a named version (server RPC save_version) and returns its number. */
  saveVersion(name: string, note?: string): Promise<number | null> {
    return this.#versions.save(name, note);
  }

  /** Shows a past version beside the current one (read-only). */
  viewVersion(versionNumber: number): Promise<boolean> {
    return this.#versions.view(versionNumber);
  }

  /** Restores a past version as one change by this user that everyone sees at once (history is never rewritten; undoRestore reverts it). */
  restoreVersion(versionNumber: number): Promise<boolean> {
    return this.#versions.restore(versionNumber);
  }

  /** Undoes the last restore in one step (both languages and the identification fields). */
  undoRestore(): boolean {
    return this.#versions.undoRestore();
  }

  /** Compares version `from` with version `to`, or with the current text when `to` is null, and shows the comparison. */
  compareVersions(from: number, to: number | null = null): Promise<boolean> {
    return this.#versions.compare(from, to);
  }

  /** The document as XLIFF 2.0 (what "Export XLIFF" downloads), or null when refused (the panel says why). */
  exportXliff(): Promise<string | null> {
    return this.#xliff.exportFile();
  }

  /**
   * Imports a translated XLIFF 2.0 file: its French replaces the French text section by section,
   * as one undoable step of this user that syncs to everyone; false when refused (read-only, or
   * a problem in the file, listed by line in the panel).
   */
  importXliff(file: string | Blob): Promise<boolean> {
    return this.#xliff.importFile(file);
  }

  /**
   * Asks the `ai-assist` function for a suggestion on the selection (or the section under the
   * caret) of the pane last focused, and shows it in the AI panel (needs `ai-assist`); resolves
   * once the suggestion is shown, refused or cancelled.
   */
  suggest(task: AiTask): Promise<void> {
    return this.aiAssist ? this.#ai.ask(task) : Promise.resolve();
  }

  /** Stops the suggestion being written (as the panel's Cancel button and Esc do). */
  cancelSuggestion(): void {
    this.#ai.cancel();
  }

  /** Runs a workflow step: submit (editors) or approve / request changes / reject (reviewers; the last two need a comment). */
  workflow(step: 'submit' | 'approved' | 'changes_requested' | 'rejected', comment?: string): Promise<boolean> {
    return this.#workflow.run(step, comment);
  }

  // ---- Rendering -----------------------------------------------------------------------------

  // Pointer over a highlight only says which one it is; keyboard users reach the same through the caret (jd-selection-change).
  /* eslint-disable lit-a11y/mouse-events-have-key-events */
  protected override render() {
    const lang = this.lang_;
    const phase = this.documentState.phase;
    const notice = (id: Parameters<typeof msg>[1], role: 'status' | 'alert' = 'status') => html`<p part="notice" role=${role}>${msg(lang, id)}</p>`;
    if (phase === 'idle') return notice('editor.noDocument');
    if (phase === 'signed-out') return notice('editor.signedOut');
    if (phase === 'loading') return html`<p part="notice" role="status" aria-busy="true">${msg(lang, 'editor.loading')}</p>`;
    if (phase === 'no-access') return notice(this.documentState.offline ? 'readOnly.offlineNoCopy' : 'editor.noAccess', 'alert');
    return html`<div class="layout" role="region" aria-label=${msg(lang, 'editor.label')}>
      <div class="main">
        ${this.#status.renderReadOnly(lang, this.#workflow.renderReopen(lang))}
        ${renderIdentification(this, lang)}
        <!-- Stays at the top of the screen while the text scrolls (Word, Google Docs): formatting and "offline" always in view. -->
        <div class="sticky">
          <div class="bar">
            ${this.#toolbar.render(lang)}
            ${this.#workflow.renderBadge(lang)} ${this.#status.render(lang)} ${this.#presence.render(lang)}
          </div>
          ${this.#toolbar.renderLinkForm(lang)}
          ${this.message ? html`<p role="status">${this.message}</p>` : nothing}
        </div>
        ${this.contentReady ? nothing : notice('editor.empty')}
        <div class="panes" @keydown=${this.#onPanesKeydown} @mouseover=${this.#onPanesPointer}>
          ${LANGS.map(
            (l) => html`<section part="pane pane-${l}" aria-labelledby="pane-title-${l}">
              <h2 id="pane-title-${l}">${msg(lang, l === 'en' ? 'editor.english' : 'editor.french')}</h2>
              <div id="pane-${l}"></div>
            </section>`,
          )}
        </div>
        ${this.#glossary.render()} ${this.#versions.renderView(lang)}
      </div>
      <aside class="side" aria-label=${msg(lang, 'panel.label')} @keydown=${this.#onSideKeydown}>
        ${this.aiAssist ? renderAiPanel(lang, this.#ai, this.editable) : nothing}
        ${this.#workflow.render(lang)} ${this.#versions.renderPanel(lang)} ${this.#xliff.render(lang)} ${this.#export.render(lang)}
        <slot name="panel"></slot>
      </aside>
    </div>`;
  }
  /* eslint-enable lit-a11y/mouse-events-have-key-events */
}
