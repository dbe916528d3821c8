// Issue 18 item 5, criterion 3: a change the sync server refuses is undone in <jd-editor> and
// the editor says why. A viewer whose page still lets a change through (a stale page, a role
// lowered while it was open, a script) is simulated by writing to its Y.Doc directly: the stock
// provider sends it, as it would any local change.
import { expect, waitUntil } from '@open-wc/testing';
import * as Y from 'yjs';
import './define.js';
import '../comments/define.js';
import type { JdComments } from '../comments/comments.js';
import type { JdEditor } from './editor.js';
import { signedInSession, uniqueCache, withScratchEsdcDocument } from '../core/test-helpers.js';
import { openEditor } from './test-support.js';
import { selectionInSection } from './pane.js';
import { msg } from '../core/i18n.js';

const text = (el: JdEditor) => el.getView('en')!.state.doc.textContent;
const statusLine = (el: JdEditor) => el.shadowRoot!.querySelector('.sticky > p[role=status]')?.textContent?.trim() ?? '';

describe('<jd-editor> refused changes', () => {
  it("undoes a viewer's refused change and says why (French): its text is the server's again", async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('Refusal test', async (documentId) => {
      const editorSession = await signedInSession('editor@esdc.example', { cacheName: uniqueCache('refusal-editor'), withSync: true });
      const viewerSession = await signedInSession('viewer@esdc.example', { cacheName: uniqueCache('refusal-viewer'), lang: 'fr', withSync: true });
      const editor = await openEditor(editorSession, documentId);
      const viewer = await openEditor(viewerSession, documentId);
      await waitUntil(() => viewer.sharedDocument!.serverSynced && text(viewer).length > 0 && text(viewer) === text(editor), 'both in sync', { timeout: 15_000 });
      expect(viewer.editable).to.equal(false);

      const [firstText] = viewer.ydoc!.getXmlFragment('en').createTreeWalker((node) => node instanceof Y.XmlText);
      (firstText as Y.XmlText).insert(0, 'VIEWER WAS HERE ');
      // y-prosemirror renders a Y.Doc change at once: the viewer sees its change before the server answers.
      expect(text(viewer)).to.contain('VIEWER WAS HERE');

      await waitUntil(() => statusLine(viewer) !== '', 'the refusal said', { timeout: 10_000 });
      expect(statusLine(viewer)).to.equal(msg('fr', 'refusal.read-only'));
      expect(viewer.refusals.last?.reason).to.equal('read-only');
      await waitUntil(() => !text(viewer).includes('VIEWER'), 'the change undone', { timeout: 5000 });

      // The server's text: what the editor (who never got the change) shows, and what a later edit there brings.
      expect(text(viewer)).to.equal(text(editor));
      const end = selectionInSection(editor.getView('en')!, 'skill', true)!.from;
      expect(editor.insertText('en', end, ' Later.')).to.equal(true);
      await waitUntil(() => text(viewer) === text(editor) && text(viewer).includes(' Later.'), "the editor's later edit at the viewer", { timeout: 10_000 });
    });
  });

  it('a page with no editor (only <jd-comments>) rolls a refused change back too, and logs no "Unable to compute message"', async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('Refusal without editor', async (documentId) => {
      const editorSession = await signedInSession('editor@esdc.example', { cacheName: uniqueCache('refusal-editor2'), withSync: true });
      const viewerSession = await signedInSession('viewer@esdc.example', { cacheName: uniqueCache('refusal-viewer2'), withSync: true });
      const editor = await openEditor(editorSession, documentId);
      const comments = document.createElement('jd-comments') as JdComments;
      comments.documentId = documentId;
      viewerSession.append(comments);
      await waitUntil(() => comments.sharedDocument?.serverSynced && comments.ydoc!.getXmlFragment('en').toString().length > 0, 'the viewer synced', { timeout: 15_000 });
      const serverText = () => comments.ydoc!.getXmlFragment('en').toString();
      const before = serverText();

      // The stock y-websocket client logs console.error('Unable to compute message') for a message
      // type it has no handler for; the kit's provider must know its own refusal message.
      const errors: unknown[][] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => { errors.push(args); original.apply(console, args); };
      try {
        let refusedEvents = 0;
        comments.sharedDocument!.addEventListener('update-refused', () => refusedEvents++);
        const [firstText] = comments.ydoc!.getXmlFragment('en').createTreeWalker((node) => node instanceof Y.XmlText);
        (firstText as Y.XmlText).insert(0, 'VIEWER WAS HERE ');
        expect(serverText()).to.contain('VIEWER WAS HERE');
        await waitUntil(() => refusedEvents === 1, 'the refusal heard', { timeout: 10_000 });
        expect(comments.sharedDocument!.lastRefusedUpdate?.reason).to.equal('read-only');
        await waitUntil(() => !serverText().includes('VIEWER'), 'the change undone', { timeout: 5000 });
        expect(serverText()).to.equal(before);
        expect(text(editor)).to.not.contain('VIEWER');
      } finally {
        console.error = original;
      }
      expect(errors.map((args) => String(args[0]))).to.not.include('Unable to compute message');
    });
  });
});
