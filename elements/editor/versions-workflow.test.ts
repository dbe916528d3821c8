// Issue #11, item 7: the versions and review features end to end, through the real stack, on a
// scratch ESDC document (the seeded one keeps its status and text for the other files).
import { expect, waitUntil } from '@open-wc/testing';
import './define.js';
import type { JdEditor } from './editor.js';
import type { JdWorkflowEvent } from './events.js';
import { withScratchEsdcDocument } from '../core/test-helpers.js';
import { appendToSection, confirmSubmitWarning, personOn, sectionText, workflowText, workflowShown, decisionButtons } from './test-support.js';

const SECTION = 'skill';

const append = (el: JdEditor, lang: 'en' | 'fr', text: string) => appendToSection(el, lang, SECTION, text);

/** The button of the workflow panel whose label matches. */
function workflowButton(el: JdEditor, label: RegExp): HTMLButtonElement | undefined {
  return Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=workflow] button')).find((b) => label.test(b.textContent ?? ''));
}

describe('<jd-editor> versions and review, end to end', () => {
  it('restores a saved version: the old text comes back in both panes, and on a second page', async function () {
    this.timeout(40_000);
    await withScratchEsdcDocument('Restore version test', async (documentId) => {
      const a = await personOn('editor@esdc.example', documentId);
      const b = await personOn('admin@esdc.example', documentId);
      append(a.editor, 'en', ' Saved-EN-mark.');
      append(a.editor, 'fr', ' Marque-FR-enregistree.');
      // The version is taken from what the server holds: wait until it holds these edits.
      await waitUntil(() => a.editor.status === 'saved', 'the edits are on the server', { timeout: 8000 });
      const version = await a.editor.saveVersion('Before the rewrite');
      expect(version).to.be.a('number');
      const saved = { en: sectionText(a.editor, 'en', SECTION), fr: sectionText(a.editor, 'fr', SECTION) };

      append(a.editor, 'en', ' Later-EN-mark.');
      append(a.editor, 'fr', ' Marque-FR-plus-tard.');
      await waitUntil(() => sectionText(b.editor, 'en', SECTION).includes('Later-EN-mark') && sectionText(b.editor, 'fr', SECTION).includes('Marque-FR-plus-tard'), 'the later edits reach the second page', { timeout: 8000 });

      expect(await a.editor.restoreVersion(version!)).to.equal(true);
      for (const lang of ['en', 'fr'] as const) expect(sectionText(a.editor, lang, SECTION), `${lang} pane after restoring`).to.equal(saved[lang]);
      expect(sectionText(a.editor, 'en', SECTION)).to.contain('Saved-EN-mark.');
      expect(sectionText(a.editor, 'fr', SECTION)).to.contain('Marque-FR-enregistree.');
      // The restore is an ordinary change: it reaches the other page through the server.
      await waitUntil(
        () => sectionText(b.editor, 'en', SECTION) === saved.en && sectionText(b.editor, 'fr', SECTION) === saved.fr,
        'the restored text reaches the second page',
        { timeout: 8000 },
      );
      expect(sectionText(b.editor, 'en', SECTION)).not.to.contain('Later-EN-mark');
      expect(sectionText(b.editor, 'fr', SECTION)).not.to.contain('Marque-FR-plus-tard');
      for (const person of [a, b]) person.session.remove();
    });
  });

  it('a reviewer requests changes with a reason, the editor sees it and resubmits, the reviewer approves', async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('Review round trip test', async (documentId) => {
      const editor = await personOn('editor@esdc.example', documentId);
      const reviewer = await personOn('reviewer@esdc.example', documentId);
      await workflowShown(editor.editor, 'Draft');
      // jd-workflow tells the page every move of the status, the reviewer's too (a portal shows the
      // status beside the editor: the demo's document page).
      const announced: string[] = [];
      editor.editor.addEventListener('jd-workflow', (event) => announced.push((event as JdWorkflowEvent).status));

      // The editor submits from the panel.
      workflowButton(editor.editor, /Submit for review/)!.click();
      await confirmSubmitWarning(editor.editor);
      await workflowShown(editor.editor, 'In review');
      await workflowShown(reviewer.editor, 'In review');

      // The reviewer asks for changes, with a reason, from the panel.
      await waitUntil(() => decisionButtons(reviewer.editor).length === 3, 'the reviewer is offered the decision', { timeout: 8000 });
      reviewer.editor.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea[name=review-comment]')!.value = 'Name the clients you serve.';
      workflowButton(reviewer.editor, /Request changes/)!.click();
      await workflowShown(reviewer.editor, 'Draft');

      // The editor sees the decision, the reviewer and the reason, without reloading.
      await workflowShown(editor.editor, 'Draft');
      await waitUntil(() => workflowText(editor.editor).includes('Name the clients you serve.'), 'the reason reaches the editor', { timeout: 8000 });
      const decision = editor.editor.shadowRoot!.querySelector('[part=decision]')!;
      expect(decision.textContent).to.contain('Changes requested');
      expect(decision.textContent).to.contain('Rachel Reviewer');

      // The editor resubmits; the reviewer approves.
      await waitUntil(() => workflowButton(editor.editor, /Submit for review/), 'the editor may submit again', { timeout: 8000 });
      workflowButton(editor.editor, /Submit for review/)!.click();
      await confirmSubmitWarning(editor.editor);
      await workflowShown(reviewer.editor, 'In review');
      await waitUntil(() => decisionButtons(reviewer.editor).length === 3, 'the reviewer is offered the new round', { timeout: 8000 });
      workflowButton(reviewer.editor, /Approve/)!.click();
      for (const el of [reviewer.editor, editor.editor]) {
        await workflowShown(el, 'Approved');
        expect(el.shadowRoot!.querySelector('[part=workflow] [role=status]')!.textContent).to.contain('Approved');
      }
      await waitUntil(() => announced.at(-1) === 'approved', `the editor's element announces the approval (announced: ${announced.join(', ')})`, { timeout: 8000 });
      expect(announced, 'each move once: own submissions and the reviewer\'s decisions').to.deep.equal(['in_review', 'draft', 'in_review', 'approved']);
      for (const person of [editor, reviewer]) person.session.remove();
    });
  });
});
