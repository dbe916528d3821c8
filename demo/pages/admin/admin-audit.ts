// The department's audit log (public.audit_log, which only the database writes and its admins
// read): who did what to which kind of record, when, and which fields changed; a page at a time,
// newest first. `revision` grows when another section changed something, to show it at once.
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { AdminSection } from './admin-section.js';
import { loadAuditPage, type AuditEntry } from '../../admin-data.js';
import { formatDate, t, termOf } from '../../portal-text.js';

@customElement('portal-admin-audit')
export class PortalAdminAudit extends AdminSection {
  /** Bumped by the page after a change elsewhere: the first page is read again. */
  @property({ attribute: false }) revision = 0;

  @state() private page = 0;

  #entries = new Task(this, {
    task: async ([client, organizationId, page]) =>
      client && organizationId ? loadAuditPage(client, organizationId, page, t(this.uiLang, 'auditSystem')) : { rows: [], more: false, page: 0 },
    args: () => [this.session?.client, this.organizationId, this.page, this.revision] as const,
  });

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('revision')) this.page = 0;
  }

  #table(rows: readonly AuditEntry[], more: boolean, page: number) {
    const lang = this.uiLang;
    const label = (id: Parameters<typeof t>[1]) => t(lang, id);
    return html`<table class="documents admin-table audit">
        <caption>${t(lang, 'auditCaption', { page: page + 1 })}</caption>
        <thead>
          <tr>
            <th scope="col">${label('auditWhen')}</th>
            <th scope="col">${label('auditWho')}</th>
            <th scope="col">${label('auditWhat')}</th>
            <th scope="col">${label('auditChanged')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) => html`<tr data-table=${row.table} data-action=${row.action}>
              <th scope="row" data-label=${label('auditWhen')}><time datetime=${row.at}>${formatDate(lang, row.at)}</time></th>
              <td data-label=${label('auditWho')}>${row.actor}</td>
              <td data-label=${label('auditWhat')}>${t(lang, 'auditDid', { action: termOf(lang, 'auditAction', row.action), table: termOf(lang, 'auditTable', row.table) })}</td>
              <td data-label=${label('auditChanged')} class="fields">${row.changed.length > 0 ? row.changed.join(', ') : '—'}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${page > 0 || more
        ? html`<nav class="pager" aria-label=${t(lang, 'pagination')}>
            <button type="button" ?disabled=${page === 0} @click=${() => (this.page = page - 1)}>${label('auditNewer')}</button>
            <button type="button" ?disabled=${!more} @click=${() => (this.page = page + 1)}>${label('auditOlder')}</button>
          </nav>`
        : nothing}`;
  }

  protected override render() {
    const lang = this.uiLang;
    return html`<h2 id="admin-audit">${t(lang, 'auditHeading')}</h2>
      <p class="intro">${t(lang, 'auditIntro')}</p>
      ${this.renderLoaded(this.#entries, ({ rows, more, page }) => (rows.length === 0 ? html`<p class="notice">${t(lang, 'auditEmpty')}</p>` : this.#table(rows, more, page)))}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-audit': PortalAdminAudit;
  }
}
