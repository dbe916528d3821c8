import { expect, fixture, html, waitUntil, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { TextSelection } from 'prosemirror-state';
import './define.js';
import type { JdEditor } from './editor.js';
import type { JdAccessChangeEvent } from './events.js';
import { IndexeddbPersistence } from 'y-indexeddb';
import { signedInSession, uniqueCache, syncUrl, ESDC_DOC, TC_DOC, stack, PASSWORD, ownSyncServer, createDocument, refusedReadOnlyUpdates, watchForHostileScripts } from '../core/test-helpers.js';
import type { JdSession } from '../session/session.js';
import { STANDARD_SECTIONS } from '../../domain/sections.js';
import { selectionInSection } from './pane.js';
import { openEditor } from './test-support.js';

/** Two simulated pages exchanging Yjs updates directly (what a provider does), without a server. */
function bridge(a: Y.Doc, b: Y.Doc): () => void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'bridge');
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b), 'bridge');
  const ab = (u: Uint8Array, origin: unknown) => origin !== 'bridge' && Y.applyUpdate(b, u, 'bridge');
  const ba = (u: Uint8Array, origin: unknown) => origin !== 'bridge' && Y.applyUpdate(a, u, 'bridge');
  a.on('update', ab);
  b.on('update', ba);
  return () => {
    a.off('update', ab);
    b.off('update', ba);
  };
}

/** A language's content as a fresh page would read it from the y-indexeddb cache `name` (what is stored, not what is in memory). */
async function cachedContent(name: string, lang: 'en' | 'fr'): Promise<string> {
  const doc = new Y.Doc();
  const reader = new IndexeddbPersistence(name, doc);
  await reader.whenSynced;
  const content = doc.getXmlFragment(lang).toString();
  await reader.destroy();
  doc.destroy();
  return content;
}

/** Types text at the end of a section's first paragraph, the way the keyboard path does (a PM transaction). */
function typeInto(el: JdEditor, lang: 'en' | 'fr', sectionId: string, text: string): void {
  const view = el.getView(lang)!;
  let target = -1;
  view.state.doc.forEach((section, offset) => {
    if (section.attrs['sectionId'] !== sectionId) return;
    section.forEach((child, childOffset) => {
      if (target < 0 && child.type.name === 'paragraph') target = offset + 1 + childOffset + 1 + child.content.size;
    });
  });
  if (target < 0) throw new Error(`no paragraph in ${sectionId}`);
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, target)));
  view.dispatch(view.state.tr.insertText(text));
}

const sectionText = (el: JdEditor, lang: 'en' | 'fr', sectionId: string) => {
  let text = '';
  el.getView(lang)!.state.doc.forEach((s) => {
    if (s.attrs['sectionId'] === sectionId) text = s.textContent;
  });
  return text;
};

