import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as Y from 'yjs';
import { hasInitialMeta, initialContentUpdate, initialMetaUpdate, seedsFromRows, stateVectorHasInitialMeta, updateHasInitialMeta, type IdentificationRow } from './document-init.ts';

const ROW: IdentificationRow = {
  title_en: 'Policy Analyst',
  title_fr: 'Analyste des politiques',
  classification: 'EC-05',
  position_number: 'ABC-1234',
  noc_code: '41400',
  language_profile: 'BBB/BBB',
  department: 'Department of Examples',
  department_fr: 'Ministère des exemples',
};

const meta = (doc: Y.Doc) => doc.getMap('meta').toJSON();

describe('identification seed (meta from the document row)', () => {
  it('is the same bytes from every seeder, whatever order the row has its keys in', () => {
    const reversed = Object.fromEntries(Object.entries(ROW).reverse()) as IdentificationRow;
    assert.deepEqual(initialMetaUpdate(reversed), initialMetaUpdate(ROW));
  });

  it('merges into one value per field when two seeders (a server and a client) both apply it', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    Y.applyUpdate(server, initialMetaUpdate(ROW));
    Y.applyUpdate(client, initialMetaUpdate({ ...ROW }));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    assert.deepEqual(meta(server), ROW);
    assert.deepEqual(meta(client), ROW);
    // Nothing of the second seed was added: the encoded state is exactly one seed.
    assert.equal(Y.encodeStateAsUpdate(server).byteLength, initialMetaUpdate(ROW).byteLength);
  });

  it('never replaces a value someone typed, before or after the seed arrived', () => {
    const typedBefore = new Y.Doc();
    typedBefore.getMap('meta').set('classification', 'EC-06');
    Y.applyUpdate(typedBefore, initialMetaUpdate(ROW));
    assert.equal(typedBefore.getMap('meta').get('classification'), 'EC-06');
    assert.equal(typedBefore.getMap('meta').get('title_en'), ROW.title_en, 'the fields nobody typed are filled');

    // The same two changes received in the other order converge on the typed value too.
    const seededFirst = new Y.Doc();
    Y.applyUpdate(seededFirst, initialMetaUpdate(ROW));
    Y.applyUpdate(seededFirst, Y.encodeStateAsUpdate(typedBefore));
    assert.deepEqual(meta(seededFirst), meta(typedBefore));

    const typedAfter = new Y.Doc();
    Y.applyUpdate(typedAfter, initialMetaUpdate(ROW));
    typedAfter.getMap('meta').set('title_fr', 'Analyste principale des politiques');
    Y.applyUpdate(typedAfter, initialMetaUpdate(ROW));
    assert.equal(typedAfter.getMap('meta').get('title_fr'), 'Analyste principale des politiques');
  });

  it('leaves out empty fields and writes nothing for a row without any', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initialMetaUpdate({ title_en: 'Inspector', title_fr: null, classification: '  ' }));
    assert.deepEqual(meta(doc), { title_en: 'Inspector' });
    assert.equal(updateHasInitialMeta(initialMetaUpdate({ title_en: null })), false);
  });

  it('goes into a document whose content was seeded before, and is then known to be there', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initialContentUpdate(seedsFromRows([])));
    assert.equal(hasInitialMeta(doc), false);
    Y.applyUpdate(doc, initialMetaUpdate(ROW));
    assert.deepEqual(meta(doc), ROW, 'the content seed does not take the meta seed’s ids');
    assert.equal(doc.getXmlFragment('en').length, 6);
    assert.equal(hasInitialMeta(doc), true);
    assert.equal(stateVectorHasInitialMeta(Y.encodeStateVector(doc)), true);
    assert.equal(updateHasInitialMeta(initialMetaUpdate(ROW)), true);
    assert.equal(updateHasInitialMeta(initialContentUpdate(seedsFromRows([]))), false);
  });
});
