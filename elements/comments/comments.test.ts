import { expect, waitUntil, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { TextSelection } from 'prosemirror-state';
import './define.js';
import '../editor/define.js';
import type { JdComments } from './comments.js';
import type { JdEditor } from '../editor/editor.js';
import type { JdCommentAddEvent, JdCommentResolveEvent, JdCommentSelectEvent } from './events.js';
import { signedInSession, uniqueCache, syncUrl, ESDC_DOC, TC_DOC, refusedReadOnlyUpdates, watchForHostileScripts } from '../core/test-helpers.js';
import type { JdSession } from '../session/session.js';
import { createThread, commentsMap, readThreads, setResolved } from '../../domain/comment-model.js';
import { anchorInText } from '../../domain/comment-anchors.js';

const REVIEWER_ID = 'e5dc0000-0000-4000-a000-000000000104';

async function openComments(session: JdSession, documentId = ESDC_DOC): Promise<JdComments> {
  const el = document.createElement('jd-comments');
  el.documentId = documentId;
  session.append(el);
  await waitUntil(() => root(el).querySelector('[part=base]') || el.matches(':state(no-access)'), 'comments opened', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

async function openEditor(session: JdSession, documentId = ESDC_DOC): Promise<JdEditor> {
  const el = document.createElement('jd-editor');
  el.documentId = documentId;
  session.append(el);
  await waitUntil(() => el.getView('en') && el.getView('fr'), 'both panes mounted', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

const root = (el: HTMLElement) => el.shadowRoot!;
const q = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) => root(el).querySelector<T>(selector);
const qa = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) => Array.from(root(el).querySelectorAll<T>(selector));

/** Selects a phrase in a pane, the way a mouse selection does. */
function selectPhrase(editor: JdEditor, lang: 'en' | 'fr', phrase: string) {
  const range = editor.findText(lang, phrase)!;
  expect(range, phrase).to.not.equal(null);
  const view = editor.getView(lang)!;
  view.focus();
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)));
  return range;
}

/** Types a body into the compose (or any) form's textarea and submits it. */
async function submitBody(form: HTMLFormElement, body: string) {
  const area = form.querySelector('textarea')!;
  area.value = body;
  area.dispatchEvent(new Event('input'));
  form.requestSubmit();
}

/** A thread written straight into a doc (what another client, friendly or hostile, does). */
function writeThread(doc: Y.Doc, body: string, author = { id: 'e5dc0000-0000-4000-a000-000000000103', name: 'Thérèse Traductrice' }, now?: number) {
  const text = new Y.Text();
  doc.getMap('scratch').set('t', text);
  text.insert(0, 'quote');
  return createThread(doc, { lang: 'fr', anchor: anchorInText(text, 0, 5), quote: 'quote', author, body, ...(now === undefined ? {} : { now }) });
}

/** The y-websocket "sync update" message carrying a Yjs update, as a hand-crafted client would send it. */
function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // messageSync
  encoding.writeVarUint(encoder, 2); // update
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

async function sendRawUpdate(session: JdSession, documentId: string, update: Uint8Array) {
  const url = new URL(`${(await syncUrl()).replace(/\/+$/, '')}/${documentId}`);
  url.searchParams.set('token', session.session!.accessToken!);
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  // The server answers with its sync step 1 once the client is attached; send after that.
  await new Promise((resolve) => (ws.onmessage = resolve));
  ws.send(updateMessage(update));
  return ws;
}

