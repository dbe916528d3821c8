// Where a finding's words are in the linked editor: the occurrence of `text` (as a whole word
// when it starts or ends with a letter, so "he" is never found inside "the") in the finding's
// section of its language's pane. The finding's occurrence number counts the same words in the
// same section, in document order, as the stored key does.
import type { Node as PmNode } from 'prosemirror-model';
import type { EditorView } from 'prosemirror-view';
import type { Lang } from '../../domain/sections.js';
import type { CommentsEditor } from '../core/comments-editor.js';
import type { LiveFinding } from './findings-protocol.js';

/** What <jd-compliance> needs of the editor beside it (`<jd-editor>` has it). */
export interface ComplianceEditor extends CommentsEditor {
  getView(lang: Lang): EditorView | undefined;
  /** Replaces from..to with `content` as one undoable step. */
  replaceRange(lang: Lang, from: number, to: number, content: string): boolean;
  /** Undoes / redoes this user's last change in a language (what Ctrl+Z / Ctrl+Y in the panel do). */
  undo(lang?: Lang): boolean;
  redo(lang?: Lang): boolean;
}

export const isComplianceEditor = (editor: CommentsEditor | null): editor is ComplianceEditor =>
  !!editor && typeof (editor as Partial<ComplianceEditor>).getView === 'function' && typeof (editor as Partial<ComplianceEditor>).replaceRange === 'function' &&
  typeof (editor as Partial<ComplianceEditor>).undo === 'function';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for `text` that does not match inside a longer word. */
function wordPattern(text: string): RegExp {
  const start = /^\p{L}/u.test(text) ? '(?<![\\p{L}\\p{N}])' : '';
  const end = /\p{L}$/u.test(text) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${start}${escapeRegExp(text)}${end}`, 'gu');
}

/** The pane a finding is read in: its language, English for the bilingual comparisons. */
export const paneOf = (finding: LiveFinding): Lang => (finding.lang === 'fr' ? 'fr' : 'en');

/** Where the words of many findings are, reading the document once (what the highlights need after each check). */
export class FindingLocator {
  /** Each textblock's text and where its content starts, by section id, in document order. */
  #blocks = new Map<string, { start: number; text: string }[]>();
  #all: { start: number; text: string }[] = [];
  /** Matches already found, by section (or '' for the whole document) and words. */
  #matches = new Map<string, { from: number; to: number }[]>();

  constructor(doc: PmNode) {
    doc.forEach((section, offset) => {
      const id = String(section.attrs['sectionId']);
      const own = this.#blocks.get(id) ?? [];
      this.#blocks.set(id, own);
      section.descendants((node, pos) => {
        if (!node.isTextblock) return true;
        const block = { start: offset + 1 + pos + 1, text: node.textContent };
        own.push(block);
        this.#all.push(block);
        return false;
      });
    });
  }

  #find(scope: string, text: string): { from: number; to: number }[] {
    const key = `${scope}\n${text}`;
    let found = this.#matches.get(key);
    if (found) return found;
    found = [];
    const pattern = wordPattern(text);
    for (const block of scope === '' ? this.#all : (this.#blocks.get(scope) ?? [])) {
      // Text offsets inside a textblock map 1:1 to positions (inline content is text only).
      for (const match of block.text.matchAll(pattern)) found.push({ from: block.start + match.index, to: block.start + match.index + match[0].length });
    }
    this.#matches.set(key, found);
    return found;
  }

  /** The finding's words (null: not in the text, e.g. a missing section or an identification field). */
  rangeOf(finding: LiveFinding): { from: number; to: number } | null {
    if (!finding.text || finding.section === 'identification') return null;
    const inSection = this.#find(finding.section, finding.text);
    const found = inSection.length > 0 ? inSection : this.#find('', finding.text);
    return found[Math.min(finding.occurrence, found.length - 1)] ?? null;
  }
}

/** The finding's words in a pane's document (null: not in the text, e.g. a missing section or an identification field). */
export function findingRange(doc: PmNode, finding: LiveFinding): { from: number; to: number } | null {
  return new FindingLocator(doc).rangeOf(finding);
}
