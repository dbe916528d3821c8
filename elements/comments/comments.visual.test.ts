// Screenshot comparisons of <jd-comments>' main states (issue 12, criterion 2), beside an editor
// on the same document (only the comments are shot). Threads are written with fixed authors and
// times, so every run draws the same list. Baselines: screenshots/baseline/comments-*.png.
import { expect, waitUntil } from '@open-wc/testing';
import './define.js';
import '../editor/define.js';
import type { JdComments } from './comments.js';
import type { JdEditor } from '../editor/editor.js';
import { anchorFromRange } from '../core/comment-prosemirror.js';
import { addReply, createThread, setResolved } from '../../domain/comment-model.js';
import type { Lang } from '../../domain/sections.js';
import { editorOn, expectScreenshot, FIXED_TIME, NARROW, PEOPLE, screenshotsOfFixture, useWidth, WIDE } from '../core/test-screenshots.js';

const HOUR = 60 * 60 * 1000;
const threadCount = (el: JdComments) => el.shadowRoot!.querySelectorAll('[part=list] > [part~=thread]').length;

describe('<jd-comments> screenshots', () => {
  const fixtureId = screenshotsOfFixture();

  /** The editor's comments panel on the fixture, as the editor, in `lang`, at `width`. */
  async function commentsOf(lang: Lang, width: number): Promise<{ editor: JdEditor; comments: JdComments }> {
    await useWidth(width);
    const editor = await editorOn(fixtureId(), PEOPLE.editor.email, { lang });
    const comments = document.createElement('jd-comments');
    comments.documentId = fixtureId();
    editor.closest('jd-session')!.append(comments);
    await waitUntil(() => comments.shadowRoot?.querySelector('[part=base]'), 'comments opened', { timeout: 8000 });
    return { editor, comments };
  }

  /** Runs `write` as `person` on the fixture, and waits until the sync server has it. */
  async function as<T>(person: (typeof PEOPLE)[keyof typeof PEOPLE], write: (editor: JdEditor) => T): Promise<T> {
    const editor = await editorOn(fixtureId(), person.email);
    try {
      const result = write(editor);
      await waitUntil(() => editor.status === 'saved', `${person.email}'s comments saved (status ${editor.status})`, { timeout: 8000 });
      return result;
    } finally {
      editor.closest('jd-session')!.remove();
    }
  }

  /** An anchor on a phrase of the editor's text. */
  function anchorOn(editor: JdEditor, lang: Lang, phrase: string) {
    const range = editor.findText(lang, phrase);
    expect(range, phrase).to.not.equal(null);
    const anchor = anchorFromRange(editor.getView(lang)!.state, range!.from, range!.to);
    expect(anchor, `an anchor on ${phrase}`).to.not.equal(null);
    return anchor!;
  }

  for (const lang of ['en', 'fr'] as const) {
    it(`empty, ${lang.toUpperCase()}`, async function () {
      this.timeout(20_000);
      const { comments } = await commentsOf(lang, NARROW);
      await waitUntil(() => comments.matches(':state(empty)'), 'no threads');
      await expectScreenshot(comments, `comments-empty-${lang}-${NARROW}`);
    });
  }

  // Mocha runs a suite's own tests before its nested suites: the empty states above come first.
  describe('with an open thread (and a reply) and a resolved one', () => {
    before(async function () {
      this.timeout(40_000);
      // The sync server accepts a comment only from its author, and a resolution only from a reviewer or admin.
      const open = await as(PEOPLE.translator, (editor) =>
        createThread(editor.ydoc!, {
          lang: 'fr',
          anchor: anchorOn(editor, 'fr', 'subventions et de contributions'),
          quote: 'subventions et de contributions',
          author: PEOPLE.translator,
          body: 'Le Guide de rédaction dit « subventions et contributions » : faut-il garder le « de » ?',
          now: FIXED_TIME,
        }),
      );
      await as(PEOPLE.reviewer, (editor) => {
        const doc = editor.ydoc!;
        addReply(doc, open, { author: PEOPLE.reviewer, body: 'Keep it: it matches the program’s official name.', now: FIXED_TIME + HOUR });
        const resolved = createThread(doc, {
          lang: 'en',
          anchor: anchorOn(editor, 'en', 'funding proposals'),
          quote: 'funding proposals',
          author: PEOPLE.reviewer,
          body: 'Say which proposals: "funding proposals" alone reads as any request.',
          now: FIXED_TIME + 2 * HOUR,
        });
        setResolved(doc, resolved, true, PEOPLE.reviewer, FIXED_TIME + 3 * HOUR);
      });
    });

    for (const [lang, width] of [['en', NARROW], ['fr', NARROW], ['en', WIDE]] as const) {
      it(`a thread with a reply, ${lang.toUpperCase()}, ${width} px`, async function () {
        this.timeout(20_000);
        const { comments } = await commentsOf(lang, width);
        await waitUntil(() => threadCount(comments) === 1 && comments.shadowRoot!.querySelector('[part=replies]'), 'the open thread and its reply');
        await expectScreenshot(comments, `comments-thread-reply-${lang}-${width}`);
      });
    }

    for (const lang of ['en', 'fr'] as const) {
      it(`new comment refused for an empty body, ${lang.toUpperCase()}`, async function () {
        this.timeout(20_000);
        const { editor, comments } = await commentsOf(lang, NARROW);
        await waitUntil(() => threadCount(comments) === 1, 'the open thread');
        const phrase = lang === 'en' ? 'employment for Canadians' : 'l’emploi des Canadiens';
        comments.startComment(lang, anchorOn(editor, lang, phrase), phrase);
        await waitUntil(() => comments.shadowRoot!.querySelector('[part=compose]'), 'the new comment form');
        comments.shadowRoot!.querySelector<HTMLFormElement>('[part=compose]')!.requestSubmit();
        await waitUntil(() => comments.shadowRoot!.querySelector('[part=message][role=alert]'), 'the error');
        await expectScreenshot(comments, `comments-compose-error-${lang}-${NARROW}`);
      });
    }

    for (const lang of ['en', 'fr'] as const) {
      it(`filtered to resolved threads, ${lang.toUpperCase()}`, async function () {
        this.timeout(20_000);
        const { comments } = await commentsOf(lang, NARROW);
        comments.filter = 'resolved';
        await waitUntil(() => threadCount(comments) === 1 && comments.shadowRoot!.querySelector('[part~=thread-resolved]'), 'the resolved thread only');
        await expectScreenshot(comments, `comments-resolved-${lang}-${NARROW}`);
      });
    }
  });
});