describe('<jd-editor>', () => {
  it('shows a signed-out notice without a user, and has defaults', async () => {
    const session = await signedInSession(null);
    const el = document.createElement('jd-editor');
    el.documentId = ESDC_DOC;
    session.append(el);
    await el.updateComplete;
    expect(el.documentId).to.equal(ESDC_DOC);
    expect(el.getAttribute('document-id')).to.equal(ESDC_DOC);
    expect(el.readonly).to.equal(false);
    expect(el.ydoc).to.equal(null);
    expect(el.matches(':state(signed-out)')).to.equal(true);
    expect(el.shadowRoot!.textContent).to.contain('Sign in to open');
  });

  it('opens the seeded job description: TBS sections in both languages and the identification bound to meta', async () => {
    const session = await signedInSession('editor@esdc.example');
    const el = await openEditor(session);
    expect(el.accessLevel).to.equal('edit');
    for (const lang of ['en', 'fr'] as const) {
      const ids: string[] = [];
      el.getView(lang)!.state.doc.forEach((s) => ids.push(String(s.attrs['sectionId'])));
      expect(ids).to.deep.equal(STANDARD_SECTIONS.map((s) => s.sectionId));
    }
    const headings = Array.from(el.shadowRoot!.querySelectorAll('[part~=pane-fr] section > h2')).map((h) => h.textContent);
    expect(headings[0]).to.equal('Résultats axés sur le service à la clientèle');
    const classification = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=classification]')!;
    await waitUntil(() => classification.value === 'PM-04', 'classification from the document');
    classification.value = 'PM-05';
    classification.dispatchEvent(new Event('input'));
    expect(el.ydoc!.getMap('meta').get('classification')).to.equal('PM-05');
    expect(el.matches(':state(read-only)')).to.equal(false);
  });

  it('highlights the section you are in, in the other language', async () => {
    const session = await signedInSession('editor@esdc.example');
    const el = await openEditor(session);
    const en = el.getView('en')!;
    en.dispatch(en.state.tr.setSelection(selectionInSection(en, 'effort')!));
    await el.updateComplete;
    const paired = el.shadowRoot!.querySelectorAll('[part~=pane-fr] section.jd-paired');
    expect(paired.length).to.equal(1);
    expect(paired[0]!.getAttribute('data-section-id')).to.equal('effort');
    expect(el.shadowRoot!.querySelector('[part~=pane-en] section.jd-paired')).to.equal(null);
  });

  it('is read-only for a viewer, clearly', async () => {
    // A viewer never creates content: an editor opens the document on the server first.
    await openEditor(await signedInSession('editor@esdc.example', { withSync: true }));
    const session = await signedInSession('viewer@esdc.example', { withSync: true });
    const el = await openEditor(session);
    expect(el.accessLevel).to.equal('view');
    expect(el.editable).to.equal(false);
    expect(el.matches(':state(read-only)')).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part=notice]')!.textContent).to.contain('Read only');
    // Focusable with a caret for reading and selecting (issue #21 item 2), announced read-only.
    expect(el.getView('en')!.dom.getAttribute('contenteditable')).to.equal('true');
    expect(el.getView('en')!.dom.getAttribute('aria-readonly')).to.equal('true');
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('input[name=title_en]')!.readOnly).to.equal(true);
    expect(el.insertText('en', 3, 'nope')).to.equal(false);
    expect(el.addSection()).to.equal(null);
  });

  it('gives an editor of another organization a clear no-access state', async () => {
    const session = await signedInSession('editor@tc.example');
    const accessEvent = oneEvent(session, 'jd-access-change') as Promise<unknown> as Promise<JdAccessChangeEvent>;
    const el = await openEditor(session, ESDC_DOC, 'notice');
    expect((await accessEvent).access).to.equal('none');
    expect(el.matches(':state(no-access)')).to.equal(true);
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('No access');
    expect(el.ydoc).to.equal(null);
    expect(session.documents.size).to.equal(0);
    // Their own department's document opens.
    const own = await openEditor(session, TC_DOC);
    expect(own.accessLevel).to.equal('edit');
  });

  it('undo undoes only your own changes while another user types', async () => {
    const a = await openEditor(await signedInSession('editor@esdc.example', { cacheName: uniqueCache('a') }));
    const b = await openEditor(await signedInSession('translator@esdc.example', { cacheName: uniqueCache('b') }));
    const unbridge = bridge(a.ydoc!, b.ydoc!);
    try {
      typeInto(a, 'en', 'skill', ' ALPHA');
      typeInto(b, 'en', 'skill', ' BRAVO');
      typeInto(b, 'fr', 'skill', ' CHARLIE');
      await waitUntil(() => sectionText(a, 'en', 'skill').includes('BRAVO') && sectionText(b, 'en', 'skill').includes('ALPHA'));
      expect(a.undo('en')).to.equal(true);
      await waitUntil(() => !sectionText(b, 'en', 'skill').includes('ALPHA'), 'A\'s undo reaches B');
      expect(sectionText(a, 'en', 'skill')).to.contain('BRAVO');
      expect(sectionText(a, 'en', 'skill')).not.to.contain('ALPHA');
      expect(sectionText(a, 'fr', 'skill')).to.contain('CHARLIE');
      // A has nothing else of its own to undo in French; B's text stays.
      expect(a.undo('fr')).to.equal(false);
      expect(sectionText(b, 'fr', 'skill')).to.contain('CHARLIE');
      expect(a.redo('en')).to.equal(true);
      await waitUntil(() => sectionText(b, 'en', 'skill').includes('ALPHA'));
    } finally {
      unbridge();
    }
  });

  it('cleans a Word paste to the schema (lists, bold, italic, safe links only)', async () => {
    const wordHtml = await (await fetch('/elements/editor/fixtures/word-fragment.html')).text();
    const session = await signedInSession('editor@esdc.example');
    const el = await openEditor(session);
    const view = el.getView('en')!;
    view.dispatch(view.state.tr.setSelection(selectionInSection(view, 'key-activities', true)!));
    const data = new DataTransfer();
    data.setData('text/html', wordHtml);
    data.setData('text/plain', 'fallback');
    view.dom.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    let section = view.state.doc.child(1);
    expect(section.attrs['sectionId']).to.equal('key-activities');
    const types: string[] = [];
    const marks = new Set<string>();
    section.descendants((node) => {
      types.push(node.type.name);
      node.marks.forEach((m) => marks.add(m.type.name));
    });
    expect(types).to.include('bullet_list');
    expect(types.filter((t) => t === 'list_item')).to.have.length(3);
    expect(types).to.include('heading');
    expect([...marks].sort()).to.deep.equal(['em', 'link', 'strong']);
    expect(section.textContent).to.contain('Develops policy options.');
    expect(section.textContent).not.to.contain('·');
    expect(section.textContent).not.to.contain('Font Definitions');
    expect(section.textContent).to.contain('Urgent');
    const dom = el.shadowRoot!.querySelector('[part~=pane-en] section[data-section-id=key-activities]')!;
    expect(dom.querySelector('img, table, style, o\\:p')).to.equal(null);
    expect(dom.querySelector('a')!.getAttribute('href')).to.equal('https://www.canada.ca/en/treasury-board-secretariat.html');
    expect(dom.querySelector('a')!.hasAttribute('onclick')).to.equal(false);
    // Still six sections: a paste never adds or removes sections.
    expect(view.state.doc.childCount).to.equal(6);
    section = view.state.doc.child(1);
    expect(section.firstChild!.type.name).to.equal('heading');
  });

  it('never lets script, style or event attributes reach the DOM from content, meta, presence or the API', async () => {
    const session = await signedInSession('editor@esdc.example');
    const el = await openEditor(session);
    const doc = el.ydoc!;
    const hostileScripts = watchForHostileScripts();
    const hostile = '<img src=x onerror="window.pwned=true"><script>window.pwned=true</script><style>*{display:none}</style>';
    // Document content written by a hostile client straight into the Y.Doc.
    doc.transact(() => {
      const section = doc.getXmlFragment('en').get(0) as Y.XmlElement;
      const p = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      text.insert(0, hostile);
      text.insert(text.length, 'click', { link: { href: 'javascript:window.pwned=true', onclick: 'window.pwned=true' } });
      p.insert(0, [text]);
      const script = new Y.XmlElement('script');
      script.setAttribute('onload', 'window.pwned=true');
      section.insert(1, [p]);
      doc.getXmlFragment('en').insert(1, [script]);
      doc.getMap('meta').set('title_en', `"><script>window.pwned=true</script><img src=x onerror="window.pwned=true">`);
    });
    // A presence state from a hostile peer.
    el.sharedDocument!.awareness.setLocalStateField('user', { id: 'x', name: '<img src=x onerror="window.pwned=true">', color: 'red;background:url(javascript:1)' });
    // A suggestion inserted through the API as HTML.
    const range = el.findText('en', 'Delivers')!;
    expect(range).to.not.equal(null);
    el.replaceRange('en', range.from, range.to, '<a href="javascript:window.pwned=true" onmouseover="window.pwned=true">Offers</a><script>window.pwned=true</script><iframe src="javascript:1"></iframe>', { html: true });
    await el.updateComplete;
    // Rendered: the suggestion in the pane and the hostile title in its field.
    await waitUntil(
      () => el.getView('en')!.dom.textContent!.includes('Offers') && el.shadowRoot!.querySelector<HTMLInputElement>('input[name=title_en]')?.value.includes('<script>'),
      'the hostile content rendered',
    );
    const root = el.shadowRoot!;
    expect(root.querySelector('script, style, iframe, img, object, embed')).to.equal(null);
    for (const node of root.querySelectorAll('*')) {
      for (const attr of Array.from(node.attributes)) {
        expect(attr.name.startsWith('on'), `${node.tagName} ${attr.name}`).to.equal(false);
        expect(/javascript:/i.test(attr.value), `${node.tagName} ${attr.name}=${attr.value}`).to.equal(false);
      }
    }
    expect(root.textContent).to.contain('<script>window.pwned=true</script>'); // shown as text
    expect(root.querySelector<HTMLInputElement>('input[name=title_en]')!.value).to.contain('<script>');
    expect(el.getView('en')!.state.doc.textContent).to.contain('Offers');
    expect(hostileScripts.ran()).to.equal(false);
  });

  it('decorates ranges that follow edits, and replaces text as one undoable step', async () => {
    const session = await signedInSession('editor@esdc.example');
    const el = await openEditor(session);
    const phrase = 'grants and contributions';
    const range = el.findText('en', phrase, 'client-service-results')!;
    el.decorate('en', [{ id: 'finding-1', from: range.from, to: range.to, kind: 'finding', title: 'Check this' }]);
    await el.updateComplete;
    const mark = el.shadowRoot!.querySelector('[data-range-id=finding-1]')!;
    expect(mark.classList.contains('jd-range-finding')).to.equal(true);
    expect(mark.textContent).to.equal(phrase);
    const start = selectionInSection(el.getView('en')!, 'client-service-results')!.from;
    el.insertText('en', start + 1, 'XYZ ');
    // A remote change too: the decoration is re-resolved from its Yjs relative positions.
    el.ydoc!.transact(() => el.ydoc!.getMap('meta').set('department', 'ESDC'), 'remote');
    const moved = el.decorationPositions('en').get('finding-1')!;
    expect(moved.from).to.be.greaterThan(range.from);
    expect(el.getView('en')!.state.doc.textBetween(moved.from, moved.to)).to.equal(phrase);
    const before = el.getView('en')!.state.doc.textContent;
    expect(el.replaceRange('en', moved.from, moved.to, 'Delivers')).to.equal(true);
    expect(el.getView('en')!.state.doc.textContent).to.contain('Delivers');
    expect(el.undo('en')).to.equal(true);
    expect(el.getView('en')!.state.doc.textContent).to.equal(before);
    el.undecorate('en', ['finding-1']);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-range-id=finding-1]')).to.equal(null);
  });

  it('adds a custom section in both languages at once, with the same id', async () => {
    const session = await signedInSession('editor@esdc.example');
    const el = await openEditor(session);
    const id = el.addSection('Security', 'Sécurité')!;
    expect(id).to.match(/^custom-/);
    for (const lang of ['en', 'fr'] as const) {
      const last = el.getView(lang)!.state.doc.lastChild!;
      expect(last.attrs['sectionId']).to.equal(id);
      expect(last.attrs['kind']).to.equal('custom');
    }
    expect(el.getView('fr')!.state.doc.lastChild!.firstChild!.textContent).to.equal('Sécurité');
  });

  it('keeps structure: deleting across sections is refused', async () => {
    const session = await signedInSession('editor@esdc.example');
    const el = await openEditor(session);
    const view = el.getView('en')!;
    const size = view.state.doc.content.size;
    view.dispatch(view.state.tr.delete(1, size - 1));
    expect(view.state.doc.childCount).to.equal(6);
  });

  it('reopens from the IndexedDB cache when offline', async () => {
    const cacheName = uniqueCache('offline');
    const { apiUrl, anonKey } = await stack();
    const first = await fixture<JdSession>(html`<jd-session supabase-url=${apiUrl} anon-key=${anonKey} cache-name=${cacheName} .broadcastChannel=${false}></jd-session>`);
    await first.signIn('editor@esdc.example', PASSWORD);
    const a = await openEditor(first);
    typeInto(a, 'fr', 'effort', ' Texte hors ligne 42.');
    // y-indexeddb stores each update as it happens: wait until a fresh reader finds it there.
    await waitUntil(async () => (await cachedContent(`${cacheName}/${a.documentId}`, 'fr')).includes('Texte hors ligne 42.'), 'the edit in the IndexedDB cache', { timeout: 5000 });
    a.remove();
    first.remove();
    // The second page cannot reach the API at all: the stored sign-in, the remembered access and the cache open it.
    const second = await fixture<JdSession>(html`<jd-session supabase-url="http://127.0.0.1:9" anon-key=${anonKey} cache-name=${cacheName} .broadcastChannel=${false}></jd-session>`);
    await waitUntil(() => second.user?.email === 'editor@esdc.example', 'stored sign-in', { timeout: 5000 });
    const started = performance.now();
    const b = await openEditor(second);
    expect(performance.now() - started).to.be.below(3000);
    expect(sectionText(b, 'fr', 'effort')).to.contain('Texte hors ligne 42.');
    expect(b.status).to.equal('offline');
    expect(b.matches(':state(offline)')).to.equal(true);
    await second.signOut();
  });

  it('saves, lists, shows and restores versions, as a new change', async () => {
    const session = await signedInSession('admin@esdc.example');
    const el = await openEditor(session);
    const number = await el.saveVersion('Before restructuring');
    expect(number, 'save_version').to.be.a('number');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=versions]')!.textContent).to.contain('Before restructuring');
    expect(await el.viewVersion(number!)).to.equal(true);
    await el.updateComplete;
    const view = el.shadowRoot!.querySelector('[part=version-view]')!;
    expect(view.textContent).to.contain('Before restructuring');
    expect(view.querySelectorAll('[contenteditable]').length).to.equal(0);
  });

  it('runs the review workflow: submit (editor), request changes and approve (reviewer)', async () => {
    const editorSession = await signedInSession('editor@tc.example');
    // A document of its own: in review, a document's text is locked for everyone, and the seeded one is opened by later files.
    const documentId = await createDocument(editorSession, 'Workflow test');
    const el = await openEditor(editorSession, documentId);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=workflow]')!.textContent!.includes('Draft'), 'draft status');
    const submitted = oneEvent(el, 'jd-workflow');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=workflow] button.primary')!.click();
    expect(((await submitted) as unknown as { status: string }).status).to.equal('in_review');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=workflow]')!.textContent).to.contain('In review');
    // The editor is not a reviewer: the server says so, clearly, with what to do.
    expect(await el.workflow('approved')).to.equal(false);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=workflow] [role=alert]')!.textContent).to.contain('Could not approve: your role does not allow it.');
  });

  it('is accessible in English and in French, and every control is reachable with the keyboard', async () => {
    for (const lang of ['en', 'fr']) {
      const session = await signedInSession('editor@esdc.example', { lang });
      const el = await openEditor(session);
      el.shadowRoot!.querySelector<HTMLDetailsElement>('[part=versions]')!.open = true;
      // The review panel loads after the panes (its Submit button is one of the controls).
      await waitUntil(() => !el.shadowRoot!.querySelector('[part=workflow] [role=status]')!.textContent!.includes('—'), 'review status loaded');
      await el.updateComplete;
      expect(el.shadowRoot!.textContent).to.contain(lang === 'fr' ? 'Identification du poste' : 'Position identification');
      await expect(el).to.be.accessible();

      // Controls of a closed dialog (the submit warning) are not on the page until it opens.
      const all = Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('button:not([disabled]), input, select, textarea, summary, [contenteditable=true]')).filter((c) => !c.closest('dialog:not([open])'));
      expect(all.length).to.be.greaterThan(15);
      // The toolbar is one tab stop (roving tabindex): Tab reaches its current button, the
      // arrow keys the others (toolbar.test.ts covers its keys in detail).
      const toolbar = Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[part=toolbar] > button:not([disabled])'));
      const controls = all.filter((c) => !toolbar.includes(c) || c.tabIndex === 0);
      const reached = new Set<Element>();
      controls[0]!.focus();
      reached.add(el.shadowRoot!.activeElement!);
      for (let i = 0; i < controls.length + 30 && reached.size < controls.length; i++) {
        await sendKeys({ press: 'Tab' });
        if (el.shadowRoot!.activeElement) reached.add(el.shadowRoot!.activeElement);
      }
      toolbar.find((b) => b.tabIndex === 0)!.focus();
      for (let i = 0; i < toolbar.length; i++) {
        await sendKeys({ press: 'ArrowRight' });
        await el.updateComplete;
        if (el.shadowRoot!.activeElement) reached.add(el.shadowRoot!.activeElement);
      }
      const missed = all.filter((c) => !reached.has(c)).map((c) => c.getAttribute('title') ?? c.getAttribute('name') ?? `${c.tagName} ${c.textContent?.trim()} ${c.closest('[part]')?.getAttribute('part')}`);
      expect(missed).to.deep.equal([]);
      // Keyboard formatting in the text.
      const view = el.getView('en')!;
      view.focus();
      const range = el.findText('en', 'Delivers')!;
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)));
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'b' });
      await sendKeys({ up: 'Control' });
      expect(view.state.doc.rangeHasMark(range.from, range.to, view.state.schema.marks['strong']!)).to.equal(true);
      el.undo('en');
      session.remove();
    }
  });

  it('stacks the panes on narrow screens', async () => {
    const session = await signedInSession('editor@esdc.example');
    session.style.width = '500px';
    session.style.display = 'block';
    const el = await openEditor(session);
    const [en, fr] = Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[part~=pane]'));
    expect(fr!.getBoundingClientRect().top).to.be.greaterThan(en!.getBoundingClientRect().bottom - 1);
    session.style.width = '1400px';
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    expect(fr!.getBoundingClientRect().top).to.equal(en!.getBoundingClientRect().top);
  });
});

