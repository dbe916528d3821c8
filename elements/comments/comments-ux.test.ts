// Issue #21, what a new user hit in the comments: a reply being typed survives someone else
// resolving the thread (item 4), and "Comment added." goes away by itself (item 8).
import { expect, waitUntil } from '@open-wc/testing';
import { TextSelection } from 'prosemirror-state';
import './define.js';
import '../editor/define.js';
import type { JdComments } from './comments.js';
import type { JdEditor } from '../editor/editor.js';
import { signedInSession, uniqueCache, withScratchEsdcDocument } from '../core/test-helpers.js';
import type { JdSession } from '../session/session.js';
import { openEditor } from '../editor/test-support.js';

async function openComments(session: JdSession, documentId: string): Promise<JdComments> {
  const el = document.createElement('jd-comments');
  el.documentId = documentId;
  session.append(el);
  await waitUntil(() => el.shadowRoot!.querySelector('[part=base]'), 'comments opened', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

/** An editor and its comments sidebar on one document, for one signed-in person, through the sync server. */
async function personOn(email: string, documentId: string) {
  const session = await signedInSession(email, { cacheName: uniqueCache(email.split('@')[0]), withSync: true });
  const editor = await openEditor(session, documentId);
  const comments = await openComments(session, documentId);
  await waitUntil(() => editor.sharedDocument!.serverSynced, `${email} synced`, { timeout: 8000 });
  return { session, editor, comments };
}

/** Selects the first characters of the English pane's first heading and comments on them. */
function commentOnFirstHeading(editor: JdEditor, comments: JdComments, body: string): string {
  const view = editor.getView('en')!;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, 3, 8)));
  const selected = editor.selectionAnchor('en')!;
  const id = comments.addComment({ ...selected, body });
  expect(id, 'thread added').to.be.a('string');
  return id!;
}

const threadOf = (comments: JdComments, id: string) => comments.shadowRoot!.querySelector<HTMLElement>(`[data-thread-id="${id}"]`);
const replyArea = (comments: JdComments, id: string) => threadOf(comments, id)?.querySelector<HTMLTextAreaElement>('[part=reply-form] textarea') ?? null;

describe('<jd-comments> for a new user (issue #21)', () => {
  it('keeps a reply being typed when someone else resolves the thread, and says what happened', async function () {
    this.timeout(40_000);
    await withScratchEsdcDocument('Reply draft test', async (documentId) => {
      const admin = await personOn('admin@esdc.example', documentId); // initialises the content
      await waitUntil(() => admin.editor.getView('en')!.state.doc.textContent.length > 0, 'content', { timeout: 8000 });
      const translator = await personOn('translator@esdc.example', documentId);
      const reviewer = await personOn('reviewer@esdc.example', documentId);
      await waitUntil(() => translator.editor.getView('en')!.state.doc.textContent.length > 0, 'content reached the translator', { timeout: 8000 });

      const id = commentOnFirstHeading(translator.editor, translator.comments, 'Is this heading right?');
      await waitUntil(() => reviewer.comments.threads.some((t) => t.id === id), 'thread reached the reviewer', { timeout: 8000 });

      // The translator starts a reply.
      threadOf(translator.comments, id)!.querySelector<HTMLButtonElement>('[data-action=reply]')!.click();
      await translator.comments.updateComplete;
      const area = replyArea(translator.comments, id)!;
      area.value = 'I checked the TBS wording and';
      area.dispatchEvent(new Event('input'));

      // Meanwhile the reviewer resolves the thread.
      expect(reviewer.comments.resolve(id)).to.equal(true);
      await waitUntil(() => translator.comments.threads.find((t) => t.id === id)?.resolved, 'resolution reached the translator', { timeout: 8000 });
      await translator.comments.updateComplete;

      // Under the default Open filter the thread stays while the reply is being written, with the draft and a notice.
      expect(translator.comments.filter).to.equal('open');
      expect(replyArea(translator.comments, id)?.value, 'draft kept (Open filter)').to.equal('I checked the TBS wording and');
      const notice = threadOf(translator.comments, id)!.querySelector('[part=draft-notice]');
      expect(notice?.getAttribute('role')).to.equal('status');
      expect(notice?.textContent).to.contain('Rachel Reviewer').and.contain('resolved');

      // With All, the draft is there too.
      translator.comments.filter = 'all';
      await translator.comments.updateComplete;
      expect(replyArea(translator.comments, id)?.value, 'draft kept (All filter)').to.equal('I checked the TBS wording and');

      // The reply can still be sent; it joins the resolved thread.
      const form = threadOf(translator.comments, id)!.querySelector<HTMLFormElement>('[part=reply-form]')!;
      replyArea(translator.comments, id)!.value = 'I checked the TBS wording and it is right.';
      replyArea(translator.comments, id)!.dispatchEvent(new Event('input'));
      form.requestSubmit();
      await waitUntil(() => reviewer.comments.threads.find((t) => t.id === id)?.replies.some((r) => r.body === 'I checked the TBS wording and it is right.'), 'reply reached the reviewer', { timeout: 8000 });
      for (const person of [admin, translator, reviewer]) person.session.remove();
    });
  });

  it('"Comment added." goes away by itself', async function () {
    this.timeout(20_000);
    await withScratchEsdcDocument('Comment added test', async (documentId) => {
      const admin = await personOn('admin@esdc.example', documentId);
      await waitUntil(() => admin.editor.getView('en')!.state.doc.textContent.length > 0, 'content', { timeout: 8000 });
      commentOnFirstHeading(admin.editor, admin.comments, 'Check this.');
      await admin.comments.updateComplete;
      expect(admin.comments.shadowRoot!.querySelector('[part=message][role=status]')?.textContent).to.contain('Comment added.');
      await waitUntil(() => !admin.comments.shadowRoot!.querySelector('[part=message]'), 'the confirmation went away', { timeout: 9000 });
      admin.session.remove();
    });
  });
});
