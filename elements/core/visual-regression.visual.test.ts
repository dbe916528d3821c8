// The screenshot comparison catches what it is there for: a pane moved by a few pixels fails
// against the baseline of the same state, while the tolerance (web-test-runner.config.mjs)
// absorbs only anti-aliasing. The moved states are compared without ever becoming baselines.
import { expect } from '@open-wc/testing';
import '../editor/define.js';
import type { JdEditor } from '../editor/editor.js';
import { aloneIn, compareWithBaseline, editorOn, expectScreenshot, PEOPLE, screenshotsOfFixture, useWidth, WIDE } from './test-screenshots.js';

const BASELINE = `visual-check-editor-en-${WIDE}`;

/** Injected into the editor's shadow root: each moves one region by 4 px without changing the element's size. */
const SHIFTS = {
  'the French pane 4 px to the right': '[part~=pane-fr] { position: relative; left: 4px; }',
  'the side panel 4 px down': 'aside.side { position: relative; top: 4px; }',
};

describe('screenshot comparison', () => {
  const fixtureId = screenshotsOfFixture();

  async function fixtureEditor(): Promise<JdEditor> {
    await useWidth(WIDE);
    const editor = await editorOn(fixtureId(), PEOPLE.editor.email);
    await aloneIn(editor);
    return editor;
  }

  it('matches the baseline of the state as it is', async function () {
    this.timeout(20_000);
    const editor = await fixtureEditor();
    await expectScreenshot(editor, BASELINE);
    await compareWithBaseline(editor, BASELINE);
  });

  for (const [what, css] of Object.entries(SHIFTS)) {
    it(`fails when ${what}`, async function () {
      this.timeout(20_000);
      const editor = await fixtureEditor();
      const shift = new CSSStyleSheet();
      shift.replaceSync(css);
      const shadow = editor.shadowRoot!;
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, shift];
      let failure: unknown = null;
      try {
        await compareWithBaseline(editor, BASELINE);
      } catch (error) {
        failure = error;
      } finally {
        shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.filter((sheet) => sheet !== shift);
      }
      expect(failure, `the ${what} passed the comparison`).to.be.instanceOf(Error);
      // Refused for its pixels (not for a missing baseline or another size).
      expect((failure as Error).message).to.match(/Visual diff failed\. New screenshot is \d+ pixels different/);
      // And back in place, it matches again: the shift alone made the difference.
      await compareWithBaseline(editor, BASELINE);
    });
  }
});
