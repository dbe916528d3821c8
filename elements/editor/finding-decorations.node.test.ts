// The findings underlined in a pane: changed by id only where they differ, kept on their words
// through y-prosemirror's whole-document replacement of a remote change, and the next/previous
// finding commands going round.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EditorState, TextSelection } from 'prosemirror-state';
import { Slice, type Node as PmNode } from 'prosemirror-model';
import { ySyncPluginKey } from 'y-prosemirror';
import { jdSchema } from '../core/schema.js';
import { findingDecorationsKey, findingDecorationsPlugin, findingMarks, findingMarksAt, moveToFinding, setFindingMarks, type FindingMark } from './finding-decorations.js';

const { nodes } = jdSchema;
const paragraph = (t: string) => nodes['paragraph']!.create(null, [jdSchema.text(t)]);
const section = (sectionId: string, ...texts: string[]) => nodes['section']!.create({ sectionId, kind: 'custom' }, [nodes['heading']!.create({ level: 2 }, [jdSchema.text(sectionId)]), ...texts.map(paragraph)]);
const doc = (...sections: PmNode[]) => nodes['doc']!.create(null, sections);

const initial = doc(section('skill', 'He knows the files.'), section('key-activities', 'Then he signs; he will advise.'));
const at = (d: PmNode, word: string, nth = 0) => {
  const found: number[] = [];
  d.descendants((node, pos) => {
    if (node.isText) for (let i = node.text!.indexOf(word); i >= 0; i = node.text!.indexOf(word, i + 1)) found.push(pos + i);
    return true;
  });
  return found[nth]!;
};
const mark = (d: PmNode, id: string, word: string, nth: number, severity: FindingMark['severity'] = 'warning'): FindingMark => ({ id, from: at(d, word, nth), to: at(d, word, nth) + word.length, severity, message: `${severity}: ${word}` });
const words = (state: EditorState) => findingMarks(state).map((m) => `${m.id}=${state.doc.textBetween(m.from, m.to)}`);

function withMarks(marks: FindingMark[]): EditorState {
  const state = EditorState.create({ schema: jdSchema, doc: initial, plugins: [findingDecorationsPlugin] });
  return state.apply(setFindingMarks(state, marks)!);
}

describe('finding decorations', () => {
  it('changes only the underlines that differ, and nothing when none does', () => {
    const marks = [mark(initial, 'a', 'he', 0), mark(initial, 'b', 'he', 1, 'error')];
    const state = withMarks(marks);
    assert.deepEqual(words(state), ['a=he', 'b=he']);
    assert.equal(setFindingMarks(state, marks), null);
    const next = state.apply(setFindingMarks(state, [marks[1]!, mark(initial, 'c', 'files', 0, 'info')])!);
    assert.deepEqual(words(next), ['c=files', 'b=he']);
    assert.deepEqual(findingMarksAt(next, marks[1]!.from + 1).map((m) => m.severity), ['error']);
  });

  it('marks a finding on a whole paragraph on the paragraph itself, which keeps covering it while typing inside', () => {
    const start = at(initial, 'He knows');
    const end = start + 'He knows the files.'.length;
    let state = withMarks([{ id: 'long', from: start, to: end, severity: 'info', message: 'info: long sentence' }]);
    const decoration = findingDecorationsKey.getState(state)!.find()[0]!;
    assert.equal((decoration.spec as { block?: boolean }).block, true, 'a node decoration');
    state = state.apply(state.tr.insertText('really ', at(state.doc, 'knows')));
    assert.deepEqual(words(state), ['long=He really knows the files.']);
    assert.deepEqual(findingMarksAt(state, at(state.doc, 'files')).map((m) => m.id), ['long']);
  });

  it('keeps each underline on its words through a remote change that replaces the whole document', () => {
    const state = withMarks([mark(initial, 'a', 'he', 0), mark(initial, 'b', 'advise', 0)]);
    // What y-prosemirror dispatches for a remote edit: one replacement of everything, with its meta.
    const edited = doc(section('skill', 'He knows all the files.'), section('key-activities', 'Then he signs; he will advise.'));
    const tr = state.tr.replace(0, state.doc.content.size, new Slice(edited.content, 0, 0)).setMeta(ySyncPluginKey, { isChangeOrigin: true });
    assert.deepEqual(words(state.apply(tr)), ['a=he', 'b=advise']);
    // The same replacement without the remote meta maps as ProseMirror does: everything replaced, nothing left.
    assert.deepEqual(words(state.apply(state.tr.replace(0, state.doc.content.size, new Slice(edited.content, 0, 0)))), []);
  });

  it('Alt+F8 / Shift+Alt+F8 select the next / previous finding, round from the last to the first', () => {
    let state = withMarks([mark(initial, 'a', 'knows', 0), mark(initial, 'b', 'he', 1), mark(initial, 'c', 'advise', 0)]);
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, at(state.doc, 'files'))));
    const run = (direction: 1 | -1) => moveToFinding(direction)(state, (tr) => (state = state.apply(tr)));
    const selected = () => state.doc.textBetween(state.selection.from, state.selection.to);
    assert.equal(run(1), true);
    assert.equal(selected(), 'he');
    run(1);
    assert.equal(selected(), 'advise');
    run(1);
    assert.equal(selected(), 'knows');
    run(-1);
    assert.equal(selected(), 'advise');
    const empty = EditorState.create({ schema: jdSchema, doc: initial, plugins: [findingDecorationsPlugin] });
    assert.equal(moveToFinding(1)(empty), false);
  });
});
