// First content from stored sections, against the real schema and seed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Y from 'yjs';
import type { PGlite } from '@electric-sql/pglite';
import type { SyncDatabase } from './sql-access.js';
import { seedFromSections } from './document-seed.js';
import { readStoredState, applyStoredState } from './update-log.js';
import { openProjectDatabase } from '../tests/support/project-database.js';

const ESDC_DOC = 'e5dc0000-0000-4000-a000-00000000d001';
const TC_DOC = '7c000000-0000-4000-a000-00000000d001';

describe('first content from the stored sections', () => {
  let pg: PGlite;
  let db: SyncDatabase;
  before(async () => ({ pg, db } = await openProjectDatabase()));
  after(() => pg.close());

  const stored = async (id: string) => {
    const doc = new Y.Doc();
    applyStoredState(doc, await readStoredState(db, id), null, () => assert.fail('a stored update could not be applied'));
    return doc;
  };

  it('writes the sections of a document whose Yjs log is empty, once, as the server', async () => {
    assert.equal(await seedFromSections(db, ESDC_DOC), true);
    const doc = await stored(ESDC_DOC);
    assert.equal(doc.getXmlFragment('en').length, 6);
    assert.equal(doc.getXmlFragment('fr').length, 6);
    assert.match(doc.getXmlFragment('fr').toString(), /Activités principales/);
    const rows = (await pg.query<{ seq: string; created_by: string | null }>('select seq, created_by from public.doc_updates where document_id = $1', [ESDC_DOC])).rows;
    assert.deepEqual(rows.map((r) => [Number(r.seq), r.created_by]), [[1, null]]);
    assert.equal(await seedFromSections(db, ESDC_DOC), false, 'a log with content is never seeded again');
  });

  it('leaves a document without stored sections empty', async () => {
    const { rows } = await pg.query<{ id: string }>(
      `insert into public.job_descriptions (organization_id, title_en, title_fr)
         select organization_id, 'No sections', 'Sans sections' from public.job_descriptions where id = $1 returning id`,
      [TC_DOC],
    );
    assert.equal(await seedFromSections(db, rows[0]!.id), false);
    assert.equal((await readStoredState(db, rows[0]!.id)).tail.length, 0);
  });
});
