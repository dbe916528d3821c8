// What an AI task works on and how accepted changes go back into the text: the selection or the
// section body under the caret, read with its positions; accepted changes applied as one
// transaction, across paragraphs too; a target whose text changed is not found; a translation
// fills an empty section.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EditorState, TextSelection } from 'prosemirror-state';
import { jdSchema } from '../core/schema.js';
import { wordDiff } from './ai-diff.js';
import { applyChanges, currentRange, replaceSectionBody, sectionIsEmpty, targetOf, textWithPositions } from './ai-target.js';

const { nodes } = jdSchema;
const paragraph = (text: string) => nodes['paragraph']!.create(null, text ? [jdSchema.text(text)] : []);
const section = (id: string, heading: string, ...paragraphs: string[]) =>
  nodes['section']!.create({ sectionId: id, kind: 'custom' }, [nodes['heading']!.create({ level: 2 }, jdSchema.text(heading)), ...paragraphs.map(paragraph)]);
const stateOf = (...sections: ReturnType<typeof section>[]) => EditorState.create({ schema: jdSchema, doc: nodes['doc']!.create(null, sections) });
const allText = (state: EditorState) => state.doc.textBetween(0, state.doc.content.size, '\n');
const caretIn = (state: EditorState, word: string) => {
  let at = -1;
  state.doc.descendants((node, pos) => {
    if (at < 0 && node.isText && node.text!.includes(word)) at = pos + node.text!.indexOf(word);
  });
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, at)));
};

describe('AI target', () => {
  it('without a selection, works on the body of the section under the caret (not its heading), one line a paragraph', () => {
    const state = caretIn(stateOf(section('a', 'Duties', 'Oversees staff.', 'Approves leave.'), section('b', 'Other', 'Untouched.')), 'Approves');
    const target = targetOf(state, 'en');
    assert.ok(typeof target !== 'string');
    assert.equal(target.text, 'Oversees staff.\nApproves leave.');
    assert.equal(target.selection, false);
    const { positions } = textWithPositions(state.doc, target.from, target.to);
    assert.equal(positions.length, target.text.length);
    assert.equal(positions[15], -1, 'the line break between the paragraphs has no position');
  });

  it('applies the accepted changes across paragraphs in one transaction, leaving the rejected ones', () => {
    const state = caretIn(stateOf(section('a', 'Duties', 'The manager oversees staff.', 'He approves leave.')), 'oversees');
    const target = targetOf(state, 'en');
    assert.ok(typeof target !== 'string');
    const diff = wordDiff(target.text, 'The manager supervises staff.\nThe manager approves leave.');
    assert.deepEqual(diff.changes.map((c) => [c.removed, c.added]), [['oversees', 'supervises'], ['He', 'The manager']]);
    const range = currentRange(state, target);
    assert.ok(range);
    const tr = applyChanges(state, range, diff.changes);
    assert.ok(tr);
    assert.equal(allText(state.apply(tr)), 'Duties\nThe manager supervises staff.\nThe manager approves leave.');
    const onlySecond = applyChanges(state, range, [diff.changes[1]!]);
    assert.equal(allText(state.apply(onlySecond!)), 'Duties\nThe manager oversees staff.\nThe manager approves leave.');
  });

  it('a selection across two sections is refused; an empty section has nothing to improve', () => {
    const state = stateOf(section('a', 'Duties', 'One.'), section('b', 'Other', 'Two.'), section('c', 'Empty', ''));
    const across = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 10, state.doc.content.size - 12)));
    assert.equal(targetOf(across, 'en'), 'across-sections');
    const inEmpty = state.apply(state.tr.setSelection(TextSelection.create(state.doc, state.doc.content.size - 2)));
    assert.equal(targetOf(inEmpty, 'en'), 'empty');
  });

  it('does not find the target once its text changed', () => {
    const state = caretIn(stateOf(section('a', 'Duties', 'The manager oversees staff.')), 'oversees');
    const target = targetOf(state, 'en');
    assert.ok(typeof target !== 'string');
    const changed = state.apply(state.tr.insertText('X', target.from + 4));
    assert.equal(currentRange(changed, target), null);
  });

  it('fills an empty section with one paragraph a line', () => {
    const state = stateOf(section('a', 'Fonctions', ''));
    assert.equal(sectionIsEmpty(state.doc, 'a'), true);
    const next = state.apply(replaceSectionBody(state, 'a', 'Gère l’équipe.\nApprouve les congés.')!);
    assert.equal(allText(next), 'Fonctions\nGère l’équipe.\nApprouve les congés.');
    assert.equal(sectionIsEmpty(next.doc, 'a'), false);
  });
});
