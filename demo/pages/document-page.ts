// One job description: its title in the UI language as the heading, its status, and the editor
// with the comments and the translation memory in its panel slot (both find the editor on the
// same document: the memory follows the caret in live mode and inserts into the editor).
import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import '../../elements/editor/define.js';
import '../../elements/comments/define.js';
import '../../elements/concordance/define.js';
import '../../elements/compliance/define.js';
import { PortalPage } from './portal-page.js';
import { loadDocument } from '../portal-data.js';
import { t, termOf } from '../portal-text.js';
import { routeHref } from '../router.js';

@customElement('portal-document-page')
export class PortalDocumentPage extends PortalPage {
  @property() documentId = '';
  /** An alignment to show in the translation memory's Alignment tab (after a legacy import). */
  @property() alignmentId = '';
  /** The review status after a workflow step taken in the editor (the row is not re-read). */
  @state() private liveStatus: string | null = null;

  #summary = new Task(this, {
    task: async ([client, userId, id]) => (client && userId && id ? loadDocument(client, id) : null),
    args: () => [this.session?.client, this.session?.user?.id, this.documentId] as const,
  });

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('documentId')) this.liveStatus = null;
  }

  protected override updated(): void {
    // The window's title names the document (the portal writes it: portal-app.ts).
    const summary = this.#summary.value;
    const title = summary ? ((this.uiLang === 'fr' ? summary.title_fr : summary.title_en) ?? '') : '';
    if (title !== this.#announcedTitle) {
      this.#announcedTitle = title;
      this.dispatchEvent(new CustomEvent('portal-title', { detail: title, bubbles: true }));
    }
  }

  #announcedTitle = '';

  protected override render() {
    const lang = this.uiLang;
    const back = html`<p class="back"><a href=${routeHref({ lang, page: 'documents' })}>${t(lang, 'back')}</a></p>`;
    return this.#summary.render({
      pending: () => html`${back}<p class="notice" role="status">${t(lang, 'documentLoading')}</p>`,
      error: () => html`${back}<h1 id="page-heading">${t(lang, 'documentsHeading')}</h1><p class="notice error" role="alert">${t(lang, 'documentMissing')}</p>`,
      complete: (summary) =>
        summary
          ? html`${back}
              <h1 id="page-heading">${(lang === 'fr' ? summary.title_fr : summary.title_en) ?? ''}</h1>
              <dl class="document-facts">
                <div><dt>${t(lang, 'documentClassification')}</dt><dd>${summary.classification ?? ''}</dd></div>
                <div>
                  <dt>${t(lang, 'documentStatus')}</dt>
                  <dd><span class="status status-${this.liveStatus ?? summary.status}">${termOf(lang, 'status', this.liveStatus ?? summary.status)}</span></dd>
                </div>
              </dl>
              <jd-editor ai-assist .documentId=${this.documentId} @jd-workflow=${(e: { status: string }) => (this.liveStatus = e.status)}>
                <jd-comments slot="panel" .documentId=${this.documentId}></jd-comments>
                <jd-concordance slot="panel" .documentId=${this.documentId} .alignmentId=${this.alignmentId}></jd-concordance>
                <jd-compliance slot="panel" .documentId=${this.documentId}></jd-compliance>
              </jd-editor>`
          : html`${back}<h1 id="page-heading">${t(lang, 'documentsHeading')}</h1><p class="notice error" role="alert">${t(lang, 'documentMissing')}</p>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-document-page': PortalDocumentPage;
  }
}
