// The review panel: the document's status, the latest review round (public.approvals) with the
// names in it and the version it reviewed, submitting (editors) and deciding (reviewers and
// admins, never their own round): approve, request changes or reject, the last two with a
// required reason that the author reads here. An approved document is frozen (Postgres and the
// sync server refuse its writes); the notice says who approved which version when, and editors
// and admins start a new revision (start_revision).
// Each step shows its progress (the button says "Submitting…", the panel is aria-busy) and, when
// it fails, what happened and what to do next, with a button that runs it again.
import { html, nothing } from 'lit';
import { msg, langOf } from '../core/i18n.js';
import type { Lang } from '../../domain/sections.js';
import { fetchDocumentStatus, fetchLatestApproval, profileNames, runWorkflowStep, type WorkflowAction } from '../core/data-access.js';
import { formatDate, RecordsController } from './editor-host.js';
import { JdWorkflowEvent } from './events.js';
import { describeFailure, type FailedAction } from './request-failure.js';
import { SubmitWarning } from './submit-warning.js';

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
  /** The version the round reviewed (the approved version once approved); null for rounds older than pinning. */
  versionNumber: number | null;
}

/** Decisions that send the document back to its author and so need a reason (decide_approval requires one too). */
const REASONED: ReadonlySet<WorkflowAction> = new Set(['changes_requested', 'rejected']);
/** Roles that start a new revision of an approved document (start_revision). */
const REVISING_ROLES = new Set(['editor', 'admin']);

/** Roles that decide review rounds (decide_approval), never on their own submission. */
const DECIDING_ROLES = new Set(['reviewer', 'admin']);
const STATUSES = new Set(['draft', 'in_review', 'approved', 'archived']);
/** Roles that change the text of a draft (can_open_document answers 'edit'). */
const WRITING_ROLES = new Set(['editor', 'translator', 'admin']);

export class WorkflowController extends RecordsController {
  status = '';
  round: ReviewRound | null = null;
  /** The step running now (its button shows progress), null when idle. */
  busy: WorkflowAction | null = null;
  /** The last step that failed, until another step runs or the document closes. */
  failure: FailedAction<WorkflowAction> | null = null;
  /** "Submit for review" asks first when compliance errors remain (submit-warning.ts). */
  #warning = new SubmitWarning(this.host, () => this.run('submit'));
  /** Set when "Request changes" or "Reject" was pressed without a reason; cleared by typing one or any other step. */
  reasonMissing = false;

  protected clear(): void {
    this.status = '';
    this.round = null;
    this.busy = null;
    this.failure = null;
    this.reasonMissing = false;
  }

