// "Submit for review" warns when compliance errors remain (issue 15 item 4). The source of truth
// is the stored findings (compliance_findings: rule findings of severity error, open, i.e. not
// dismissed), read when the button is pressed: they are what a reviewer sees, they carry the
// dismissals, and they exist without a <jd-compliance> on the page. The sync server's hook writes
// them for the text it holds, so they trail typing by its projection debounce (2 s after the last
// change, at most 10 s). With errors, a modal <dialog> (the page behind it inert, Escape cancels)
// says how many and lists the first few, with "Submit anyway" and "Review the findings" (a
// compliance panel on the document shows its first error; without one, the caret goes to the
// first underlined error). Without errors, the document is submitted as before. When the
// findings cannot be read, the dialog says so and still offers to submit; offline, the submission
// is tried (and fails with the usual "you are offline" and Try again, which checks again).
import { html, nothing } from 'lit';
import { msg } from '../core/i18n.js';
import { LANGS, STANDARD_SECTIONS, type Lang } from '../../domain/sections.js';
import { fetchOpenErrorFindings, type OpenErrorFinding } from '../core/data-access.js';
import { JdReviewFindingsEvent } from '../core/compliance-link.js';
import { findingMarks } from './finding-decorations.js';
import { revealRange } from './editor-text.js';
import type { EditorHost } from './editor-host.js';

/** Errors listed by name in the dialog; the rest are counted. */
export const LISTED_ERRORS = 3;

type Warning = { kind: 'errors'; rows: OpenErrorFinding[]; count: number } | { kind: 'unchecked'; message: string };

const sectionOrder = (sectionId: string | null) => {
  if (sectionId === 'identification') return -1;
  const index = STANDARD_SECTIONS.findIndex((s) => s.sectionId === sectionId);
  return index < 0 ? STANDARD_SECTIONS.length : index;
};

export class SubmitWarning {
  /** The findings are being read (the submit button shows it). */
  checking = false;
  #warning: Warning | null = null;

  constructor(
    private readonly host: EditorHost,
    private readonly submit: () => Promise<boolean>,
  ) {}

  /** The submit button was pressed: submits at once when no error is open, otherwise asks. */
  async request(): Promise<void> {
    const client = this.host.session?.client;
    if (!client || this.checking) return;
    this.checking = true;
    this.host.requestUpdate();
    const documentId = this.host.documentId;
    const answer = await fetchOpenErrorFindings(client, documentId);
    this.checking = false;
    this.host.requestUpdate();
    if (this.host.documentId !== documentId) return;
    // Offline, submitting fails too: the panel then says so and offers Try again, which checks again.
    if (('rows' in answer && answer.count === 0) || ('error' in answer && answer.error.status === 0)) {
      await this.submit();
      return;
    }
    this.#warning =
      'error' in answer ? { kind: 'unchecked', message: answer.error.message } : { kind: 'errors', rows: [...answer.rows].sort((a, b) => sectionOrder(a.section_id) - sectionOrder(b.section_id)), count: answer.count };
    this.host.requestUpdate();
    await this.host.updateComplete;
    const dialog = this.#dialog();
    if (dialog && !dialog.open) dialog.showModal();
    // The safe choice has the focus first: Enter never submits by accident.
    dialog?.querySelector<HTMLButtonElement>('[data-review]')?.focus();
  }

  #dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>('dialog[part=submit-warning]');
  }

  #onClose = (): void => {
    this.#warning = null;
    this.host.requestUpdate();
  };

  #submitAnyway = (): void => {
    this.#dialog()?.close();
    void this.submit();
  };

  #review = (): void => {
    this.#dialog()?.close();
    const event = new JdReviewFindingsEvent(this.host.documentId);
    this.host.dispatchEvent(event);
    if (!event.defaultPrevented) this.#caretOnFirstError();
  };

  /** No compliance panel took the request: the caret on the first underlined error, else in the text. */
  #caretOnFirstError(): void {
    for (const lang of LANGS) {
      const pane = this.host.pane(lang);
      const first = pane && findingMarks(pane.view.state).find((m) => m.severity === 'error');
      if (pane && first) return revealRange(pane, first.from, first.to, true);
    }
    this.host.pane()?.view.focus();
  }

  #sectionName(lang: Lang, sectionId: string | null): string {
    if (sectionId === 'identification') return msg(lang, 'compliance.identification');
    return STANDARD_SECTIONS.find((s) => s.sectionId === sectionId)?.title[lang] ?? sectionId ?? '';
  }

  #renderErrors(lang: Lang, rows: readonly OpenErrorFinding[], count: number) {
    const listed = rows.slice(0, LISTED_ERRORS);
    return html`<p id="submit-warning-summary">${msg(lang, 'submitWarning.count', { count })}</p>
      <p>${msg(lang, 'submitWarning.first')}</p>
      <ul>
        ${listed.map(
          (row) => html`<li data-rule=${row.rule_id}>
            <strong>${this.#sectionName(lang, row.section_id)}</strong> — ${lang === 'fr' ? row.message_fr : row.message_en}
            ${row.excerpt ? html`<q lang=${row.lang ?? nothing}>${row.excerpt}</q>` : nothing}
          </li>`,
        )}
      </ul>
      ${count > listed.length ? html`<p>${msg(lang, 'submitWarning.more', { count: count - listed.length })}</p>` : nothing}`;
  }

  /** The dialog (always in the panel, shown modal when there is something to say). */
  render(lang: Lang) {
    const warning = this.#warning;
    return html`<dialog part="submit-warning" aria-labelledby="submit-warning-title" aria-describedby="submit-warning-summary" @close=${this.#onClose}>
      ${warning
        ? html`<h2 id="submit-warning-title">${msg(lang, 'submitWarning.title')}</h2>
            ${warning.kind === 'errors' ? this.#renderErrors(lang, warning.rows, warning.count) : html`<p id="submit-warning-summary">${msg(lang, 'submitWarning.unchecked', { message: warning.message })}</p>`}
            <p class="hint">${msg(lang, 'submitWarning.escape')}</p>
            <div class="row">
              <button type="button" class="primary" data-review @click=${this.#review}>${msg(lang, 'submitWarning.review')}</button>
              <button type="button" @click=${this.#submitAnyway}>${msg(lang, 'submitWarning.submitAnyway')}</button>
            </div>`
        : nothing}
    </dialog>`;
  }
}
