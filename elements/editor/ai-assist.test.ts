// Issue 16 item 4 (criteria 3 and 4): AI assistance in <jd-editor>, on the real stack (gateway,
// sync server, a person's editor).
//
// First, end to end: the panel → the gateway → the real `ai-assist` function → the provider
// layer (the real openai SDK) → a fake OpenAI-compatible model server that the `jd-fake-ai`
// server command scripts (web-test-runner.config.mjs). Improve → inline diff → accept one change,
// reject another → the text has exactly the accepted change → one undo restores the original;
// the ai_requests row, read with supabase-js as the writer, has the tokens, the outcome and the
// decision. Cancel while the model has not answered yet: the fake sees its request aborted, the
// panel says cancelled, the text is unchanged.
//
// Then the panel's other behaviour with a scripted responder in the page (ai-test-support.ts),
// which speaks the function's wire format: keyboard decisions, Esc, text changed by someone else
// while the suggestion streamed is not overwritten, a translation fills the other language's empty
// section, refusals and an unreachable server are said.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { TextSelection } from 'prosemirror-state';
import './define.js';
import type { JdEditor } from './editor.js';
import { withScratchEsdcDocument } from '../core/test-helpers.js';
import { personOn } from './test-support.js';
import { aiResponder } from './ai-test-support.js';

const ORIGINAL = 'The manager oversees staff and he approves leave.';
const SUGGESTION = 'The manager supervises the team and approves leave.';

const text = (el: JdEditor, lang: 'en' | 'fr') => el.getView(lang)!.state.doc.textBetween(0, el.getView(lang)!.state.doc.content.size, '\n');
const panel = (el: JdEditor) => el.shadowRoot!.querySelector<HTMLElement>('[part=ai]')!;
const panelText = (el: JdEditor) => panel(el).textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (el: JdEditor, name: string, index?: number) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>(index === undefined ? `[part=ai] button[data-ai=${name}]` : `[part=ai] .ai-changes li[data-change="${index}"] button[data-ai=${name}]`)!;

/** Turns the AI panel on. */
async function withAi(el: JdEditor): Promise<void> {
  el.aiAssist = true;
  await el.updateComplete;
}

/** Puts `sentence` as the only text of a section's first paragraph, as one change of this person. */
function writeInSection(el: JdEditor, lang: 'en' | 'fr', sectionId: string, sentence: string): void {
  const view = el.getView(lang)!;
  let at = -1;
  view.state.doc.forEach((section, offset) => {
    if (section.attrs['sectionId'] !== sectionId) return;
    section.forEach((child, childOffset) => {
      if (at < 0 && child.type.name === 'paragraph') at = offset + 1 + childOffset + 1;
    });
  });
  if (at < 0) throw new Error(`no paragraph in ${lang} ${sectionId}`);
  el.insertText(lang, at, sentence);
}

/** Selects `phrase` in a pane (the pane gets the focus, as when the person selects it). */
function select(el: JdEditor, lang: 'en' | 'fr', phrase: string): void {
  const range = el.findText(lang, phrase);
  if (!range) throw new Error(`"${phrase}" is not in the ${lang} text`);
  const view = el.getView(lang)!;
  view.focus();
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)));
}

