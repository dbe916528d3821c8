// The position identification form above the panes: fields of the shared document's `meta` map
// (seeded from the document's row: domain/document-init.ts), each checked as it is typed.
import { html, nothing } from 'lit';
import { msg, type MessageId } from '../core/i18n.js';
import type { Lang, MetaIdentificationField } from '../../domain/sections.js';
import type { EditorHost } from './editor-host.js';
import { fieldProblem } from './identification-validation.js';

interface FormField {
  /** The meta key the field shows and writes. */
  key: MetaIdentificationField;
  label: MessageId;
  /** The language of the value, when the field holds one language's text. */
  lang?: Lang;
  /** Long text (names and titles): two columns when the form has room. */
  wide?: boolean;
}

/** Codes (PM-04, AS-02) in a message, kept on one line: a line break after their hyphen misleads. */
const CODE = /([A-Z]{2,3}(?:-[A-Z]{2,4})?-\d{2})/;
const withCodes = (text: string) => text.split(CODE).map((part, i) => (i % 2 === 1 ? html`<span class="code">${part}</span>` : part));

/**
 * The fields in the interface language `lang`. The titles are one field per language; the
 * department shows (and edits) its name in the interface language.
 */
function formFields(lang: Lang): FormField[] {
  return [
    { key: 'title_en', label: 'editor.titleEn', lang: 'en', wide: true },
    { key: 'title_fr', label: 'editor.titleFr', lang: 'fr', wide: true },
    lang === 'fr' ? { key: 'department_fr', label: 'editor.department', lang: 'fr', wide: true } : { key: 'department', label: 'editor.department', lang: 'en', wide: true },
    { key: 'classification', label: 'editor.classification' },
    { key: 'noc_code', label: 'identification.nocCode' },
    { key: 'position_number', label: 'editor.positionNumber' },
    { key: 'language_profile', label: 'editor.languageProfile' },
  ];
}

export function renderIdentification(host: EditorHost, lang: Lang) {
  const meta = host.documentState.document?.doc.getMap('meta');
  return html`<fieldset part="identification">
    <legend>${msg(lang, 'editor.identification')}</legend>
    ${formFields(lang).map((field) => {
      const value = String(meta?.get(field.key) ?? '');
      const problem = fieldProblem(field.key, value, lang);
      const id = `identification-${field.key}`;
      return html`<div class=${field.wide ? 'identification-field wide' : 'identification-field'}>
        <label for=${id}>${msg(lang, field.label)}</label>
        <input
          id=${id}
          part="field"
          name=${field.key}
          lang=${field.lang ?? nothing}
          .value=${value}
          ?readonly=${!host.editable}
          maxlength="200"
          autocomplete="off"
          aria-invalid=${problem?.severity === 'error' ? 'true' : 'false'}
          aria-describedby=${problem ? `${id}-problem` : nothing}
          @input=${(e: Event) => host.editable && meta?.set(field.key, (e.target as HTMLInputElement).value)}
        />
        <p id="${id}-problem" part="field-problem" class=${problem?.severity ?? nothing} aria-live="polite">${problem ? withCodes(problem.message) : ''}</p>
      </div>`;
    })}
  </fieldset>`;
}
