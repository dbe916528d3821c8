// Applying an imported XLIFF's French to the French pane numbers blocks exactly as the sync
// server's projection does (the export reads that projection): a description with an empty
// paragraph, a list and a sub-heading is projected (domain/section-rows.ts), written
// as XLIFF, translated, read back and applied; projecting the result gives the translated text,
// with the structure kept, in one transaction.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as Y from 'yjs';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import { EditorState } from 'prosemirror-state';
import type { Node as PmNode } from 'prosemirror-model';
import { jdSchema } from '../core/schema.js';
import { projectSections } from '../../domain/section-rows.js';
import { readXliff, sectionTextOf, writeXliff } from '../../domain/exchange/xliff.js';
import { applyImportedFrench } from './xliff-apply.js';

const { nodes, marks } = jdSchema;
const DOC = 'e5dc0000-0000-4000-a000-00000000d001';
const text = (t: string) => (t === '' ? [] : [jdSchema.text(t)]);
const paragraph = (t: string) => nodes['paragraph']!.create(null, text(t));
const heading = (t: string, level = 2) => nodes['heading']!.create({ level }, text(t));
const list = (...items: string[]) => nodes['bullet_list']!.create(null, items.map((t) => nodes['list_item']!.create(null, paragraph(t))));
const section = (sectionId: string, children: PmNode[]) => nodes['section']!.create({ sectionId, kind: 'custom' }, children);

function englishDoc(): PmNode {
  return nodes['doc']!.create(null, [
    section('a', [heading('Duties'), paragraph('Plans work.'), paragraph(''), list('Writes notes.', 'Reads files.'), heading('Other', 3), paragraph('Travels.')]),
    section('b', [heading('Effort'), paragraph('Sits.')]),
  ]);
}

function frenchDoc(): PmNode {
  const bold = marks['strong']!.create();
  return nodes['doc']!.create(null, [
    section('a', [
      heading('Tâches'),
      nodes['paragraph']!.create(null, jdSchema.text('Planifie le travail.', [bold])),
      paragraph(''),
      list('Rédige des notes.', 'Lit des dossiers.'),
      heading('Autres', 3),
      paragraph('Voyage.'),
    ]),
    section('b', [heading('Effort'), paragraph('')]),
  ]);
}

/** The projection of a language, as the export reads it. */
function projected(doc: PmNode, lang: 'en' | 'fr') {
  const ydoc = new Y.Doc();
  prosemirrorToYXmlFragment(doc, ydoc.getXmlFragment(lang));
  return projectSections(ydoc, lang);
}

describe('applyImportedFrench', () => {
  it('puts a translated export back block by block, as the projection numbers them', () => {
    const en = projected(englishDoc(), 'en');
    const fr = projected(frenchDoc(), 'fr');
    const xliff = writeXliff({
      documentId: DOC,
      sections: en.map((row) => {
        const french = fr.find((f) => f.sectionId === row.sectionId);
        return { sectionId: row.sectionId, kind: row.kind, en: sectionTextOf(row), fr: french ? sectionTextOf(french) : null };
      }),
    });
    // What the CAT tool changed: the sub-heading (p4), the second list item (p3), a new paragraph in b.
    const translated = xliff
      .replace('<target>Autres</target>', '<target>Autres tâches</target>')
      .replace('<target>Lit des dossiers.</target>', '<target>Lit les dossiers.</target>')
      .replace('<segment id="p1"><source>Sits.</source></segment>', '<segment id="p1"><source>Sits.</source><target>Est assis.</target></segment>');
    const read = readXliff(translated, { documentId: DOC, sectionIds: new Set(en.map((r) => r.sectionId)) });
    assert.deepEqual(read.errors, []);

    const state = EditorState.create({ schema: jdSchema, doc: frenchDoc() });
    const applied = applyImportedFrench(state, read.targets.map((t) => ({ id: t.sectionId, fr: { heading: t.heading, blocks: t.blocks } })));
    assert.equal(applied.changed, 2);
    assert.deepEqual(applied.missing, []);
    const after = state.apply(applied.tr!).doc;

    assert.deepEqual(
      projected(after, 'fr').map((r) => ({ id: r.sectionId, heading: r.heading, body: r.body })),
      [
        { id: 'a', heading: 'Tâches', body: 'Planifie le travail.\nRédige des notes.\nLit les dossiers.\nAutres tâches\nVoyage.' },
        { id: 'b', heading: 'Effort', body: 'Est assis.' },
      ],
    );
    // The structure stays: the list, the sub-heading, the empty paragraph; an untouched block keeps its bold.
    const a = after.child(0);
    assert.deepEqual(
      Array.from({ length: a.childCount }, (_, i) => a.child(i).type.name),
      ['heading', 'paragraph', 'paragraph', 'bullet_list', 'heading', 'paragraph'],
    );
    assert.equal(a.child(1).firstChild!.marks[0]?.type.name, 'strong');
    const b = after.child(1);
    assert.deepEqual(
      Array.from({ length: b.childCount }, (_, i) => b.child(i).textContent),
      ['Effort', 'Est assis.'],
      'the empty placeholder paragraph of b is filled, not left above the new text',
    );
  });

  it('adds paragraphs past the last block at the end of the section', () => {
    const state = EditorState.create({ schema: jdSchema, doc: frenchDoc() });
    const applied = applyImportedFrench(state, [{ id: 'b', fr: { heading: null, blocks: ['Un.', null, 'Deux.'] } }]);
    const b = state.apply(applied.tr!).doc.child(1);
    assert.deepEqual(Array.from({ length: b.childCount }, (_, i) => b.child(i).textContent), ['Effort', 'Un.', 'Deux.']);
  });

  it('changes nothing for the same French, and names the sections the pane does not have', () => {
    const state = EditorState.create({ schema: jdSchema, doc: frenchDoc() });
    const same = applyImportedFrench(state, [
      { id: 'a', fr: { heading: 'Tâches', blocks: ['Planifie le travail.', null, 'Lit des dossiers.'] } },
      { id: 'gone', fr: { heading: 'X', blocks: [] } },
    ]);
    assert.equal(same.tr, null);
    assert.equal(same.changed, 0);
    assert.deepEqual(same.missing, ['gone']);
  });

  it('keeps the marks of the first character of a replaced block', () => {
    const state = EditorState.create({ schema: jdSchema, doc: frenchDoc() });
    const applied = applyImportedFrench(state, [{ id: 'a', fr: { heading: null, blocks: ['Planifie tout le travail.'] } }]);
    const first = state.apply(applied.tr!).doc.child(0).child(1);
    assert.equal(first.textContent, 'Planifie tout le travail.');
    assert.equal(first.firstChild!.marks[0]?.type.name, 'strong');
  });
});
