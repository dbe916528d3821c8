import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import '../editor/define.js';
import { signedInSession, uniqueCache, withScratchEsdcDocument } from '../core/test-helpers.js';
import { besideEditor, englishText, findingItems, root, typeInSection } from './test-support.js';

const PRONOUN_RULE = 'inclusive.generic-pronoun';
const SENTENCE = 'Reviews files; he will advise managers.';

describe('<jd-compliance>', () => {
  it('shows an inclusive-language finding for "he will" typed in Key Activities, applies its fix as one undoable step', async () => {
    await withScratchEsdcDocument('Compliance live', async (documentId) => {
      const { session, editor, el } = await besideEditor(documentId);
      try {
        await typeInSection(editor, 'key-activities', SENTENCE);
        await waitUntil(() => findingItems(el, PRONOUN_RULE).length === 1, 'the generic pronoun finding is listed', { timeout: 8000 });
        const item = findingItems(el, PRONOUN_RULE)[0]!;
        expect(item.dataset['severity']).to.equal('warning');
        expect(item.querySelector('[part=excerpt] q')!.textContent).to.equal('he');
        expect(item.querySelector('[part=message]')!.textContent).to.include('they');
        expect(item.querySelector('[part=source] p')!.textContent).to.include('Canada.ca Content Style Guide');
        expect(root(el).querySelector('[part=summary]')!.textContent).to.match(/1 warning/);

        // "Show in text" selects the word itself (not the "he" inside another word).
        item.querySelector<HTMLButtonElement>('[part=reveal]')!.click();
        const selection = editor.getView('en')!.state.selection;
        expect(editor.getView('en')!.state.doc.textBetween(selection.from, selection.to)).to.equal('he');

        item.querySelector<HTMLButtonElement>('[part=apply]')!.click();
        expect(englishText(editor)).to.include('Reviews files; they will advise managers.');
        await waitUntil(() => findingItems(el, PRONOUN_RULE).length === 0, 'the finding is gone once fixed', { timeout: 8000 });

        editor.getView('en')!.focus();
        await sendKeys({ down: 'Control' });
        await sendKeys({ press: 'z' });
        await sendKeys({ up: 'Control' });
        expect(englishText(editor)).to.include(SENTENCE);
        expect(englishText(editor)).to.not.include('they will advise');
        await waitUntil(() => findingItems(el, PRONOUN_RULE).length === 1, 'the finding is back after the undo', { timeout: 8000 });
      } finally {
        session.remove();
      }
    });
  });

  it('dismisses a stored finding with a reason: hidden, shown again with "Show dismissed", the reason stored for reviewers', async () => {
    await withScratchEsdcDocument('Compliance dismiss', async (documentId) => {
      const { session, editor, el } = await besideEditor(documentId);
      const reviewer = await signedInSession('reviewer@esdc.example', { cacheName: uniqueCache('compliance-reviewer') });
      try {
        await typeInSection(editor, 'key-activities', SENTENCE);
        await waitUntil(() => findingItems(el, PRONOUN_RULE).length === 1, 'the generic pronoun finding is listed', { timeout: 8000 });
        // The sync server's hook stores the finding once the text is projected.
        const storedRow = async () => {
          const { data } = await session.client!.from('compliance_findings').select('id, status, dismissed_reason').eq('document_id', documentId).eq('rule_id', PRONOUN_RULE);
          return data?.[0] ?? null;
        };
        await waitUntil(async () => (await storedRow()) !== null, 'the finding is stored by the sync server', { timeout: 15_000 });

        const item = findingItems(el, PRONOUN_RULE)[0]!;
        item.querySelector<HTMLButtonElement>('[part=dismiss]')!.click();
        await el.updateComplete;
        // Escape closes the form, the focus back on "Dismiss"; it opens again.
        await sendKeys({ press: 'Escape' });
        await waitUntil(() => root(el).activeElement?.getAttribute('part') === 'dismiss', 'the focus back on Dismiss');
        expect(root(el).querySelector('[part=dismiss-form]')).to.equal(null);
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => root(el).querySelector('[part=dismiss-form]'), 'the reason form open again');
        const form = root(el).querySelector<HTMLFormElement>('[part=dismiss-form]')!;
        const input = form.querySelector('input')!;
        expect(root(el).activeElement).to.equal(input, 'the reason field has the focus');
        await sendKeys({ type: 'Quoted from the collective agreement' });
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => findingItems(el, PRONOUN_RULE).length === 0, 'the dismissed finding is hidden', { timeout: 8000 });
        await waitUntil(() => root(el).activeElement?.hasAttribute('data-message'), 'the focus is on what the dismissal did, not lost');
        expect(root(el).activeElement!.textContent).to.include('Finding dismissed');

        const { data, error } = await reviewer.client!.from('compliance_findings').select('status, dismissed_reason').eq('document_id', documentId).eq('rule_id', PRONOUN_RULE);
        expect(error).to.equal(null);
        expect(data).to.deep.equal([{ status: 'dismissed', dismissed_reason: 'Quoted from the collective agreement' }]);

        root(el).querySelector<HTMLInputElement>('[part=show-dismissed] input')!.click();
        await el.updateComplete;
        const shown = findingItems(el, PRONOUN_RULE)[0]!;
        expect(shown.dataset['dismissed']).to.equal('true');
        expect(shown.querySelector('[part=dismissed-reason]')!.textContent).to.include('Quoted from the collective agreement');
      } finally {
        reviewer.remove();
        session.remove();
      }
    });
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`is accessible in ${lang === 'en' ? 'English' : 'French'}, with a finding's dismiss form open`, async () => {
      await withScratchEsdcDocument(`Compliance axe ${lang}`, async (documentId) => {
        const { session, editor, el } = await besideEditor(documentId, lang);
        try {
          await typeInSection(editor, 'key-activities', SENTENCE);
          await waitUntil(() => findingItems(el, PRONOUN_RULE).length === 1, 'the generic pronoun finding is listed', { timeout: 8000 });
          expect(root(el).querySelector('h2')!.textContent).to.equal(lang === 'en' ? 'Compliance' : 'Conformité');
          findingItems(el, PRONOUN_RULE)[0]!.querySelector<HTMLButtonElement>('[part=dismiss]')!.click();
          await el.updateComplete;
          await expect(el).to.be.accessible();
        } finally {
          session.remove();
        }
      });
    });
  }
});