describe('<jd-comments>', () => {
  it('has defaults, reflects attributes, and says when nobody is signed in', async () => {
    const session = await signedInSession(null);
    const el = document.createElement('jd-comments');
    session.append(el);
    await el.updateComplete;
    expect(el.filter).to.equal('open');
    expect(el.langFilter).to.equal('all');
    expect(el.mentionsOnly).to.equal(false);
    expect(root(el).textContent).to.contain('No job description selected');
    el.documentId = ESDC_DOC;
    el.langFilter = 'fr';
    el.mentionsOnly = true;
    await el.updateComplete;
    expect(el.getAttribute('document-id')).to.equal(ESDC_DOC);
    expect(el.getAttribute('lang-filter')).to.equal('fr');
    expect(el.hasAttribute('mentions-only')).to.equal(true);
    expect(el.matches(':state(signed-out)')).to.equal(true);
    expect(root(el).textContent).to.contain('Sign in to see the comments');
  });

  it('refuses a user of another organization', async () => {
    const session = await signedInSession('editor@tc.example');
    const el = await openComments(session, ESDC_DOC);
    expect(el.matches(':state(no-access)')).to.equal(true);
    expect(q(el, '[role=alert]')!.textContent).to.contain('No access');
    expect(el.ydoc).to.equal(null);
    const own = await openComments(session, TC_DOC);
    expect(own.memberRole).to.equal('editor');
  });

  it('comments on the editor selection (button and Ctrl+Alt+M), highlights it, and follows it to "text removed"', async () => {
    const session = await signedInSession('editor@esdc.example');
    const editor = await openEditor(session);
    const comments = await openComments(session);
    await waitUntil(() => editor.commenting, 'the editor offers commenting');

    // The button.
    selectPhrase(editor, 'fr', 'subventions et de contributions');
    q<HTMLButtonElement>(editor, '[part=comment-button]')!.click();
    await comments.updateComplete;
    const form = q<HTMLFormElement>(comments, '[part=compose]')!;
    expect(form, 'compose form').to.not.equal(null);
    expect(comments.matches(':state(composing)')).to.equal(true);
    expect(form.querySelector('[part=quote]')!.textContent).to.contain('subventions et de contributions');
    const added = oneEvent(comments, 'jd-comment-add') as Promise<unknown> as Promise<JdCommentAddEvent>;
    await submitBody(form, '« agente ou agent » ici ?\nVoir https://www.canada.ca/fr.html');
    const event = await added;
    expect(event.lang).to.equal('fr');
    expect(event.replyId).to.equal(null);
    const threadId = event.threadId;
    const [thread] = comments.threads;
    expect(thread!.quote).to.equal('subventions et de contributions');
    expect(thread!.body).to.equal('« agente ou agent » ici ?\nVoir https://www.canada.ca/fr.html');

    // The highlight in the French pane, named for the pointer.
    await waitUntil(() => q(editor, `[part~=pane-fr] [data-range-id="comment:${threadId}"]`), 'highlight');
    const mark = q(editor, `[part~=pane-fr] [data-range-id="comment:${threadId}"]`)!;
    expect(mark.textContent).to.equal('subventions et de contributions');
    expect(mark.classList.contains('jd-range-comment')).to.equal(true);
    expect(mark.title).to.contain('Eddie Editor');
    // The thread renders the link safely and keeps line breaks.
    const body = q(comments, `[data-thread-id="${threadId}"] [part=body]`)!;
    expect(body.querySelector('a')!.getAttribute('href')).to.equal('https://www.canada.ca/fr.html');
    expect(body.querySelector('br')).to.not.equal(null);

    // The keyboard shortcut, in the English pane.
    selectPhrase(editor, 'en', 'grants and contributions');
    await sendKeys({ down: 'Control' });
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'KeyM' });
    await sendKeys({ up: 'Alt' });
    await sendKeys({ up: 'Control' });
    await comments.updateComplete;
    expect(q(comments, '[part=compose] [part=quote]')!.textContent).to.contain('grants and contributions');
    expect(root(comments).activeElement?.tagName).to.equal('TEXTAREA');
    await submitBody(q<HTMLFormElement>(comments, '[part=compose]')!, 'Check the EN term.');
    await waitUntil(() => comments.threads.length === 2);
    const enThread = comments.threads.find((t) => t.lang === 'en')!;

    // Hovering a highlight shows its thread.
    await waitUntil(() => q(editor, `[data-range-id="comment:${enThread.id}"]`), 'EN highlight');
    q(editor, `[data-range-id="comment:${enThread.id}"]`)!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    await comments.updateComplete;
    expect(q(comments, `[data-thread-id="${enThread.id}"]`)!.hasAttribute('data-active')).to.equal(true);

    // Selecting a thread scrolls to its text and selects it.
    const selected = oneEvent(comments, 'jd-comment-select') as Promise<unknown> as Promise<JdCommentSelectEvent>;
    q<HTMLButtonElement>(comments, `[data-thread-id="${threadId}"] [data-action=show]`)!.click();
    const selectEvent = await selected;
    expect(selectEvent.threadId).to.equal(threadId);
    const fr = editor.getView('fr')!;
    expect(fr.state.doc.textBetween(fr.state.selection.from, fr.state.selection.to)).to.equal('subventions et de contributions');
    expect(selectEvent.range).to.deep.equal({ from: fr.state.selection.from, to: fr.state.selection.to });
    await waitUntil(() => q(editor, `[data-range-id="comment:${threadId}"]`)?.classList.contains('jd-range-comment-active'), 'active highlight');

    // Typing inside keeps the anchor; deleting the text marks the thread "text removed", quote kept.
    const range = editor.anchorRange('fr', thread!.anchor!)!;
    editor.insertText('fr', range.from + 'subventions'.length, ' ET');
    expect(fr.state.doc.textBetween(...(Object.values(editor.anchorRange('fr', thread!.anchor!)!) as [number, number]))).to.equal('subventions ET et de contributions');
    const grown = editor.anchorRange('fr', thread!.anchor!)!;
    editor.replaceRange('fr', grown.from, grown.to, '');
    await waitUntil(() => comments.isRemoved(threadId), 'text removed');
    await comments.updateComplete;
    const removedThread = q(comments, `[data-thread-id="${threadId}"]`)!;
    expect(removedThread.getAttribute('part')).to.contain('thread-removed');
    expect(removedThread.querySelector('[part=removed]')!.textContent).to.equal('Text removed');
    expect(removedThread.querySelector('[part=quote]')!.textContent).to.contain('subventions et de contributions');
    expect(removedThread.querySelector('[data-action=show]')).to.equal(null);
    // Undo brings the text back, and the anchor with it.
    editor.undo('fr');
    await waitUntil(() => !comments.isRemoved(threadId), 'anchor back after undo');
  });

  it('asks the same question as the editor, once per document: one can_open_document for the comments and the editor together', async () => {
    const session = await signedInSession('reviewer@esdc.example');
    const asked: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/rpc/can_open_document')) asked.push(url);
      return realFetch(input, init);
    };
    try {
      const comments = await openComments(session);
      expect(asked.length, 'can_open_document requests of the comments alone').to.equal(1);
      const editor = document.createElement('jd-editor');
      editor.documentId = ESDC_DOC;
      session.append(editor);
      // Open, read-only: a reviewer views the text (no panes until the document has content).
      await waitUntil(() => editor.matches(':state(read-only)'), 'the editor opened', { timeout: 8000 });
      expect(asked.length, 'can_open_document requests of both (the answer is shared)').to.equal(1);
      // One answer: the role that decides the comment permissions is the one that decides the review panel.
      expect(comments.memberRole).to.equal('reviewer');
      expect(editor.accessLevel).to.equal('view');
      expect(comments.permissions.resolve).to.equal(true);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('finds the editor of its document through the session, wherever the page put it, and follows its caret', async () => {
    const session = await signedInSession('editor@esdc.example');
    // A portal's layout: the editor inside another component's shadow root, out of reach of a
    // search of the page, and the comments opened before the editor has mounted its panes.
    const comments = await openComments(session);
    const layout = document.createElement('div');
    session.append(layout);
    const editor = document.createElement('jd-editor');
    editor.documentId = ESDC_DOC;
    layout.attachShadow({ mode: 'open' }).append(editor);
    await waitUntil(() => editor.getView('en') && editor.getView('fr'), 'both panes mounted', { timeout: 8000 });
    await waitUntil(() => editor.commenting, 'the editor offers commenting');

    const range = selectPhrase(editor, 'fr', 'subventions et de contributions');
    expect(editor.requestComment('fr')).to.equal(true);
    await comments.updateComplete;
    const added = oneEvent(comments, 'jd-comment-add') as Promise<unknown> as Promise<JdCommentAddEvent>;
    await submitBody(q<HTMLFormElement>(comments, '[part=compose]')!, 'Through the session.');
    const { threadId } = await added;
    await waitUntil(() => q(editor, `[data-range-id="comment:${threadId}"]`), 'highlight');

    // The caret reaching the highlighted text (jd-selection-change) makes its thread the active one.
    comments.filter = 'all';
    const view = editor.getView('fr')!;
    view.focus();
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from + 2)));
    await waitUntil(() => q(comments, `[data-thread-id="${threadId}"]`)?.hasAttribute('data-active'), 'thread active from the caret');

    // The editor leaves: its highlights and the Comment button go with it, the panel stays.
    editor.remove();
    await comments.updateComplete;
    expect(editor.commenting).to.equal(false);
    expect(comments.threads.map((t) => t.id)).to.include(threadId);
    comments.removeComment(threadId, null);
  });

  it('filters by status, language, author and mentions, with a count badge, and autocompletes mentions', async () => {
    const session = await signedInSession('reviewer@esdc.example');
    const el = await openComments(session);
    const doc = el.ydoc!;
    expect(el.permissions).to.deep.equal({ comment: true, resolve: true, moderate: false });
    const a = writeThread(doc, 'Premier');
    writeThread(doc, 'Second');
    const c = writeThread(doc, 'Third', { id: 'e5dc0000-0000-4000-a000-000000000102', name: 'Eddie Editor' });
    setResolved(doc, c, true, { id: REVIEWER_ID, name: 'Rachel Reviewer' });
    await el.updateComplete;
    expect(q(el, '[part=badge]')!.textContent!.trim()).to.equal('2');
    expect(q(el, '[part=badge]')!.getAttribute('aria-label')).to.equal('2 open comment threads');
    expect(qa(el, '[part~=thread]').length).to.equal(2);
    const status = q<HTMLSelectElement>(el, 'select[name=status]')!;
    status.value = 'resolved';
    status.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(qa(el, '[part~=thread]').map((t) => t.dataset['threadId'])).to.deep.equal([c]);
    expect(q(el, '[part=resolution]')!.textContent).to.contain('Rachel Reviewer');
    el.filter = 'all';
    el.langFilter = 'en';
    await el.updateComplete;
    expect(el.matches(':state(empty)')).to.equal(true);
    el.langFilter = 'all';
    const author = q<HTMLSelectElement>(el, 'select[name=author]')!;
    await el.updateComplete;
    author.value = 'e5dc0000-0000-4000-a000-000000000102';
    author.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.visibleThreads.map((t) => t.id)).to.deep.equal([c]);
    el.authorFilter = '';

    // A reply mentioning the reviewer, picked from the autocomplete with the keyboard.
    const me = signedInSession('editor@esdc.example');
    const editorSession = await me;
    const other = await openComments(editorSession);
    await waitUntil(() => other.permissions.comment);
    Y.applyUpdate(other.ydoc!, Y.encodeStateAsUpdate(doc));
    await other.updateComplete;
    q<HTMLButtonElement>(other, `[data-thread-id="${a}"] [data-action=reply]`)!.click();
    await other.updateComplete;
    const area = q<HTMLTextAreaElement>(other, `[data-thread-id="${a}"] [part=reply-form] textarea`)!;
    area.focus();
    await sendKeys({ type: 'Merci @Rach' });
    await other.updateComplete;
    const options = qa(other, '[part=mentions] [role=option]');
    expect(options.map((o) => o.textContent!.trim())).to.deep.equal(['Rachel Reviewer']);
    expect(area.getAttribute('aria-activedescendant')).to.equal(options[0]!.id);
    await sendKeys({ press: 'Enter' });
    expect(area.value).to.equal('Merci @Rachel Reviewer ');
    const added = oneEvent(other, 'jd-comment-add') as Promise<unknown> as Promise<JdCommentAddEvent>;
    area.form!.requestSubmit();
    expect((await added).mentions).to.deep.equal([REVIEWER_ID]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other.ydoc!));
    el.mentionsOnly = true;
    await el.updateComplete;
    expect(el.visibleThreads.map((t) => t.id)).to.deep.equal([a]);
  });

  it('renders hostile bodies inert and refuses over-long ones with a clear message', async () => {
    const session = await signedInSession('editor@esdc.example');
    const el = await openComments(session);
    const doc = el.ydoc!;
    const hostileScripts = watchForHostileScripts();
    el.filter = 'all';
    const hostile = [
      '<img src=x onerror="window.pwned=true"><script>window.pwned=true</script>',
      'javascript:window.pwned=true and [x](javascript:window.pwned=true) <a href="javascript:window.pwned=true">x</a>',
      `start\u202Egnp.exe\u202C end`,
      'x'.repeat(1024 * 1024),
    ];
    // Written around the UI, straight into the Y.Doc, as a hostile peer would.
    doc.transact(() => {
      for (const body of hostile) {
        const id = writeThread(doc, 'placeholder', { id: 'e5dc0000-0000-4000-a000-000000000103', name: '<img src=x onerror="window.pwned=true">\u202E' });
        (commentsMap(doc).get(id) as Y.Map<unknown>).set('body', body);
      }
    });
    await waitUntil(() => qa(el, '[part~=thread]').length === 4, 'hostile threads shown');
    await waitUntil(() => {
      const shown = root(el).querySelector('[part=list]')?.textContent ?? '';
      return shown.includes('<script>window.pwned=true</script>') && shown.includes('gnp.exe');
    }, 'hostile bodies rendered');
    const r = root(el);
    expect(r.querySelector('[part=list] img, [part=list] script, [part=list] iframe')).to.equal(null);
    for (const node of r.querySelectorAll('*')) {
      for (const attr of Array.from(node.attributes)) {
        expect(attr.name.startsWith('on'), `${node.tagName} ${attr.name}`).to.equal(false);
        expect(/javascript:/i.test(attr.value), `${node.tagName} ${attr.name}=${attr.value}`).to.equal(false);
      }
    }
    expect(r.querySelectorAll('[part=body] a').length).to.equal(0);
    const text = r.querySelector('[part=list]')!.textContent!;
    expect(text).to.contain('<script>window.pwned=true</script>');
    expect(text).to.contain('startgnp.exe end');
    expect(text).not.to.match(/[\u202A-\u202E\u2066-\u2069]/);
    const longest = Math.max(...qa(el, '[part=body]').map((b) => b.textContent!.length));
    expect(longest).to.be.below(10_100);
    expect(hostileScripts.ran()).to.equal(false);

    // Through the interface: a 1 MB comment is refused, with the reason; overrides are removed.
    el.startComment('en', readThreads(doc)[0]!.anchor!, 'quote');
    await el.updateComplete;
    await submitBody(q<HTMLFormElement>(el, '[part=compose]')!, 'y'.repeat(1024 * 1024));
    await el.updateComplete;
    expect(q(el, '[part=message][role=alert]')!.textContent).to.contain('too long: at most 10,000 characters');
    expect(el.threads.length).to.equal(4);
    expect(q(el, '[part=compose]')).to.not.equal(null);
    await submitBody(q<HTMLFormElement>(el, '[part=compose]')!, '  \n ');
    await el.updateComplete;
    expect(q(el, '[part=message][role=alert]')!.textContent).to.contain('empty');
    const id = el.addComment({ lang: 'en', anchor: readThreads(doc)[0]!.anchor!, quote: 'q', body: 'safe\u202Etxt.exe' });
    expect(el.threads.find((t) => t.id === id)!.body).to.equal('safetxt.exe');
  });

  it('edits and deletes only one\'s own comments; resolving is for reviewers and admins', async () => {
    const session = await signedInSession('translator@esdc.example');
    const el = await openComments(session);
    const doc = el.ydoc!;
    const mine = writeThread(doc, 'Mine');
    const theirs = writeThread(doc, 'Theirs', { id: 'e5dc0000-0000-4000-a000-000000000102', name: 'Eddie Editor' });
    await el.updateComplete;
    expect(q(el, `[data-thread-id="${mine}"] [part=comment] button`)!.textContent).to.contain('Edit');
    expect(q(el, `[data-thread-id="${theirs}"] [part=comment] button`)).to.equal(null);
    expect(q(el, '[data-action=resolve]')).to.equal(null);
    expect(el.resolve(theirs)).to.equal(false);
    await el.updateComplete;
    expect(q(el, '[part=message]')!.textContent).to.contain('role does not allow');
    expect(el.edit(theirs, null, 'hijacked')).to.equal(false);
    expect(el.removeComment(theirs, null)).to.equal(false);
    q<HTMLButtonElement>(el, `[data-thread-id="${mine}"] [part=comment] button`)!.click();
    await el.updateComplete;
    await submitBody(q<HTMLFormElement>(el, `[data-thread-id="${mine}"] form[part=comment]`)!, 'Mine, edited');
    await el.updateComplete;
    expect(el.threads.find((t) => t.id === mine)!.body).to.equal('Mine, edited');
    expect(q(el, `[data-thread-id="${mine}"] [part=meta]`)!.textContent).to.contain('(edited)');
    const del = qa<HTMLButtonElement>(el, `[data-thread-id="${mine}"] [part=comment] button`).find((b) => b.textContent!.includes('Delete'))!;
    del.click();
    await el.updateComplete;
    expect(el.threads.map((t) => t.id)).to.deep.equal([theirs]);
  });

  it('is accessible in English and French, and threads are navigable with the keyboard', async () => {
    for (const lang of ['en', 'fr']) {
      const session = await signedInSession('admin@esdc.example', { lang });
      const el = await openComments(session);
      const doc = el.ydoc!;
      // Threads list oldest first: give them distinct times so the order is not left to their ids.
      const first = writeThread(doc, 'Première remarque https://www.canada.ca', undefined, Date.now() - 1000);
      const second = writeThread(doc, 'Deuxième', undefined, Date.now());
      el.reply(first, 'Réponse');
      el.resolve(second, true);
      el.filter = 'all';
      el.startComment('fr', readThreads(doc)[0]!.anchor!, 'quote');
      await el.updateComplete;
      expect(root(el).textContent).to.contain(lang === 'fr' ? 'Commentaires' : 'Comments');
      expect(root(el).textContent).to.contain(lang === 'fr' ? 'Rouvrir' : 'Reopen');
      await expect(el).to.be.accessible();

      const items = qa(el, '[part=list] > [part~=thread]');
      expect(items.map((i) => i.tabIndex)).to.deep.equal([0, -1]);
      expect(items[0]!.getAttribute('aria-label')).to.contain(lang === 'fr' ? 'Commentaire de' : 'Comment by');
      items[0]!.focus();
      await sendKeys({ press: 'ArrowDown' });
      expect(root(el).activeElement).to.equal(items[1]);
      await sendKeys({ press: 'Home' });
      expect(root(el).activeElement).to.equal(items[0]);
      const selected = oneEvent(el, 'jd-comment-select') as Promise<unknown> as Promise<JdCommentSelectEvent>;
      await sendKeys({ press: 'Enter' });
      expect((await selected).threadId).to.equal(first);
      await el.updateComplete;
      expect(qa(el, '[part=list] > [part~=thread]')[0]!.tabIndex).to.equal(0);
      session.remove();
    }
  });
});

