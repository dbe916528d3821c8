import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import * as Y from 'yjs';
import { DOMParser as PmDOMParser, DOMSerializer, Fragment, Slice, type Node as PmNode } from 'prosemirror-model';
import { TextSelection, type Command } from 'prosemirror-state';
import { setBlockType, toggleMark } from 'prosemirror-commands';
import { wrapInList } from 'prosemirror-schema-list';
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import type { SupabaseClient } from '@supabase/supabase-js';
import { sharedStyles } from '../core/shared.styles.js';
import { sessionContext, type JdSessionState } from '../core/session-context.js';
import { msg, langOf, localeOf } from '../core/i18n.js';
import { jdSchema, SECTION_HEADING_LEVEL } from '../core/schema.js';
import { LANGS, META_FIELDS, newCustomSectionId, type Lang, type MetaField } from '../../domain/sections.js';
import { initialContentUpdate, isEmptyDocument, seedsFromRows } from '../../domain/document-init.js';
import { SYNC_STATUSES, type DocumentLease, type SharedDocument, type SyncStatus } from '../core/document-registry.js';
import { createPane, STRUCTURE_META, type Pane } from './pane.js';
import { nextToolbarIndex, removeLink, sameToolbarState, setLink, toolbarStateOf, type ToolbarState } from './toolbar.js';
import { cleanPastedHtml } from './paste.js';
import { SectionAligner } from './section-alignment.js';
import { rangeDecorationsKey, type RangeDecorationSpec } from './range-decorations.js';
import { anchorFromRange, rangeOfAnchor } from '../core/comment-prosemirror.js';
import { JdCommentRequestEvent } from '../core/comment-events.js';
import type { EncodedAnchor } from '../../domain/comment-anchors.js';
import { JdAccessChangeEvent, JdSectionFocusEvent, JdStatusChangeEvent, JdVersionEvent, JdWorkflowEvent, type EditorAccess } from './events.js';
import { editorStyles } from './editor.styles.js';

type Phase = 'idle' | 'signed-out' | 'loading' | 'no-access' | 'open';

export interface VersionRow {
  id: string;
  version_number: number;
  name: string;
  note: string | null;
  created_at: string;
}

/** The latest review round of the document (public.approvals), with the names of the people in it. */
export interface ReviewRound {
  step: number;
  requestedBy: string | null;
  requestedByName: string;
  requestedAt: string;
  decision: 'pending' | 'approved' | 'changes_requested' | 'rejected';
  reviewerName: string;
  comment: string | null;
  decidedAt: string | null;
}

/** Roles that decide review rounds (decide_approval), never on their own submission. */
const DECIDING_ROLES = new Set(['reviewer', 'admin']);

interface ViewedVersion {
  row: VersionRow;
  docs: Record<Lang, PmNode>;
  meta: Record<string, unknown>;
}

/** The link form under the toolbar: the address being typed, and whether it was refused. */
interface LinkForm {
  href: string;
  invalid: boolean;
}

const FIELD_LABELS: Record<Exclude<MetaField, 'status'>, Parameters<typeof msg>[1]> = {
  title_en: 'editor.titleEn',
  title_fr: 'editor.titleFr',
  classification: 'editor.classification',
  position_number: 'editor.positionNumber',
  department: 'editor.department',
  language_profile: 'editor.languageProfile',
};

