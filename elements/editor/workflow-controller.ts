// The review panel: the document's status, the latest review round (public.approvals) with the
// names in it, submitting (editors) and deciding (reviewers and admins, never their own round).
import { html, nothing } from 'lit';
import { msg, langOf } from '../core/i18n.js';
import type { Lang } from '../../domain/sections.js';
import { fetchDocumentStatus, fetchLatestApproval, profileNames, runWorkflowStep, type WorkflowStep } from '../core/data-access.js';
import { formatDate, RecordsController } from './editor-host.js';
import { JdWorkflowEvent } from './events.js';

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
const STATUSES = new Set(['draft', 'in_review', 'approved', 'archived']);

export class WorkflowController extends RecordsController {
  status = '';
  round: ReviewRound | null = null;

  protected clear(): void {
    this.status = '';
    this.round = null;
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
    };
    this.host.requestUpdate();
  }

  /** Runs a workflow step: submit (editors) or approve / request changes (reviewers). */
  async run(step: WorkflowStep, comment?: string): Promise<boolean> {
    const client = this.host.session?.client;
    if (!client) return false;
    const error = await runWorkflowStep(client, this.host.documentId, step, comment ?? null);
    if (error !== null) {
      this.host.say(msg(this.host.session?.lang ?? langOf(this.host), 'workflow.failed', { message: error }));
      return false;
    }
    this.host.say('');
    this.host.documentState.document?.announceRecordsChange();
    await this.load();
    this.host.dispatchEvent(new JdWorkflowEvent(this.status));
    return true;
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
    return html`<div part="decision">
      <p>
        ${msg(lang, 'workflow.decidedBy', { decision: msg(lang, `workflow.decision.${round.decision}`), name: round.reviewerName || '—' })}
        ${this.#date(lang, round.decidedAt)}
      </p>
      ${round.comment ? html`<blockquote dir="auto" aria-label=${msg(lang, 'workflow.decisionComment')}>${round.comment}</blockquote>` : nothing}
    </div>`;
  }

  #reviewComment(): string | undefined {
    const value = this.host.renderRoot.querySelector<HTMLTextAreaElement>('textarea[name=review-comment]')?.value.trim();
    return value || undefined;
  }

  render(lang: Lang) {
    const status = this.status;
    const statusLabel = STATUSES.has(status) ? msg(lang, `workflow.${status}` as 'workflow.draft') : status;
    return html`<section part="workflow" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">${msg(lang, 'workflow.label')}</h2>
      <p role="status">${msg(lang, 'workflow.status', { status: statusLabel || '—' })}</p>
      ${this.#roundView(lang)}
      ${status === 'draft' && this.host.documentState.access === 'edit'
        ? html`<button type="button" class="primary" @click=${() => void this.run('submit')}>${msg(lang, 'workflow.submit')}</button>`
        : nothing}
      ${this.canDecide
        ? html`<label>${msg(lang, 'workflow.comment')} <textarea name="review-comment" rows="2"></textarea></label>
            <div class="row">
              <button type="button" class="primary" @click=${() => void this.run('approved', this.#reviewComment())}>${msg(lang, 'workflow.approve')}</button>
              <button type="button" @click=${() => void this.run('changes_requested', this.#reviewComment())}>${msg(lang, 'workflow.requestChanges')}</button>
            </div>`
        : nothing}
    </section>`;
  }
}
