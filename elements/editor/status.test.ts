// Issue 12 item 3, state you can see: every state is reached for real, through the stack (a sync
// server this file stops and restarts, the real gateway, real workflow RPCs, the page taken off
// the network), and checked in English and French.
import { expect, waitUntil } from '@open-wc/testing';
import './define.js';
import type { JdEditor } from './editor.js';
import { createDocument, ESDC_DOC, ownSyncServer, syncErrors, cutOffApi, signedInSession, syncUrl, uniqueCache, withScratchEsdcDocument } from '../core/test-helpers.js';
import { confirmSubmitWarning, openEditor, personOn } from './test-support.js';
import { selectionInSection } from './pane.js';
import { ANNOUNCE_DELAY_MS } from './status-controller.js';

const shadow = (el: JdEditor) => el.shadowRoot!;
/** What the connection indicator shows. */
const statusText = (el: JdEditor) => shadow(el).querySelector('[part=status]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** What the polite live region has announced. */
const announced = (el: JdEditor) => shadow(el).querySelector('.visually-hidden[role=status]')?.textContent?.trim() ?? '';
const readOnlyNotice = (el: JdEditor) => shadow(el).querySelector<HTMLElement>('[part=notice].read-only');
const badgeText = (el: JdEditor) => shadow(el).querySelector('[part=review-badge]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (el: JdEditor, scope: string, label: RegExp) =>
  Array.from(shadow(el).querySelectorAll<HTMLButtonElement>(`${scope} button`)).find((b) => label.test(b.textContent ?? ''));

/** Appends text at the end of a section through the editor's API (false when read-only). */
function append(el: JdEditor, text: string, sectionId = 'skill'): boolean {
  const end = selectionInSection(el.getView('en')!, sectionId, true);
  if (!end) throw new Error(`no section ${sectionId}`);
  return el.insertText('en', end.from, text);
}

describe('<jd-editor> state you can see', () => {
  it('shows offline, reconnecting and saved for real, and announces a status only once it holds', async function () {
    this.timeout(60_000);
    const server = await ownSyncServer();
    try {
      const sa = await signedInSession('editor@tc.example', { cacheName: uniqueCache('status-a') });
      const documentId = await createDocument(sa, 'Status indicator test');
      sa.syncUrl = server.url;
      const a = await openEditor(sa, documentId);
      await waitUntil(() => a.sharedDocument!.serverSynced && selectionInSection(a.getView('en')!, 'skill', true), 'A synced with content', { timeout: 15_000 });
      await waitUntil(() => a.status === 'saved' || a.status === 'connected', 'A in sync', { timeout: 10_000 });
      expect(shadow(a).querySelector('[part=status]')!.getAttribute('data-status')).to.equal(a.status);

      // Dropped while connected: reconnecting, not offline; :state(offline) still says "no connection".
      await server.stop();
      await waitUntil(() => a.status === 'reconnecting', `A reconnecting (is ${a.status})`, { timeout: 5000 });
      expect(a.matches(':state(reconnecting)') && a.matches(':state(offline)')).to.equal(true);
      expect(statusText(a)).to.equal('Connection lost — reconnecting… Your changes are kept on this device.');
      // The live region waits for the status to hold before it speaks.
      expect(announced(a)).not.to.equal(statusText(a));
      await waitUntil(() => announced(a) === statusText(a), 'the reconnecting status announced once it held', { timeout: ANNOUNCE_DELAY_MS * 3 });

      // A page that never reached the server (opened while it is down), in French: offline.
      const sb = await signedInSession('editor@tc.example', { cacheName: uniqueCache('status-b'), lang: 'fr' });
      sb.syncUrl = server.url;
      const b = document.createElement('jd-editor');
      b.documentId = documentId;
      sb.append(b);
      await waitUntil(() => b.documentState.phase === 'open', 'B open from its remembered access', { timeout: 8000 });
      await b.updateComplete;
      expect(b.status).to.equal('offline');
      expect(statusText(b)).to.equal('Hors ligne — vos modifications sont conservées sur cet appareil et seront envoyées à la reconnexion');

      // Edits while down stay on the device; the indicator keeps saying so.
      expect(append(a, ' kept-while-down')).to.equal(true);
      expect(a.status).to.equal('reconnecting');

      await server.start();
      await waitUntil(() => a.status === 'saved', `A saved after the restart (is ${a.status})`, { timeout: 15_000 });
      expect(statusText(a)).to.match(/^All changes saved at \d{1,2}:\d{2}/);
      await waitUntil(() => b.status === 'connected' || b.status === 'saved', `B connected (is ${b.status})`, { timeout: 15_000 });
      await waitUntil(() => b.getView('en')!.state.doc.textContent.includes('kept-while-down'), 'the edit made while down reached B', { timeout: 10_000 });
      expect(['À jour', 'Toutes les modifications sont enregistrées']).to.include(statusText(b).replace(/ à .*$/, ''));

      // Typing flips syncing and saved several times a second: the announcement is not made for each flip.
      const before = announced(a);
      const spoken: string[] = [];
      const region = shadow(a).querySelector('.visually-hidden[role=status]')!;
      const observer = new MutationObserver(() => spoken.push(region.textContent ?? ''));
      observer.observe(region, { childList: true, characterData: true, subtree: true });
      for (let i = 0; i < 5; i++) {
        append(a, ` t${i}`);
        await waitUntil(() => a.status === 'saved', 'saved after a keystroke', { timeout: 5000 });
      }
      observer.disconnect();
      expect(spoken.length, `announcements while typing: ${JSON.stringify(spoken)}`).to.be.at.most(1);
      expect(before).to.not.equal('');
      sa.remove();
      sb.remove();
    } finally {
      await server.close();
    }
  });

  it('says what to do when the sync server refuses the session (4401), at once, and recovers with a valid token', async function () {
    this.timeout(30_000);
    const person = await personOn('editor@esdc.example', ESDC_DOC);
    const el = person.editor;
    await waitUntil(() => el.status === 'connected' || el.status === 'saved', 'in sync', { timeout: 8000 });
    // The server's real answer to a token it does not accept: the same close (4401) as at expiry.
    const websocket = el.sharedDocument!.websocket!;
    websocket.params = { ...websocket.params, token: 'not-a-valid-token' };
    websocket.disconnect();
    websocket.connect();
    await waitUntil(() => el.status === 'error', `refused (is ${el.status})`, { timeout: 8000 });
    expect(el.sharedDocument!.refusal).to.equal('unauthorized');
    expect(el.matches(':state(error)') && el.matches(':state(offline)')).to.equal(true);
    expect(statusText(el)).to.equal('Your session expired. Sign in again to keep saving; your changes are kept on this device.');
    // Needs the user to act: announced without waiting for the status to hold.
    await waitUntil(() => announced(el) === statusText(el), 'the refusal announced', { timeout: ANNOUNCE_DELAY_MS / 2 });
    // The session hands its (valid) token to the document again when it changes, e.g. its language.
    person.session.lang = 'fr';
    await waitUntil(() => el.status === 'connected' || el.status === 'saved', `reconnected with the session's token (is ${el.status})`, { timeout: 8000 });
    person.session.remove();
  });

  it('tells a viewer and a reviewer why they cannot edit, in English and French', async () => {
    await openEditor(await signedInSession('editor@esdc.example', { withSync: true }));
    const viewer = await openEditor(await signedInSession('viewer@esdc.example', { withSync: true }));
    expect(readOnlyNotice(viewer)!.dataset['reason']).to.equal('viewer');
    expect(readOnlyNotice(viewer)!.textContent).to.contain('Read only.').and.contain('To change it, ask an administrator of your department for the editor role.');
    const viewerFr = await openEditor(await signedInSession('viewer@esdc.example', { withSync: true, lang: 'fr' }));
    expect(readOnlyNotice(viewerFr)!.textContent).to.contain('Lecture seule.').and.contain('Pour la modifier, demandez le rôle de rédacteur');
    const reviewer = await openEditor(await signedInSession('reviewer@esdc.example', { withSync: true }));
    expect(readOnlyNotice(reviewer)!.dataset['reason']).to.equal('reviewer');
    expect(readOnlyNotice(reviewer)!.textContent).to.contain('read and comment');
    // The review status sits beside the toolbar.
    await waitUntil(() => badgeText(viewer) !== '', 'the review badge', { timeout: 8000 });
    expect(badgeText(viewer)).to.equal('Review status: Draft');
    await waitUntil(() => badgeText(viewerFr) !== '', 'the French review badge', { timeout: 8000 });
    expect(badgeText(viewerFr)).to.equal('État de la révision : Ébauche');
  });

  it('locks the text in review (the server refuses edits too), says why, and unlocks it when changes are requested', async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('Review lock test', async (documentId) => {
      const editor = await personOn('editor@esdc.example', documentId);
      const reviewer = await personOn('reviewer@esdc.example', documentId);
      // A second writer whose page sends an update around the element, to see what the server does with it.
      const admin = await personOn('admin@esdc.example', documentId);
      expect(editor.editor.editable).to.equal(true);
      expect(readOnlyNotice(editor.editor)).to.equal(null);

      // Submitting shows progress on the button until the server answers (first while the
      // compliance findings are read, then while submitting).
      await waitUntil(() => button(editor.editor, '[part=workflow]', /Submit for review/), 'the submit button', { timeout: 8000 });
      button(editor.editor, '[part=workflow]', /Submit for review/)!.click();
      await editor.editor.updateComplete;
      const busy = button(editor.editor, '[part=workflow]', /Checking findings…|Submitting…/);
      expect(busy, 'the button says Checking findings… or Submitting…').to.not.equal(undefined);
      expect(busy!.disabled).to.equal(true);
      expect(busy!.getAttribute('aria-busy')).to.equal('true');
      await confirmSubmitWarning(editor.editor);

      await waitUntil(() => readOnlyNotice(editor.editor)?.dataset['reason'] === 'in_review', 'the in-review lock shown to its editor', { timeout: 8000 });
      expect(readOnlyNotice(editor.editor)!.textContent).to.contain('Locked while in review');
      expect(editor.editor.editable).to.equal(false);
      expect(editor.editor.matches(':state(read-only)')).to.equal(true);
      expect(badgeText(editor.editor)).to.equal('Review status: In review');
      expect(append(editor.editor, ' refused')).to.equal(false);

      // The lock is the server's: an update sent anyway (bypassing the element) is refused.
      const url = await syncUrl();
      // A writer's text is refused from the moment Postgres announces the new status (the
      // connection is re-checked in place). Sent through the admin's page: a refused update stays
      // in its sender's Y.Doc and holds back that sender's later ones until it reconnects.
      await waitUntil(() => readOnlyNotice(admin.editor)?.dataset['reason'] === 'in_review', 'locked for the admin too', { timeout: 8000 });
      const refusedBefore = await syncErrors(url, 'update-refused');
      admin.editor.ydoc!.getMap('meta').set('position_number', 'written-in-review');
      await waitUntil(async () => (await syncErrors(url, 'update-refused')) > refusedBefore, 'the sync server refuses an edit of a document in review', {
        timeout: 8000,
        interval: 200,
      });
      expect(reviewer.editor.ydoc!.getMap('meta').get('position_number')).to.not.equal('written-in-review');

      // In French, the same reason.
      editor.session.lang = 'fr';
      await editor.session.updateComplete;
      await editor.editor.updateComplete;
      expect(readOnlyNotice(editor.editor)!.textContent).to.contain('Verrouillée pendant la révision');
      expect(badgeText(editor.editor)).to.equal('État de la révision : En révision');
      editor.session.lang = 'en';

      // Changes requested: a draft again, editable again, on the server too (the edit reaches the reviewer).
      await waitUntil(() => button(reviewer.editor, '[part=workflow]', /Request changes/), 'the reviewer may decide', { timeout: 8000 });
      shadow(reviewer.editor).querySelector<HTMLTextAreaElement>('textarea[name=review-comment]')!.value = 'Name the clients.';
      button(reviewer.editor, '[part=workflow]', /Request changes/)!.click();
      await waitUntil(() => editor.editor.editable, 'editable again', { timeout: 8000 });
      expect(readOnlyNotice(editor.editor)).to.equal(null);
      await waitUntil(() => badgeText(editor.editor) === 'Review status: Changes requested', `badge: ${badgeText(editor.editor)}`, { timeout: 8000 });
      // The page learns the new status after Postgres announced it to the sync server, which has
      // made the connection writable again by then: the edit gets through.
      const marker = ` unlocked-${Date.now()}`;
      expect(append(editor.editor, marker)).to.equal(true);
      await waitUntil(() => reviewer.editor.getView('en')!.state.doc.textContent.includes(marker), 'an edit after "changes requested" reaches the reviewer', {
        timeout: 8000,
      });
      for (const person of [editor, reviewer, admin]) person.session.remove();
    });
  });

  it('an approved document says so to its editor, and Start a new revision makes it editable again', async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('Reopen test', async (documentId) => {
      const editor = await personOn('editor@esdc.example', documentId);
      const reviewer = await personOn('reviewer@esdc.example', documentId);
      expect(await editor.editor.workflow('submit')).to.equal(true);
      await waitUntil(() => reviewer.editor.canDecide, 'the reviewer may decide', { timeout: 8000 });
      expect(await reviewer.editor.workflow('approved')).to.equal(true);
      await waitUntil(() => readOnlyNotice(editor.editor)?.dataset['reason'] === 'approved', 'the approved lock shown to the editor', { timeout: 8000 });
      expect(readOnlyNotice(editor.editor)!.textContent).to.contain('Approved: the text is locked. To change it, start a new revision');
      expect(badgeText(editor.editor)).to.equal('Review status: Approved');
      // The reviewer is offered no way to reopen it (the job description guard refuses reviewers).
      expect(button(reviewer.editor, '[part=notice]', /Start a new revision/)).to.equal(undefined);

      button(editor.editor, '[part=notice]', /Start a new revision/)!.click();
      await editor.editor.updateComplete;
      expect(button(editor.editor, '[part=notice]', /Starting a new revision…/)?.disabled, 'the button says Starting a new revision… and waits').to.equal(true);
      await waitUntil(() => editor.editor.editable, 'editable again', { timeout: 8000 });
      expect(badgeText(editor.editor)).to.equal('Review status: Draft');
      expect(readOnlyNotice(editor.editor)).to.equal(null);
      // The server agrees: the edit reaches the reviewer.
      const marker = ` reopened-${Date.now()}`;
      expect(append(editor.editor, marker)).to.equal(true);
      await waitUntil(() => reviewer.editor.getView('en')!.state.doc.textContent.includes(marker), 'the edit after reopening reaches the reviewer', { timeout: 8000 });
      for (const person of [editor, reviewer]) person.session.remove();
    });
  });

  it('a step that fails offline says what to do, keeps what was typed, and Try again runs it', async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('Offline failure test', async (documentId) => {
      const editor = await personOn('editor@esdc.example', documentId);
      await waitUntil(() => button(editor.editor, '[part=workflow]', /Submit for review/), 'the submit button', { timeout: 8000 });
      const versions = shadow(editor.editor).querySelector<HTMLDetailsElement>('[part=versions]')!;
      versions.open = true;
      const name = versions.querySelector<HTMLInputElement>('input[name=version-name]')!;
      try {
        await cutOffApi(true);
        button(editor.editor, '[part=workflow]', /Submit for review/)!.click();
        const alert = () => shadow(editor.editor).querySelector('[part=workflow] .failure[role=alert]')?.textContent ?? '';
        await waitUntil(() => alert() !== '', 'the failure is shown', { timeout: 10_000 });
        expect(alert()).to.contain('Could not submit: you are offline. Try again when you are back online.');
        expect(badgeText(editor.editor)).to.equal('Review status: Draft');

        name.value = 'Before review';
        versions.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
        const versionAlert = () => versions.querySelector('.failure[role=alert]')?.textContent ?? '';
        await waitUntil(() => versionAlert() !== '', 'the version failure is shown', { timeout: 10_000 });
        expect(versionAlert()).to.contain('Could not save the version: you are offline.');
        expect(name.value, 'the typed name is kept').to.equal('Before review');

        // In French.
        editor.session.lang = 'fr';
        await editor.session.updateComplete;
        await editor.editor.updateComplete;
        expect(button(editor.editor, '[part=workflow] .failure', /Réessayer/)).to.not.equal(undefined);
        editor.session.lang = 'en';
        await editor.session.updateComplete;
        await editor.editor.updateComplete;
      } finally {
        await cutOffApi(false);
      }
      // Back online, Try again runs the same step.
      button(editor.editor, '[part=workflow] .failure', /Try again/)!.click();
      await confirmSubmitWarning(editor.editor);
      await waitUntil(() => badgeText(editor.editor) === 'Review status: In review', `submitted on retry: ${badgeText(editor.editor)}`, { timeout: 10_000 });
      expect(shadow(editor.editor).querySelector('[part=workflow] .failure')).to.equal(null);
      editor.session.remove();
    });
  });

  it('lists who is here, with the pane they are in, from a keyboard-reachable button', async function () {
    this.timeout(30_000);
    const a = await personOn('editor@esdc.example', ESDC_DOC);
    const b = await personOn('translator@esdc.example', ESDC_DOC, { lang: 'fr' });
    const presenceButton = (el: JdEditor) => shadow(el).querySelector<HTMLButtonElement>('[part=presence-button]')!;
    await waitUntil(() => /^2 people here: /.test(nameOf(presenceButton(a.editor))), 'two people in A', { timeout: 8000 });
    expect(nameOf(presenceButton(a.editor))).to.equal('2 people here: Eddie Editor (you), Thérèse Traductrice');
    expect(presenceButton(a.editor).getAttribute('aria-expanded')).to.equal('false');
    presenceButton(a.editor).click();
    await a.editor.updateComplete;
    expect(presenceButton(a.editor).getAttribute('aria-expanded')).to.equal('true');
    expect(shadow(a.editor).querySelector<HTMLElement>('[part=presence]')!.hidden).to.equal(false);

    // B puts its cursor in the French pane: A's list says so.
    const view = b.editor.getView('fr')!;
    view.focus();
    view.dispatch(view.state.tr.setSelection(selectionInSection(view, 'skill')!));
    await waitUntil(() => presenceNames(a.editor).some((n) => n.endsWith('— in the French text')), `the pane in A's list: ${presenceNames(a.editor).join(' | ')}`, { timeout: 8000 });
    // In French for B.
    await waitUntil(() => nameOf(presenceButton(b.editor)) === '2 personnes présentes : Thérèse Traductrice (vous), Eddie Editor', `French summary: ${nameOf(presenceButton(b.editor))}`, { timeout: 8000 });
    a.session.remove();
    b.session.remove();
  });
});

/** A button's accessible name as its content gives it (what is not aria-hidden). */
function nameOf(button: HTMLElement): string {
  return button.querySelector('.visually-hidden')?.textContent?.trim() ?? '';
}

/** The names in an editor's presence list, as read. */
function presenceNames(el: JdEditor): string[] {
  return Array.from(shadow(el).querySelectorAll('[part=presence] li')).map((li) => li.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}
