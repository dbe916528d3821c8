import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import type * as Y from 'yjs';
import { sharedStyles } from '../core/shared.styles.js';
import { JdThemedElement } from '../core/themed-element.js';
import { sessionContext, type JdSessionState } from '../core/session-context.js';
import { langOf, msg, type MessageId } from '../core/i18n.js';
import { STANDARD_SECTIONS, type Lang } from '../../domain/sections.js';
import type { Severity } from '../../domain/compliance/types.js';
import { DocumentController } from '../core/document-controller.js';
import type { CommentsEditor } from '../core/comments-editor.js';
import { EditorSlot } from '../core/editor-slot.js';
import { FindingsController, type FindingsHost, type LiveFinding } from './findings-controller.js';
import { findingRange, isComplianceEditor, paneOf, type ComplianceEditor } from './editor-ranges.js';
import { byKey, dismissStoredFinding, fetchStoredFindings, storedRowOf, type StoredFinding } from './stored-findings.js';
import { complianceStyles } from './compliance.styles.js';
import { JdComplianceCheckedEvent } from './events.js';
import { FindingHighlights } from './finding-highlights.js';
import { JdReviewFindingsEvent } from '../core/compliance-link.js';
import { AiReviewController } from './ai-review-controller.js';
import { renderAiReview } from './ai-review-view.js';
import { aiReviewStyles } from './ai-review.styles.js';
import { historyActionOf } from '../editor/history-shortcut.js';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
/** The roles dismiss_compliance_finding accepts. */
const DISMISSING_ROLES = ['editor', 'translator', 'reviewer', 'admin'];
/** Findings listed per severity at first, and added by "Show more". */
const PAGE = 30;

/** A finding with what the panel knows of it: its stored row, and a stable key for the list. */
interface ShownFinding {
  finding: LiveFinding;
  row: StoredFinding | null;
  listKey: string;
}

/**
 * The compliance findings of a job description, live: the rules of domain/compliance
 * (structure, identifiers, bilingual equivalence, inclusive and plain language) run on the
 * shared document's text a moment after typing stops (never on a keystroke), with a summary
 * badge (errors, warnings, information) and the findings by severity then section, each with its
 * message in the interface language, its source and the words concerned. Beside a `<jd-editor>`
 * on the same document, "Show in text" selects the words in their pane, and "Apply fix" writes the
 * suggested text instead, as one undoable step. "Dismiss" records a reason on the finding's stored
 * row (compliance_findings, kept current by the sync server) through dismiss_compliance_finding;
 * dismissed findings are hidden unless "Show dismissed" is on. While linked to the editor, every open
 * finding whose words are in the text is underlined there by severity (finding-highlights.ts), and
 * the editor's "Review the findings" (its submit warning) brings the first error here.
 * Needs a `<jd-session>` ancestor.
 *
 * @fires jd-compliance-checked - The rules ran on the current text (`count`, `elapsedMs`).
 * @csspart base - Everything.
 * @csspart summary - The badge: counts of errors, warnings and information.
 * @csspart count - One count of the badge (`data-severity`).
 * @csspart show-dismissed - The "Show dismissed" switch.
 * @csspart status - Loading, no findings, or what the last action did (`data-kind`: info, error).
 * @csspart group - The findings of one severity (`data-severity`).
 * @csspart finding - One finding (`data-severity`, `data-rule`, `data-dismissed`).
 * @csspart message - Its explanation.
 * @csspart excerpt - The words concerned (or what is missing), with their language.
 * @csspart source - The directive, act or guide the rule comes from (a disclosure).
 * @csspart reveal - The "Show in text" button.
 * @csspart apply - The "Apply fix" button.
 * @csspart dismiss - The "Dismiss" button.
 * @csspart dismiss-form - The reason form.
 * @csspart dismissed-reason - Why a shown dismissed finding was dismissed.
 * @csspart more - "Show more": the next findings of a severity (30 are listed at first).
 * @csspart ai-review - The AI review (advisory): its button, progress and items (ai-review-view.ts).
 * @csspart ai-run - The "AI review (advisory)" button.
 * @csspart ai-by - The provider and model that answered.
 * @csspart ai-items - The review's items.
 * @csspart ai-item - One item (`data-kind`: equivalence, group-fit, rewrite; `data-advisory`).
 * @csspart ai-advisory - The item's "Advisory" label.
 * @csspart ai-message - What the item says.
 * @csspart ai-suggestion - A suggestion that replaces no words of the text.
 * @csspart ai-apply - "Apply rewrite": the item's suggestion instead of its words, one undoable step.
 * @cssstate signed-out - Nobody is signed in.
 * @cssstate loading - Opening the document of `document-id`.
 * @cssstate checking - The rules have not run on the current text yet.
 * @cssstate errors - Findings of severity error remain (not dismissed).
 */
