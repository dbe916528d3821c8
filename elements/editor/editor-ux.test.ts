// Issue #21: what a new user hit in the editor (two browser contexts, every seeded role, EN and
// FR, keyboard only, 390 px). One test per finding, each through the real stack.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import type { JdEditor } from './editor.js';
import { signedInSession, ESDC_DOC, withScratchEsdcDocument } from '../core/test-helpers.js';
import { openEditor, personOn, workflowText, versionsText, decisionButtons, workflowShown } from './test-support.js';

const shadow = (el: JdEditor) => el.shadowRoot!;

function boxesOverlap(a: DOMRect, b: DOMRect): boolean {
  return a.width > 0 && b.width > 0 && a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
}

describe('<jd-editor> for a new user (issue #21)', () => {
  it('1. switching the interface language keeps you in everyone\'s presence', async function () {
    this.timeout(30_000);
    // A's page also joins the document's WebRTC room (its password comes from an RPC): that provider
    // is what dropped presence. B reads presence through the sync server only (one page holds one
    // y-webrtc room per document, so two simulated pages cannot both join).
    const a = await personOn('editor@esdc.example', ESDC_DOC, { signaling: true });
    await waitUntil(() => a.editor.sharedDocument!.webrtc?.room, 'A in the WebRTC room', { timeout: 8000 });
    const b = await personOn('translator@esdc.example', ESDC_DOC);
    const presenceInB = () => shadow(b.editor).querySelector('[part=presence]')?.textContent ?? '';
    await waitUntil(() => presenceInB().includes('Eddie Editor'), 'A in B\'s presence', { timeout: 8000 });

    for (const lang of ['fr', 'en']) {
      a.session.lang = lang;
      await a.session.updateComplete;
      await a.editor.updateComplete;
      expect(a.editor.sharedDocument!.awareness.getLocalState()?.['user'], `A's own presence after switching to ${lang}`).to.include({ name: 'Eddie Editor' });
      // An edit after the switch travels behind any presence change on the same connection.
      const marker = ` lang-${lang}-${Date.now()}`;
      a.editor.insertText('en', 3, marker);
      await waitUntil(() => b.editor.getView('en')!.state.doc.textContent.includes(marker), 'edit reached B', { timeout: 8000 });
      expect(presenceInB(), `A still in B's presence after switching to ${lang}`).to.contain('Eddie Editor');
      a.editor.undo('en');
    }
    a.session.remove();
    b.session.remove();
  });

  it('2. a reviewer reaches the read-only text with Tab and selects with the keyboard', async () => {
    const session = await signedInSession('reviewer@esdc.example', { withSync: true });
    const el = await openEditor(session);
    expect(el.editable).to.equal(false);
    const view = el.getView('en')!;
    // From the last identification field, Tab goes into the English text (the formatting toolbar
    // is disabled for a reader, so it takes no tab stop).
    shadow(el).querySelector<HTMLInputElement>('input[name=language_profile]')!.focus();
    for (let i = 0; i < 3 && shadow(el).activeElement !== view.dom; i++) await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement === view.dom, `the English text took focus (focus on ${shadow(el).activeElement?.tagName ?? 'nothing in the editor'})`).to.equal(true);
    expect(view.dom.getAttribute('aria-readonly')).to.equal('true');
    // A caret, and a selection made with Shift+Arrow keys.
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < 6; i++) await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ up: 'Shift' });
    expect(view.state.selection.empty, 'a keyboard selection').to.equal(false);
    expect(el.selectionAnchor('en'), 'something to comment on').to.not.equal(null);
    // Still read-only: typing changes nothing.
    const text = view.state.doc.textContent;
    await sendKeys({ type: 'xyz' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Enter' });
    expect(view.state.doc.textContent).to.equal(text);
    session.remove();
  });

  it('7. decisions are offered only to those who may decide; the decision, decider, date and comment are shown to everyone', async function () {
    this.timeout(40_000);
    await withScratchEsdcDocument('Decision rights test', async (documentId) => {
      const admin = await personOn('admin@esdc.example', documentId);
      await workflowShown(admin.editor, 'Draft');
      // The admin submits: an admin may decide, but not on their own submission.
      expect(await admin.editor.workflow('submit')).to.equal(true);
      await workflowShown(admin.editor, 'In review');
      await waitUntil(() => !admin.editor.shadowRoot!.querySelector('[part=workflow] [role=status]')?.textContent?.includes('Draft'));
      await admin.editor.updateComplete;
      const editor = await personOn('editor@esdc.example', documentId);
      const reviewer = await personOn('reviewer@esdc.example', documentId);
      await workflowShown(editor.editor, 'In review');
      await workflowShown(reviewer.editor, 'In review');
      await waitUntil(() => decisionButtons(reviewer.editor).length === 3, 'the reviewer is offered the decision', { timeout: 8000 });
      expect(decisionButtons(admin.editor).map((b) => b.textContent!.trim()), 'the submitter').to.deep.equal([]);
      expect(decisionButtons(editor.editor).map((b) => b.textContent!.trim()), 'an editor').to.deep.equal([]);
      expect(workflowText(admin.editor)).to.contain('Alain Admin');

      // The reviewer asks for changes, with a comment.
      shadow(reviewer.editor).querySelector<HTMLTextAreaElement>('textarea[name=review-comment]')!.value = 'Say who the clients are.';
      decisionButtons(reviewer.editor).find((b) => b.textContent!.includes('Request changes'))!.click();
      await workflowShown(reviewer.editor, 'Draft');
      // Everyone who opens the document sees the decision, who made it, when, and the comment.
      const viewer = await personOn('viewer@esdc.example', documentId, { lang: 'fr' });
      for (const el of [reviewer.editor, viewer.editor]) {
        await waitUntil(() => workflowText(el).includes('Rachel Reviewer'), 'decider shown', { timeout: 8000 });
        const decision = shadow(el).querySelector('[part=decision]')!;
        expect(decision.textContent).to.match(/Changes requested|Modifications demandées/);
        expect(decision.textContent).to.contain('Say who the clients are.');
        expect(decision.querySelector('time')?.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
      }
      for (const person of [admin, editor, reviewer, viewer]) person.session.remove();
    });
  });

  it('3. the review and versions panels update live for everyone', async function () {
    this.timeout(40_000);
    await withScratchEsdcDocument('Live workflow test', async (documentId) => {
      const editor = await personOn('editor@esdc.example', documentId);
      const reviewer = await personOn('reviewer@esdc.example', documentId);
      const viewer = await personOn('viewer@esdc.example', documentId);
      for (const el of [editor.editor, reviewer.editor, viewer.editor]) await workflowShown(el, 'Draft');
      expect(versionsText(reviewer.editor)).to.contain('No saved versions yet');

      // The editor saves a version and submits: the reviewer and the viewer see both, without reloading.
      expect(await editor.editor.saveVersion('Ready for review')).to.be.a('number');
      expect(await editor.editor.workflow('submit')).to.equal(true);
      for (const el of [reviewer.editor, viewer.editor]) {
        await waitUntil(() => versionsText(el).includes('Ready for review'), 'version listed live', { timeout: 5000 });
        await workflowShown(el, 'In review');
      }

      // The reviewer approves: the editor (and the viewer) see it without reloading.
      await waitUntil(() => decisionButtons(reviewer.editor).length === 3, 'decision offered', { timeout: 5000 });
      expect(await reviewer.editor.workflow('approved')).to.equal(true);
      await workflowShown(editor.editor, 'Approved');
      await workflowShown(viewer.editor, 'Approved');
      for (const person of [editor, reviewer, viewer]) person.session.remove();
    });
  });

  it('6. the toolbar and the connection status stay in view while working far down the text', async () => {
    const session = await signedInSession('editor@esdc.example', { withSync: true });
    session.style.display = 'block';
    session.style.width = '1000px';
    const el = await openEditor(session);
    const view = el.getView('en')!;
    // Sections below the fold get their real height (and their EN/FR pair's) only once they
    // come into view, so the page grows while it scrolls: scroll again until the end stays put.
    const lastSection = () => view.dom.lastElementChild as HTMLElement;
    await waitUntil(() => {
      lastSection().scrollIntoView({ block: 'end' });
      const box = lastSection().getBoundingClientRect();
      return box.bottom <= window.innerHeight + 1 && box.bottom > 0;
    }, 'the last section is on screen', { timeout: 5000 });
    for (const part of ['toolbar', 'status']) {
      const box = shadow(el).querySelector(`[part=${part}]`)!.getBoundingClientRect();
      expect(box.top, `${part} top`).to.be.at.least(-1);
      expect(box.bottom, `${part} bottom`).to.be.at.most(window.innerHeight);
    }
    window.scrollTo(0, 0);
    session.remove();
  });

  it('5. English and French sections line up side by side; at 390 px the panes stack without overlapping', async function () {
    this.timeout(20_000);
    const session = await signedInSession('reviewer@esdc.example', { withSync: true });
    session.style.display = 'block';
    session.style.width = '1366px';
    const el = await openEditor(session);
    const sections = (lang: 'en' | 'fr') => Array.from(el.getView(lang)!.dom.children) as HTMLElement[];
    const misaligned = () =>
      sections('en')
        .map((en, i) => ({ id: en.dataset['sectionId'], en: en.getBoundingClientRect().top, fr: sections('fr')[i]!.getBoundingClientRect().top }))
        .filter((row) => Math.abs(row.en - row.fr) > 1);
    // Every section brought on screen once, as a reader scrolling through does.
    for (const section of sections('en')) {
      section.scrollIntoView();
      await new Promise((r) => requestAnimationFrame(() => r(null)));
    }
    await waitUntil(() => misaligned().length === 0, `sections line up: ${JSON.stringify(misaligned().slice(0, 3))}`, { timeout: 5000 });
    window.scrollTo(0, 0);

    // Layout guard at both widths: nothing overlaps.
    for (const width of ['1366px', '390px']) {
      session.style.width = width;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))));
      const parts = ['identification', 'toolbar', 'status', 'presence', 'pane-en', 'pane-fr', 'workflow', 'versions'];
      const boxes = parts.map((p) => ({ p, box: shadow(el).querySelector(`[part~=${p}]`)!.getBoundingClientRect() }));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          expect(boxesOverlap(boxes[i]!.box, boxes[j]!.box), `${width}: ${boxes[i]!.p} overlaps ${boxes[j]!.p}`).to.equal(false);
        }
      }
      const host = el.getBoundingClientRect();
      for (const { p, box } of boxes) expect(box.right, `${width}: ${p} inside the editor`).to.be.at.most(host.right + 1);
      // The text stays inside its pane (sections skipped by content-visibility included).
      for (const lang of ['en', 'fr'] as const) {
        const pane = shadow(el).querySelector(`[part~=pane-${lang}]`)!.getBoundingClientRect();
        for (const section of sections(lang)) {
          const box = section.getBoundingClientRect();
          expect(box.right, `${width}: ${lang} section ${section.dataset['sectionId']} inside its pane`).to.be.at.most(pane.right + 1);
        }
      }
    }
    // Stacked at 390 px, the French pane below the English one.
    const en = shadow(el).querySelector('[part~=pane-en]')!.getBoundingClientRect();
    const fr = shadow(el).querySelector('[part~=pane-fr]')!.getBoundingClientRect();
    expect(fr.top).to.be.at.least(en.bottom - 1);
    session.remove();
  });
});