  /**
   * Whether the text may change, by the rule can_open_document applies on the server (only a
   * draft, only writers): null while the status or role is unknown. The access asked when the
   * document opened goes stale when the status moves; the server re-checks its connections then,
   * and this follows the status the panel loads.
   */
  get allowsEditing(): boolean | null {
    if (!STATUSES.has(this.status) || !this.host.documentState.role) return null;
    return this.status === 'draft' && WRITING_ROLES.has(this.#role);
  }

  /** Whether the user may reopen the document as a draft now: start_revision (approved) or the job description guard (archived). */
  get canReopen(): boolean {
    return (this.status === 'approved' && REVISING_ROLES.has(this.#role)) || (this.status === 'archived' && this.#role === 'admin');
  }

  get #role(): string {
    return this.host.documentState.role ?? '';
  }

  /** Whether the signed-in user may decide the open review round: a reviewer or admin who did not submit it. */
  get canDecide(): boolean {
    const round = this.round;
    return this.status === 'in_review' && DECIDING_ROLES.has(this.#role) && round?.decision === 'pending' && round.requestedBy !== this.host.session?.user?.id;
  }

  async load(): Promise<void> {
    const client = this.host.session?.client;
    const documentId = this.host.documentId;
    const load = this.nextLoad();
    if (!client || !this.host.session?.user) return;
    const [status, round] = await Promise.all([fetchDocumentStatus(client, documentId), fetchLatestApproval(client, documentId)]);
    if (status === null || !this.isLatest(load)) return;
    const names = round ? await profileNames(client, [round.requested_by, round.reviewer_id].filter((id): id is string => typeof id === 'string')) : new Map<string, string>();
    if (!this.isLatest(load)) return;
    const nameOf = (id: string | null) => (id ? (names.get(id) ?? '').slice(0, 200) : '');
    // A move seen here (someone else's step, announced through the document) is the page's news
    // too: a portal shows the status beside the editor. Not at opening (nothing moved yet).
    const moved = this.status !== '' && this.status !== status;
    this.status = status;
    this.round = round && {
      step: Number(round.step),
      requestedBy: round.requested_by,
      requestedByName: nameOf(round.requested_by),
      requestedAt: String(round.requested_at),
      decision: round.decision,
      reviewerName: nameOf(round.reviewer_id),
      comment: round.comment,
      decidedAt: round.decided_at,
      versionNumber: typeof round.version_number === 'number' ? round.version_number : null,
    };
    this.host.requestUpdate();
    if (moved) this.host.dispatchEvent(new JdWorkflowEvent(status));
  }

  /** Runs a workflow step: submit (editors), approve / request changes (reviewers), reopen as draft. */
  async run(step: WorkflowAction, comment?: string): Promise<boolean> {
    const client = this.host.session?.client;
    if (!client || this.busy) return false;
    if (REASONED.has(step) && !comment?.trim()) {
      // decide_approval refuses it too; saying so here keeps the reviewer in the form.
      this.reasonMissing = true;
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLTextAreaElement>('textarea[name=review-comment]')?.focus();
      return false;
    }
    this.reasonMissing = false;
    this.busy = step;
    this.failure = null;
    this.host.requestUpdate();
    const documentId = this.host.documentId;
    const failure = await runWorkflowStep(client, documentId, step, comment ?? null);
    if (this.host.documentId !== documentId) return false;
    this.busy = null;
    if (failure !== null) {
      const lang = this.host.session?.lang ?? langOf(this.host);
      // Submitting again goes through the compliance warning again: the errors may have changed.
      const retry = step === 'submit' ? () => void this.#warning.request() : () => void this.run(step, comment);
      this.failure = { action: step, text: describeFailure(lang, `workflow.action.${step}`, failure), retry };
      this.host.requestUpdate();
      // Someone else may have moved the document meanwhile: show where it is now.
      if (failure.status !== 0) await this.load();
      return false;
    }
    this.host.documentState.document?.announceRecordsChange();
    const before = this.status;
    await this.load();
    // Once per step: load() announced it when the status moved.
    if (this.status === before) this.host.dispatchEvent(new JdWorkflowEvent(this.status));
    return true;
  }

  /** The review status as a badge for the toolbar: Draft, In review, Approved, Archived, or Changes requested (a draft sent back). */
  renderBadge(lang: Lang) {
    const status = this.status;
    if (!STATUSES.has(status)) return nothing;
    const decision = this.round?.decision;
    const sentBack = status === 'draft' && (decision === 'changes_requested' || decision === 'rejected') ? decision : null;
    const label = sentBack ? msg(lang, `workflow.decision.${sentBack}`) : msg(lang, `workflow.${status}` as 'workflow.draft');
    return html`<span part="review-badge" data-status=${sentBack ?? status}
      ><span class="visually-hidden">${msg(lang, 'workflow.badgeLabel')} </span>${label}</span
    >`;
  }

  /**
   * For the read-only notice: why an approved document is frozen (who approved which version
   * when), and the button that reopens it: "Start a new revision" (editors, admins) for an
   * approved document, "Restore to draft" (admins) for an archived one.
   */
  renderReopen(lang: Lang) {
    const frozen = this.status === 'approved' ? this.#frozenView(lang) : nothing;
    if (!this.canReopen) return frozen;
    const step: WorkflowAction = this.status === 'archived' ? 'reopen' : 'revise';
    return html`${frozen}${this.#button(lang, step, step === 'reopen' ? 'workflow.restore' : 'integrity.startRevision', () => void this.run(step), true)}
    ${this.failure?.action === step ? this.#failureView(lang) : nothing}`;
  }

  /** "Approved on <date> by <name>, version N: start a new revision to edit." from the latest (approved) round. */
  #frozenView(lang: Lang) {
    const round = this.round?.decision === 'approved' ? this.round : null;
    if (!round) return nothing;
    const date = formatDate(lang, round.decidedAt);
    return html`<p part="frozen">
      ${msg(lang, 'integrity.frozen', { date: date?.text ?? '—', name: round.reviewerName || '—', version: round.versionNumber === null ? '—' : String(round.versionNumber) })}
    </p>`;
  }

  /** A step's button: disabled with a progress label while any step runs. */
  #button(lang: Lang, step: WorkflowAction, label: Parameters<typeof msg>[1], onClick: () => void, primary = false) {
    const checking = step === 'submit' && this.#warning.checking;
    const busy = this.busy === step || checking;
    return html`<button type="button" class=${primary ? 'primary' : ''} ?disabled=${this.busy !== null || this.#warning.checking} aria-busy=${busy ? 'true' : 'false'} @click=${onClick}>
      ${checking ? msg(lang, 'submitWarning.checking') : busy ? msg(lang, `workflow.busy.${step}`) : msg(lang, label)}
    </button>`;
  }

  #failureView(lang: Lang) {
    const failure = this.failure;
    if (!failure) return nothing;
    return html`<div class="failure" role="alert">
      <p>${failure.text}</p>
      <button type="button" ?disabled=${this.busy !== null} @click=${failure.retry}>${msg(lang, 'failure.retry')}</button>
    </div>`;
  }

