// <jd-compliance>'s AI review (issue 15 item 3) on a stack that serves the project's functions
// (web-test-runner.config.mjs's `jd-semantic-stack`, with its own sync server), the organization
// set to the offline provider: the button streams a review of the stored document, the items are
// listed under their own heading, each labelled advisory in words, with the provider and model;
// a rewrite of a rule finding is applied in the editor through the panel's apply-fix path.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { TextSelection } from 'prosemirror-state';
import './define.js';
import '../editor/define.js';
import '../session/define.js';
import type { JdCompliance } from './compliance.js';
import type { JdEditor } from '../editor/editor.js';
import type { JdSession } from '../session/session.js';
import { createDocument, PASSWORD, uniqueCache } from '../core/test-helpers.js';
import { openEditor } from '../editor/test-support.js';

const ESDC = 'e5dc0000-0000-4000-a000-000000000001';
const SENTENCE = 'Reviews files; he will advise managers.';

type AiStack = { apiUrl: string; anonKey: string; syncUrl: string };

/** The stack, asked again while it is still starting (a command answers within 20 s; a busy machine takes longer to start a stack). */
async function aiStack(): Promise<AiStack> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await executeServerCommand<AiStack, undefined>('jd-semantic-stack');
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

async function sessionOnAiStack(email: string, lang = 'en'): Promise<JdSession> {
  const { apiUrl, anonKey, syncUrl } = await aiStack();
  const session = await fixture<JdSession>(html`<jd-session supabase-url=${apiUrl} anon-key=${anonKey} cache-name=${uniqueCache('ai-review')} lang=${lang} .persistSession=${false} .broadcastChannel=${false}></jd-session>`);
  session.syncUrl = syncUrl;
  if (!(await session.signIn(email, PASSWORD))) throw new Error(`could not sign in ${email} on the AI stack`);
  await waitUntil(() => session.session?.user?.email === email, `${email} signed in`);
  return session;
}

async function typeInKeyActivities(editor: JdEditor, text: string): Promise<void> {
  const view = editor.getView('en')!;
  let at = -1;
  view.state.doc.forEach((section, offset) => {
    if (section.attrs['sectionId'] !== 'key-activities') return;
    section.forEach((child, childOffset) => {
      if (at < 0 && child.type.name === 'paragraph') at = offset + 1 + childOffset + child.nodeSize - 1;
    });
  });
  view.focus();
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, at)));
  await sendKeys({ type: text });
}

const root = (el: JdCompliance) => el.shadowRoot!;
const items = (el: JdCompliance) => Array.from(root(el).querySelectorAll<HTMLElement>('[part=ai-item]'));

describe('<jd-compliance> AI review', () => {
  it('lists the advisory review of the stored text with its provider, and applies a rewrite through the apply-fix path', async function () {
    this.timeout(120_000);
    const admin = await sessionOnAiStack('admin@esdc.example');
    const order = await admin.client!.from('ai_settings').upsert({ organization_id: ESDC, provider_order: ['offline'] });
    expect(order.error).to.equal(null);
    const documentId = await createDocument(admin, 'AI review');
    try {
      const session = await sessionOnAiStack('editor@esdc.example');
      const editor = await openEditor(session, documentId);
      await waitUntil(() => editor.sharedDocument?.serverSynced, 'synced', { timeout: 8000 });
      const el = document.createElement('jd-compliance');
      el.documentId = documentId;
      session.append(el);
      await waitUntil(() => el.linkedEditor === editor && el.checkRuns > 0, 'the panel beside the editor', { timeout: 15_000 });
      await typeInKeyActivities(editor, SENTENCE);
      // The review reads the stored text: wait for the sync server to project it.
      await waitUntil(async () => {
        const { data } = await session.session!.client!.from('document_sections').select('body').eq('document_id', documentId).eq('lang', 'en').eq('section_id', 'key-activities');
        return data?.[0]?.body?.includes('he will advise') ?? false;
      }, 'the sentence stored', { timeout: 20_000, interval: 250 });

      const button = root(el).querySelector<HTMLButtonElement>('[part=ai-run]')!;
      expect(button.textContent!.trim()).to.equal('AI review (advisory)');
      button.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root(el).querySelector('[part=ai-by]'), 'the review is done', { timeout: 20_000 });
      expect(root(el).querySelector('#ai-review-title')!.textContent).to.equal('AI review results (advisory)');
      expect(root(el).querySelector('[part=ai-by]')!.textContent).to.include('offline (jd-offline-1)');
      expect(items(el).length).to.be.greaterThan(2);
      for (const item of items(el)) expect(item.querySelector('[part=ai-advisory]')!.textContent).to.equal('Advisory');
      expect(items(el).find((i) => i.dataset['kind'] === 'group-fit')!.textContent).to.include('was not assessed offline');

      const rewrite = items(el).find((i) => i.dataset['kind'] === 'rewrite' && i.querySelector('[part=excerpt] q')?.textContent === 'he')!;
      expect(rewrite, 'a rewrite of "he"').to.not.equal(undefined);
      rewrite.querySelector<HTMLButtonElement>('[part=ai-apply]')!.click();
      expect(editor.getView('en')!.state.doc.textContent).to.include('Reviews files; they will advise managers.');
      // The rewrite went through the panel's apply-fix path (the same one step as "Apply fix"); the
      // rule finding it answers goes once the rules run again.
      await waitUntil(() => !root(el).querySelector('[part=finding][data-rule="inclusive.generic-pronoun"]'), 'the finding is gone once rewritten', { timeout: 8000 });
      expect(root(el).querySelector('[part=status][data-message]')!.textContent).to.include('Replaced “he” with “they”');
      session.remove();
    } finally {
      await admin.client!.from('job_descriptions').delete().eq('id', documentId);
      await admin.client!.from('ai_settings').delete().eq('organization_id', ESDC);
      admin.remove();
    }
  });

  it('keeps the function\'s refusal as the error when the review cannot run (a document the caller cannot open)', async function () {
    this.timeout(90_000);
    const session = await sessionOnAiStack('editor@esdc.example');
    const el = document.createElement('jd-compliance');
    // A document nobody has: the function answers 404, the panel says so and offers to try again.
    el.documentId = '00000000-0000-4000-a000-0000000000ff';
    session.append(el);
    await el.updateComplete;
    await el.aiReview.run();
    expect(el.aiReview.state.phase).to.equal('error');
    expect(el.aiReview.state.phase === 'error' && el.aiReview.state.message).to.match(/or you may not open it/);
    session.remove();
  });
});
