// Screenshot comparisons of <jd-editor>'s AI panel (issue 16 item 4) reviewing a suggestion: the
// inline diff, a decided change, provider, model and cost, sources and a glossary warning, in
// English and French at 1366 px (the panel beside the panes) and 390 px (the panel under them,
// never over the text). Baselines: screenshots/baseline/editor-ai-*.png.
import { expect, waitUntil } from '@open-wc/testing';
import { TextSelection } from 'prosemirror-state';
import './define.js';
import type { JdEditor } from './editor.js';
import { aloneIn, editorOn, expectScreenshot, NARROW, PEOPLE, screenshotsOfFixture, useWidth, WIDE } from '../core/test-screenshots.js';
import { aiResponder } from './ai-test-support.js';

const SENTENCE = 'Assesses funding proposals against program terms and conditions, eligibility criteria and departmental priorities.';
const SUGGESTION = 'Assesses funding proposals against the program’s terms and conditions, eligibility criteria and priorities.';

describe('<jd-editor> AI panel screenshots', () => {
  const fixtureId = screenshotsOfFixture();
  let ai: ReturnType<typeof aiResponder>;
  beforeEach(() => (ai = aiResponder()));
  afterEach(() => ai.restore());

  for (const lang of ['en', 'fr'] as const) {
    for (const width of [WIDE, NARROW]) {
      it(`reviewing a suggestion, ${lang.toUpperCase()}, ${width} px`, async function () {
        this.timeout(30_000);
        await useWidth(width);
        const el: JdEditor = await editorOn(fixtureId(), PEOPLE.editor.email, { lang });
        await aloneIn(el);
        el.aiAssist = true;
        const view = el.getView('en')!;
        const range = el.findText('en', SENTENCE)!;
        view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)));
        ai.next({ pieces: [SUGGESTION] });
        await el.suggest('improve');
        await waitUntil(() => el.shadowRoot!.querySelector('[part=ai] [data-ai-diff]'), 'the inline diff');
        el.shadowRoot!.querySelector<HTMLButtonElement>('[part=ai] .ai-changes li[data-change="0"] button[data-ai=accept]')!.click();
        // The selection is the writer's, not part of what is shot.
        view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from)));
        await el.updateComplete;
        const panes = el.shadowRoot!.querySelector('.panes')!.getBoundingClientRect();
        const panel = el.shadowRoot!.querySelector('[part=ai]')!.getBoundingClientRect();
        const overlaps = panel.left < panes.right && panel.right > panes.left && panel.top < panes.bottom && panel.bottom > panes.top;
        expect(overlaps, 'the panel does not cover the panes').to.equal(false);
        await expectScreenshot(el, `editor-ai-review-${lang}-${width}`);
      });
    }
  }
});