  #date(lang: Lang, iso: string | null) {
    const date = formatDate(lang, iso);
    return date ? html`<time datetime=${date.iso}>${date.text}</time>` : nothing;
  }

  /** Who submitted the open round, or what the last decision was: shown to everyone who may open the document. */
  #roundView(lang: Lang) {
    const round = this.round;
    if (!round) return nothing;
    if (round.decision === 'pending') {
      const own = round.requestedBy === this.host.session?.user?.id;
      return html`<p part="submission">${msg(lang, 'workflow.submittedBy', { name: round.requestedByName || '—' })} ${this.#date(lang, round.requestedAt)}</p>
        ${own && DECIDING_ROLES.has(this.#role) ? html`<p class="hint">${msg(lang, 'workflow.ownSubmission')}</p>` : nothing}`;
    }
    return html`<div part="decision" data-decision=${round.decision}>
      <p>
        ${msg(lang, 'workflow.decidedBy', { decision: msg(lang, `workflow.decision.${round.decision}`), name: round.reviewerName || '—' })}
        ${this.#date(lang, round.decidedAt)}${round.versionNumber === null ? nothing : html` — ${msg(lang, 'integrity.version', { version: String(round.versionNumber) })}`}
      </p>
      ${round.comment ? html`<blockquote dir="auto" aria-label=${msg(lang, 'workflow.decisionComment')}>${round.comment}</blockquote>` : nothing}
    </div>`;
  }

  #reviewComment(): string | undefined {
    const value = this.host.renderRoot.querySelector<HTMLTextAreaElement>('textarea[name=review-comment]')?.value.trim();
    return value || undefined;
  }

  /** The reason field (required to request changes or reject) and the three decisions. */
  #decisionForm(lang: Lang) {
    const missing = this.reasonMissing;
    return html`<label
        >${msg(lang, 'workflow.comment')}
        <textarea
          name="review-comment"
          rows="2"
          aria-describedby="review-reason-hint"
          aria-invalid=${missing ? 'true' : 'false'}
          ?disabled=${this.busy !== null}
          @input=${() => {
            if (!this.reasonMissing) return;
            this.reasonMissing = false;
            this.host.requestUpdate();
          }}
        ></textarea
      ></label>
      <p id="review-reason-hint" class=${missing ? 'error' : 'hint'} role=${missing ? 'alert' : nothing}>
        ${msg(lang, missing ? 'integrity.reasonMissing' : 'integrity.reasonHint')}
      </p>
      <div class="row">
        ${this.#button(lang, 'approved', 'workflow.approve', () => void this.run('approved', this.#reviewComment()), true)}
        ${this.#button(lang, 'changes_requested', 'workflow.requestChanges', () => void this.run('changes_requested', this.#reviewComment()))}
        ${this.#button(lang, 'rejected', 'integrity.reject', () => void this.run('rejected', this.#reviewComment()))}
      </div>`;
  }

  render(lang: Lang) {
    const status = this.status;
    const statusLabel = STATUSES.has(status) ? msg(lang, `workflow.${status}` as 'workflow.draft') : status;
    const mayWrite = this.allowsEditing ?? this.host.documentState.access === 'edit';
    return html`<section part="workflow" aria-labelledby="workflow-heading" aria-busy=${this.busy !== null && this.busy !== 'reopen' && this.busy !== 'revise' ? 'true' : 'false'}>
      <h2 id="workflow-heading">${msg(lang, 'workflow.label')}</h2>
      <p role="status">${msg(lang, 'workflow.status', { status: statusLabel || '—' })}</p>
      ${this.#roundView(lang)}
      ${status === 'draft' && mayWrite ? this.#button(lang, 'submit', 'workflow.submit', () => void this.#warning.request(), true) : nothing}
      ${this.canDecide ? this.#decisionForm(lang) : nothing}
      ${this.failure && this.failure.action !== 'reopen' && this.failure.action !== 'revise' ? this.#failureView(lang) : nothing} ${this.#warning.render(lang)}
    </section>`;
  }
}
