// "Export" (issue 17 item 6): the job description as a Word or PDF file in the TBS layout, in
// English, French or both side by side, with the approval stamp — what the `export` Edge
// Function makes from the stored text, downloaded as the file it names. Every role that may
// open the document may export it.
import { html, type ReactiveController } from 'lit';
import { EXPORT_LANGUAGES, type ExportFormat, type ExportLanguages } from '../../domain/export/export-model.js';
import type { Lang } from '../../domain/sections.js';
import { langOf, msg } from '../core/i18n.js';
import type { EditorHost } from './editor-host.js';
import { requestExport } from './export-request.js';
import { describeFailure } from './request-failure.js';

const FORMATS: readonly ExportFormat[] = ['pdf', 'docx'];

export class ExportController implements ReactiveController {
  format: ExportFormat = 'pdf';
  languages: ExportLanguages = 'both';
  busy = false;
  notice: { kind: 'status' | 'alert'; text: string } | null = null;

  constructor(private readonly host: EditorHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.busy = false;
    this.notice = null;
  }

  get #lang(): Lang {
    return this.host.session?.lang ?? langOf(this.host);
  }

  #say(notice: ExportController['notice']): void {
    this.notice = notice;
    this.host.requestUpdate();
  }

  /** Downloads the export chosen in the panel; the file's name, or null (the panel says why). */
  async download(): Promise<string | null> {
    const session = this.host.session;
    if (this.busy || !session || !this.host.documentId) return null;
    if (!session.functionsUrl || !session.accessToken) {
      this.#say({ kind: 'alert', text: msg(this.#lang, 'export.signIn') });
      return null;
    }
    this.busy = true;
    this.#say(null);
    try {
      const result = await requestExport({ functionsUrl: session.functionsUrl, accessToken: session.accessToken, documentId: this.host.documentId, format: this.format, languages: this.languages });
      if ('error' in result) {
        this.#say({ kind: 'alert', text: describeFailure(this.#lang, 'export.action', result.error) });
        return null;
      }
      const url = URL.createObjectURL(result.file);
      Object.assign(document.createElement('a'), { href: url, download: result.fileName }).click();
      // The click has started the download; the address is no longer needed.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      this.#say({ kind: 'status', text: msg(this.#lang, 'export.done', { file: result.fileName }) });
      return result.fileName;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  #onFormat = (event: Event) => {
    this.format = (event.target as HTMLSelectElement).value as ExportFormat;
  };
  #onLanguages = (event: Event) => {
    this.languages = (event.target as HTMLSelectElement).value as ExportLanguages;
  };

  render(lang: Lang) {
    const notice = this.notice;
    return html`<section part="export" aria-labelledby="export-heading" aria-busy=${this.busy ? 'true' : 'false'}>
      <h2 id="export-heading">${msg(lang, 'export.label')}</h2>
      <div class="row">
        <label>${msg(lang, 'export.format')}
          <select data-export="format" .value=${this.format} @change=${this.#onFormat}>
            ${FORMATS.map((f) => html`<option value=${f} ?selected=${f === this.format}>${msg(lang, f === 'pdf' ? 'export.format.pdf' : 'export.format.docx')}</option>`)}
          </select>
        </label>
        <label>${msg(lang, 'export.languages')}
          <select data-export="languages" .value=${this.languages} @change=${this.#onLanguages}>
            ${EXPORT_LANGUAGES.map((l) => html`<option value=${l} ?selected=${l === this.languages}>${msg(lang, `export.languages.${l}`)}</option>`)}
          </select>
        </label>
      </div>
      <button type="button" data-export="download" ?disabled=${this.busy} @click=${() => void this.download()}>
        ${msg(lang, this.busy ? 'export.downloading' : 'export.download')}
      </button>
      <div data-export-notice>
        <div role="status">${notice?.kind === 'status' ? html`<p>${notice.text}</p>` : ''}</div>
        <div role="alert" class="error">${notice?.kind === 'alert' ? html`<p>${notice.text}</p>` : ''}</div>
      </div>
    </section>`;
  }
}
