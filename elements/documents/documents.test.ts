// <jd-documents> (issue 17 item 4) in Chromium against the shared local stack: a phrase of the
// seeded French text typed with the keyboard finds ESDC's description first with the words
// marked; another department's never appear; a malformed classification filter is named in the
// form; the reviewer's queue shows a submission; New makes a blank draft and Clone a copy; axe
// finds nothing in English or French.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import type { JdDocuments } from './documents.js';
import type { JdSession } from '../session/session.js';
import { ESDC_DOC, TC_DOC, signedInSession, uniqueCache, withScratchEsdcDocument } from '../core/test-helpers.js';
import { JdDocumentCreatedEvent } from './events.js';

const FRENCH_PHRASE = 'surveille l’avancement des projets financés';
const root = (el: JdDocuments) => el.shadowRoot!;
/** The words' results are on screen (the first list, before any words, has no snippet). */
const snippetShown = (el: JdDocuments) => root(el).querySelector('[part=result] [part=snippet] mark') !== null;
const resultIds = (el: JdDocuments) => Array.from(root(el).querySelectorAll<HTMLElement>('[part=result]')).map((li) => li.dataset['id']);

async function documentsFor(email: string, lang: 'en' | 'fr' = 'en'): Promise<{ session: JdSession; el: JdDocuments }> {
  const session = await signedInSession(email, { cacheName: uniqueCache('documents'), lang });
  const el = document.createElement('jd-documents');
  session.append(el);
  await waitUntil(() => root(el)?.querySelector('form[part=search]'), 'the search form', { timeout: 8000 });
  return { session, el };
}

/** Types `words` into the search box with the keyboard and presses Enter. */
async function searchByKeyboard(el: JdDocuments, words: string) {
  const input = root(el).querySelector<HTMLInputElement>('input[type=search]')!;
  input.focus();
  input.select();
  await sendKeys({ type: words });
  await sendKeys({ press: 'Enter' });
}

/** Deletes documents as ESDC's admin (the seeded lists stay as other test files expect them). */
async function removeDocuments(ids: string[]) {
  const admin = await signedInSession('admin@esdc.example', { cacheName: uniqueCache('documents-admin') });
  try {
    const { error } = await admin.client!.from('job_descriptions').delete().in('id', ids);
    if (error) throw new Error(error.message);
  } finally {
    admin.remove();
  }
}

