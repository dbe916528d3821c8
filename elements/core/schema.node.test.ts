// The schema decides what Enter makes (ProseMirror's splitBlock takes the first text block the
// parent's content allows): in a section (`heading block*`) that must be a paragraph. With the
// heading declared first, Enter at the end of a key activity started a sub-heading (found by the
// demo's end-to-end test, dev/tests/e2e-flow.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseKeymap } from 'prosemirror-commands';
import { EditorState, TextSelection } from 'prosemirror-state';
import { jdSchema } from './schema.js';

const { nodes } = jdSchema;

/** One section: its title and one paragraph, the caret at the end of the block that reads `caretAfter`. */
function sectionState(caretAfter: string): EditorState {
  const section = nodes['section']!.create({ sectionId: 'key-activities', kind: 'key_activities' }, [
    nodes['heading']!.create({ level: 2 }, jdSchema.text('Key Activities')),
    nodes['paragraph']!.create(null, jdSchema.text('Maintains accurate records.')),
  ]);
  const doc = nodes['doc']!.create(null, [section]);
  let caret = -1;
  doc.descendants((node, pos) => {
    if (node.isTextblock && node.textContent === caretAfter) caret = pos + 1 + node.content.size;
    return caret < 0;
  });
  return EditorState.create({ schema: jdSchema, doc, selection: TextSelection.create(doc, caret) });
}

/** Presses Enter (the pane's binding outside lists is baseKeymap's) and types `text`; the blocks' types and texts after. */
function enterAndType(state: EditorState, text: string): string[] {
  let next = state;
  assert.ok(baseKeymap['Enter']!(next, (tr) => (next = next.apply(tr))), 'Enter did something');
  next = next.apply(next.tr.insertText(text));
  const blocks: string[] = [];
  next.doc.firstChild!.forEach((block) => blocks.push(`${block.type.name}: ${block.textContent}`));
  return blocks;
}

describe('the schema: what Enter starts in a section', () => {
  it('Enter at the end of a paragraph starts a paragraph, not a heading', () => {
    assert.deepEqual(enterAndType(sectionState('Maintains accurate records.'), 'Manages the budget.'), [
      'heading: Key Activities',
      'paragraph: Maintains accurate records.',
      'paragraph: Manages the budget.',
    ]);
  });

  it('Enter at the end of the section title starts a paragraph under it', () => {
    assert.deepEqual(enterAndType(sectionState('Key Activities'), 'Leads the team.'), [
      'heading: Key Activities',
      'paragraph: Leads the team.',
      'paragraph: Maintains accurate records.',
    ]);
  });
});
