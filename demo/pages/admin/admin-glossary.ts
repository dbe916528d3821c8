// The department's glossary: search its terms in either language, page through them, add a term,
// edit one (the form below fills with it) or forbid one in a click. Row-level security lets the
// department's admins write its terms; the shared terminology is the service's and not listed.
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { AdminSection } from './admin-section.js';
import { GLOSSARY_PAGE_SIZE, GLOSSARY_STATUSES, listGlossary, saveTerm, type GlossaryStatus, type GlossaryTerm, type TermInput } from '../../admin-data.js';
import { formatCount, t, termOf } from '../../portal-text.js';

@customElement('portal-admin-glossary')
export class PortalAdminGlossary extends AdminSection {
  @state() private search = '';
  @state() private page = 0;
  /** The term the form edits; null: the form adds one. */
  @state() private editing: GlossaryTerm | null = null;
  @state() private status = '';
  @state() private error = '';
  /** The form field the error is about (aria-invalid, focus). */
  @state() private invalid: 'term-en' | 'term-fr' | null = null;
  @state() private busy = false;

  #terms = new Task(this, {
    task: async ([client, organizationId, search, page]) =>
      client && organizationId ? listGlossary(client, organizationId, search, page) : { rows: [], total: 0, page: 0 },
    args: () => [this.session?.client, this.organizationId, this.search, this.page] as const,
  });

  #onSearch(event: SubmitEvent): void {
    event.preventDefault();
    this.search = String(new FormData(event.target as HTMLFormElement).get('glossary-search') ?? '');
    this.page = 0;
  }

  /** Writes a term; `onSaved` runs before the success is announced (the form is cleared by then). */
  async #save(term: TermInput, id: string | undefined, done: string, onSaved?: () => void): Promise<void> {
    const client = this.session?.client;
    if (!client || this.busy) return;
    this.busy = true;
    this.status = '';
    this.error = '';
    try {
      await saveTerm(client, this.organizationId, term, id);
      onSaved?.();
      this.status = done;
      await this.#terms.run();
      this.announceChange();
    } catch (error) {
      this.error = t(this.uiLang, 'adminSaveError', { message: this.messageOf(error) });
    } finally {
      this.busy = false;
    }
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const lang = this.uiLang;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const term: TermInput = {
      term_en: text('term-en'),
      term_fr: text('term-fr'),
      domain: text('term-domain') || null,
      status: (GLOSSARY_STATUSES as readonly string[]).includes(text('term-status')) ? (text('term-status') as GlossaryStatus) : 'approved',
      notes: text('term-notes') || null,
    };
    this.invalid = !term.term_en ? 'term-en' : !term.term_fr ? 'term-fr' : null;
    if (this.invalid) {
      this.status = '';
      this.error = t(lang, 'termMissing', { which: t(lang, this.invalid === 'term-en' ? 'termEn' : 'termFr').toLowerCase() });
      await this.updateComplete;
      this.querySelector<HTMLInputElement>(`#${this.invalid}`)?.focus();
      return;
    }
    const editing = this.editing;
    await this.#save(term, editing?.id, t(lang, editing ? 'termSaved' : 'termAdded', { term: term.term_en }), () => {
      this.editing = null;
      form.reset();
    });
  }

  async #edit(term: GlossaryTerm): Promise<void> {
    this.editing = term;
    this.status = '';
    this.error = '';
    this.invalid = null;
    await this.updateComplete;
    this.querySelector<HTMLInputElement>('#term-en')?.focus();
  }

  #forbid(term: GlossaryTerm): void {
    const { term_en, term_fr, domain, notes } = term;
    void this.#save({ term_en, term_fr, domain, notes, status: 'forbidden' }, term.id, t(this.uiLang, 'termSaved', { term: term_en }));
  }

  #table(rows: readonly GlossaryTerm[], total: number, page: number) {
    const lang = this.uiLang;
    const label = (id: Parameters<typeof t>[1]) => t(lang, id);
    const from = page * GLOSSARY_PAGE_SIZE;
    return html`<table class="documents admin-table glossary">
        <caption>${t(lang, 'glossaryCaption', { from: formatCount(lang, from + 1), to: formatCount(lang, from + rows.length), count: formatCount(lang, total) })}</caption>
        <thead>
          <tr>
            <th scope="col">${label('termEn')}</th>
            <th scope="col">${label('termFr')}</th>
            <th scope="col">${label('termDomain')}</th>
            <th scope="col">${label('termStatus')}</th>
            <th scope="col">${label('termAction')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (term) => html`<tr>
              <th scope="row" data-label=${label('termEn')} lang="en">${term.term_en}</th>
              <td data-label=${label('termFr')} lang="fr">${term.term_fr}</td>
              <td data-label=${label('termDomain')}>${term.domain ?? ''}</td>
              <td data-label=${label('termStatus')}><span class="status term-${term.status}">${termOf(lang, 'termStatus', term.status)}</span></td>
              <td data-label=${label('termAction')} class="row-actions">
                <button type="button" aria-label=${t(lang, 'termEditOf', { term: term.term_en })} ?disabled=${this.busy} @click=${() => void this.#edit(term)}>${label('termEdit')}</button>
                ${term.status === 'forbidden'
                  ? nothing
                  : html`<button type="button" aria-label=${t(lang, 'termForbidOf', { term: term.term_en })} ?disabled=${this.busy} @click=${() => this.#forbid(term)}>
                      ${label('termForbid')}
                    </button>`}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${total > GLOSSARY_PAGE_SIZE ? this.#pager(page, from + rows.length < total) : nothing}`;
  }

  #pager(page: number, more: boolean) {
    const lang = this.uiLang;
    return html`<nav class="pager" aria-label=${t(lang, 'pagination')}>
      <button type="button" ?disabled=${page === 0} @click=${() => (this.page = page - 1)}>${t(lang, 'previousPage')}</button>
      <button type="button" ?disabled=${!more} @click=${() => (this.page = page + 1)}>${t(lang, 'nextPage')}</button>
    </nav>`;
  }

  #field(id: 'term-en' | 'term-fr' | 'term-domain', labelId: Parameters<typeof t>[1], value: string | null, inputLang?: 'en' | 'fr') {
    return html`<div class="field">
      <label for=${id}>${t(this.uiLang, labelId)}</label>
      <input
        id=${id}
        name=${id}
        maxlength=${id === 'term-domain' ? 100 : 500}
        lang=${inputLang ?? nothing}
        .value=${value ?? ''}
        aria-invalid=${this.invalid === id ? 'true' : 'false'}
        aria-describedby=${this.invalid === id ? 'glossary-error' : nothing}
      />
    </div>`;
  }

  #form() {
    const lang = this.uiLang;
    const term = this.editing;
    return html`<form class="term-form" novalidate aria-labelledby="term-form-heading" @submit=${(e: SubmitEvent) => void this.#onSubmit(e)}>
      <h3 id="term-form-heading">${term ? t(lang, 'termEditHeading', { term: term.term_en }) : t(lang, 'termAddHeading')}</h3>
      <div class="term-fields">
        ${this.#field('term-en', 'termEn', term?.term_en ?? '', 'en')} ${this.#field('term-fr', 'termFr', term?.term_fr ?? '', 'fr')}
        ${this.#field('term-domain', 'termDomain', term?.domain ?? '')}
        <div class="field">
          <label for="term-status">${t(lang, 'termStatus')}</label>
          <select id="term-status" name="term-status">
            ${GLOSSARY_STATUSES.map((s) => html`<option value=${s} ?selected=${(term?.status ?? 'approved') === s}>${termOf(lang, 'termStatus', s)}</option>`)}
          </select>
        </div>
        <div class="field wide">
          <label for="term-notes">${t(lang, 'termNotes')}</label>
          <textarea id="term-notes" name="term-notes" rows="2" maxlength="10000" .value=${term?.notes ?? ''}></textarea>
        </div>
      </div>
      <p class="form-actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${t(lang, term ? 'termSaveChanges' : 'termAdd')}</button>
        ${term ? html`<button type="button" @click=${() => (this.editing = null)}>${t(lang, 'termCancel')}</button>` : nothing}
      </p>
    </form>`;
  }

  protected override render() {
    const lang = this.uiLang;
    return html`<h2 id="admin-glossary">${t(lang, 'glossaryHeading')}</h2>
      <p class="intro">${t(lang, 'glossaryIntro')}</p>
      <form class="filters" role="search" aria-label=${t(lang, 'glossarySearchLabel')} @submit=${this.#onSearch}>
        <div class="field grow">
          <label for="glossary-search">${t(lang, 'glossarySearch')}</label>
          <input id="glossary-search" name="glossary-search" type="search" maxlength="200" .value=${this.search} />
        </div>
        <button class="primary" type="submit">${t(lang, 'apply')}</button>
      </form>
      ${this.renderLoaded(this.#terms, ({ rows, total, page }) => (rows.length === 0 ? html`<p class="notice">${t(lang, 'glossaryEmpty')}</p>` : this.#table(rows, total, page)))}
      <div role="status">${this.status ? html`<p class="notice">${this.status}</p>` : nothing}</div>
      <div role="alert" id="glossary-error">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
      ${this.#form()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-glossary': PortalAdminGlossary;
  }
}
