// Import from Word (issue 14 item 5): the English and the French file of one position become a
// new draft job description (the `legacy-import` function, as the signed-in user), then the
// document opens in <jd-editor>. The steps show as they happen: sending the files (here), then
// reading, aligning and creating (the function's server-sent events). A refusal says what was
// wrong in the UI language and nothing is created.
import { html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { PortalPage } from './portal-page.js';
import { IMPORT_STAGES, ImportFailure, importFromWord, type ImportStage, type ImportedDocument } from '../portal-data.js';
import { t, type PortalTextId } from '../portal-text.js';
import { routeHref } from '../router.js';
import type { Lang } from '../../domain/sections.js';

const STAGE_TEXT: Record<ImportStage, PortalTextId> = {
  upload: 'importStageUpload',
  reading: 'importStageReading',
  aligning: 'importStageAligning',
  creating: 'importStageCreating',
};

const ACCEPTED = '.docx,.htm,.html,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/html,text/plain';

@customElement('portal-import-page')
export class PortalImportPage extends PortalPage {
  @state() private stage: ImportStage | null = null;
  @state() private busy = false;
  @state() private error = '';
  /** Which file input the error is about (it gets aria-invalid and focus). */
  @state() private invalid: Lang | null = null;
  @state() private imported: ImportedDocument | null = null;

  @query('#import-error') private errorBox!: HTMLElement | null;

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const lang = this.uiLang;
    const form = event.target as HTMLFormElement;
    const file = (name: Lang) => (form.elements.namedItem(`import-${name}`) as HTMLInputElement).files?.[0];
    const en = file('en');
    const fr = file('fr');
    this.imported = null;
    if (!en || !fr) {
      this.invalid = en ? 'fr' : 'en';
      this.error = t(lang, 'importMissingFile', { which: t(lang, en ? 'importWhichFrench' : 'importWhichEnglish') });
      await this.updateComplete;
      this.querySelector<HTMLInputElement>(`#import-${this.invalid}`)?.focus();
      return;
    }
    this.invalid = null;
    this.error = '';
    this.busy = true;
    try {
      const result = await importFromWord(this.session!.client!, { en, fr }, lang, (stage) => (this.stage = stage));
      if (result.warnings.length === 0) {
        location.hash = routeHref({ lang, page: 'document', id: result.document, alignment: result.alignment });
        return;
      }
      this.imported = result;
      await this.updateComplete;
      this.querySelector<HTMLElement>('.import-warnings')?.focus();
    } catch (failure) {
      const message = failure instanceof ImportFailure && failure.message ? failure.message : t(lang, 'importNetworkError');
      this.error = t(lang, 'importFailed', { message });
      this.invalid = failure instanceof ImportFailure ? this.#fileNamedIn(failure.message) : null;
      await this.updateComplete;
      this.errorBox?.focus();
    } finally {
      this.busy = false;
    }
  }

  /** The file a refusal names ("The French file …" / « Le fichier français … »), if any. */
  #fileNamedIn(message: string): Lang | null {
    if (/\b(English|anglais)\b/.test(message)) return 'en';
    if (/\b(French|français)\b/.test(message)) return 'fr';
    return null;
  }

  #fileField(lang: Lang, name: Lang) {
    const id = `import-${name}`;
    return html`<div class="field">
      <label for=${id}>${t(lang, name === 'en' ? 'importEnglishFile' : 'importFrenchFile')}</label>
      <input
        id=${id}
        name=${id}
        type="file"
        accept=${ACCEPTED}
        lang=${name}
        aria-describedby="import-hint${this.invalid === name ? ' import-error' : ''}"
        aria-invalid=${this.invalid === name ? 'true' : 'false'}
        ?disabled=${this.busy}
      />
    </div>`;
  }

  #steps(lang: Lang) {
    if (this.stage === null) return nothing;
    const current = IMPORT_STAGES.indexOf(this.stage);
    const finished = this.imported !== null;
    return html`<ol class="import-steps" aria-label=${t(lang, 'importProgress')}>
      ${IMPORT_STAGES.map((stage, i) => {
        const state = finished || i < current ? 'done' : i === current ? (this.error ? 'failed' : 'current') : 'pending';
        const mark = { done: '✓', current: '…', failed: '✕', pending: '○' }[state];
        const label = t(lang, ({ done: 'importStepDone', current: 'importStepCurrent', failed: 'importStepFailed', pending: 'importStepPending' } as const)[state]);
        return html`<li class="import-step ${state}" aria-current=${state === 'current' ? 'step' : nothing}>
          <span class="import-mark" aria-hidden="true">${mark}</span>
          <span>${t(lang, STAGE_TEXT[stage])}</span>
          <span class="visually-hidden">(${label})</span>
        </li>`;
      })}
    </ol>`;
  }

  protected override render() {
    const lang = this.uiLang;
    const imported = this.imported;
    return html`<p class="back"><a href=${routeHref({ lang, page: 'documents' })}>${t(lang, 'back')}</a></p>
      <h1 id="page-heading">${t(lang, 'importHeading')}</h1>
      <p class="intro">${t(lang, 'importIntro')}</p>
      <form class="import-form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${(e: SubmitEvent) => void this.#onSubmit(e)}>
        <div class="import-files">${this.#fileField(lang, 'en')} ${this.#fileField(lang, 'fr')}</div>
        <p id="import-hint" class="hint">${t(lang, 'importFileHint')}</p>
        <button class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${t(lang, 'importSubmit')}</button>
      </form>
      ${this.#steps(lang)}
      <p class="visually-hidden" role="status">${this.busy && this.stage ? t(lang, STAGE_TEXT[this.stage]) : imported ? t(lang, 'importNowOpening') : ''}</p>
      ${this.error ? html`<div id="import-error" class="notice error" role="alert" tabindex="-1"><p>${this.error}</p></div>` : nothing}
      ${imported
        ? html`<div class="notice import-warnings" tabindex="-1">
            <h2>${t(lang, 'importWarningsHeading')}</h2>
            <ul>
              ${imported.warnings.map((w) => html`<li>${w}</li>`)}
            </ul>
            <p><a href=${routeHref({ lang, page: 'document', id: imported.document, alignment: imported.alignment })}>${t(lang, 'importOpen')}</a></p>
          </div>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-import-page': PortalImportPage;
  }
}
