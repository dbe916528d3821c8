// Issue 17, item 1 in the browser, through the real stack: Request changes and Reject need a reason
// (the form says so and sends nothing), the reason reaches the author's workflow panel with the
// version it was about; an approved document shows who approved which version when, and
// "Start a new revision" (editors and admins only) makes it editable again, on the server too.
import { expect, waitUntil } from '@open-wc/testing';
import './define.js';
import type { JdEditor } from './editor.js';
import { syncErrors, syncUrl, withScratchEsdcDocument } from '../core/test-helpers.js';
import { personOn, workflowText } from './test-support.js';
import { selectionInSection } from './pane.js';

const shadow = (el: JdEditor) => el.shadowRoot!;
const button = (el: JdEditor, scope: string, label: RegExp) =>
  Array.from(shadow(el).querySelectorAll<HTMLButtonElement>(`${scope} button`)).find((b) => label.test(b.textContent ?? ''));
const reasonField = (el: JdEditor) => shadow(el).querySelector<HTMLTextAreaElement>('textarea[name=review-comment]')!;
const frozenText = (el: JdEditor) => shadow(el).querySelector('[part=notice] [part=frozen]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const badgeText = (el: JdEditor) => shadow(el).querySelector('[part=review-badge]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function append(el: JdEditor, text: string): boolean {
  const end = selectionInSection(el.getView('en')!, 'skill', true);
  return end ? el.insertText('en', end.from, text) : false;
}

describe('<jd-editor> review integrity', () => {
  it('Request changes and Reject need a reason; the reason and the version reach the author', async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('Reject test', async (documentId) => {
      const editor = await personOn('editor@esdc.example', documentId);
      const reviewer = await personOn('reviewer@esdc.example', documentId);
      expect(await editor.editor.workflow('submit')).to.equal(true);
      await waitUntil(() => button(reviewer.editor, '[part=workflow]', /^\s*Reject\s*$/), 'the reviewer is offered Reject', { timeout: 8000 });

      // Without a reason, neither refusal is sent: the field is marked and says why, focused.
      for (const label of [/Request changes/, /^\s*Reject\s*$/]) {
        reasonField(reviewer.editor).value = '   ';
        button(reviewer.editor, '[part=workflow]', label)!.click();
        await waitUntil(() => reasonField(reviewer.editor).getAttribute('aria-invalid') === 'true', 'the reason is marked missing', { timeout: 4000 });
        const alert = shadow(reviewer.editor).querySelector('#review-reason-hint[role=alert]');
        expect(alert?.textContent).to.contain('Give a reason');
        expect(shadow(reviewer.editor).activeElement).to.equal(reasonField(reviewer.editor));
      }
      expect(workflowText(reviewer.editor)).to.contain('In review');
      expect(await reviewer.editor.workflow('rejected'), 'the API refuses a reasonless rejection too').to.equal(false);
      expect(badgeText(editor.editor)).to.equal('Review status: In review');

      // Typing clears the mark; with a reason, Reject goes through.
      reasonField(reviewer.editor).value = 'Wrong group: this is PM work.';
      reasonField(reviewer.editor).dispatchEvent(new Event('input'));
      await reviewer.editor.updateComplete;
      expect(reasonField(reviewer.editor).getAttribute('aria-invalid')).to.equal('false');
      button(reviewer.editor, '[part=workflow]', /^\s*Reject\s*$/)!.click();

      // The author sees the decision, who, the reason and the version, without reloading; a draft again.
      await waitUntil(() => workflowText(editor.editor).includes('Wrong group: this is PM work.'), 'the reason reaches the author', { timeout: 8000 });
      const decision = shadow(editor.editor).querySelector<HTMLElement>('[part=decision]')!;
      expect(decision.dataset['decision']).to.equal('rejected');
      expect(decision.textContent).to.contain('Rejected by Rachel Reviewer').and.contain('version');
      await waitUntil(() => badgeText(editor.editor) === 'Review status: Rejected', `badge: ${badgeText(editor.editor)}`, { timeout: 8000 });
      await waitUntil(() => editor.editor.editable, 'the author edits again', { timeout: 8000 });

      // In French, the same decision.
      editor.session.lang = 'fr';
      await editor.session.updateComplete;
      await editor.editor.updateComplete;
      expect(shadow(editor.editor).querySelector('[part=decision]')!.textContent).to.contain('Rejetée par Rachel Reviewer');
      for (const person of [editor, reviewer]) person.session.remove();
    });
  });

  it('an approved document says who approved which version when; Start a new revision reopens it', async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('Frozen test', async (documentId) => {
      const editor = await personOn('editor@esdc.example', documentId);
      const reviewer = await personOn('reviewer@esdc.example', documentId);
      const translator = await personOn('translator@esdc.example', documentId);
      expect(await editor.editor.workflow('submit')).to.equal(true);
      await waitUntil(() => reviewer.editor.canDecide, 'the reviewer may decide', { timeout: 8000 });
      expect(await reviewer.editor.workflow('approved')).to.equal(true);

      const frozen = /^Approved on .+ by Rachel Reviewer, version \d+: start a new revision to edit\.$/;
      for (const el of [editor.editor, reviewer.editor, translator.editor]) {
        await waitUntil(() => frozen.test(frozenText(el)), `the frozen notice: "${frozenText(el)}"`, { timeout: 8000 });
        expect(el.editable).to.equal(false);
      }
      // Only editors and admins start a revision (start_revision): not the reviewer, not the translator.
      expect(button(reviewer.editor, '[part=notice]', /Start a new revision/)).to.equal(undefined);
      expect(button(translator.editor, '[part=notice]', /Start a new revision/)).to.equal(undefined);
      expect(append(editor.editor, ' frozen-edit')).to.equal(false);

      // The freeze is the server's: an update sent anyway (bypassing the element) is refused.
      const url = await syncUrl();
      const refusedBefore = await syncErrors(url, 'update-refused');
      translator.editor.ydoc!.getMap('meta').set('position_number', 'written-when-approved');
      await waitUntil(async () => (await syncErrors(url, 'update-refused')) > refusedBefore, 'the sync server refuses an edit of an approved document', {
        timeout: 8000,
        interval: 200,
      });
      expect(editor.editor.ydoc!.getMap('meta').get('position_number')).to.not.equal('written-when-approved');

      // In French.
      editor.session.lang = 'fr';
      await editor.session.updateComplete;
      await editor.editor.updateComplete;
      expect(frozenText(editor.editor)).to.match(/^Approuvée le .+ par Rachel Reviewer, version \d+ : commencez une nouvelle révision pour la modifier\.$/);
      expect(button(editor.editor, '[part=notice]', /Commencer une nouvelle révision/)).to.not.equal(undefined);
      editor.session.lang = 'en';
      await editor.session.updateComplete;
      await editor.editor.updateComplete;

      const start = button(editor.editor, '[part=notice]', /Start a new revision/)!;
      start.focus();
      expect(shadow(editor.editor).activeElement, 'reachable by keyboard').to.equal(start);
      start.click();
      await waitUntil(() => editor.editor.editable, 'editable again', { timeout: 8000 });
      expect(badgeText(editor.editor)).to.equal('Review status: Draft');
      const marker = ` revision-${Date.now()}`;
      expect(append(editor.editor, marker)).to.equal(true);
      await waitUntil(() => reviewer.editor.getView('en')!.state.doc.textContent.includes(marker), 'the edit of the new revision reaches the reviewer', { timeout: 8000 });
      for (const person of [editor, reviewer, translator]) person.session.remove();
    });
  });
});
