// Applying the French of an imported XLIFF (what xliff-import answers) to the French pane as ONE
// ProseMirror transaction: y-prosemirror turns it into one Yjs transaction with the origin the
// pane's UndoManager tracks, so it reaches everyone through the sync server (which checks edit
// rights on the update) and one Ctrl+Z reverts the whole import.
//
// Blocks are numbered as the file numbered them (domain/exchange/xliff.ts): in each section,
// after its heading, the textblocks (paragraphs, list items, sub-headings) that hold text, in
// document order; that is the sync server's projection. Target p(k+1) replaces the text of block
// k when it differs; targets past the last block fill the empty paragraphs after it (a new
// section's placeholder), then become new paragraphs at the end of the section; a null target
// leaves the block alone. The structure (lists, sub-headings) stays.
// A replaced block keeps the marks of its first character (bold stays bold); links and marks
// inside the old text cannot be placed in new text, which the file carries as plain text.
import type { Node as PmNode } from 'prosemirror-model';
import type { EditorState, Transaction } from 'prosemirror-state';
import { jdSchema } from '../core/schema.js';
import type { XliffImportedSection as ImportedSection } from '../core/data-access.js';

export interface XliffApplyResult {
  /** The transaction to dispatch; null when nothing changes. */
  tr: Transaction | null;
  /** Sections whose French changed. */
  changed: number;
  /** Sections of the answer that are not in the French pane (left as they are). */
  missing: string[];
}

interface Block {
  /** Position of the textblock node. */
  pos: number;
  node: PmNode;
}

/**
 * A section's heading, its non-empty textblocks, and the empty paragraphs after the last of them
 * (`spare`: a new section's placeholder paragraph is filled rather than left above the new text),
 * positions absolute.
 */
function blocksOf(section: PmNode, offset: number): { heading: Block | null; blocks: Block[]; spare: Block[] } {
  let heading: Block | null = null;
  const blocks: Block[] = [];
  let spare: Block[] = [];
  section.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const block = { pos: offset + 1 + pos, node };
    if (heading === null && pos === 0 && node.type.name === 'heading') heading = block;
    else if (node.textContent !== '') {
      blocks.push(block);
      spare = [];
    } else if (node.type.name === 'paragraph') spare.push(block);
    return false;
  });
  return { heading, blocks, spare };
}

/** A textblock's new content: `text` with the marks of its first character. */
function content(block: PmNode, text: string): PmNode[] {
  if (text === '') return [];
  return [jdSchema.text(text, block.firstChild?.marks ?? [])];
}

export function applyImportedFrench(state: EditorState, sections: readonly ImportedSection[]): XliffApplyResult {
  const wanted = new Map(sections.map((s) => [s.id, s.fr]));
  const found = new Set<string>();
  /** Replacements and insertions, applied from the end so earlier positions stay valid. */
  const edits: { from: number; to: number; nodes: PmNode[] }[] = [];
  let changed = 0;
  state.doc.forEach((section, offset) => {
    const id = String(section.attrs['sectionId'] ?? '');
    const fr = wanted.get(id);
    if (!fr) return;
    found.add(id);
    const { heading, blocks, spare } = blocksOf(section, offset);
    const before = edits.length;
    const replace = (block: Block, text: string) => {
      if (block.node.textContent === text) return;
      edits.push({ from: block.pos + 1, to: block.pos + block.node.nodeSize - 1, nodes: content(block.node, text) });
    };
    if (heading && fr.heading !== null) replace(heading, fr.heading);
    const added: PmNode[] = [];
    fr.blocks.forEach((text, k) => {
      if (text === null) return;
      const block = blocks[k];
      const empty = block ? undefined : text !== '' ? spare.shift() : undefined;
      if (block) replace(block, text);
      else if (empty) replace(empty, text);
      else if (text !== '') added.push(jdSchema.nodes['paragraph']!.create(null, jdSchema.text(text)));
    });
    const end = offset + section.nodeSize - 1;
    if (added.length > 0) edits.push({ from: end, to: end, nodes: added });
    if (edits.length > before) changed += 1;
  });
  const missing = sections.map((s) => s.id).filter((id) => !found.has(id));
  if (edits.length === 0) return { tr: null, changed: 0, missing };
  const tr = state.tr;
  for (const edit of edits.sort((a, b) => b.from - a.from)) {
    if (edit.nodes.length === 0) tr.delete(edit.from, edit.to);
    else tr.replaceWith(edit.from, edit.to, edit.nodes);
  }
  return { tr, changed, missing };
}