export class JdCompliance extends JdThemedElement implements FindingsHost {
  static override styles = [sharedStyles, complianceStyles, aiReviewStyles];

  /** The job description to check (uuid). */
  @property({ attribute: 'document-id', reflect: true }) documentId = '';
  /** List dismissed findings too (with their reason). */
  @property({ type: Boolean, attribute: 'show-dismissed', reflect: true }) showDismissed = false;
  /** The editor to work with; default: the `<jd-editor>` showing the same document in the same `<jd-session>`. */
  @property({ attribute: false }) editor: CommentsEditor | null = null;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  session: JdSessionState | undefined;

  @state() private stored: StoredFinding[] = [];
  #storedIndex: ReadonlyMap<string, StoredFinding> = new Map();
  /** How many findings of each severity are listed (a long document can have thousands). */
  @state() private listed: Record<Severity, number> = { error: PAGE, warning: PAGE, info: PAGE };
  @state() private dismissing: string | null = null;
  @state() private message: { kind: 'info' | 'error'; text: string } | null = null;

  /** @internal The document's lifecycle (shared with the editor on it). */
  readonly documentState: DocumentController = new DocumentController(this, {
    stateNames: ['checking', 'errors'],
    openStates: () => this.#states(),
  });
  #findings = new FindingsController(this);
  #slot = new EditorSlot(() => this.requestUpdate());
  #fetchedRun = -1;
  #highlights = new FindingHighlights();
  /** @internal The AI review (issue 15 item 3). */
  readonly aiReview: AiReviewController = new AiReviewController(this);

  /** @internal The interface language. */
  get uiLang(): Lang {
    return this.session?.lang ?? langOf(this);
  }

