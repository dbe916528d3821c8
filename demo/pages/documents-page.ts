// The documents page: the kit's <jd-documents> (full-text search, filters, what waits for me, New
// and Clone) above the department's list (search, status filter); with `review`, the review queue
// (documents in review only). The lists read RPC list_documents as the signed-in user; a document
// chosen or created in <jd-documents> opens on its own page.
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { PortalPage } from './portal-page.js';
import { documentTable } from './document-table.js';
import { DOCUMENT_STATUSES, listDocuments, type DocumentStatus } from '../portal-data.js';
import { t, termOf } from '../portal-text.js';
import { routeHref } from '../router.js';
import type { JdDocumentCreatedEvent, JdDocumentOpenEvent } from '../../elements/documents/events.js';
import '../../elements/documents/define.js';

@customElement('portal-documents-page')
export class PortalDocumentsPage extends PortalPage {
  /** The review queue: documents in review only, no filters. */
  @property({ type: Boolean }) review = false;

  @state() private search = '';
  @state() private status: DocumentStatus | '' = '';

  #rows = new Task(this, {
    task: async ([client, userId, search, status, review]) => {
      if (!client || !userId) return [];
      return listDocuments(client, { search: review ? '' : search, status: review ? 'in_review' : status || undefined });
    },
    args: () => [this.session?.client, this.session?.user?.id, this.search, this.status, this.review] as const,
  });

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.search = String(data.get('search') ?? '');
    const status = String(data.get('status') ?? '');
    this.status = (DOCUMENT_STATUSES as readonly string[]).includes(status) ? (status as DocumentStatus) : '';
  }

  /** Opens a document <jd-documents> chose or created: the route changes, the portal follows. */
  #open(event: JdDocumentOpenEvent | JdDocumentCreatedEvent): void {
    location.hash = routeHref({ lang: this.uiLang, page: 'document', id: event.documentId });
  }

  #filters() {
    const lang = this.uiLang;
    return html`<form class="filters" role="search" aria-label=${t(lang, 'listFilters')} @submit=${this.#onSubmit}>
      <div class="field grow">
        <label for="search">${t(lang, 'search')}</label>
        <input id="search" name="search" type="search" maxlength="500" .value=${this.search} />
      </div>
      <div class="field">
        <label for="status">${t(lang, 'statusFilter')}</label>
        <select
          id="status"
          name="status"
          @change=${(e: Event) => (e.target as HTMLSelectElement).form?.requestSubmit()}
        >
          <option value="" ?selected=${this.status === ''}>${t(lang, 'anyStatus')}</option>
          ${DOCUMENT_STATUSES.map((s) => html`<option value=${s} ?selected=${this.status === s}>${termOf(lang, 'status', s)}</option>`)}
        </select>
      </div>
      <button class="primary" type="submit">${t(lang, 'apply')}</button>
    </form>`;
  }

  protected override render() {
    const lang = this.uiLang;
    return html`<h1 id="page-heading">${t(lang, this.review ? 'reviewHeading' : 'documentsHeading')}</h1>
      <p class="intro">${t(lang, this.review ? 'reviewIntro' : 'documentsIntro')}</p>
      ${this.review ? nothing : html`<p class="page-actions"><a class="button-link" href=${routeHref({ lang, page: 'import' })}>${t(lang, 'importAction')}</a></p>`}
      ${this.review
        ? nothing
        : html`<jd-documents lang=${lang} @jd-document-open=${this.#open} @jd-document-created=${this.#open}></jd-documents>
            <h2 id="all-documents">${t(lang, 'allDocumentsHeading')}</h2>`}
      ${this.review ? nothing : this.#filters()}
      ${this.#rows.render({
        pending: () => html`<p class="notice" role="status">${t(lang, 'loading')}</p>`,
        error: (error) => html`<div class="notice error" role="alert">
          <p>${t(lang, 'loadError', { message: error instanceof Error ? error.message : String(error) })}</p>
          <button type="button" @click=${() => void this.#rows.run()}>${t(lang, 'retry')}</button>
        </div>`,
        complete: (rows) =>
          rows.length === 0
            ? html`<p class="notice" role="status">${t(lang, this.review ? 'reviewEmpty' : 'empty')}</p>`
            : documentTable(lang, rows, t(lang, this.review ? 'reviewCaption' : 'tableCaption', { count: rows.length })),
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-documents-page': PortalDocumentsPage;
  }
}