describe('<jd-editor> AI assistance (issue 16, item 4)', () => {
  let ai: ReturnType<typeof aiResponder>;
  beforeEach(() => (ai = aiResponder()));
  afterEach(() => {
    ai.restore();
    document.querySelectorAll('jd-session').forEach((s) => s.remove());
  });

  it('improve: the suggestion streams into an inline diff; one change accepted, another rejected; one undo restores the original', async function () {
    this.timeout(40_000);
    await withScratchEsdcDocument('AI improve', async (documentId) => {
      const { editor: el } = await personOn('editor@esdc.example', documentId);
      await withAi(el);
      writeInSection(el, 'en', 'key-activities', ORIGINAL);
      select(el, 'en', ORIGINAL);
      await el.updateComplete;
      expect(panelText(el)).to.include('Works on: the selection in the English text.');

      ai.next({ pieces: ['The manager supervises ', 'the team and ', 'approves leave.'], hold: true });
      button(el, 'ask').click();
      await waitUntil(() => ai.seen.length === 1 && el.shadowRoot!.querySelector('[part=ai] [data-ai-stream]'), 'the suggestion starts streaming');
      expect(ai.seen[0]!.accept).to.equal('text/event-stream');
      expect(ai.seen[0]!.body).to.deep.equal({ task: 'improve', text: ORIGINAL, from: 'en', to: 'fr', document_id: documentId, section: 'key-activities' });
      expect(panelText(el)).to.include('Writing the suggestion…');
      ai.release();

      await waitUntil(() => el.shadowRoot!.querySelector('[part=ai] [data-ai-diff]'), 'the inline diff');
      const changes = Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[part=ai] [data-ai-diff] .ai-change'));
      expect(changes.map((c) => [c.querySelector('del')?.textContent?.replace(/^deleted /, '') ?? '', c.querySelector('ins')?.textContent?.replace(/^inserted /, '') ?? ''])).to.deep.equal([
        ['oversees', 'supervises'],
        ['staff', 'the team'],
        ['he ', ''],
      ]);
      expect(el.shadowRoot!.querySelector('[part=ai] [data-ai-meta]')!.textContent).to.equal('openai-compatible · fake-chat-1 · US$0.0012');
      expect(el.shadowRoot!.querySelector('[part=ai] [data-ai-sources]')!.textContent).to.include('Rule: Gender-neutral wording');
      expect(el.shadowRoot!.querySelector('[part=ai] [data-ai-flags]')!.textContent).to.include('The approved term “employees” is missing.');
      expect(text(el, 'en'), 'nothing changes before a decision').to.include(ORIGINAL);

      // Keyboard: the first change takes the focus, Enter accepts it; the second is rejected with its button.
      changes[0]!.focus();
      await sendKeys({ press: 'Enter' });
      button(el, 'reject', 1).click();
      await el.updateComplete;
      expect(changes[0]!.dataset['decision']).to.equal('accepted');
      expect(el.shadowRoot!.querySelector<HTMLElement>('[part=ai] [data-ai-diff] .ai-change[data-change="1"]')!.dataset['decision']).to.equal('rejected');
      await expect(el, 'the diff under review').to.be.accessible();

      button(el, 'apply').click();
      await waitUntil(() => text(el, 'en').includes('The manager supervises staff and he approves leave.'), `applied: ${text(el, 'en').slice(0, 300)}`);
      expect(text(el, 'en')).to.not.include(ORIGINAL);
      expect(panelText(el)).to.include('Applied 1 change of 3. Undo (Ctrl+Z) in the text restores it.');

      expect(el.undo('en')).to.equal(true);
      await waitUntil(() => text(el, 'en').includes(ORIGINAL), 'one undo restores the original');
      expect(text(el, 'en')).to.not.include('supervises');
    });
  });

  it('cancel: the Cancel button aborts the request while the first token is awaited, the text stays as it was', async function () {
    this.timeout(30_000);
    await withScratchEsdcDocument('AI cancel', async (documentId) => {
      const { editor: el } = await personOn('editor@esdc.example', documentId, { lang: 'fr' });
      await withAi(el);
      writeInSection(el, 'en', 'key-activities', ORIGINAL);
      select(el, 'en', ORIGINAL);
      const before = text(el, 'en');
      ai.next({ pieces: [SUGGESTION], hold: true });
      button(el, 'ask').click();
      await waitUntil(() => button(el, 'cancel'), 'the Cancel button while streaming');
      expect(button(el, 'cancel').textContent!.trim()).to.equal('Annuler (Échap)');
      button(el, 'cancel').click();
      await waitUntil(() => panelText(el).includes('Annulé : la suggestion a été arrêtée. Le texte n’a pas changé.'), `cancelled: ${panelText(el)}`);
      expect(ai.seen[0]!.aborted, 'the request was aborted').to.equal(true);
      ai.release();
      expect(text(el, 'en')).to.equal(before);
      expect(el.shadowRoot!.querySelector('[part=ai] [data-ai-diff]')).to.equal(null);
      await expect(el, 'accessible in French after cancelling').to.be.accessible();

      // Esc does the same.
      ai.next({ pieces: [SUGGESTION], hold: true });
      button(el, 'ask').click();
      await waitUntil(() => button(el, 'cancel'), 'streaming again');
      button(el, 'cancel').focus();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => ai.seen[1]?.aborted === true, 'Esc aborted the second request');
      await waitUntil(() => panelText(el).includes('Annulé'), 'the panel says cancelled');
      expect(text(el, 'en')).to.equal(before);
    });
  });

  it('refuses to apply a suggestion whose text someone changed while it streamed', async function () {
    this.timeout(40_000);
    await withScratchEsdcDocument('AI stale', async (documentId) => {
      const writer = await personOn('editor@esdc.example', documentId);
      const other = await personOn('translator@esdc.example', documentId);
      const el = writer.editor;
      await withAi(el);
      writeInSection(el, 'en', 'key-activities', ORIGINAL);
      await waitUntil(() => text(other.editor, 'en').includes(ORIGINAL), 'the other person has the sentence');
      select(el, 'en', ORIGINAL);
      ai.next({ pieces: [SUGGESTION], hold: true });
      button(el, 'ask').click();
      await waitUntil(() => ai.seen.length === 1, 'asked');
      // The other person changes a word of the sentence meanwhile.
      const range = other.editor.findText('en', 'oversees')!;
      other.editor.replaceRange('en', range.from, range.to, 'manages');
      await waitUntil(() => text(el, 'en').includes('The manager manages staff'), 'the change reached the writer');
      ai.release();
      await waitUntil(() => button(el, 'accept-all'), 'the diff');
      button(el, 'accept-all').click();
      await waitUntil(() => panelText(el).includes('Not applied: the text changed while the suggestion was written'), `refused: ${panelText(el)}`);
      expect(el.shadowRoot!.querySelector('[part=ai] [role=alert]')!.textContent).to.include('Not applied');
      expect(text(el, 'en')).to.include('The manager manages staff and he approves leave.');
      expect(text(el, 'en')).to.not.include('supervises');
    });
  });

  it('translate: the other language’s empty section is filled, one undo step there', async function () {
    this.timeout(40_000);
    await withScratchEsdcDocument('AI translate', async (documentId) => {
      const { editor: el } = await personOn('translator@esdc.example', documentId);
      await withAi(el);
      writeInSection(el, 'en', 'key-activities', 'Manages the team.');
      select(el, 'en', 'Manages the team.');
      // Without a selection: the section under the caret.
      const view = el.getView('en')!;
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, el.findText('en', 'Manages')!.from + 2)));
      await el.updateComplete;
      expect(panelText(el)).to.include('Works on: the section under the caret in the English text.');
      el.shadowRoot!.querySelector<HTMLSelectElement>('[part=ai] select')!.value = 'translate';
      el.shadowRoot!.querySelector<HTMLSelectElement>('[part=ai] select')!.dispatchEvent(new Event('change'));
      ai.next({ pieces: ['Gère ', 'l’équipe.'] });
      button(el, 'ask').click();
      await waitUntil(() => button(el, 'place'), 'the translation to place');
      expect(ai.seen[0]!.body).to.include({ task: 'translate', text: 'Manages the team.', from: 'en', to: 'fr', section: 'key-activities' });
      expect(button(el, 'place').textContent!.trim()).to.equal('Put in the empty French section');
      button(el, 'place').click();
      await waitUntil(() => text(el, 'fr').includes('Gère l’équipe.'), 'the French section filled');
      expect(el.undo('fr')).to.equal(true);
      await waitUntil(() => !text(el, 'fr').includes('Gère l’équipe.'), 'one undo in the French text removes it');
      expect(text(el, 'en')).to.include('Manages the team.');
    });
  });

  it('translate, then Ctrl+Z with focus still in the panel: the French translation is undone (not the English typing); Ctrl+Y redoes it', async function () {
    this.timeout(40_000);
    await withScratchEsdcDocument('AI translate undo from panel', async (documentId) => {
      const { editor: el } = await personOn('translator@esdc.example', documentId);
      await withAi(el);
      writeInSection(el, 'en', 'key-activities', 'Manages the team.');
      select(el, 'en', 'Manages the team.');
      el.shadowRoot!.querySelector<HTMLSelectElement>('[part=ai] select')!.value = 'translate';
      el.shadowRoot!.querySelector<HTMLSelectElement>('[part=ai] select')!.dispatchEvent(new Event('change'));
      ai.next({ pieces: ['Gère ', 'l’équipe.'] });
      button(el, 'ask').click();
      await waitUntil(() => button(el, 'place'), 'the translation to place');
      button(el, 'place').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => text(el, 'fr').includes('Gère l’équipe.'), 'the French section filled');
      await waitUntil(() => el.shadowRoot!.activeElement?.closest('[part=ai]'), 'focus stays in the panel (its notice) once the button is gone');

      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'z' });
      await sendKeys({ up: 'Control' });
      await waitUntil(() => !text(el, 'fr').includes('Gère l’équipe.'), `Ctrl+Z in the panel removes the translation: ${text(el, 'fr')}`);
      expect(text(el, 'en')).to.include('Manages the team.');

      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'y' });
      await sendKeys({ up: 'Control' });
      await waitUntil(() => text(el, 'fr').includes('Gère l’équipe.'), 'Ctrl+Y in the panel puts it back');
    });
  });

  it('says why there is no suggestion: the function’s refusal as it is, an unreachable server in the interface language', async function () {
    this.timeout(30_000);
    await withScratchEsdcDocument('AI refused', async (documentId) => {
      const { editor: el } = await personOn('editor@esdc.example', documentId, { lang: 'fr' });
      await withAi(el);
      writeInSection(el, 'en', 'key-activities', ORIGINAL);
      select(el, 'en', ORIGINAL);
      const alert = () => el.shadowRoot!.querySelector('[part=ai] [role=alert]')!.textContent!.trim();
      ai.next({ pieces: [], refuse: { status: 402, error: 'monthly AI budget of US$5.00 reached for this department' } });
      button(el, 'ask').click();
      await waitUntil(() => alert() !== '', 'the refusal');
      expect(alert()).to.equal('Aucune suggestion : monthly AI budget of US$5.00 reached for this department');

      ai.next({ pieces: [], unreachable: true });
      button(el, 'ask').click();
      await waitUntil(() => alert().includes('injoignable'), `unreachable: ${alert()}`);
      expect(alert()).to.equal('Aucune suggestion : le serveur est injoignable. Vérifiez la connexion et réessayez.');
      expect(text(el, 'en')).to.include(ORIGINAL);
      await expect(el).to.be.accessible();

      // Without text to work on (the caret in a new, empty section), nothing is asked.
      const added = el.addSection()!;
      const view = el.getView('en')!;
      let emptyParagraph = -1;
      view.state.doc.forEach((section, offset) => {
        if (section.attrs['sectionId'] === added) emptyParagraph = offset + 1 + section.firstChild!.nodeSize + 1;
      });
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, emptyParagraph)));
      const asked = ai.seen.length;
      button(el, 'ask').click();
      await waitUntil(() => alert().includes('Il n’y a pas de texte ici'), `nothing to work on: ${alert()}`);
      expect(ai.seen.length).to.equal(asked);
    });
  });
});