  #t(id: MessageId, values?: Record<string, string | number>): string {
    return msg(this.uiLang, id, values);
  }

  /** @internal The Y.Doc the rules read. */
  get checkedDoc(): Y.Doc | null {
    return this.documentState.phase === 'open' ? (this.documentState.document?.doc ?? null) : null;
  }

  /** The findings of the last check (empty before the first), dismissed ones included. */
  get findings(): readonly LiveFinding[] {
    const s = this.#findings.state;
    return s.phase === 'done' ? s.findings : [];
  }

  /** How many times the rules have run. */
  get checkRuns(): number {
    return this.#findings.runs;
  }

  /** The editor "Show in text" and "Apply fix" work on (null: none on this page for the document). */
  get linkedEditor(): ComplianceEditor | null {
    const document = this.documentState.phase === 'open' ? this.documentState.document : null;
    const editor = this.#slot.follow(document ?? null, this.editor);
    return isComplianceEditor(editor) ? editor : null;
  }

  #states(): string[] {
    return [...(this.#findings.state.phase === 'idle' ? ['checking'] : []), ...(this.#shown().some((s) => s.finding.severity === 'error' && !this.#isDismissed(s)) ? ['errors'] : [])];
  }

  #isDismissed(shown: ShownFinding): boolean {
    return shown.row?.status === 'dismissed';
  }

  #shown(): ShownFinding[] {
    return this.findings.map((finding, i) => ({ finding, row: storedRowOf(this.stored, this.#storedIndex, finding), listKey: finding.key ?? `${finding.id}#${i}` }));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener(JdReviewFindingsEvent.type, this.#onReviewFindings);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener(JdReviewFindingsEvent.type, this.#onReviewFindings);
    this.#highlights.clear();
  }

  /** The linked editor asks for the errors (its submit warning): this panel answers with its first one. */
  #onReviewFindings = (event: JdReviewFindingsEvent): void => {
    const editor = this.linkedEditor;
    if (!editor || event.composedPath()[0] !== editor || event.documentId !== this.documentId) return;
    event.preventDefault();
    void this.showFirstError();
  };

  /** Focuses the first open error of the list and shows its words in the text; false when none is listed. */
  async showFirstError(): Promise<boolean> {
    const first = this.#shown().find((s) => s.finding.severity === 'error' && !this.#isDismissed(s));
    await this.updateComplete;
    const item = first && this.renderRoot.querySelector<HTMLElement>(`[part=finding][data-severity=error][data-dismissed=false]`);
    if (!first || !item) {
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
      return false;
    }
    if (first.finding.family !== 'structure' && first.finding.section !== 'identification') this.reveal(first.finding, { focus: false });
    item.focus();
    item.scrollIntoView({ block: 'nearest' });
    return true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const linked = this.documentState.phase === 'open' ? this.linkedEditor : null;
    this.#highlights.update(linked, this.findings, this.stored, (finding) => storedRowOf(this.stored, this.#storedIndex, finding)?.status === 'dismissed', this.uiLang);
    const runs = this.#findings.runs;
    if (runs !== this.#fetchedRun && this.#findings.state.phase === 'done') {
      this.#fetchedRun = runs;
      this.dispatchEvent(new JdComplianceCheckedEvent(this.findings.length, this.#findings.state.elapsedMs));
      void this.refreshStored();
    }
  }

  /** Reads the stored findings again (their ids and dismissals). */
  async refreshStored(): Promise<void> {
    const client = this.session?.client;
    if (!client || !this.documentId) return;
    try {
      this.stored = await fetchStoredFindings(client, this.documentId);
      this.#storedIndex = byKey(this.stored);
    } catch (error) {
      this.message = { kind: 'error', text: this.#t('compliance.loadFailed', { message: (error as Error).message }) };
    }
  }

  /** Selects the finding's words in their pane and scrolls to them; false when they are not in the text. */
  reveal(finding: LiveFinding, options: { focus?: boolean } = { focus: true }): boolean {
    const editor = this.linkedEditor;
    const lang = paneOf(finding);
    const view = editor?.getView(lang);
    const range = view ? findingRange(view.state.doc, finding) : null;
    if (!editor || !range) {
      this.message = { kind: 'error', text: this.#t('compliance.notInText', { text: finding.text }) };
      return false;
    }
    editor.revealRange(lang, range.from, range.to, options);
    return true;
  }

  /** Writes the finding's suggested fix instead of its words, as one undoable step; false when it cannot. */
  applyFix(finding: LiveFinding): boolean {
    const editor = this.linkedEditor;
    const lang = paneOf(finding);
    const view = editor?.getView(lang);
    const range = view ? findingRange(view.state.doc, finding) : null;
    if (!editor || !range || finding.fix === undefined) {
      this.message = { kind: 'error', text: this.#t('compliance.notInText', { text: finding.text }) };
      return false;
    }
    const applied = editor.replaceRange(lang, range.from, range.to, finding.fix);
    if (applied) this.#lastAppliedLang = lang;
    this.message = applied ? { kind: 'info', text: this.#t('compliance.applied', { text: finding.text, fix: finding.fix }) } : { kind: 'error', text: this.#t('compliance.notInText', { text: finding.text }) };
    return applied;
  }

  /** Dismisses a finding with a reason (its stored row must exist); true once recorded. */
  async dismiss(finding: LiveFinding, reason: string): Promise<boolean> {
    const client = this.session?.client;
    if (!client) return false;
    if (!reason.trim()) {
      this.message = { kind: 'error', text: this.#t('compliance.reasonEmpty') };
      return false;
    }
    await this.refreshStored();
    const row = storedRowOf(this.stored, this.#storedIndex, finding);
    if (!row) {
      this.message = { kind: 'error', text: this.#t('compliance.notStored') };
      return false;
    }
    const failure = await dismissStoredFinding(client, row.id, reason.trim());
    if (failure) {
      this.message = { kind: 'error', text: this.#t('compliance.dismissFailed', { message: failure }) };
      return false;
    }
    this.dismissing = null;
    this.message = { kind: 'info', text: this.#t('compliance.dismissed') };
    await this.refreshStored();
    return true;
  }

  #sectionName(section: string): string {
    if (section === 'identification') return this.#t('compliance.identification');
    return STANDARD_SECTIONS.find((s) => s.sectionId === section)?.title[this.uiLang] ?? section;
  }

  /** The pane the last fix applied from this panel went to: where Ctrl+Z pressed in the panel undoes. */
  #lastAppliedLang: Lang | undefined;

  /** Ctrl+Z / Ctrl+Y in the panel (focus stays here after "Apply fix") undo / redo in the linked editor, not nowhere. */
  #onKeydown = (event: KeyboardEvent): void => {
    const action = historyActionOf(event);
    const editor = this.linkedEditor;
    if (!action || !editor) return;
    // The browser's own undo must not run too: it would replay native typing into the text.
    event.preventDefault();
    editor[action](this.#lastAppliedLang);
  };

  override render() {
    const phase = this.documentState.phase;
    return html`<section part="base" aria-labelledby="compliance-title" @keydown=${this.#onKeydown}>
      <h2 id="compliance-title" tabindex="-1">${this.#t('compliance.title')}</h2>
      ${phase === 'open' ? this.#renderOpen() : html`<p part="status" role="status" data-kind="info">${this.#t(phase === 'signed-out' ? 'compliance.signedOut' : phase === 'no-access' ? 'compliance.noAccess' : 'compliance.loading')}</p>`}
    </section>`;
  }

  #renderOpen() {
    if (this.#findings.state.phase === 'idle') return html`<p part="status" role="status" data-kind="info">${this.#t('compliance.checking')}</p>`;
    const all = this.#shown();
    const open = all.filter((s) => !this.#isDismissed(s));
    const dismissedCount = all.length - open.length;
    const listed = this.showDismissed ? all : open;
    const count = (severity: Severity) => open.filter((s) => s.finding.severity === severity).length;
    return html`<p part="summary" role="status">
        ${SEVERITIES.map((severity) => html`<span part="count" data-severity=${severity} data-none=${count(severity) === 0 ? 'true' : 'false'}>${this.#t(`compliance.count.${severity}`, { count: count(severity) })}</span>`)}
      </p>
      <label part="show-dismissed" class="check"
        ><input type="checkbox" .checked=${this.showDismissed} @change=${(e: Event) => (this.showDismissed = (e.target as HTMLInputElement).checked)} />
        ${this.#t('compliance.showDismissed', { count: dismissedCount })}</label
      >
      ${this.message ? html`<p part="status" role=${this.message.kind === 'error' ? 'alert' : 'status'} data-kind=${this.message.kind} data-message tabindex="-1">${this.message.text}</p>` : nothing}
      ${listed.length === 0 ? html`<p part="status" data-kind="info">${this.#t('compliance.none')}</p>` : nothing}
      ${SEVERITIES.map((severity) => this.#renderGroup(severity, listed.filter((s) => s.finding.severity === severity)))}
      ${renderAiReview({
        controller: this.aiReview,
        t: (id, values) => this.#t(id, values),
        sectionName: (section) => this.#sectionName(section),
        canApply: !!this.linkedEditor,
        afterAction: (applied) => void this.#focusMessageAfter(applied),
      })}`;
  }

  #renderGroup(severity: Severity, items: ShownFinding[]) {
    if (items.length === 0) return nothing;
    const limit = this.listed[severity];
    const total = items.length;
    items = items.slice(0, limit);
    const sections = [...new Set(items.map((s) => s.finding.section))];
    const headingId = `compliance-${severity}`;
    return html`<section part="group" data-severity=${severity} aria-labelledby=${headingId}>
      <h3 id=${headingId}>${this.#t(`compliance.group.${severity}`, { count: total })}</h3>
      ${sections.map(
        (section) => html`<h4>${this.#sectionName(section)}</h4>
          <ul>
            ${repeat(
              items.filter((s) => s.finding.section === section),
              (s) => s.listKey,
              (s) => this.#renderFinding(s),
            )}
          </ul>`,
      )}
      ${total > limit
        ? html`<button part="more" type="button" @click=${() => (this.listed = { ...this.listed, [severity]: limit + PAGE })}>
            ${this.#t('compliance.more', { count: Math.min(PAGE, total - limit), left: total - limit })}
          </button>`
        : nothing}
    </section>`;
  }

  #renderFinding(shown: ShownFinding) {
    const { finding, row } = shown;
    const dismissed = this.#isDismissed(shown);
    const langName = finding.lang === 'both' ? this.#t('compliance.both') : this.#t(finding.lang === 'en' ? 'tm.english' : 'tm.french');
    // Structure findings name what is missing or out of order, and the identification is not in
    // the panes: nothing in the text to show or to replace.
    const inText = finding.family !== 'structure' && finding.section !== 'identification' && !!this.linkedEditor;
    const mayDismiss = !dismissed && DISMISSING_ROLES.includes(this.documentState.role ?? '');
    const formOpen = this.dismissing === shown.listKey;
    const reasonId = `reason-${shown.listKey}`.replace(/[^\w-]/g, '_');
    // Focusable from script only (the editor's "Review the findings" lands here).
    return html`<li part="finding" tabindex="-1" data-severity=${finding.severity} data-rule=${finding.id} data-dismissed=${dismissed ? 'true' : 'false'}>
      <p part="message">${finding.message[this.uiLang]}</p>
      <p part="excerpt"><span class="lang">${langName}</span> <q lang=${finding.lang === 'fr' ? 'fr' : finding.lang === 'en' ? 'en' : nothing}>${finding.text}</q>
        ${finding.fix !== undefined && finding.fix !== finding.text ? html`<span class="fix">→ <q>${finding.fix}</q></span>` : nothing}</p>
      <details part="source">
        <summary>${this.#t('compliance.sourceLabel')}</summary>
        <p>${finding.source}</p>
      </details>
      ${dismissed ? html`<p part="dismissed-reason">${this.#t('compliance.dismissedBecause', { reason: row?.dismissed_reason ?? '' })}</p>` : nothing}
      <div class="actions">
        ${inText ? html`<button part="reveal" type="button" @click=${() => this.reveal(finding)}>${this.#t('compliance.reveal')}</button>` : nothing}
        ${inText && finding.fix !== undefined && finding.fix !== finding.text && !dismissed
          ? html`<button part="apply" type="button" aria-label=${this.#t('compliance.applyLabel', { text: finding.text, fix: finding.fix })} @click=${() => this.#focusMessageAfter(this.applyFix(finding))}>${this.#t('compliance.apply')}</button>`
          : nothing}
        ${mayDismiss && !formOpen
          ? html`<button part="dismiss" id=${`dismiss-${reasonId}`} type="button" aria-expanded="false" @click=${() => this.#openDismiss(shown.listKey, reasonId)}>${this.#t('compliance.dismiss')}</button>`
          : nothing}
      </div>
      ${formOpen
        ? html`<form
            part="dismiss-form"
            @submit=${(e: Event) => this.#submitDismiss(e, finding, reasonId)}
            @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#cancelDismiss(reasonId)}
          >
            <label for=${reasonId}>${this.#t('compliance.reason')}</label>
            <input id=${reasonId} name="reason" required maxlength="1000" autocomplete="off" />
            <div class="actions">
              <button type="submit">${this.#t('compliance.confirmDismiss')}</button>
              <button type="button" @click=${() => this.#cancelDismiss(reasonId)}>${this.#t('compliance.cancel')}</button>
            </div>
          </form>`
        : nothing}
    </li>`;
  }

  async #openDismiss(listKey: string, reasonId: string): Promise<void> {
    this.dismissing = listKey;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#${reasonId}`)?.focus();
  }

  async #submitDismiss(event: Event, finding: LiveFinding, reasonId: string): Promise<void> {
    event.preventDefault();
    const reason = this.renderRoot.querySelector<HTMLInputElement>(`#${reasonId}`)?.value ?? '';
    await this.#focusMessageAfter(this.dismiss(finding, reason));
  }

  /** Closes the reason form; the focus goes back to its "Dismiss" button. */
  async #cancelDismiss(reasonId: string): Promise<void> {
    this.dismissing = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`#dismiss-${reasonId}`)?.focus();
  }

  /** After an action whose button may go (the finding fixed or dismissed): the focus on what it did, not lost on the page. */
  async #focusMessageAfter(action: boolean | Promise<boolean>): Promise<void> {
    await action;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-message]')?.focus();
  }
}
