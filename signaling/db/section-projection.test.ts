// The plain-text projection of the sections against the real schema and seed: it follows the
// document, and a document not initialised yet (no sections) never wipes the stored rows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Y from 'yjs';
import type { PGlite } from '@electric-sql/pglite';
import type { SyncDatabase } from './sql-access.js';
import { projectSections, writeSections } from './section-projection.js';
import { openProjectDatabase } from '../tests/support/project-database.js';

const DOC = 'e5dc0000-0000-4000-a000-00000000d001';

function oneSection(lang: 'en' | 'fr', heading: string, body: string): Y.Doc {
  const doc = new Y.Doc();
  const section = new Y.XmlElement('section');
  section.setAttribute('sectionId', 'key-activities');
  section.setAttribute('kind', 'key_activities');
  const h = new Y.XmlElement('heading');
  h.insert(0, [new Y.XmlText(heading)]);
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(body)]);
  section.insert(0, [h, p]);
  doc.getXmlFragment(lang).insert(0, [section]);
  return doc;
}

describe('sections projection', () => {
  let pg: PGlite;
  let db: SyncDatabase;
  before(async () => ({ pg, db } = await openProjectDatabase()));
  after(() => pg.close());

  const stored = async () =>
    (await pg.query<{ lang: string; section_id: string; heading: string; body: string }>('select lang, section_id, heading, body from public.document_sections where document_id = $1 order by lang, position', [DOC])).rows;

  it('leaves the stored sections alone while the document has none (not initialised yet)', async () => {
    const before = await stored();
    assert.equal(before.length, 12, 'the seed has six sections in each language');
    const empty = new Y.Doc();
    empty.getMap('meta').set('title_en', 'Only the title changed');
    await writeSections(db, DOC, [...projectSections(empty, 'en'), ...projectSections(empty, 'fr')]);
    assert.deepEqual(await stored(), before);
  });

  it('replaces them with the document\'s once it has sections', async () => {
    const doc = oneSection('en', 'Key Activities', 'Leads a team.');
    await writeSections(db, DOC, [...projectSections(doc, 'en'), ...projectSections(doc, 'fr')]);
    assert.deepEqual(await stored(), [{ lang: 'en', section_id: 'key-activities', heading: 'Key Activities', body: 'Leads a team.' }]);
  });
});