interface FakeAiState {
  chatRequests: number;
  lastAborted: boolean | null;
  lastStatus: number | null;
}
/** Scripts the fake model's next replies (fake-sse.ts ScriptedReply) and says what it received. */
const fakeAi = async (script?: Record<string, unknown>[]) => (await executeServerCommand<FakeAiState, { script?: Record<string, unknown>[] }>('jd-fake-ai', script ? { script } : {}))!;

/** Writes `sentence` at the start of a section's first paragraph and selects it (the pane focused). */
async function writeAndSelect(el: JdEditor, sectionId: string, sentence: string): Promise<void> {
  el.aiAssist = true;
  const view = el.getView('en')!;
  let at = -1;
  view.state.doc.forEach((section, offset) => {
    if (section.attrs['sectionId'] !== sectionId) return;
    section.forEach((child, childOffset) => {
      if (at < 0 && child.type.name === 'paragraph') at = offset + 1 + childOffset + 1;
    });
  });
  el.insertText('en', at, sentence);
  const range = el.findText('en', sentence)!;
  view.focus();
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)));
  await el.updateComplete;
}

describe('<jd-editor> AI assistance through the ai-assist function (issue 16, criteria 3 and 4)', () => {
  afterEach(() => document.querySelectorAll('jd-session').forEach((s) => s.remove()));

  it('improve → inline diff → accept one change, reject another → undo restores the original; the ai_requests row has tokens, outcome and decision', async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('AI improve through the function', async (documentId) => {
      const { session, editor: el } = await personOn('editor@esdc.example', documentId);
      await writeAndSelect(el, 'key-activities', ORIGINAL);
      await fakeAi([{ chunks: ['The manager supervises ', 'the team and ', 'approves leave.'] }]);

      button(el, 'ask').click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part=ai] [data-ai-diff]') || el.shadowRoot!.querySelector('[part=ai] [role=alert] p'), 'an answer', { timeout: 30_000 });
      expect(el.shadowRoot!.querySelector('[part=ai] [role=alert]')!.textContent!.trim(), 'no error').to.equal('');
      const meta = el.shadowRoot!.querySelector('[part=ai] [data-ai-meta]')!.textContent!;
      expect(meta).to.match(/^local · jd-fake-chat · US\$\d+\.\d{4}$/);
      const changes = Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[part=ai] [data-ai-diff] .ai-change'));
      expect(changes.length).to.equal(3);

      changes[0]!.focus();
      await sendKeys({ press: 'Enter' });
      changes[1]!.focus();
      await sendKeys({ press: 'Delete' });
      await el.updateComplete;
      button(el, 'apply').click();
      await waitUntil(() => text(el, 'en').includes('The manager supervises staff and he approves leave.'), `exactly the accepted change: ${text(el, 'en').slice(0, 300)}`);
      expect(text(el, 'en')).to.not.include('the team');

      expect(el.undo('en')).to.equal(true);
      await waitUntil(() => text(el, 'en').includes(ORIGINAL), 'one undo restores the original');
      expect(text(el, 'en')).to.not.include('supervises');

      const client = session.client!;
      let row: Record<string, unknown> | null = null;
      await waitUntil(
        async () => {
          const { data } = await client
            .from('ai_requests')
            .select('*')
            .eq('document_id', documentId)
            .order('id', { ascending: false })
            .limit(1);
          row = (data?.[0] as Record<string, unknown> | undefined) ?? null;
          return row?.['decision'] != null;
        },
        'the decision recorded on the ai_requests row',
        { timeout: 10_000, interval: 200 },
      );
      expect(row!['outcome']).to.equal('success');
      expect(row!['provider']).to.equal('local');
      expect(row!['task']).to.equal('improve');
      expect(row!['tokens_in'] as number).to.be.greaterThan(0);
      expect(row!['tokens_out'] as number).to.be.greaterThan(0);
      expect(row!['decision']).to.equal('partially-accepted');
      expect(row!['changes_accepted']).to.equal(1);
      expect(row!['changes_rejected']).to.equal(2);
    });
  });

  it('Cancel while the model is slow to answer aborts the provider request; the text is unchanged', async function () {
    this.timeout(60_000);
    await withScratchEsdcDocument('AI cancel through the function', async (documentId) => {
      const { editor: el } = await personOn('editor@esdc.example', documentId);
      await writeAndSelect(el, 'key-activities', ORIGINAL);
      const before = text(el, 'en');
      const { chatRequests } = await fakeAi([{ chunks: [SUGGESTION], firstTokenDelayMs: 20_000 }]);

      button(el, 'ask').click();
      await waitUntil(async () => (await fakeAi()).chatRequests > chatRequests, 'the model was asked', { timeout: 30_000, interval: 100 });
      expect((await fakeAi()).lastAborted).to.equal(false);
      button(el, 'cancel').click();
      await waitUntil(async () => (await fakeAi()).lastAborted === true, 'the fake model saw its request aborted', { timeout: 10_000, interval: 100 });
      await waitUntil(() => panelText(el).includes('Cancelled: the suggestion was stopped. The text is unchanged.'), `the panel says cancelled: ${panelText(el)}`);
      expect(text(el, 'en')).to.equal(before);
    });
  });
});
