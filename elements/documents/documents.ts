import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { sharedStyles } from '../core/shared.styles.js';
import { JdThemedElement } from '../core/themed-element.js';
import { sessionContext, type JdSessionState } from '../core/session-context.js';
import { langOf, localeOf, msg, type MessageId } from '../core/i18n.js';
import type { Lang } from '../../domain/sections.js';
import { snippetParts } from './snippet.js';
import {
  CLASSIFICATION_FILTER, DOCUMENT_STATUSES, createJobDescription, searchDocuments, waitingForMe, writableOrganizations,
  type SearchHit, type WaitingItem,
} from './documents-data.js';
import { JdDocumentCreatedEvent, JdDocumentOpenEvent } from './events.js';
import { documentsStyles } from './documents.styles.js';

const PAGE = 20;

/**
 * Create and find job descriptions: full-text search over both languages' text and the
 * identification fields (ranked, the matched words of the best section highlighted), filters by
 * status, classification (group or group and level) and author (mine), paging; the "waiting for
 * me" queue (reviews open to my role, my submissions sent back with the reviewer's reason,
 * mentions of me in open comment threads I have not answered); New
 * (a blank TBS description, or a clone of a result of the same department). A portal embeds it
 * in a `<jd-session>` and opens documents on `jd-document-open`. What a user sees and may create
 * is decided by the database (row-level security: another department's documents never appear).
 *
 * @fires jd-document-open - A result or queue item was chosen (`documentId`).
 * @fires jd-document-created - A job description was created (`documentId`, `kind`, `sourceId`).
 * @csspart base - Everything.
 * @csspart search - The search form.
 * @csspart status - Searching, nothing found, or an error (`data-kind="error"`).
 * @csspart results - The list of results.
 * @csspart result - One result.
 * @csspart title - A result's or queue item's title (a button that opens it).
 * @csspart meta - Classification, status, last change.
 * @csspart date - The last change's date.
 * @csspart snippet - The matched passage, matched words in `<mark>`.
 * @csspart waiting - The "waiting for me" queue.
 * @csspart waiting-item - One item of the queue.
 * @csspart new - The New buttons.
 * @cssproperty --jd-mark - Background of the matched words (default: the comment colour).
 */
export class JdDocuments extends JdThemedElement {
  static override styles = [sharedStyles, documentsStyles];

  /** The organization New creates in; default: the first where the user writes. */
  @property({ attribute: 'organization-id', reflect: true }) organizationId = '';
  /** Leave the "waiting for me" queue out (a portal that shows it elsewhere). */
  @property({ type: Boolean, attribute: 'hide-queue', reflect: true }) hideQueue = false;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  session: JdSessionState | undefined;

  @state() private query = '';
  @state() private status = '';
  @state() private classification = '';
  @state() private mine = false;
  @state() private skip = 0;
  @state() private results: SearchHit[] = [];
  @state() private total = 0;
  @state() private busy = false;
  @state() private error = '';
  @state() private classificationError = '';
  @state() private waiting: WaitingItem[] = [];
  @state() private message = '';
  #requestId = 0;
  #userId: string | null = null;

  /** The language the interface uses now: the session's, else the page's. */
  get uiLang(): Lang {
    return this.session?.lang ?? langOf(this);
  }

