// The findings of <jd-compliance> underlined in the linked editor's panes, while it is linked:
// each open error or warning whose words are in the text (not structure findings, which name what is
// missing, nor identification fields, which are not in the panes; never dismissed ones), with
// its severity and its message in the interface language. Recomputed only when something it
// depends on changes (a check came back, the stored rows or the language changed, panes
// mounted); the editor then changes only the underlines that differ. Between checks its plugin
// maps them through the edits, so typing costs no search.
import type { EditorView } from 'prosemirror-view';
import { msg } from '../core/i18n.js';
import { LANGS, type Lang } from '../../domain/sections.js';
import type { FindingMark, FindingsEditor } from '../core/compliance-link.js';
import { FindingLocator, paneOf, type ComplianceEditor } from './editor-ranges.js';
import type { LiveFinding } from './findings-protocol.js';

export type HighlightingEditor = ComplianceEditor & FindingsEditor;

export const canHighlight = (editor: ComplianceEditor | null): editor is HighlightingEditor =>
  !!editor && typeof (editor as Partial<FindingsEditor>).showFindings === 'function' && typeof (editor as Partial<FindingsEditor>).shownFindings === 'function';

/** What the highlights were computed from: the same inputs draw the same underlines. */
interface Inputs {
  editor: HighlightingEditor;
  findings: readonly LiveFinding[];
  /** Changes when the stored rows (and so the dismissals) change. */
  stored: unknown;
  uiLang: Lang;
  views: readonly (EditorView | undefined | null)[];
}

/** A finding's identity across checks: its stored key (rule, language, section, words, occurrence). */
const markId = (f: LiveFinding) => f.key ?? `${f.id}|${f.lang}|${f.section}|${f.text}|${f.occurrence}`;

export class FindingHighlights {
  #last: Inputs | null = null;

  /** Draws the open findings in `editor` (null: none linked, the previous editor's underlines are removed). */
  update(editor: ComplianceEditor | null, findings: readonly LiveFinding[], stored: unknown, isDismissed: (finding: LiveFinding) => boolean, uiLang: Lang): void {
    const target = canHighlight(editor) ? editor : null;
    if (this.#last && this.#last.editor !== target) this.clear();
    if (!target) return;
    const inputs: Inputs = { editor: target, findings, stored, uiLang, views: LANGS.map((l) => target.getView(l)) };
    const last = this.#last;
    if (last && last.findings === inputs.findings && last.stored === inputs.stored && last.uiLang === inputs.uiLang && last.views.every((v, i) => v === inputs.views[i])) return;
    this.#last = inputs;
    // Information findings (plain-language figures: sentence length, readability) stay in the
    // panel, where "Show in text" selects them: underlined, they would mark most of a long
    // document and cost typing time in drawing (bench:compliance-live).
    const open = findings.filter((f) => f.severity !== 'info' && f.family !== 'structure' && f.section !== 'identification' && !isDismissed(f));
    for (const lang of LANGS) {
      const view = target.getView(lang);
      if (view) this.#draw(target, lang, view, open.filter((f) => paneOf(f) === lang), uiLang);
    }
  }

  /**
   * A finding already underlined keeps its underline (mapped through the edits since): only new
   * ones are looked for in the text, so a check that changes a few findings of thousands costs a
   * few searches.
   */
  #draw(editor: HighlightingEditor, lang: Lang, view: EditorView, findings: readonly LiveFinding[], uiLang: Lang): void {
    const shown = editor.shownFindings(lang);
    const shownById = new Map(shown.map((m) => [m.id, m]));
    let locator: FindingLocator | null = null;
    const marks: FindingMark[] = [];
    for (const finding of findings) {
      const id = markId(finding);
      const message = msg(uiLang, `findings.mark.${finding.severity}`, { message: finding.message[uiLang] });
      const kept = shownById.get(id);
      if (kept && kept.severity === finding.severity && kept.message === message) {
        marks.push(kept);
        continue;
      }
      locator ??= new FindingLocator(view.state.doc);
      const range = locator.rangeOf(finding);
      if (range) marks.push({ id, ...range, severity: finding.severity, message });
    }
    // The editor changes only the underlines that differ (none: nothing is dispatched).
    editor.showFindings(lang, marks);
  }

  /** Removes the underlines this panel drew (it is leaving, or linked to another editor). */
  clear(): void {
    const editor = this.#last?.editor;
    this.#last = null;
    if (editor) for (const lang of LANGS) editor.showFindings(lang, []);
  }
}
