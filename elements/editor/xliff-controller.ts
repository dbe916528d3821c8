// "Export XLIFF" / "Import XLIFF" (issue 13 item 6), for translators who work in their own CAT
// tool. Export downloads what xliff-export gives (every role that may open the document).
// Import sends the file to xliff-import, which validates it against the document and the
// caller's right to edit it, and answers the French per section; the French is then applied
// here, to the French pane, as one transaction (xliff-apply.ts): it syncs through the sync server
// like typing, and one Ctrl+Z in the French text reverts the whole import. A read-only editor
// refuses before sending anything and says why; a refused file lists its problems by line.
import { html, nothing, type ReactiveController } from 'lit';
import { msg, langOf } from '../core/i18n.js';
import { exportXliff, importXliff } from '../core/data-access.js';
import type { Lang } from '../../domain/sections.js';
import type { EditorHost } from './editor-host.js';
import { describeFailure } from './request-failure.js';
import { applyImportedFrench } from './xliff-apply.js';

type XliffAction = 'export' | 'import';

/** What the panel says after an action: a status line, or an alert with the file's problems. */
interface Notice {
  kind: 'status' | 'alert';
  text: string;
  issues?: string[];
}

/** Problems listed under a refused import; the rest are counted in the summary line. */
const LISTED_ISSUES = 20;

export class XliffController implements ReactiveController {
  busy: XliffAction | null = null;
  notice: Notice | null = null;

  constructor(private readonly host: EditorHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.busy = null;
    this.notice = null;
  }

  get #lang(): Lang {
    return this.host.session?.lang ?? langOf(this.host);
  }

  #say(notice: Notice | null): void {
    this.notice = notice;
    this.host.requestUpdate();
  }

  async #track<T>(action: XliffAction, work: () => Promise<T>): Promise<T | null> {
    if (this.busy) return null;
    this.busy = action;
    this.#say(null);
    try {
      return await work();
    } finally {
      this.busy = null;
      this.host.requestUpdate();
    }
  }

  /** The document as XLIFF 2.0, or null (the panel says why). */
  async exportFile(): Promise<string | null> {
    const client = this.host.session?.client;
    if (!client || !this.host.documentId) return null;
    return this.#track('export', async () => {
      const result = await exportXliff(client, this.host.documentId);
      if ('error' in result) {
        this.#say({ kind: 'alert', text: describeFailure(this.#lang, 'xliff.action.export', result.error) });
        return null;
      }
      return result.text;
    });
  }

  /**
   * Applies the French of a translated XLIFF as one undoable step of this user; true when the
   * file was accepted (even if it changed nothing), false when refused (the panel says why).
   */
  async importFile(file: string | Blob): Promise<boolean> {
    const client = this.host.session?.client;
    if (!client || !this.host.documentId) return false;
    if (!this.host.editable) {
      this.#say({ kind: 'alert', text: msg(this.#lang, 'xliff.readOnly') });
      return false;
    }
    const accepted = await this.#track('import', async () => {
      const text = typeof file === 'string' ? file : await file.text();
      const lang = this.#lang;
      const result = await importXliff(client, this.host.documentId, text, lang);
      if ('error' in result) {
        this.#say({ kind: 'alert', text: describeFailure(lang, 'xliff.action.import', result.error) });
        return false;
      }
      const { answer } = result;
      if (answer.errors.length > 0) {
        this.#say({
          kind: 'alert',
          text: msg(lang, 'xliff.refused', { count: answer.errors.length }),
          issues: answer.errors.slice(0, LISTED_ISSUES).map((issue) => msg(lang, 'xliff.issue', { line: issue.line, message: issue.message })),
        });
        return false;
      }
      // The document may have become read-only while the file was checked (a review started).
      const pane = this.host.pane('fr');
      if (!pane || !this.host.editable) {
        this.#say({ kind: 'alert', text: msg(lang, 'xliff.readOnly') });
        return false;
      }
      const applied = applyImportedFrench(pane.view.state, answer.sections);
      if (applied.tr) {
        const undo = pane.undoManager();
        undo?.stopCapturing();
        pane.view.dispatch(applied.tr);
        undo?.stopCapturing();
      }
      const summary = applied.changed > 0 ? msg(lang, 'xliff.imported', { count: applied.changed }) : msg(lang, 'xliff.unchanged');
      const missing = applied.missing.length > 0 ? ` ${msg(lang, 'xliff.missing', { sections: applied.missing.join(', ') })}` : '';
      this.#say({ kind: 'status', text: summary + missing });
      return true;
    });
    return accepted ?? false;
  }

  #download(text: string): string {
    const name = `job-description-${this.host.documentId}.xlf`;
    const url = URL.createObjectURL(new Blob([text], { type: 'application/xliff+xml' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    link.click();
    // The click has started the download; the address is no longer needed.
    setTimeout(() => URL.revokeObjectURL(url), 0);
    return name;
  }

  #onExport = async (): Promise<void> => {
    const text = await this.exportFile();
    if (text !== null) this.#say({ kind: 'status', text: msg(this.#lang, 'xliff.exported', { file: this.#download(text) }) });
  };

  /**
   * Opens the browser's file picker. The file input is made on each click and never put in the
   * page: the button is the one control a keyboard reaches, and choosing the same file again
   * (after correcting it) is a new choice.
   */
  #onImportClick = (): void => {
    if (!this.host.editable) {
      this.#say({ kind: 'alert', text: msg(this.#lang, 'xliff.readOnly') });
      return;
    }
    const input = Object.assign(document.createElement('input'), { type: 'file', accept: '.xlf,.xliff,.xml,application/xliff+xml' });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) void this.importFile(file);
    });
    input.click();
  };

  render(lang: Lang) {
    const label = (action: XliffAction, idle: 'xliff.export' | 'xliff.import') =>
      this.busy === action ? msg(lang, action === 'export' ? 'xliff.exporting' : 'xliff.importing') : msg(lang, idle);
    const notice = this.notice;
    return html`<section part="xliff" aria-labelledby="xliff-heading" aria-busy=${this.busy ? 'true' : 'false'}>
      <h2 id="xliff-heading">${msg(lang, 'xliff.label')}</h2>
      <p class="hint">${msg(lang, 'xliff.hint')}</p>
      <div class="row">
        <button type="button" data-xliff="export" ?disabled=${this.busy !== null} aria-busy=${this.busy === 'export' ? 'true' : 'false'} @click=${this.#onExport}>
          ${label('export', 'xliff.export')}
        </button>
        <button type="button" data-xliff="import" ?disabled=${this.busy !== null} aria-busy=${this.busy === 'import' ? 'true' : 'false'} @click=${this.#onImportClick}>
          ${label('import', 'xliff.import')}
        </button>
      </div>
      <!-- Both live regions stay in the page, so what is put in either is announced. -->
      <div data-xliff-notice>
        <div role="status">${notice?.kind === 'status' ? html`<p>${notice.text}</p>` : nothing}</div>
        <div role="alert" class="error">
          ${notice?.kind === 'alert'
            ? html`<p>${notice.text}</p>${notice.issues ? html`<ul>${notice.issues.map((issue) => html`<li>${issue}</li>`)}</ul>` : nothing}`
            : nothing}
        </div>
      </div>
    </section>`;
  }
}
