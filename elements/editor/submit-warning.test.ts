// Issue 15 item 4: "Submit for review" warns when compliance errors remain. The errors are the
// document's open error rows in compliance_findings, which the real sync server's hook writes
// for the text typed here; the dialog is a native modal <dialog>.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import '../compliance/define.js';
import type { JdEditor } from './editor.js';
import type { JdSession } from '../session/session.js';
import { withScratchEsdcDocument } from '../core/test-helpers.js';
import { personOn, workflowShown } from './test-support.js';
import { besideEditor, root, typeInSection } from '../compliance/test-support.js';

/** An amount in the English Key Activities that the French does not have: a bilingual error. */
const AMOUNT = 'Manages a budget of $4.3M.';
const QUANTITY_RULE = 'bilingual.quantities';

const dialogOf = (el: JdEditor) => el.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part=submit-warning]')!;
const submitButton = (el: JdEditor) =>
  Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=workflow] > button')).find((b) => /Submit for review|Soumettre pour révision/.test(b.textContent ?? ''));
const dialogButton = (el: JdEditor, label: RegExp) => Array.from(dialogOf(el).querySelectorAll('button')).find((b) => label.test(b.textContent ?? ''))!;

/** The document's open error rows, as the sync server stored them. */
async function openErrors(session: JdSession, documentId: string): Promise<{ rule_id: string; excerpt: string | null }[]> {
  const { data, error } = await session.client!.from('compliance_findings').select('rule_id, excerpt').eq('document_id', documentId).eq('severity', 'error').eq('status', 'open');
  if (error) throw new Error(error.message);
  return data ?? [];
}

async function documentStatus(session: JdSession, documentId: string): Promise<string | undefined> {
  const { data } = await session.client!.from('job_descriptions').select('status').eq('id', documentId).single();
  return data?.status;
}

/**
 * Dismisses the open errors of `rules`, or all of them. A new document has some (its sections
 * are empty, its identification is incomplete): dismissing them leaves only the tests' own.
 */
async function dismissErrors(session: JdSession, documentId: string, keep: string | null = null): Promise<void> {
  const { data, error } = await session.client!.from('compliance_findings').select('id, rule_id').eq('document_id', documentId).eq('severity', 'error').eq('status', 'open');
  if (error) throw new Error(error.message);
  for (const row of data ?? []) {
    if (row.rule_id === keep) continue;
    const { error: failed } = await session.client!.rpc('dismiss_compliance_finding', { finding_id: row.id, reason: 'Filled in later' });
    if (failed) throw new Error(failed.message);
  }
}

/** Types the amount, waits until the sync server has stored its error finding, and dismisses the document's other errors. */
async function withStoredError(session: JdSession, editor: JdEditor, documentId: string): Promise<void> {
  await typeInSection(editor, 'key-activities', AMOUNT);
  await waitUntil(async () => (await openErrors(session, documentId)).some((r) => r.rule_id === QUANTITY_RULE), 'the error finding is stored', { timeout: 20_000 });
  await dismissErrors(session, documentId, QUANTITY_RULE);
  expect((await openErrors(session, documentId)).map((r) => r.rule_id)).to.deep.equal([QUANTITY_RULE]);
}

describe('<jd-editor> "Submit for review" with compliance errors left', () => {
  it('asks first: lists the errors, Escape cancels without submitting, "Submit anyway" submits', async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('Submit warning', async (documentId) => {
      const { session, editor } = await personOn('editor@esdc.example', documentId);
      try {
        await workflowShown(editor, 'Draft');
        await withStoredError(session, editor, documentId);
        submitButton(editor)!.click();
        await waitUntil(() => dialogOf(editor).open, 'the warning opens', { timeout: 8000 });
        const dialog = dialogOf(editor);
        expect(dialog.textContent).to.include('Errors remain in this job description');
        expect(dialog.textContent).to.include('1 compliance error is still open');
        expect(dialog.querySelectorAll('li').length).to.equal(1);
        expect(dialog.querySelector(`li[data-rule="${QUANTITY_RULE}"]`)!.textContent).to.include('$4.3M');
        expect(dialog.querySelector(`li[data-rule="${QUANTITY_RULE}"]`)!.textContent).to.include('Key Activities');
        expect(editor.shadowRoot!.activeElement, 'the safe choice has the focus').to.equal(dialogButton(editor, /Review the findings/));
        await expect(editor).to.be.accessible();

        await sendKeys({ press: 'Escape' });
        await waitUntil(() => !dialogOf(editor).open, 'Escape closes the warning');
        expect(await documentStatus(session, documentId)).to.equal('draft');
        expect(submitButton(editor), 'still a draft to submit').to.not.equal(undefined);

        submitButton(editor)!.click();
        await waitUntil(() => dialogOf(editor).open, 'the warning opens again', { timeout: 8000 });
        dialogButton(editor, /Submit anyway/).click();
        await workflowShown(editor, 'In review');
        expect(dialogOf(editor).open).to.equal(false);
        expect(await documentStatus(session, documentId)).to.equal('in_review');
      } finally {
        session.remove();
      }
    });
  });

  it('"Review the findings" does not submit and brings the compliance panel\'s first error into focus', async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('Submit warning review', async (documentId) => {
      const { session, editor, el } = await besideEditor(documentId, 'fr');
      try {
        await workflowShown(editor, 'Ébauche');
        await withStoredError(session, editor, documentId);
        await waitUntil(() => root(el).querySelector('[part=finding][data-severity=error]'), 'the panel lists the error', { timeout: 8000 });

        submitButton(editor)!.click();
        await waitUntil(() => dialogOf(editor).open, 'the warning opens', { timeout: 8000 });
        expect(dialogOf(editor).textContent).to.include('Des erreurs restent dans cette description de travail');
        dialogButton(editor, /Examiner les constats/).click();
        await waitUntil(() => root(el).activeElement?.matches('[part=finding][data-severity=error]'), 'the first error of the panel has the focus', { timeout: 4000 });
        expect(dialogOf(editor).open).to.equal(false);
        expect(await documentStatus(session, documentId)).to.equal('draft');
      } finally {
        session.remove();
      }
    });
  });

  it('submits a document without open errors at once, without asking', async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('Submit clean', async (documentId) => {
      const { session, editor } = await personOn('editor@esdc.example', documentId);
      try {
        await workflowShown(editor, 'Draft');
        // A warning only (a generic pronoun): once the sync server has stored it, the stored
        // findings are those of the text as it is, and none is an error.
        await typeInSection(editor, 'key-activities', 'Reviews files; he will advise managers.');
        await waitUntil(async () => {
          const { data } = await session.client!.from('compliance_findings').select('id').eq('document_id', documentId).eq('rule_id', 'inclusive.generic-pronoun');
          return data?.length === 1;
        }, 'the warning is stored', { timeout: 20_000 });
        await dismissErrors(session, documentId);
        expect(await openErrors(session, documentId)).to.deep.equal([]);
        let asked = false;
        dialogOf(editor).addEventListener('toggle', () => (asked ||= dialogOf(editor).open));
        submitButton(editor)!.click();
        await workflowShown(editor, 'In review');
        expect(asked).to.equal(false);
        expect(dialogOf(editor).open).to.equal(false);
      } finally {
        session.remove();
      }
    });
  });
});