/** PostgREST returns bytea as `\x…` hex. */
function decodeBytea(value: unknown): Uint8Array | null {
  if (typeof value !== 'string' || !value.startsWith('\\x')) return null;
  const hex = value.slice(2);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

const initials = (name: string) =>
  name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/**
 * The bilingual job description editor: English and French panes section by section (TBS
 * order), the position identification above, real-time collaboration with presence, offline
 * cache, versions and the review workflow. Needs a `<jd-session>` ancestor.
 *
 * @slot panel - Side panel for later tools (AI suggestions, TM matches, compliance findings).
 * @fires jd-status-change - Connection status changed (`status`: offline | syncing | connected | saved).
 * @fires jd-access-change - The server decided the access (`access`: edit | view | none).
 * @fires jd-section-focus - The cursor entered another section (`lang`, `sectionId`).
 * @fires jd-version - A version was saved or restored (`action`, `versionNumber`, `name`).
 * @fires jd-workflow - The review status changed (`status`).
 * @fires jd-comment-request - Comment on the selection asked for (button or Ctrl+Alt+M, while `commenting`): `lang`, `anchor`, `quote`.
 * @csspart notice - Read-only, no-access, loading and signed-out messages.
 * @csspart identification - The position identification form (fieldset).
 * @csspart field - Each identification input.
 * @csspart toolbar - Formatting and undo/redo buttons.
 * @csspart link-form - The in-page form that edits a link's address (opened from the toolbar).
 * @csspart status - The connection status indicator.
 * @csspart presence - The list of people in the document.
 * @csspart avatar - One person's avatar.
 * @csspart pane - Each language pane (also `pane-en`, `pane-fr`).
 * @csspart versions - The versions panel.
 * @csspart version-view - A past version shown side by side.
 * @csspart workflow - The review panel.
 * @csspart submission - Who submitted the open review round, and when.
 * @csspart decision - The last review decision: what, who, when and the reviewer's comment.
 * @csspart comment-button - The "Comment" button (shown while `commenting`).
 * @cssstate loading - Checking access or opening the document.
 * @cssstate no-access - The server refused this user.
 * @cssstate signed-out - Nobody is signed in.
 * @cssstate read-only - The user may view but not change the document.
 * @cssstate offline - No connection to the sync server (edits stay on the device).
 * @cssstate syncing - Connected, changes being exchanged.
 * @cssstate connected - In sync, no local changes since opening.
 * @cssstate saved - This device's changes reached the server.
 * @cssproperty --jd-color-paired - Background of the section paired with the cursor's (default #fff3b0).
 * @cssproperty --jd-color-range - Background of decorated ranges (default #e0ecf8).
 * @cssproperty --jd-color-comment - Background of commented text (default #fde9a9); the selected thread's is `--jd-color-comment-active` (default #f7c948).
 * @cssproperty --jd-color-link - Links in the text (default #284162).
 * @cssproperty --jd-pane-min-height - Minimum height of a pane (default 20rem).
 * @cssproperty --jd-panel-width - Width of the side panel (default 18rem).
 * @cssproperty --jd-color-primary - Buttons and accents (default #26374a).
 * @cssproperty --jd-color-focus - Focus ring (default #0535d2).
 */
export class JdEditor extends LitElement {
  static override styles = [sharedStyles, editorStyles];

  /** The job description's id (uuid). */
  @property({ attribute: 'document-id', reflect: true }) documentId = '';
  /** Force read-only even for editors (e.g. a review screen). */
  @property({ type: Boolean, reflect: true }) readonly = false;
  /** Offer "Comment" on the selection (set by a linked `<jd-comments>` when the user may comment, even read-only). */
  @property({ attribute: false }) commenting = false;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  session: JdSessionState | undefined;

  @state() private phase: Phase = 'idle';
  @state() private access: EditorAccess = 'none';
  @state() private versions: VersionRow[] = [];
  @state() private viewedVersion: ViewedVersion | null = null;
  @state() private workflowStatus = '';
  /** The signed-in user's role in the document's organization (memberships), for what the review panel offers. */
  @state() private memberRole: string | null = null;
  @state() private reviewRound: ReviewRound | null = null;
  @state() private message = '';
  @state() private contentReady = false;
  /** Formats active at the selection of the focused pane (aria-pressed on the toolbar). */
  @state() private toolbarState: ToolbarState | null = null;
  /** The toolbar's single tab stop (roving tabindex). */
  @state() private toolbarIndex = 0;
  @state() private linkForm: LinkForm | null = null;

  /** The connection status now. */
  get status(): SyncStatus {
    return this.#document?.status ?? 'offline';
  }
  /** The server's answer: edit, view or none. */
  get accessLevel(): EditorAccess {
    return this.access;
  }
  /** The shared Y.Doc (null until open). */
  get ydoc(): Y.Doc | null {
    return this.#document?.doc ?? null;
  }
  /** The shared document with its providers (null until open). */
  get sharedDocument(): SharedDocument | null {
    return this.#document;
  }
  /** The latest review round (null until loaded, or never submitted). */
  get review(): ReviewRound | null {
    return this.reviewRound;
  }
  /** Whether the signed-in user may decide the open review round: a reviewer or admin who did not submit it. */
  get canDecide(): boolean {
    const round = this.reviewRound;
    return (
      this.workflowStatus === 'in_review' &&
      DECIDING_ROLES.has(this.memberRole ?? '') &&
      round?.decision === 'pending' &&
      round.requestedBy !== this.session?.user?.id
    );
  }
  /** Whether the user can change the document here. */
  get editable(): boolean {
    return this.phase === 'open' && this.access === 'edit' && !this.readonly && this.#document?.refusal !== 'forbidden';
  }

  #lease: DocumentLease | null = null;
  #document: SharedDocument | null = null;
  #panes = new Map<Lang, Pane>();
  #activeLang: Lang = 'en';
  #openKey = '';
  #generation = 0;
  #internals = this.attachInternals();
  #cleanup: (() => void)[] = [];
  #mountFailed = false;
  #presenceKey = '';
  #aligner: SectionAligner | null = null;
  /** The latest load of each panel: an older answer arriving later (live reloads overlap) is dropped. */
  #loads = { workflow: 0, versions: 0 };
  /** Past versions rendered once per view, not on every keystroke's render. */
  #versionDom = new WeakMap<ViewedVersion, Record<Lang, HTMLElement>>();

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

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#close();
    this.#openKey = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const s = this.session;
    const key = JSON.stringify([this.documentId, s?.user?.id ?? null, !!s?.client, s?.syncUrl ?? null]);
    if (key !== this.#openKey && this.isConnected) {
      this.#openKey = key;
      void this.#open();
    }
    if (changed.has('readonly')) for (const pane of this.#panes.values()) pane.view.setProps({});
    this.#syncStates();
  }

  protected override updated(): void {
    if (this.phase !== 'open' || !this.#document || this.#panes.size > 0 || this.#mountFailed || isEmptyDocument(this.#document.doc)) return;
    try {
      this.#mountPanes();
    } catch (error) {
      // Not retried on every render: a broken document would otherwise loop.
      this.#mountFailed = true;
      for (const pane of this.#panes.values()) pane.destroy();
      this.#panes.clear();
      throw error;
    }
  }

  #syncStates(): void {
    const states = this.#internals.states;
    for (const s of ['loading', 'no-access', 'signed-out', 'read-only', ...SYNC_STATUSES]) states.delete(s);
    if (this.phase === 'loading') states.add('loading');
    if (this.phase === 'no-access') states.add('no-access');
    if (this.phase === 'signed-out') states.add('signed-out');
    if (this.phase === 'open') {
      if (!this.editable) states.add('read-only');
      states.add(this.status);
    }
  }

  #close(): void {
    this.#generation += 1;
    for (const fn of this.#cleanup.splice(0)) fn();
    this.#aligner?.destroy();
    this.#aligner = null;
    for (const pane of this.#panes.values()) pane.destroy();
    this.#panes.clear();
    this.#lease?.release();
    this.#lease = null;
    this.#document = null;
    this.viewedVersion = null;
    this.versions = [];
    this.reviewRound = null;
    this.memberRole = null;
    this.workflowStatus = '';
    this.contentReady = false;
    this.#mountFailed = false;
  }

  async #open(): Promise<void> {
    this.#close();
    const generation = this.#generation;
    const s = this.session;
    if (!this.documentId) return void (this.phase = 'idle');
    if (!s?.client || !s.user) return void (this.phase = 'signed-out');
    this.phase = 'loading';
    const access = await this.#checkAccess(s.client, s.user.id);
    if (generation !== this.#generation) return;
    this.access = access;
    this.dispatchEvent(new JdAccessChangeEvent(access));
    if (access === 'none') return void (this.phase = 'no-access');

    const lease = s.documents.acquire(this.documentId);
    this.#lease = lease;
    const document = lease.document;
    this.#document = document;
    const onStatus = () => {
      this.requestUpdate();
      this.dispatchEvent(new JdStatusChangeEvent(document.status));
    };
    const onRefused = () => {
      if (document.refusal === 'forbidden' || document.refusal === 'not-found') {
        this.access = 'none';
        this.phase = 'no-access';
        this.dispatchEvent(new JdAccessChangeEvent('none'));
      }
    };
    // Every keystroke moves the local cursor in awareness; only a change of who is here re-renders.
    const onAwareness = () => {
      const key = this.#presenceKeyOf(document);
      if (key === this.#presenceKey) return;
      this.#presenceKey = key;
      this.requestUpdate();
    };
    const meta = document.doc.getMap('meta');
    const onMeta = () => this.requestUpdate();
    const onUpdate = () => {
      if (!this.contentReady && !isEmptyDocument(document.doc)) this.contentReady = true;
    };
    document.addEventListener('status-change', onStatus);
    document.addEventListener('refused', onRefused);
    // Versions and the review status live in Postgres: reload them when another client says it changed them.
    const stopRecords = document.onRecordsChange(() => {
      void this.#loadWorkflow();
      void this.#loadVersions();
    });
    this.#cleanup.push(stopRecords);
    document.awareness.on('change', onAwareness);
    meta.observe(onMeta);
    document.doc.on('update', onUpdate);
    this.#cleanup.push(() => {
      document.removeEventListener('status-change', onStatus);
      document.removeEventListener('refused', onRefused);
      document.awareness.off('change', onAwareness);
      meta.unobserve(onMeta);
      document.doc.off('update', onUpdate);
    });

    await document.whenCached;
    if (generation !== this.#generation) return;
    this.contentReady = !isEmptyDocument(document.doc);
    this.phase = 'open';
    this.dispatchEvent(new JdStatusChangeEvent(document.status));
    void this.#loadWorkflow();
    void this.#loadVersions();
    if (access === 'edit' && isEmptyDocument(document.doc)) {
      // Only the server knows whether the document is really empty; without one, this device decides.
      const synced = document.websocket ? await document.whenServerSynced() : true;
      if (generation !== this.#generation || !synced || !isEmptyDocument(document.doc)) return;
      await this.#initialise(s.client, document, generation);
    }
  }

  async #checkAccess(client: SupabaseClient, userId: string): Promise<EditorAccess> {
    const key = `jd-access:${userId}:${this.documentId}`;
    const cached = (): EditorAccess => {
      const value = globalThis.localStorage?.getItem(key);
      return value === 'edit' || value === 'view' ? value : 'none';
    };
    try {
      const { data, error, status } = await client.rpc('can_open_document', { doc: this.documentId });
      // Offline (status 0): the answer remembered from the last time, so the cached copy opens.
      if (error) return status === 0 ? cached() : 'none';
      const access: EditorAccess = data === 'edit' ? 'edit' : data === 'view' ? 'view' : 'none';
      globalThis.localStorage?.setItem(key, access);
      return access;
    } catch {
      return cached();
    }
  }

  async #initialise(client: SupabaseClient, document: SharedDocument, generation: number): Promise<void> {
    const [{ data: rows }, { data: docs }] = await Promise.all([
      client.from('document_sections').select('lang, section_id, kind, position, heading, body').eq('document_id', this.documentId).order('position'),
      client.rpc('list_documents'),
    ]);
    if (generation !== this.#generation || !isEmptyDocument(document.doc)) return;
    const sorted = ((rows ?? []) as { lang: string; section_id: string; kind: string; position: number; heading: string; body: string }[])
      .slice()
      .sort((a, b) => a.position - b.position || a.section_id.localeCompare(b.section_id));
    Y.applyUpdate(document.doc, initialContentUpdate(seedsFromRows(sorted)), 'jd-init');
    const row = ((docs ?? []) as Record<string, unknown>[]).find((d) => d['id'] === this.documentId);
    const meta = document.doc.getMap('meta');
    document.doc.transact(() => {
      for (const field of META_FIELDS) {
        const value = field === 'department' ? row?.['organization_name_en'] : row?.[field];
        if (meta.get(field) === undefined && typeof value === 'string') meta.set(field, value);
      }
    }, 'jd-init');
  }

  #mountPanes(): void {
    const document = this.#document!;
    for (const lang of LANGS) {
      const mount = this.renderRoot.querySelector<HTMLElement>(`#pane-${lang}`);
      if (!mount) return;
      const pane = createPane({
        lang,
        fragment: document.doc.getXmlFragment(lang),
        awareness: document.awareness,
        mount,
        label: msg(this.lang_, 'editor.paneLabel', { lang: msg(this.lang_, lang === 'en' ? 'editor.english' : 'editor.french') }),
        editable: () => this.editable,
        onSectionChange: (sectionId) => {
          this.#panes.get(lang === 'en' ? 'fr' : 'en')?.setPaired(sectionId);
          this.dispatchEvent(new JdSectionFocusEvent(lang, sectionId));
        },
        onFocus: () => {
          this.#activeLang = lang;
          this.#refreshToolbarState();
        },
        onUpdate: () => {
          if (lang === this.#activeLang) this.#refreshToolbarState();
        },
      });
      this.#panes.set(lang, pane);
    }
    const en = this.#panes.get('en');
    const fr = this.#panes.get('fr');
    if (!en || !fr) return;
    this.#aligner = new SectionAligner(en.view, fr.view);
    this.#aligner.schedule();
  }

  /** Re-renders only when what the toolbar shows changed: most transactions (typing) change nothing there. */
  #refreshToolbarState(): void {
    const pane = this.#panes.get(this.#activeLang);
    if (!pane) return;
    const next = toolbarStateOf(pane.view.state);
    if (!sameToolbarState(this.toolbarState, next)) this.toolbarState = next;
  }

  #presenceKeyOf(document: SharedDocument): string {
    const users: string[] = [];
    for (const [clientId, state] of document.awareness.getStates()) users.push(`${clientId}:${JSON.stringify((state as { user?: unknown }).user ?? null)}`);
    return users.sort().join('|');
  }

  // ---- Public API -----------------------------------------------------------------------------

  /** The ProseMirror view of a language pane (null until open). */
  getView(lang: Lang) {
    return this.#panes.get(lang)?.view ?? null;
  }

  /** Decorates ranges (a finding, a comment anchor, an aligned sentence); they follow everyone's edits. */
  decorate(lang: Lang, ranges: readonly RangeDecorationSpec[]): void {
    const pane = this.#panes.get(lang);
    if (!pane) return;
    pane.decorations.add(pane.view.state, ranges);
    this.#refreshDecorations(pane);
  }

  /** Removes decorations by id, or all of them (null). */
  undecorate(lang: Lang, ids: readonly string[] | null = null): void {
    const pane = this.#panes.get(lang);
    if (!pane) return;
    pane.decorations.remove(ids);
    this.#refreshDecorations(pane);
  }

  /** Where the decorated ranges are now. */
  decorationPositions(lang: Lang): Map<string, { from: number; to: number }> {
    const pane = this.#panes.get(lang);
    return pane ? pane.decorations.positions(pane.view.state) : new Map();
  }

  /** The comment anchor of the selection in a pane (default: the last focused one), or null when nothing is selected. */
  selectionAnchor(lang: Lang = this.#activeLang): { lang: Lang; anchor: EncodedAnchor; quote: string } | null {
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
    const view = this.getView(lang);
    if (!view) return;
    const size = view.state.doc.content.size;
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, Math.min(from, size), Math.min(to, size))).scrollIntoView());
    if (options.focus) view.focus();
    view.domAtPos(Math.min(from, size)).node.parentElement?.scrollIntoView?.({ block: 'nearest' });
  }

  /** Asks a linked `<jd-comments>` to comment on the selection; false when nothing is selected or nobody handled it. */
  requestComment(lang: Lang = this.#activeLang): boolean {
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

  #onPanesKeydown = (event: KeyboardEvent) => {
    if (this.commenting && (event.ctrlKey || event.metaKey) && event.altKey && event.code === 'KeyM') {
      event.preventDefault();
      this.requestComment();
    }
  };

  #refreshDecorations(pane: Pane): void {
    // The plugin rebuilds from relative positions when its key is in the transaction meta.
    pane.view.dispatch(pane.view.state.tr.setMeta(rangeDecorationsKey, true).setMeta('addToHistory', false));
  }

  /** The first occurrence of `text` in a language (optionally inside one section), as positions. */
  findText(lang: Lang, text: string, sectionId?: string): { from: number; to: number } | null {
    const view = this.getView(lang);
    if (!view || !text) return null;
    let found: { from: number; to: number } | null = null;
    view.state.doc.forEach((section, offset) => {
      if (found || (sectionId && section.attrs['sectionId'] !== sectionId)) return;
      section.descendants((node, pos) => {
        if (found || !node.isTextblock) return !found;
        const index = node.textContent.indexOf(text);
        if (index < 0) return false;
        // Text offsets inside a textblock map 1:1 to positions (inline content is text only).
        const start = offset + 1 + pos + 1 + index;
        found = { from: start, to: start + text.length };
        return false;
      });
    });
    return found;
  }

  /**
   * Replaces from..to with text (or HTML, cleaned like a paste) as one undoable step of this
   * user. Used for AI suggestions and TM matches. Returns false when read-only.
   */
  replaceRange(lang: Lang, from: number, to: number, content: string, options: { html?: boolean } = {}): boolean {
    const pane = this.#panes.get(lang);
    if (!pane || !this.editable) return false;
    const view = pane.view;
    const undo = pane.undoManager();
    undo?.stopCapturing();
    let tr = view.state.tr;
    if (options.html) {
      const container = window.document.createElement('div');
      // Parsed inert (DOMParser in cleanPastedHtml), then only schema nodes are kept.
      container.append(...Array.from(new window.DOMParser().parseFromString(cleanPastedHtml(content), 'text/html').body.childNodes));
      const slice = PmDOMParser.fromSchema(jdSchema).parseSlice(container);
      tr = tr.replaceRange(from, to, slice);
    } else {
      tr = content === '' ? tr.delete(from, to) : tr.replaceWith(from, to, jdSchema.text(content, view.state.doc.resolve(from).marks()));
    }
    view.dispatch(tr);
    undo?.stopCapturing();
    return true;
  }

  /** Inserts text at a position as one undoable step. */
  insertText(lang: Lang, pos: number, text: string): boolean {
    return this.replaceRange(lang, pos, pos, text);
  }

  /** Undoes this user's last change in a language (others' changes stay). */
  undo(lang: Lang = this.#activeLang): boolean {
    return this.#panes.get(lang)?.undoManager()?.undo() != null;
  }

  redo(lang: Lang = this.#activeLang): boolean {
    return this.#panes.get(lang)?.undoManager()?.redo() != null;
  }

  /** Adds a custom section at the end, in both languages at once; returns its id. */
  addSection(headingEn = msg('en', 'editor.newSectionEn'), headingFr = msg('fr', 'editor.newSectionFr')): string | null {
    const doc = this.#document?.doc;
    if (!doc || !this.editable || this.#panes.size < 2) return null;
    const sectionId = newCustomSectionId();
    doc.transact(() => {
      for (const lang of LANGS) {
        const view = this.#panes.get(lang)!.view;
        const section = jdSchema.nodes['section']!.create({ sectionId, kind: 'custom' }, [
          jdSchema.nodes['heading']!.create({ level: SECTION_HEADING_LEVEL }, jdSchema.text(lang === 'en' ? headingEn : headingFr)),
          jdSchema.nodes['paragraph']!.create(),
        ]);
        view.dispatch(view.state.tr.insert(view.state.doc.content.size, section).setMeta(STRUCTURE_META, true));
      }
    });
    return sectionId;
  }

  // ---- Versions and workflow -------------------------------------------------------------------

  async #loadVersions(): Promise<void> {
    const client = this.session?.client;
    if (!client || !this.documentId) return;
    const generation = this.#generation;
    const load = ++this.#loads.versions;
    const { data } = await client
      .from('document_versions')
      .select('id, version_number, name, note, created_at')
      .eq('document_id', this.documentId)
      .order('version_number', { ascending: false });
    if (Array.isArray(data) && generation === this.#generation && load === this.#loads.versions) this.versions = data as VersionRow[];
  }

  /** Saves a named version (server RPC save_version) and returns its number. */
  async saveVersion(name: string, note?: string): Promise<number | null> {
    const client = this.session?.client;
    if (!client || !name.trim()) return null;
    const { data, error } = await client.rpc('save_version', { doc: this.documentId, version_name: name.trim(), version_note: note ?? null });
    if (error) {
      this.message = msg(this.lang_, 'workflow.failed', { message: error.message });
      return null;
    }
    const row = (Array.isArray(data) ? data[0] : data) as { version_number: number; name: string } | undefined;
    this.#document?.announceRecordsChange();
    await this.#loadVersions();
    if (row) this.dispatchEvent(new JdVersionEvent('saved', row.version_number, row.name));
    return row?.version_number ?? null;
  }

  async #fetchVersion(row: VersionRow): Promise<ViewedVersion | null> {
    const client = this.session?.client;
    if (!client) return null;
    const { data, error } = await client.from('document_versions').select('state, updates, metadata').eq('id', row.id).single();
    if (error || !data) return null;
    const doc = new Y.Doc();
    const state = decodeBytea((data as { state: unknown }).state);
    if (state) Y.applyUpdate(doc, state);
    for (const update of ((data as { updates: unknown[] }).updates ?? []) as unknown[]) {
      const bytes = decodeBytea(update);
      if (bytes) Y.applyUpdate(doc, bytes);
    }
    const docs = {
      en: yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment('en'), jdSchema) as PmNode,
      fr: yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment('fr'), jdSchema) as PmNode,
    };
    const meta = doc.getMap('meta').toJSON();
    doc.destroy();
    return { row, docs, meta };
  }

  /** Shows a past version beside the current one (read-only). */
  async viewVersion(versionNumber: number): Promise<boolean> {
    const row = this.versions.find((v) => v.version_number === versionNumber);
    const viewed = row ? await this.#fetchVersion(row) : null;
    this.viewedVersion = viewed;
    return viewed !== null;
  }

  /** Restores a past version as a new change by this user (history is never rewritten; undo reverts it). */
  async restoreVersion(versionNumber: number): Promise<boolean> {
    const row = this.versions.find((v) => v.version_number === versionNumber);
    const version = row ? await this.#fetchVersion(row) : null;
    const doc = this.#document?.doc;
    if (!version || !doc || !this.editable || this.#panes.size < 2) return false;
    for (const lang of LANGS) {
      const pane = this.#panes.get(lang)!;
      const view = pane.view;
      pane.undoManager()?.stopCapturing();
      view.dispatch(view.state.tr.replace(0, view.state.doc.content.size, new Slice(Fragment.from(version.docs[lang].content), 0, 0)).setMeta(STRUCTURE_META, true));
      pane.undoManager()?.stopCapturing();
    }
    const meta = doc.getMap('meta');
    doc.transact(() => {
      for (const field of META_FIELDS) {
        const value = version.meta[field];
        if (field !== 'status' && typeof value === 'string' && meta.get(field) !== value) meta.set(field, value);
      }
    });
    this.message = msg(this.lang_, 'versions.restored', { name: version.row.name });
    this.dispatchEvent(new JdVersionEvent('restored', version.row.version_number, version.row.name));
    return true;
  }

  async #loadWorkflow(): Promise<void> {
    const client = this.session?.client;
    const userId = this.session?.user?.id;
    const documentId = this.documentId;
    const generation = this.#generation;
    const load = ++this.#loads.workflow;
    if (!client || !userId) return;
    // One round trip for the status, the caller's roles and the latest round; names only when there is a round.
    const [{ data }, memberships, rounds] = await Promise.all([
      client.rpc('list_documents'),
      client.from('memberships').select('organization_id, role').eq('user_id', userId),
      client
        .from('approvals')
        .select('step, requested_by, requested_at, reviewer_id, decision, comment, decided_at')
        .eq('document_id', documentId)
        .order('step', { ascending: false })
        .limit(1),
    ]);
    const row = ((data ?? []) as { id: string; status: string; organization_id: string }[]).find((d) => d.id === documentId);
    if (!row || generation !== this.#generation || load !== this.#loads.workflow) return;
    const round = ((rounds.data ?? []) as Record<string, unknown>[])[0];
    const people = round ? [round['requested_by'], round['reviewer_id']].filter((id): id is string => typeof id === 'string') : [];
    const profiles = people.length ? await client.from('profiles').select('id, display_name').in('id', people) : { data: [] };
    if (generation !== this.#generation || load !== this.#loads.workflow) return;
    const names = new Map(((profiles.data ?? []) as { id: string; display_name: string | null }[]).map((p) => [p.id, (p.display_name ?? '').slice(0, 200)]));
    this.workflowStatus = row.status;
    this.memberRole = ((memberships.data ?? []) as { organization_id: string; role: string }[]).find((m) => m.organization_id === row.organization_id)?.role ?? null;
    this.reviewRound = round
      ? {
          step: Number(round['step']),
          requestedBy: (round['requested_by'] as string | null) ?? null,
          requestedByName: names.get(round['requested_by'] as string) ?? '',
          requestedAt: String(round['requested_at']),
          decision: round['decision'] as ReviewRound['decision'],
          reviewerName: names.get(round['reviewer_id'] as string) ?? '',
          comment: (round['comment'] as string | null) ?? null,
          decidedAt: (round['decided_at'] as string | null) ?? null,
        }
      : null;
  }

  /** Runs a workflow step: submit (editors) or approve / request changes (reviewers). */
  async workflow(step: 'submit' | 'approved' | 'changes_requested', comment?: string): Promise<boolean> {
    const client = this.session?.client;
    if (!client) return false;
    const { error } =
      step === 'submit'
        ? await client.rpc('submit_for_review', { doc: this.documentId, note: comment ?? null })
        : await client.rpc('decide_approval', { doc: this.documentId, decision: step, comment: comment ?? null });
    if (error) {
      this.message = msg(this.lang_, 'workflow.failed', { message: error.message });
      return false;
    }
    this.message = '';
    this.#document?.announceRecordsChange();
    await this.#loadWorkflow();
    this.dispatchEvent(new JdWorkflowEvent(this.workflowStatus));
    return true;
  }

  // ---- Rendering -----------------------------------------------------------------------------

  #command(run: (pane: Pane) => void) {
    return () => {
      const pane = this.#panes.get(this.#activeLang);
      if (!pane || !this.editable) return;
      run(pane);
      pane.view.focus();
    };
  }

  #toolbar(lang: Lang) {
    const exec = (cmd: Command) => this.#command((p) => void cmd(p.view.state, p.view.dispatch));
    const disabled = !this.editable;
    const active = this.toolbarState;
    const items: { label: string; text: string; action: () => void; pressed?: boolean; expanded?: boolean }[] = [
      { label: msg(lang, 'editor.undo'), text: '↶', action: this.#command((p) => p.undoManager()?.undo()) },
      { label: msg(lang, 'editor.redo'), text: '↷', action: this.#command((p) => p.undoManager()?.redo()) },
      { label: msg(lang, 'editor.bold'), text: 'B', action: exec(toggleMark(jdSchema.marks['strong']!)), pressed: !!active?.strong },
      { label: msg(lang, 'editor.italic'), text: 'I', action: exec(toggleMark(jdSchema.marks['em']!)), pressed: !!active?.em },
      { label: msg(lang, 'editor.link'), text: '🔗', action: () => this.#openLinkForm(), pressed: !!active?.link, expanded: !!this.linkForm },
      { label: msg(lang, 'editor.heading'), text: 'H', action: exec(setBlockType(jdSchema.nodes['heading']!, { level: 3 })), pressed: active?.block === 'heading' },
      { label: msg(lang, 'editor.paragraph'), text: '¶', action: exec(setBlockType(jdSchema.nodes['paragraph']!)), pressed: active?.block === 'paragraph' },
      { label: msg(lang, 'editor.bulletList'), text: '•', action: exec(wrapInList(jdSchema.nodes['bullet_list']!)), pressed: active?.block === 'bullet_list' },
      { label: msg(lang, 'editor.orderedList'), text: '1.', action: exec(wrapInList(jdSchema.nodes['ordered_list']!)), pressed: active?.block === 'ordered_list' },
      { label: msg(lang, 'editor.addSection'), text: '+', action: () => void this.addSection() },
    ];
    const enabled = [...items.map(() => !disabled), ...(this.commenting ? [true] : [])];
    // One tab stop: the last item used, or the first enabled one.
    const tabStop = enabled[this.toolbarIndex] ? this.toolbarIndex : enabled.indexOf(true);
    const onKeydown = (event: KeyboardEvent) => {
      const next = nextToolbarIndex(event.key, tabStop, enabled);
      if (next === null) return;
      event.preventDefault();
      this.toolbarIndex = next;
      void this.updateComplete.then(() => this.renderRoot.querySelectorAll<HTMLButtonElement>('[part=toolbar] > button')[next]?.focus());
    };
    const onFocusin = (event: FocusEvent) => {
      const index = Array.from(this.renderRoot.querySelectorAll('[part=toolbar] > button')).indexOf(event.target as Element);
      if (index >= 0 && index !== this.toolbarIndex) this.toolbarIndex = index;
    };
    const keepSelection = (e: Event) => e.preventDefault();
    return html`<div part="toolbar" role="toolbar" aria-label=${msg(lang, 'editor.toolbar')} @keydown=${onKeydown} @focusin=${onFocusin}>
      ${items.map(
        (item, i) =>
          html`<button
            type="button"
            title=${item.label}
            tabindex=${i === tabStop ? 0 : -1}
            aria-pressed=${item.pressed === undefined || item.expanded !== undefined ? nothing : String(item.pressed)}
            aria-expanded=${item.expanded === undefined ? nothing : String(item.expanded)}
            class=${item.pressed ? 'pressed' : ''}
            ?disabled=${disabled}
            @mousedown=${keepSelection}
            @click=${item.action}
          >
            <span aria-hidden="true">${item.text}</span><span class="visually-hidden">${item.label}</span>
          </button>`,
      )}
      ${this.commenting
        ? html`<button
            type="button"
            part="comment-button"
            tabindex=${tabStop === items.length ? 0 : -1}
            title=${msg(lang, 'editor.commentShortcut')}
            aria-keyshortcuts="Control+Alt+M"
            @mousedown=${keepSelection}
            @click=${() => this.requestComment()}
          >
            ${msg(lang, 'editor.comment')}
          </button>`
        : nothing}
    </div>`;
  }

  #openLinkForm(): void {
    const pane = this.#panes.get(this.#activeLang);
    if (!pane || !this.editable) return;
    this.linkForm = { href: toolbarStateOf(pane.view.state).link ?? '', invalid: false };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('[part=link-form] input')?.focus());
  }

  #closeLinkForm(): void {
    this.linkForm = null;
    this.#panes.get(this.#activeLang)?.view.focus();
  }

  #linkFormView(lang: Lang) {
    const form = this.linkForm;
    if (!form) return nothing;
    const pane = this.#panes.get(this.#activeLang);
    const hasLink = !!this.toolbarState?.link;
    const apply = (event: SubmitEvent) => {
      event.preventDefault();
      const href = ((event.target as HTMLFormElement).elements.namedItem('href') as HTMLInputElement).value;
      if (!pane || !setLink(href)(pane.view.state, pane.view.dispatch)) {
        this.linkForm = { href, invalid: true };
        return;
      }
      this.#closeLinkForm();
    };
    return html`<form
      part="link-form"
      class="row"
      novalidate
      @submit=${apply}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        this.#closeLinkForm();
      }}
    >
      <label
        >${msg(lang, 'editor.linkPrompt')}
        <input
          name="href"
          type="url"
          inputmode="url"
          autocomplete="url"
          maxlength="2048"
          .value=${form.href}
          aria-invalid=${form.invalid ? 'true' : 'false'}
          aria-describedby=${form.invalid ? 'link-error' : nothing}
      /></label>
      <button type="submit" class="primary">${msg(lang, 'editor.linkApply')}</button>
      ${hasLink
        ? html`<button
            type="button"
            @click=${() => {
              if (pane) removeLink(pane.view.state, pane.view.dispatch);
              this.#closeLinkForm();
            }}
          >
            ${msg(lang, 'editor.linkRemove')}
          </button>`
        : nothing}
      <button type="button" @click=${() => this.#closeLinkForm()}>${msg(lang, 'editor.linkCancel')}</button>
      ${form.invalid ? html`<p id="link-error" class="error" role="alert">${msg(lang, 'editor.linkInvalid')}</p>` : nothing}
    </form>`;
  }

  #presence(lang: Lang) {
    const document = this.#document;
    if (!document) return nothing;
    const people = new Map<string, { name: string; color: string; self: boolean }>();
    for (const [clientId, state] of document.awareness.getStates()) {
      const user = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
      if (!user || typeof user.name !== 'string') continue;
      const id = typeof user.id === 'string' ? user.id : String(clientId);
      const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#545454';
      const self = clientId === document.doc.clientID;
      if (!people.has(id) || self) people.set(id, { name: user.name.slice(0, 80), color, self });
    }
    return html`<ul part="presence" aria-label=${msg(lang, 'editor.presence')}>
      ${[...people.values()].map((p) => {
        const label = p.self ? msg(lang, 'editor.you', { name: p.name }) : p.name;
        return html`<li part="avatar" style="background:${p.color}" title=${label}><span aria-hidden="true">${initials(p.name)}</span><span class="visually-hidden">${label}</span></li>`;
      })}
    </ul>`;
  }

  #identification(lang: Lang) {
    const meta = this.#document?.doc.getMap('meta');
    const readOnly = !this.editable;
    return html`<fieldset part="identification">
      <legend>${msg(lang, 'editor.identification')}</legend>
      ${(Object.keys(FIELD_LABELS) as (keyof typeof FIELD_LABELS)[]).map(
        (field) => html`<label
          >${msg(lang, FIELD_LABELS[field])}
          <input
            part="field"
            name=${field}
            lang=${field === 'title_fr' ? 'fr' : field === 'title_en' ? 'en' : nothing}
            .value=${String(meta?.get(field) ?? '')}
            ?readonly=${readOnly}
            maxlength="200"
            @input=${(e: Event) => {
              if (!this.editable) return;
              meta?.set(field, (e.target as HTMLInputElement).value);
            }}
        /></label>`,
      )}
    </fieldset>`;
  }

  #versionsPanel(lang: Lang) {
    return html`<details part="versions">
      <summary>${msg(lang, 'versions.label')}</summary>
      ${this.access === 'edit'
        ? html`<form
            class="row"
            @submit=${(e: SubmitEvent) => {
              e.preventDefault();
              const input = (e.target as HTMLFormElement).elements.namedItem('version-name') as HTMLInputElement;
              void this.saveVersion(input.value).then((n) => n !== null && (input.value = ''));
            }}
          >
            <label>${msg(lang, 'versions.name')} <input name="version-name" required maxlength="200" /></label>
            <button type="submit">${msg(lang, 'versions.save')}</button>
          </form>`
        : nothing}
      ${this.versions.length === 0
        ? html`<p>${msg(lang, 'versions.none')}</p>`
        : html`<ul>
            ${this.versions.map(
              (v) => html`<li>
                <span>${v.version_number}. ${v.name}</span>
                <span class="row">
                  <button type="button" @click=${() => void this.viewVersion(v.version_number)}>${msg(lang, 'versions.view', { name: v.name })}</button>
                  ${this.editable
                    ? html`<button type="button" @click=${() => void this.restoreVersion(v.version_number)}>${msg(lang, 'versions.restore', { name: v.name })}</button>`
                    : nothing}
                </span>
              </li>`,
            )}
          </ul>`}
    </details>`;
  }

  #date(lang: Lang, iso: string | null) {
    if (!iso) return nothing;
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return nothing;
    const text = new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
    return html`<time datetime=${date.toISOString()}>${text}</time>`;
  }

  /** Who submitted the open round, or what the last decision was: shown to everyone who may open the document. */
  #reviewRoundView(lang: Lang) {
    const round = this.reviewRound;
    if (!round) return nothing;
    if (round.decision === 'pending') {
      const own = round.requestedBy === this.session?.user?.id;
      return html`<p part="submission">${msg(lang, 'workflow.submittedBy', { name: round.requestedByName || '—' })} ${this.#date(lang, round.requestedAt)}</p>
        ${own && DECIDING_ROLES.has(this.memberRole ?? '') ? html`<p class="hint">${msg(lang, 'workflow.ownSubmission')}</p>` : nothing}`;
    }
    return html`<div part="decision">
      <p>
        ${msg(lang, 'workflow.decidedBy', { decision: msg(lang, `workflow.decision.${round.decision}`), name: round.reviewerName || '—' })}
        ${this.#date(lang, round.decidedAt)}
      </p>
      ${round.comment ? html`<blockquote dir="auto" aria-label=${msg(lang, 'workflow.decisionComment')}>${round.comment}</blockquote>` : nothing}
    </div>`;
  }

  #workflowPanel(lang: Lang) {
    const status = this.workflowStatus;
    const statusLabel = status && `workflow.${status}` in { 'workflow.draft': 1, 'workflow.in_review': 1, 'workflow.approved': 1, 'workflow.archived': 1 } ? msg(lang, `workflow.${status}` as 'workflow.draft') : status;
    return html`<section part="workflow" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">${msg(lang, 'workflow.label')}</h2>
      <p role="status">${msg(lang, 'workflow.status', { status: statusLabel || '—' })}</p>
      ${this.#reviewRoundView(lang)}
      ${status === 'draft' && this.access === 'edit'
        ? html`<button type="button" class="primary" @click=${() => void this.workflow('submit')}>${msg(lang, 'workflow.submit')}</button>`
        : nothing}
      ${this.canDecide
        ? html`<label>${msg(lang, 'workflow.comment')} <textarea name="review-comment" rows="2"></textarea></label>
            <div class="row">
              <button type="button" class="primary" @click=${() => void this.workflow('approved', this.#reviewComment())}>${msg(lang, 'workflow.approve')}</button>
              <button type="button" @click=${() => void this.workflow('changes_requested', this.#reviewComment())}>${msg(lang, 'workflow.requestChanges')}</button>
            </div>`
        : nothing}
    </section>`;
  }

  #reviewComment(): string | undefined {
    const value = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea[name=review-comment]')?.value.trim();
    return value || undefined;
  }

  #versionView(lang: Lang) {
    const viewed = this.viewedVersion;
    if (!viewed) return nothing;
    let rendered = this.#versionDom.get(viewed);
    if (!rendered) {
      const serializer = DOMSerializer.fromSchema(jdSchema);
      const render = (l: Lang) => {
        const container = window.document.createElement('div');
        container.lang = localeOf(l);
        container.append(serializer.serializeFragment(viewed.docs[l].content));
        return container;
      };
      rendered = { en: render('en'), fr: render('fr') };
      this.#versionDom.set(viewed, rendered);
    }
    return html`<section part="version-view" aria-labelledby="version-heading">
      <div class="bar">
        <h2 id="version-heading">${msg(lang, 'versions.viewing', { number: viewed.row.version_number, name: viewed.row.name })}</h2>
        <button type="button" @click=${() => (this.viewedVersion = null)}>${msg(lang, 'versions.close')}</button>
      </div>
      <div class="panes">${rendered.en}${rendered.fr}</div>
    </section>`;
  }

  protected override render() {
    const lang = this.lang_;
    const notice = (id: Parameters<typeof msg>[1], role: 'status' | 'alert' = 'status') => html`<p part="notice" role=${role}>${msg(lang, id)}</p>`;
    if (this.phase === 'idle') return notice('editor.noDocument');
    if (this.phase === 'signed-out') return notice('editor.signedOut');
    if (this.phase === 'loading') return notice('editor.loading');
    if (this.phase === 'no-access') return notice('editor.noAccess', 'alert');
    const status = this.status;
    return html`<div class="layout" role="region" aria-label=${msg(lang, 'editor.label')}>
      <div class="main">
        ${this.editable ? nothing : notice('editor.readOnly')}
        ${this.#identification(lang)}
        <!-- Stays at the top of the screen while the text scrolls (Word, Google Docs): formatting and "offline" always in view. -->
        <div class="sticky">
          <div class="bar">
            ${this.#toolbar(lang)}
            <span part="status" role="status" aria-label=${msg(lang, 'status.label')}>${msg(lang, `status.${status}`)}</span>
            ${this.#presence(lang)}
          </div>
          ${this.#linkFormView(lang)}
          ${this.message ? html`<p role="status">${this.message}</p>` : nothing}
        </div>
        ${this.contentReady ? nothing : notice('editor.empty')}
        <div class="panes" @keydown=${this.#onPanesKeydown}>
          ${LANGS.map(
            (l) => html`<section part="pane pane-${l}" aria-labelledby="pane-title-${l}">
              <h2 id="pane-title-${l}">${msg(lang, l === 'en' ? 'editor.english' : 'editor.french')}</h2>
              <div id="pane-${l}"></div>
            </section>`,
          )}
        </div>
        ${this.#versionView(lang)}
      </div>
      <aside class="side" aria-label=${msg(lang, 'panel.label')}>
        ${this.#workflowPanel(lang)} ${this.#versionsPanel(lang)}
        <slot name="panel"></slot>
      </aside>
    </div>`;
  }
}

