// Issue 12, acceptance criterion 3: the identification form shows the seeded values of both
// seeded documents, and an invalid value is flagged next to its field in the interface language.
import { expect, waitUntil } from '@open-wc/testing';
import './define.js';
import type { JdEditor } from './editor.js';
import { ESDC_DOC, TC_DOC, signedInSession } from '../core/test-helpers.js';
import { openEditor, personOn } from './test-support.js';

/** supabase/seed.sql's job descriptions, as their rows say (and the document list shows). */
const SEEDED = [
  {
    email: 'editor@esdc.example',
    documentId: ESDC_DOC,
    fields: { title_en: 'Program Officer, Grants and Contributions', title_fr: 'Agent de programme, subventions et contributions', classification: 'PM-04', noc_code: '41403', language_profile: 'CBC' },
    department: { en: 'Employment and Social Development Canada (demo)', fr: 'Emploi et Développement social Canada (démo)' },
  },
  {
    email: 'editor@tc.example',
    documentId: TC_DOC,
    fields: { title_en: 'Civil Aviation Safety Inspector', title_fr: "Inspecteur de la sécurité de l'aviation civile", classification: 'AO-CAI-02', noc_code: '22231', language_profile: 'BBB' },
    department: { en: 'Transport Canada (demo)', fr: 'Transports Canada (démo)' },
  },
] as const;

const input = (el: JdEditor, name: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`[part=identification] input[name=${name}]`)!;
const inputOf = (el: JdEditor, label: RegExp) =>
  Array.from(el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part=identification] input')).find((i) => label.test(i.labels?.[0]?.textContent ?? ''));
/** The message the field points to with aria-describedby ('' when none). */
const problemOf = (field: HTMLInputElement) => {
  const id = field.getAttribute('aria-describedby');
  return id ? (field.getRootNode() as ShadowRoot).getElementById(id)?.textContent?.trim() ?? '' : '';
};

function type(field: HTMLInputElement, value: string) {
  field.focus();
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Waits until every field shows the row's value. */
async function showsRow(el: JdEditor, seeded: (typeof SEEDED)[number], lang: 'en' | 'fr') {
  const expected = { ...seeded.fields, [lang === 'fr' ? 'department_fr' : 'department']: seeded.department[lang] };
  const shown = () => Object.fromEntries(Object.keys(expected).map((name) => [name, input(el, name)?.value]));
  await waitUntil(() => JSON.stringify(shown()) === JSON.stringify(expected), `the identification of ${seeded.documentId}`, { timeout: 8000 }).catch(() => {
    throw new Error(`the form shows ${JSON.stringify(shown())}, not ${JSON.stringify(expected)}`);
  });
}

describe('<jd-editor> position identification', () => {
  for (const seeded of SEEDED) {
    it(`shows ${seeded.documentId}'s row (titles in both languages, classification, NOC, profile, department) through the sync server`, async () => {
      const { editor } = await personOn(seeded.email, seeded.documentId);
      await showsRow(editor, seeded, 'en');
      // Each title is one field, in its own language, and its label says which.
      expect(input(editor, 'title_en').lang).to.equal('en');
      expect(input(editor, 'title_fr').lang).to.equal('fr');
      expect(inputOf(editor, /^Title \(English\)$/)).to.equal(input(editor, 'title_en'));
      expect(inputOf(editor, /^Title \(French\)$/)).to.equal(input(editor, 'title_fr'));
      for (const field of editor.shadowRoot!.querySelectorAll<HTMLInputElement>('[part=identification] input')) {
        expect(field.getAttribute('aria-invalid'), field.name).to.equal('false');
      }
    });

    it(`shows ${seeded.documentId}'s row when this device seeds it (no sync server), in French with the French department name`, async () => {
      const session = await signedInSession(seeded.email, { lang: 'fr' });
      const el = await openEditor(session, seeded.documentId);
      await showsRow(el, seeded, 'fr');
      expect(inputOf(el, /^Titre \(anglais\)$/)).to.equal(input(el, 'title_en'));
    });
  }

  it('flags an invalid classification as it is typed, with what to type, in English and then in French', async () => {
    const session = await signedInSession('editor@esdc.example');
    const el = await openEditor(session);
    const classification = input(el, 'classification');
    await waitUntil(() => classification.value === 'PM-04', 'the seeded classification');
    expect(classification.getAttribute('aria-invalid')).to.equal('false');
    expect(classification.hasAttribute('aria-describedby')).to.equal(false);

    type(classification, 'PM-4');
    await el.updateComplete;
    expect(el.ydoc!.getMap('meta').get('classification')).to.equal('PM-4');
    expect(classification.getAttribute('aria-invalid')).to.equal('true');
    expect(problemOf(classification)).to.contain('two-digit level').and.contain('Did you mean PM-04?');

    type(classification, 'XX-01');
    await el.updateComplete;
    expect(classification.getAttribute('aria-invalid')).to.equal('true');
    expect(problemOf(classification)).to.contain('not in the Treasury Board list').and.contain('e.g. AS, CS, EC, PM');
    await expect(el).to.be.accessible();

    session.setAttribute('lang', 'fr');
    await waitUntil(() => el.shadowRoot!.querySelector('[part=identification] legend')?.textContent === 'Identification du poste', 'the form in French');
    expect(problemOf(input(el, 'classification'))).to.contain('ne figure pas dans la liste des groupes professionnels du Conseil du Trésor');
    type(input(el, 'classification'), 'PM-4');
    await el.updateComplete;
    expect(problemOf(input(el, 'classification'))).to.contain('niveau à deux chiffres').and.contain('Vouliez-vous dire PM-04 ?');
    await expect(el).to.be.accessible();

    // Fixed: the flag goes away.
    type(input(el, 'classification'), 'PM-04');
    await el.updateComplete;
    expect(input(el, 'classification').getAttribute('aria-invalid')).to.equal('false');
    expect(input(el, 'classification').hasAttribute('aria-describedby')).to.equal(false);
  });

  it('checks the NOC 2021 code and the language profile as the compliance rules do', async () => {
    const session = await signedInSession('editor@esdc.example');
    const el = await openEditor(session);
    await waitUntil(() => input(el, 'noc_code').value === '41403', 'the seeded NOC code');
    type(input(el, 'noc_code'), '4I403');
    await el.updateComplete;
    expect(input(el, 'noc_code').getAttribute('aria-invalid')).to.equal('true');
    expect(problemOf(input(el, 'noc_code'))).to.contain('five digits').and.contain('Did you mean 41403?');
    // A four-digit NOC 2016 code is a warning: described, not invalid.
    type(input(el, 'noc_code'), '4163');
    await el.updateComplete;
    expect(input(el, 'noc_code').getAttribute('aria-invalid')).to.equal('false');
    expect(problemOf(input(el, 'noc_code'))).to.contain('NOC 2016');

    for (const good of ['BBB/BBB', 'CBC/CBC', 'English essential', 'Bilingual imperative CBC/CBC']) {
      type(input(el, 'language_profile'), good);
      await el.updateComplete;
      expect(input(el, 'language_profile').getAttribute('aria-invalid'), good).to.equal('false');
    }
    type(input(el, 'language_profile'), 'XBC');
    await el.updateComplete;
    expect(input(el, 'language_profile').getAttribute('aria-invalid')).to.equal('true');
    expect(problemOf(input(el, 'language_profile'))).to.contain('X and E are test results');
    type(input(el, 'language_profile'), 'bilingual');
    await el.updateComplete;
    expect(problemOf(input(el, 'language_profile'))).to.contain('e.g. BBB/BBB or CBC');
  });
});