describe('<jd-documents>', () => {
  it('finds a seeded French phrase typed with the keyboard: its document first, the words marked', async function () {
    this.timeout(30_000);
    const { session, el } = await documentsFor('editor@esdc.example');
    try {
      await searchByKeyboard(el, FRENCH_PHRASE);
      await waitUntil(() => resultIds(el)[0] === ESDC_DOC && snippetShown(el), 'ESDC’s description first, with a snippet', { timeout: 8000 });
      const first = root(el).querySelector('[part=result]')!;
      const marked = Array.from(first.querySelectorAll('[part=snippet] mark')).map((m) => m.textContent!.toLowerCase());
      expect(marked).to.include.members(['surveille', 'avancement', 'projets', 'financés']);
      expect(first.querySelector('[part=snippet]')!.getAttribute('lang')).to.equal('fr');
      expect(resultIds(el)).not.to.include(TC_DOC);
    } finally {
      session.remove();
    }
  });

  it('never shows another department’s document, even for a word both use', async function () {
    this.timeout(30_000);
    const { session, el } = await documentsFor('editor@tc.example');
    try {
      await searchByKeyboard(el, 'conformité');
      await waitUntil(() => resultIds(el).length > 0, 'results', { timeout: 8000 });
      expect(resultIds(el)).to.include(TC_DOC);
      expect(resultIds(el)).not.to.include(ESDC_DOC);
    } finally {
      session.remove();
    }
  });

  it('names a malformed classification filter in the form and keeps the last results', async function () {
    this.timeout(30_000);
    const { session, el } = await documentsFor('editor@esdc.example');
    try {
      const field = root(el).querySelector<HTMLInputElement>('input[name=classification]')!;
      field.focus();
      await sendKeys({ type: 'pm 4' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => field.getAttribute('aria-invalid') === 'true', 'the field is flagged');
      expect(root(el).querySelector('#classification-error')!.textContent).to.contain('PM-04');
    } finally {
      session.remove();
    }
  });

  it('shows the reviewer a submission waiting for review, and opens it', async function () {
    this.timeout(30_000);
    await withScratchEsdcDocument('Waiting for review', async (documentId) => {
      const editor = await signedInSession('editor@esdc.example', { cacheName: uniqueCache('documents-editor') });
      const submitted = await editor.client!.rpc('submit_for_review', { doc: documentId, note: 'ready for you' });
      expect(submitted.error).to.equal(null);
      editor.remove();
      const { session, el } = await documentsFor('reviewer@esdc.example');
      try {
        const item = () => Array.from(root(el).querySelectorAll<HTMLElement>('[part=waiting-item]')).find((li) => li.textContent!.includes('Waiting for review'));
        await waitUntil(item, 'the submission in the queue', { timeout: 8000 });
        expect(item()!.dataset['reason']).to.equal('review');
        expect(item()!.textContent).to.contain('ready for you');
        let opened = '';
        el.addEventListener('jd-document-open', (event) => (opened = event.documentId));
        item()!.querySelector<HTMLButtonElement>('[part=title]')!.focus();
        await sendKeys({ press: 'Enter' });
        expect(opened).to.equal(documentId);
      } finally {
        session.remove();
      }
    });
  });

  it('shows a mention of me in an open comment thread in the queue, named in French', async function () {
    this.timeout(30_000);
    await withScratchEsdcDocument('Mention waiting', async (documentId) => {
      const { session, el } = await documentsFor('reviewer@esdc.example', 'fr');
      try {
        const editor = await signedInSession('editor@esdc.example', { cacheName: uniqueCache('documents-editor') });
        const written = await editor.client!.from('comments').insert({
          document_id: documentId, lang: 'fr', body: '@Rachel Reviewer, le budget est-il juste ?', mentions: [session.user!.id],
        });
        editor.remove();
        expect(written.error).to.equal(null);
        await el.refreshQueue();
        await el.updateComplete;
        const item = root(el).querySelector<HTMLElement>(`[part=waiting-item][data-reason=mention]`);
        expect(item, 'the mention in the queue').to.not.equal(null);
        expect(item!.textContent).to.contain('Mention waiting');
        expect(item!.textContent).to.contain('Vous avez été mentionné·e');
        expect(item!.textContent).to.contain('le budget est-il juste ?');
      } finally {
        session.remove();
      }
    });
  });

  it('creates a blank description and clones a result of the same department', async function () {
    this.timeout(30_000);
    const { session, el } = await documentsFor('editor@esdc.example');
    const created: JdDocumentCreatedEvent[] = [];
    el.addEventListener('jd-document-created', (event) => created.push(event));
    try {
      const buttons = () => Array.from(root(el).querySelectorAll<HTMLButtonElement>('button'));
      buttons().find((b) => b.textContent!.trim() === 'New job description')!.click();
      await waitUntil(() => created.length === 1, 'a blank one created', { timeout: 8000 });
      expect(created[0]!.kind).to.equal('blank');
      await searchByKeyboard(el, FRENCH_PHRASE);
      await waitUntil(() => resultIds(el)[0] === ESDC_DOC && snippetShown(el), 'the seeded description found', { timeout: 8000 });
      root(el).querySelector('[part=result]')!.querySelector<HTMLButtonElement>('button[aria-label^="Clone"]')!.click();
      await waitUntil(() => created.length === 2, 'a clone created', { timeout: 8000 });
      expect(created[1]!.kind).to.equal('clone');
      expect(created[1]!.sourceId).to.equal(ESDC_DOC);
      await searchByKeyboard(el, FRENCH_PHRASE);
      await waitUntil(() => resultIds(el).includes(created[1]!.documentId), 'the clone is found by the same phrase', { timeout: 8000 });
    } finally {
      session.remove();
      if (created.length > 0) await removeDocuments(created.map((event) => event.documentId));
    }
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`is accessible in ${lang === 'en' ? 'English' : 'French'} with results shown`, async function () {
      this.timeout(30_000);
      const { session, el } = await documentsFor('editor@esdc.example', lang);
      try {
        await searchByKeyboard(el, FRENCH_PHRASE);
        await waitUntil(() => snippetShown(el), 'results with a snippet', { timeout: 8000 });
        expect(root(el).querySelector('h2#find')!.textContent).to.equal(lang === 'en' ? 'Find a job description' : 'Trouver une description de travail');
        await expect(el).to.be.accessible();
      } finally {
        session.remove();
      }
    });
  }
});
