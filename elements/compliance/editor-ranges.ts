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
}

export const isComplianceEditor = (editor: CommentsEditor | null): editor is ComplianceEditor =>
  !!editor && typeof (editor as Partial<ComplianceEditor>).getView === 'function' && typeof (editor as Partial<ComplianceEditor>).replaceRange === 'function';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for `text` that does not match inside a longer word. */
function wordPattern(text: string): RegExp {
  const start = /^\p{L}/u.test(text) ? '(?<![\\p{L}\\p{N}])' : '';
  const end = /\p{L}$/u.test(text) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${start}${escapeRegExp(text)}${end}`, 'gu');
}

/** The pane a finding is read in: its language, English for the bilingual comparisons. */
export const paneOf = (finding: LiveFinding): Lang => (finding.lang === 'fr' ? 'fr' : 'en');

/** The finding's words in a pane's document (null: not in the text, e.g. a missing section or an identification field). */
export function findingRange(doc: PmNode, finding: LiveFinding): { from: number; to: number } | null {
  if (!finding.text || finding.section === 'identification') return null;
  const pattern = wordPattern(finding.text);
  const inSection: { from: number; to: number }[] = [];
  const anywhere: { from: number; to: number }[] = [];
  doc.forEach((section, offset) => {
    const own = section.attrs['sectionId'] === finding.section;
    section.descendants((node, pos) => {
      if (!node.isTextblock) return true;
      const start = offset + 1 + pos + 1;
      for (const match of node.textContent.matchAll(pattern)) {
        // Text offsets inside a textblock map 1:1 to positions (inline content is text only).
        const range = { from: start + match.index, to: start + match.index + match[0].length };
        (own ? inSection : anywhere).push(range);
      }
      return false;
    });
  });
  const found = inSection.length > 0 ? inSection : anywhere;
  return found[Math.min(finding.occurrence, found.length - 1)] ?? null;
}