describe('<jd-editor> through the sync server', () => {
  it('converges after concurrent typing in both languages, with remote cursors named', async () => {
    const url = await syncUrl();
    const sa = await signedInSession('editor@esdc.example', { cacheName: uniqueCache('a') });
    const sb = await signedInSession('translator@esdc.example', { cacheName: uniqueCache('b') });
    sa.syncUrl = url;
    sb.syncUrl = url;
    const a = await openEditor(sa);
    const b = await openEditor(sb);
    await waitUntil(() => a.sharedDocument!.serverSynced && b.sharedDocument!.serverSynced, 'both synced', { timeout: 8000 });
    for (let i = 0; i < 5; i++) {
      typeInto(a, 'en', 'responsibility', ` a${i}`);
      typeInto(b, 'fr', 'responsibility', ` b${i}`);
      typeInto(b, 'en', 'responsibility', ` c${i}`);
      typeInto(a, 'fr', 'responsibility', ` d${i}`);
    }
    const same = () =>
      a.ydoc!.getXmlFragment('en').toString() === b.ydoc!.getXmlFragment('en').toString() &&
      a.ydoc!.getXmlFragment('fr').toString() === b.ydoc!.getXmlFragment('fr').toString();
    await waitUntil(same, 'documents converge', { timeout: 8000 });
    expect(sectionText(a, 'en', 'responsibility')).to.contain('a4').and.contain('c4');
    expect(sectionText(b, 'fr', 'responsibility')).to.contain('b4').and.contain('d4');
    await waitUntil(() => a.status === 'saved', 'saved', { timeout: 8000 });
    expect(a.matches(':state(saved)')).to.equal(true);

    const view = a.getView('fr')!;
    view.focus();
    view.dispatch(view.state.tr.setSelection(selectionInSection(view, 'skill')!));
    await waitUntil(() => b.shadowRoot!.querySelector('[part~=pane-fr] .jd-cursor-label')?.textContent === 'Eddie Editor', 'A\'s cursor in B', { timeout: 5000 });
    expect(b.shadowRoot!.querySelector('[part=presence]')!.textContent).to.contain('Eddie Editor');
  });

  it('merges both sides\' edits made while the sync server is down, once it is back', async function () {
    this.timeout(60_000);
    // A sync server of this file's own (the jd-stack-sync server command), so stopping it cuts
    // off no other test file, and a document of its own, which no other test opens.
    const server = await ownSyncServer();
    try {
      // The only path between the two pages is the sync server: these sessions have no
      // signaling-url (signedInSession never sets one), so y-webrtc stays off, and
      // BroadcastChannel is off too. The same user in two browsers (TC has one editor).
      const sa = await signedInSession('editor@tc.example', { cacheName: uniqueCache('a') });
      const sb = await signedInSession('editor@tc.example', { cacheName: uniqueCache('b') });
      const documentId = await createDocument(sa, 'Network outage test');
      sa.syncUrl = server.url;
      sb.syncUrl = server.url;
      const a = await openEditor(sa, documentId);
      const b = await openEditor(sb, documentId);
      const docA = a.sharedDocument!;
      const docB = b.sharedDocument!;
      expect(docA.webrtc).to.equal(null);
      expect(docB.webrtc).to.equal(null);
      const same = () => (['en', 'fr'] as const).every((lang) => a.ydoc!.getXmlFragment(lang).toString() === b.ydoc!.getXmlFragment(lang).toString());
      await waitUntil(() => docA.serverSynced && docB.serverSynced && same(), 'both synced', { timeout: 10_000 });
      const websocketA = docA.websocket!;
      const websocketB = docB.websocket!;
      const closeCodes: Record<'a' | 'b', number[]> = { a: [], b: [] };
      websocketA.on('connection-close', (event) => event && closeCodes.a.push(event.code));
      websocketB.on('connection-close', (event) => event && closeCodes.b.push(event.code));

      await server.stop();
      // The server closed both with 1012 (service restart) and both pages know they are offline:
      // reconnecting, as they were connected before (:state(offline) covers it too).
      await waitUntil(() => a.status === 'reconnecting' && b.status === 'reconnecting', 'both reconnecting', { timeout: 5000 });
      expect(closeCodes.a).to.include(1012);
      expect(closeCodes.b).to.include(1012);
      expect(a.matches(':state(offline)') && b.matches(':state(offline)')).to.equal(true);

      typeInto(a, 'en', 'working-conditions', ' offline-A');
      typeInto(b, 'fr', 'working-conditions', ' hors-ligne-B');
      typeInto(b, 'en', 'working-conditions', ' offline-B'); // the same paragraph A typed in
      // While the server is down nothing gets across: each page tries to reconnect after the edits
      // and fails (y-websocket counts the attempts) before anything is checked.
      const attempts = { a: websocketA.wsUnsuccessfulReconnects, b: websocketB.wsUnsuccessfulReconnects };
      await waitUntil(
        () => websocketA.wsUnsuccessfulReconnects > attempts.a && websocketB.wsUnsuccessfulReconnects > attempts.b,
        'both pages tried to reconnect after the edits, and failed',
        { timeout: 8000 },
      );
      expect(sectionText(b, 'en', 'working-conditions')).not.to.contain('offline-A');
      expect(sectionText(a, 'en', 'working-conditions')).not.to.contain('offline-B');
      expect(a.status).to.equal('reconnecting');
      expect(b.status).to.equal('reconnecting');

      await server.start();
      // Both reconnect on their own (same URL, y-websocket's backoff is at most 2.5 s) and merge.
      const merged = (el: JdEditor) =>
        ['offline-A', 'offline-B'].every((t) => sectionText(el, 'en', 'working-conditions').includes(t)) &&
        sectionText(el, 'fr', 'working-conditions').includes('hors-ligne-B');
      await waitUntil(() => merged(a) && merged(b) && same(), 'merged through the restarted server', { timeout: 15_000 });
      expect(docA.websocket).to.equal(websocketA);
      expect(docB.websocket).to.equal(websocketB);
      // saved: the server confirmed it holds this page's changes.
      await waitUntil(() => a.status === 'saved' && b.status === 'saved', 'both saved', { timeout: 10_000 });

      // The edits are in the database: a third page, with an empty cache, opens the document
      // through the stack's shared sync server, which never had it in memory and so loads it
      // from Postgres.
      const expected = { en: sectionText(a, 'en', 'working-conditions'), fr: sectionText(a, 'fr', 'working-conditions') };
      sa.remove();
      sb.remove();
      await server.close();
      const sc = await signedInSession('editor@tc.example', { cacheName: uniqueCache('c'), withSync: true });
      expect(sc.syncUrl).not.to.equal(server.url);
      const c = await openEditor(sc, documentId);
      await waitUntil(() => c.sharedDocument!.serverSynced, 'third page synced', { timeout: 10_000 });
      expect(sectionText(c, 'en', 'working-conditions')).to.equal(expected.en);
      expect(sectionText(c, 'fr', 'working-conditions')).to.equal(expected.fr);
    } finally {
      await server.close();
    }
  });

  it('a viewer cannot change the document: the UI is read-only and the server refuses updates', async () => {
    const url = await syncUrl();
    const sv = await signedInSession('viewer@esdc.example', { cacheName: uniqueCache('v') });
    const se = await signedInSession('editor@esdc.example', { cacheName: uniqueCache('e') });
    sv.syncUrl = url;
    se.syncUrl = url;
    const viewer = await openEditor(sv);
    const editor = await openEditor(se);
    await waitUntil(() => viewer.sharedDocument!.serverSynced && editor.sharedDocument!.serverSynced, 'both synced', { timeout: 8000 });
    expect(viewer.editable).to.equal(false);
    // Bypass the UI: write into the viewer's Y.Doc directly; the server must not pass it on.
    const refusedBefore = await refusedReadOnlyUpdates(url);
    viewer.ydoc!.getMap('meta').set('title_en', 'Changed by a viewer');
    typeInto(editor, 'en', 'effort', ' editor-mark');
    await waitUntil(() => sectionText(viewer, 'en', 'effort').includes('editor-mark'), 'editor reaches viewer', { timeout: 8000 });
    // The server's count of refused read-only updates grew: it has judged the viewer's update.
    await waitUntil(async () => (await refusedReadOnlyUpdates(url)) > refusedBefore, 'the server refused the viewer update', { timeout: 8000 });
    expect(editor.ydoc!.getMap('meta').get('title_en')).not.to.equal('Changed by a viewer');
  });
});
