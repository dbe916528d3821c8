// The sentences of a section, with their positions in a pane: what live translation-memory
// lookup follows (the sentence under the caret, and the sentence at the same index in the other
// language's paired section) and what inserting a match replaces when nothing is selected.
// Sentences are numbered within a section across its paragraphs and list items, the section's
// heading left out, with the aligner's splitter (domain/align/sentences.ts).
import type { EditorState } from 'prosemirror-state';
import type { Node as PmNode } from 'prosemirror-model';
import { splitParagraph } from '../../domain/align/sentences.js';
import type { Lang } from '../../domain/sections.js';

/** A sentence of a section: its text, its index in the section, and where it is in the pane. */
export interface SectionSentence {
  sectionId: string;
  index: number;
  text: string;
  from: number;
  to: number;
}

/** Every sentence of the section node at `offset`, in order. */
function sentencesOfSection(section: PmNode, offset: number, lang: Lang): SectionSentence[] {
  const sectionId = String(section.attrs['sectionId']);
  const sentences: SectionSentence[] = [];
  let first = true;
  section.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    // The section's own heading is its title, not a sentence to translate.
    const isTitle = first && node.type.name === 'heading';
    first = false;
    if (isTitle) return false;
    const text = node.textContent;
    // Inline content is text only: offsets in the textblock map 1:1 to positions.
    const start = offset + 1 + pos + 1;
    let cursor = 0;
    for (const sentence of splitParagraph(text, lang)) {
      const at = text.indexOf(sentence, cursor);
      if (at < 0) continue;
      sentences.push({ sectionId, index: sentences.length, text: sentence, from: start + at, to: start + at + sentence.length });
      cursor = at + sentence.length;
    }
    return false;
  });
  return sentences;
}

/** The section node containing `pos` and its offset, or null (outside any section). */
function sectionAt(state: EditorState, pos: number): { node: PmNode; offset: number } | null {
  const $pos = state.doc.resolve(Math.max(0, Math.min(pos, state.doc.content.size)));
  if ($pos.depth < 1) return null;
  return { node: $pos.node(1), offset: $pos.before(1) };
}

/**
 * The sentence at `pos`: the one containing it, else (between sentences, or at the end of a
 * paragraph's text) the last one starting before it in the same section; null outside sentences.
 */
export function sentenceAt(state: EditorState, pos: number, lang: Lang): SectionSentence | null {
  const section = sectionAt(state, pos);
  if (!section) return null;
  const sentences = sentencesOfSection(section.node, section.offset, lang);
  const $pos = state.doc.resolve(pos);
  if (!$pos.parent.isTextblock) return null;
  const blockStart = $pos.start();
  const blockEnd = $pos.end();
  const inBlock = sentences.filter((s) => s.from >= blockStart && s.to <= blockEnd);
  return inBlock.find((s) => pos >= s.from && pos <= s.to) ?? inBlock.filter((s) => s.from <= pos).at(-1) ?? null;
}

/** The sentence at `index` of the section `sectionId`, or null. */
export function sentenceOf(state: EditorState, sectionId: string, index: number, lang: Lang): SectionSentence | null {
  let found: SectionSentence | null = null;
  state.doc.forEach((node, offset) => {
    if (found || String(node.attrs['sectionId']) !== sectionId) return;
    found = sentencesOfSection(node, offset, lang)[index] ?? null;
  });
  return found;
}
