// The table of documents the list and the review queue show; a card per document when narrow
// (portal.css), each cell naming its column then.
import { html } from 'lit';
import type { Lang } from '../../domain/sections.js';
import type { DocumentRow } from '../portal-data.js';
import { formatDate, t, termOf } from '../portal-text.js';
import { routeHref } from '../router.js';

export function documentTable(lang: Lang, rows: readonly DocumentRow[], caption: string) {
  const label = (id: Parameters<typeof t>[1]) => t(lang, id);
  return html`<table class="documents">
    <caption>${caption}</caption>
    <thead>
      <tr>
        <th scope="col">${label('columnTitle')}</th>
        <th scope="col">${label('columnClassification')}</th>
        <th scope="col">${label('columnStatus')}</th>
        <th scope="col">${label('columnDepartment')}</th>
        <th scope="col">${label('columnUpdated')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) => html`<tr>
          <th scope="row" data-label=${label('columnTitle')}>
            <a href=${routeHref({ lang, page: 'document', id: row.id })}>${lang === 'fr' ? row.title_fr : row.title_en}</a>
          </th>
          <td data-label=${label('columnClassification')}>${row.classification}</td>
          <td data-label=${label('columnStatus')}><span class="status status-${row.status}">${termOf(lang, 'status', row.status)}</span></td>
          <td data-label=${label('columnDepartment')}>${lang === 'fr' ? row.organization_name_fr : row.organization_name_en}</td>
          <td data-label=${label('columnUpdated')}><time datetime=${row.updated_at}>${formatDate(lang, row.updated_at)}</time></td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
