// The position identification form above the panes: fields of the shared document's `meta` map.
import { html, nothing } from 'lit';
import { msg } from '../core/i18n.js';
import type { Lang, MetaField } from '../../domain/sections.js';
import type { EditorHost } from './editor-host.js';

const FIELD_LABELS: Record<Exclude<MetaField, 'status'>, Parameters<typeof msg>[1]> = {
  title_en: 'editor.titleEn',
  title_fr: 'editor.titleFr',
  classification: 'editor.classification',
  position_number: 'editor.positionNumber',
  department: 'editor.department',
  language_profile: 'editor.languageProfile',
};

export function renderIdentification(host: EditorHost, lang: Lang) {
  const meta = host.documentState.document?.doc.getMap('meta');
  return html`<fieldset part="identification">
    <legend>${msg(lang, 'editor.identification')}</legend>
    ${(Object.keys(FIELD_LABELS) as (keyof typeof FIELD_LABELS)[]).map(
      (field) => html`<label
        >${msg(lang, FIELD_LABELS[field])}
        <input
          part="field"
          name=${field}
          lang=${field === 'title_fr' ? 'fr' : field === 'title_en' ? 'en' : nothing}
          .value=${String(meta?.get(field) ?? '')}
          ?readonly=${!host.editable}
          maxlength="200"
          @input=${(e: Event) => host.editable && meta?.set(field, (e.target as HTMLInputElement).value)}
      /></label>`,
    )}
  </fieldset>`;
}