describe('<jd-comments> through the sync server', () => {
  it('a comment added in one page appears in the other, and resolving updates both', async () => {
    await syncUrl();
    const sa = await signedInSession('editor@esdc.example', { cacheName: uniqueCache('a'), withSync: true });
    const sb = await signedInSession('admin@esdc.example', { cacheName: uniqueCache('b'), withSync: true });
    const editor = await openEditor(sa);
    const a = await openComments(sa);
    const b = await openComments(sb); // the reviewer's sidebar, without an editor
    await waitUntil(() => a.sharedDocument!.serverSynced && b.sharedDocument!.serverSynced, 'both synced', { timeout: 8000 });
    await waitUntil(() => editor.commenting);
    selectPhrase(editor, 'en', 'skills development');
    expect(editor.requestComment()).to.equal(true);
    await a.updateComplete;
    await submitBody(q<HTMLFormElement>(a, '[part=compose]')!, 'Is this the TBS wording?');
    const id = a.threads.at(-1)!.id;
    await waitUntil(() => b.threads.some((t) => t.id === id), 'the comment reaches the other page', { timeout: 5000 });
    await b.updateComplete;
    expect(q(b, `[data-thread-id="${id}"] [part=body]`)!.textContent).to.contain('Is this the TBS wording?');
    expect(b.isRemoved(id)).to.equal(false);

    const resolved = oneEvent(b, 'jd-comment-resolve') as Promise<unknown> as Promise<JdCommentResolveEvent>;
    q<HTMLButtonElement>(b, `[data-thread-id="${id}"] [data-action=resolve]`)!.click();
    expect((await resolved).resolved).to.equal(true);
    await waitUntil(() => a.threads.find((t) => t.id === id)?.resolved, 'the resolve reaches the first page', { timeout: 5000 });
    const thread = a.threads.find((t) => t.id === id)!;
    expect(thread.resolvedBy).to.equal('e5dc0000-0000-4000-a000-000000000105');
    expect(thread.resolvedByName).to.equal('Alain Admin');
    await a.updateComplete;
    expect(q(a, `[data-thread-id="${id}"]`)).to.equal(null); // filter "open" hides it
    expect(q(a, '[part=badge]')!.textContent!.trim()).to.equal(String(a.openCount));
  });

  it("writes the user's profile name (the only one the server accepts), not the session's", async () => {
    await syncUrl();
    const sa = await signedInSession('translator@esdc.example', { cacheName: uniqueCache('pn'), withSync: true });
    const sb = await signedInSession('reviewer@esdc.example', { cacheName: uniqueCache('pn2'), withSync: true });
    const me = sa.session!.user!.id;
    // The session names the user from the sign-up metadata; the profile may say otherwise.
    const renamed = await sa.client!.from('profiles').update({ display_name: 'Thérèse T. (profil)' }).eq('id', me).select('id');
    expect(renamed.error).to.equal(null);
    try {
      expect(sa.session!.user!.name).to.equal('Thérèse Traductrice');
      const editor = await openEditor(sa);
      const a = await openComments(sa);
      const b = await openComments(sb);
      await waitUntil(() => a.sharedDocument!.serverSynced && b.sharedDocument!.serverSynced && editor.commenting, 'both synced', { timeout: 8000 });
      selectPhrase(editor, 'en', 'skills development');
      expect(editor.requestComment()).to.equal(true);
      await a.updateComplete;
      await submitBody(q<HTMLFormElement>(a, '[part=compose]')!, 'Named from my profile');
      const id = a.threads.at(-1)!.id;
      expect(a.threads.at(-1)!.authorName).to.equal('Thérèse T. (profil)');
      await waitUntil(() => b.threads.some((t) => t.id === id), 'the server accepts it and relays it', { timeout: 5000 });
    } finally {
      await sa.client!.from('profiles').update({ display_name: 'Thérèse Traductrice' }).eq('id', me);
    }
  });

  it('a viewer sees no add or resolve controls, and the server refuses a hand-crafted resolve', async () => {
    const url = await syncUrl();
    const sa = await signedInSession('admin@esdc.example', { cacheName: uniqueCache('adm'), withSync: true });
    const sv = await signedInSession('viewer@esdc.example', { cacheName: uniqueCache('v'), withSync: true });
    await openEditor(sa); // the document has content on the server before a viewer opens it
    const admin = await openComments(sa);
    await waitUntil(() => admin.sharedDocument!.serverSynced, 'admin synced', { timeout: 8000 });
    const id = writeThread(admin.ydoc!, 'To be resolved by a reviewer only', { id: 'e5dc0000-0000-4000-a000-000000000105', name: 'Alain Admin' });
    const editorForViewer = await openEditor(sv);
    const viewer = await openComments(sv);
    await waitUntil(() => viewer.sharedDocument!.serverSynced && viewer.threads.some((t) => t.id === id), 'the viewer has the thread', { timeout: 8000 });
    await viewer.updateComplete;
    expect(viewer.memberRole).to.equal('viewer');
    expect(viewer.matches(':state(read-only)')).to.equal(true);
    expect(q(viewer, '[data-action=reply], [data-action=resolve], [part=compose], [part=comment] button')).to.equal(null);
    expect(editorForViewer.commenting).to.equal(false);
    expect(q(editorForViewer, '[part=comment-button]')).to.equal(null);
    expect(viewer.resolve(id)).to.equal(false);

    // Hand-crafted: the viewer's token, a raw y-websocket update that resolves the thread.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(viewer.ydoc!));
    const before = Y.encodeStateVector(forged);
    setResolved(forged, id, true, { id: 'e5dc0000-0000-4000-a000-000000000101', name: 'Valérie Viewer' });
    const update = Y.encodeStateAsUpdate(forged, before);
    const refusedBefore = await refusedReadOnlyUpdates(url);
    const ws = await sendRawUpdate(sv, ESDC_DOC, update);
    // The same pipe with the admin's token is applied: the refusal below is the server's decision.
    const control = new Y.Doc();
    Y.applyUpdate(control, Y.encodeStateAsUpdate(admin.ydoc!));
    const controlBefore = Y.encodeStateVector(control);
    control.getMap('meta').set('position_number', `ctl-${Date.now()}`);
    const wsAdmin = await sendRawUpdate(sa, ESDC_DOC, Y.encodeStateAsUpdate(control, controlBefore));
    await waitUntil(() => admin.ydoc!.getMap('meta').get('position_number') === control.getMap('meta').get('position_number'), 'the admin control update arrives', { timeout: 5000 });
    // The server's count of refused read-only updates grew: it has judged the forged one.
    await waitUntil(async () => (await refusedReadOnlyUpdates(url)) > refusedBefore, 'the server refused the forged resolve', { timeout: 5000 });
    expect(admin.threads.find((t) => t.id === id)!.resolved).to.equal(false);
    expect(viewer.threads.find((t) => t.id === id)!.resolved).to.equal(false);
    ws.close();
    wsAdmin.close();
  });
});
