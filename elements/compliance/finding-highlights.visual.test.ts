// Screenshot comparisons of issue 15 item 4 in <jd-editor>: the compliance findings underlined in
// the English pane (an error wavy, a warning dashed; the caret on the warning shows its message),
// and the "Submit for review" warning dialog, in English and in French, at 1366 and 390 px.
// Baselines: screenshots/baseline/findings-*.png and submit-warning-*.png (UPDATE_SCREENSHOTS=1
// rewrites them).
import { waitUntil } from '@open-wc/testing';
import { Selection, TextSelection } from 'prosemirror-state';
import './define.js';
import type { JdEditor } from '../editor/editor.js';
import { editorOn, expectScreenshot, NARROW, PEOPLE, screenshotsOfFixture, useWidth, WIDE } from '../core/test-screenshots.js';

/** An amount the French does not have (an error) and a generic pronoun (a warning). */
const ADDED = ' Manages a budget of $4.3M; he will advise managers.';

describe('compliance findings in <jd-editor> screenshots', () => {
  const fixtureId = screenshotsOfFixture();
  let written = false;

  /** The editor on the fixture with a (hidden) <jd-compliance> linked to it, the findings drawn; the sentence added once. */
  async function editorWithFindings(lang: 'en' | 'fr', width: number): Promise<JdEditor> {
    await useWidth(width);
    if (!written) {
      // Written once, by an editor of its own that then leaves: the editor in the shots has no
      // change of its own, so its status reads "Up to date" in every shot, never "saved at <time>".
      const writer = await editorOn(fixtureId(), PEOPLE.editor.email, { lang: 'en' });
      const view = writer.getView('en')!;
      let end = -1;
      view.state.doc.forEach((section, offset) => {
        if (section.attrs['sectionId'] === 'key-activities') end = Selection.near(view.state.doc.resolve(offset + section.nodeSize - 1), -1).from;
      });
      writer.insertText('en', end, ADDED);
      await waitUntil(() => writer.status === 'saved', `the addition saved (status ${writer.status})`, { timeout: 8000 });
      writer.closest('jd-session')!.remove();
      written = true;
    }
    const editor = await editorOn(fixtureId(), PEOPLE.editor.email, { lang });
    const panel = document.createElement('jd-compliance');
    panel.documentId = fixtureId();
    // Beside the editor but not shown: the shots are of the editor (the panel has its own).
    panel.hidden = true;
    editor.closest('jd-session')!.append(panel);
    const underlined = (severity: string) => editor.getView('en')!.dom.querySelector(`.jd-finding[data-severity=${severity}]`);
    await waitUntil(() => underlined('error') && underlined('warning'), 'an error and a warning underlined', { timeout: 15_000 });
    return editor;
  }

  for (const lang of ['en', 'fr'] as const) {
    for (const width of [WIDE, NARROW]) {
      it(`underlined findings, the caret on a warning, ${lang.toUpperCase()}, ${width} px`, async function () {
        this.timeout(30_000);
        const editor = await editorWithFindings(lang, width);
        const view = editor.getView('en')!;
        const warning = editor.shownFindings('en').find((m) => view.state.doc.textBetween(m.from, m.to) === 'he')!;
        view.focus();
        view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, warning.from + 1)).scrollIntoView());
        await waitUntil(() => editor.shadowRoot!.querySelector('[part=glossary-tip]'), 'the finding tip', { timeout: 5000 });
        await expectScreenshot(editor, `findings-underlined-${lang}-${width}`);
        editor.closest('jd-session')!.remove();
      });
    }
  }

  for (const lang of ['en', 'fr'] as const) {
    for (const width of [WIDE, NARROW]) {
      it(`"Submit for review" warning, ${lang.toUpperCase()}, ${width} px`, async function () {
        this.timeout(40_000);
        const editor = await editorWithFindings(lang, width);
        const session = editor.closest('jd-session')!;
        await waitUntil(
          async () => {
            const { data } = await session.client!.from('compliance_findings').select('id').eq('document_id', fixtureId()).eq('severity', 'error').eq('status', 'open');
            return (data?.length ?? 0) > 0;
          },
          'the error stored',
          { timeout: 20_000 },
        );
        const submit = Array.from(editor.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=workflow] > button')).find((b) => /Submit for review|Soumettre pour révision/.test(b.textContent ?? ''))!;
        submit.click();
        const dialog = editor.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part=submit-warning]')!;
        await waitUntil(() => dialog.open, 'the warning open', { timeout: 8000 });
        await expectScreenshot(dialog, `submit-warning-${lang}-${width}`);
        dialog.close();
        session.remove();
      });
    }
  }
});