  #t(id: MessageId, values?: Record<string, string | number>) {
    return msg(this.uiLang, id, values);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('session')) {
      const userId = this.session?.user?.id ?? null;
      if (userId !== this.#userId) {
        this.#userId = userId;
        if (userId && this.session?.client) {
          void this.search(0);
          void this.refreshQueue();
        } else {
          this.results = [];
          this.waiting = [];
        }
      }
    }
  }

  /** Runs the search with the form's words and filters, from `skip`. */
  async search(skip = 0): Promise<void> {
    const client = this.session?.client;
    const user = this.session?.user;
    if (!client || !user) return;
    const classification = this.classification.trim().toUpperCase();
    if (classification && !CLASSIFICATION_FILTER.test(classification)) {
      this.classificationError = this.#t('documents.classification.invalid');
      return;
    }
    this.classificationError = '';
    const id = ++this.#requestId;
    this.busy = true;
    this.error = '';
    try {
      const hits = await searchDocuments(client, {
        ...(this.query.trim() ? { query: this.query.trim() } : {}),
        ...(this.status ? { status_filter: this.status } : {}),
        ...(classification ? { classification_filter: classification } : {}),
        ...(this.mine ? { author_filter: user.id } : {}),
        max_results: PAGE,
        skip,
      });
      if (id !== this.#requestId) return;
      this.results = hits;
      this.total = hits[0]?.total_count ?? 0;
      this.skip = skip;
    } catch (failure) {
      if (id === this.#requestId) this.error = this.#t('documents.error', { message: (failure as Error).message });
    } finally {
      if (id === this.#requestId) this.busy = false;
    }
  }

  /** Reads the "waiting for me" queue again. */
  async refreshQueue(): Promise<void> {
    const client = this.session?.client;
    if (!client) return;
    try {
      this.waiting = await waitingForMe(client);
    } catch (failure) {
      this.error = this.#t('documents.error', { message: (failure as Error).message });
    }
  }

  async #create(kind: 'blank' | 'clone', source?: SearchHit) {
    const client = this.session?.client;
    const user = this.session?.user;
    if (!client || !user) return;
    this.message = '';
    try {
      const organization = source?.organization_id ?? (this.organizationId || (await writableOrganizations(client, user.id))[0]);
      if (!organization) {
        this.message = this.#t('documents.new.notAllowed');
        return;
      }
      const documentId = await createJobDescription(client, { organization, kind, ...(source ? { source: source.id } : {}) });
      this.message = this.#t(kind === 'blank' ? 'documents.new.createdBlank' : 'documents.new.createdClone');
      this.dispatchEvent(new JdDocumentCreatedEvent(documentId, kind, source?.id ?? null));
      this.dispatchEvent(new JdDocumentOpenEvent(documentId));
    } catch (failure) {
      this.message = this.#t('documents.error', { message: (failure as Error).message });
    }
  }

  #title(row: { title_en: string | null; title_fr: string | null }) {
    const own = this.uiLang === 'fr' ? row.title_fr : row.title_en;
    const other = this.uiLang === 'fr' ? row.title_en : row.title_fr;
    return own || other || this.#t('documents.untitled');
  }

  #statusName(status: string) {
    return (DOCUMENT_STATUSES as readonly string[]).includes(status) ? this.#t(`documents.status.${status}` as MessageId) : status;
  }

  #open(id: string) {
    this.dispatchEvent(new JdDocumentOpenEvent(id));
  }

  #onSubmit(event: Event) {
    event.preventDefault();
    void this.search(0);
  }

  override render() {
    if (!this.session?.user) {
      return html`<div part="base"><p part="status">${this.#t('documents.signedOut')}</p></div>`;
    }
    return html`<div part="base">
      ${this.hideQueue ? nothing : this.#renderWaiting()}
      <section aria-labelledby="find">
        <h2 id="find">${this.#t('documents.heading')}</h2>
        ${this.#renderForm()} ${this.#renderResults()}
      </section>
    </div>`;
  }

  #renderForm() {
    return html`<form part="search" role="search" @submit=${this.#onSubmit}>
      <label>
        <span>${this.#t('documents.search.label')}</span>
        <input type="search" name="query" .value=${this.query} maxlength="500"
          @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
      </label>
      <div class="filters">
        <label>
          <span>${this.#t('documents.filter.status')}</span>
          <select name="status" .value=${this.status} @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value)}>
            <option value="">${this.#t('documents.filter.anyStatus')}</option>
            ${DOCUMENT_STATUSES.map((s) => html`<option value=${s} ?selected=${this.status === s}>${this.#statusName(s)}</option>`)}
          </select>
        </label>
        <label>
          <span>${this.#t('documents.filter.classification')}</span>
          <input name="classification" .value=${this.classification} maxlength="12" placeholder="PM, PM-04"
            aria-invalid=${this.classificationError ? 'true' : 'false'} aria-describedby="classification-error"
            @input=${(e: Event) => (this.classification = (e.target as HTMLInputElement).value)} />
          <span id="classification-error" part="status" data-kind="error" ?hidden=${!this.classificationError}>${this.classificationError}</span>
        </label>
        <label class="check">
          <input type="checkbox" name="mine" .checked=${this.mine} @change=${(e: Event) => (this.mine = (e.target as HTMLInputElement).checked)} />
          <span>${this.#t('documents.filter.mine')}</span>
        </label>
      </div>
      <div class="actions" part="new">
        <button class="primary" type="submit" ?disabled=${this.busy} aria-busy=${this.busy ? 'true' : 'false'}>${this.#t('documents.search.submit')}</button>
        <button type="button" @click=${() => void this.#create('blank')}>${this.#t('documents.new.blank')}</button>
      </div>
      <p role="status" part="status">${this.message}</p>
    </form>`;
  }

  #renderResults() {
    const status = this.busy
      ? this.#t('documents.searching')
      : this.error || (this.results.length === 0 ? this.#t('documents.empty') : this.#t('documents.count', { count: this.total }));
    const date = new Intl.DateTimeFormat(localeOf(this.uiLang), { dateStyle: 'medium' });
    return html`<p part="status" role="status" data-kind=${this.error ? 'error' : 'info'}>${status}</p>
      <ol part="results" aria-label=${this.#t('documents.results')}>
        ${repeat(this.results, (hit) => hit.id, (hit) => html`<li part="result" data-id=${hit.id}>
          <button type="button" part="title" class="link" @click=${() => this.#open(hit.id)}>${this.#title(hit)}</button>
          <span part="meta">${[hit.classification, this.#statusName(hit.status)].filter(Boolean).join(' · ')} ·
            <time part="date" datetime=${hit.updated_at}>${date.format(new Date(hit.updated_at))}</time></span>
          ${hit.snippet
            ? html`<p part="snippet" lang=${hit.snippet_lang ?? nothing}>${snippetParts(hit.snippet).map((part) => (part.match ? html`<mark>${part.text}</mark>` : part.text))}</p>`
            : nothing}
          <div class="actions">
            <button type="button" @click=${() => void this.#create('clone', hit)}
              aria-label=${this.#t('documents.new.cloneOf', { title: this.#title(hit) })}>${this.#t('documents.new.clone')}</button>
          </div>
        </li>`)}
      </ol>
      ${this.total > PAGE
        ? html`<nav class="pager" aria-label=${this.#t('documents.pages')}>
            <button type="button" ?disabled=${this.skip === 0 || this.busy} @click=${() => void this.search(Math.max(0, this.skip - PAGE))}>${this.#t('documents.previous')}</button>
            <span>${this.#t('documents.range', { from: this.skip + 1, to: Math.min(this.skip + PAGE, this.total), count: this.total })}</span>
            <button type="button" ?disabled=${this.skip + PAGE >= this.total || this.busy} @click=${() => void this.search(this.skip + PAGE)}>${this.#t('documents.next')}</button>
          </nav>`
        : nothing}`;
  }

  #renderWaiting() {
    return html`<section part="waiting" aria-labelledby="waiting">
      <h2 id="waiting">${this.#t('documents.waiting.heading')}</h2>
      ${this.waiting.length === 0
        ? html`<p>${this.#t('documents.waiting.empty')}</p>`
        : html`<ul>
            ${repeat(this.waiting, (item) => item.id + item.reason, (item) => html`<li part="waiting-item" data-reason=${item.reason}>
              <button type="button" part="title" class="link" @click=${() => this.#open(item.id)}>${this.#title(item)}</button>
              <span part="meta">${this.#t(`documents.waiting.${item.reason}` as MessageId)}${item.classification ? ` · ${item.classification}` : ''}</span>
              ${item.note ? html`<p>${item.note}</p>` : nothing}
            </li>`)}
          </ul>`}
    </section>`;
  }
}
