// First content from stored sections and identification from the row, against the real schema and seed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Y from 'yjs';
import type { PGlite } from '@electric-sql/pglite';
import type { SyncDatabase } from './sql-access.js';
import { seedDocument } from './document-seed.js';
import { appendUpdates, applyStoredState, compactDocument, readStoredState } from './update-log.js';
import { initialContentUpdate, seedsFromRows } from '../../domain/document-init.js';
import { openProjectDatabase } from '../tests/support/project-database.js';
import { ESDC_IDENTIFICATION, TC_IDENTIFICATION } from '../tests/support/seeded-identification.js';

const ESDC_DOC = 'e5dc0000-0000-4000-a000-00000000d001';
const TC_DOC = '7c000000-0000-4000-a000-00000000d001';

describe('first content from the stored sections, identification from the row', () => {
  let pg: PGlite;
  let db: SyncDatabase;
  before(async () => ({ pg, db } = await openProjectDatabase()));
  after(() => pg.close());

  const stored = async (id: string) => {
    const doc = new Y.Doc();
    applyStoredState(doc, await readStoredState(db, id), null, () => assert.fail('a stored update could not be applied'));
    return doc;
  };
  const newDocument = async (titles: [string | null, string | null]) => {
    const { rows } = await pg.query<{ id: string }>(
      `insert into public.job_descriptions (organization_id, title_en, title_fr)
         select organization_id, $2, $3 from public.job_descriptions where id = $1 returning id`,
      [TC_DOC, ...titles],
    );
    return rows[0]!.id;
  };

  it('writes the sections and the identification of a document whose Yjs log is empty, once, as the server', async () => {
    assert.deepEqual(await seedDocument(db, ESDC_DOC), { content: true, meta: true });
    const doc = await stored(ESDC_DOC);
    assert.equal(doc.getXmlFragment('en').length, 6);
    assert.equal(doc.getXmlFragment('fr').length, 6);
    assert.match(doc.getXmlFragment('fr').toString(), /Activités principales/);
    assert.deepEqual(doc.getMap('meta').toJSON(), ESDC_IDENTIFICATION);
    // Each stored seq and its author (the two seeds share one merged row, seq 1..2).
    const rows = (
      await pg.query<{ seq: string; created_by: string | null }>(
        `select g as seq, case when u.authors is null then u.created_by else u.authors[g - u.seq + 1] end as created_by
           from public.doc_updates u, generate_series(u.seq, coalesce(u.seq_end, u.seq)) as g
          where u.document_id = $1 order by g`,
        [ESDC_DOC],
      )
    ).rows;
    assert.deepEqual(rows.map((r) => [Number(r.seq), r.created_by]), [[1, null], [2, null]]);
    assert.deepEqual(await seedDocument(db, ESDC_DOC), { content: false, meta: false }, 'a log with content and meta is never seeded again');
  });

  it('gives a document seeded before meta was its identification, keeping what was typed, and only once', async () => {
    // As the server seeded before: the sections only; then someone typed a classification.
    const sections = (await pg.query<{ lang: string; section_id: string; kind: string; heading: string; body: string }>(
      'select lang, section_id, kind, heading, body from public.document_sections where document_id = $1 order by lang, position, section_id',
      [TC_DOC],
    )).rows;
    const typed = new Y.Doc();
    Y.applyUpdate(typed, initialContentUpdate(seedsFromRows(sections)));
    typed.getMap('meta').set('classification', 'AO-CAI-03');
    await appendUpdates(db, TC_DOC, [{ update: Y.encodeStateAsUpdate(typed), createdBy: null }]);

    assert.deepEqual(await seedDocument(db, TC_DOC), { content: false, meta: true });
    const doc = await stored(TC_DOC);
    assert.deepEqual(doc.getMap('meta').toJSON(), { ...TC_IDENTIFICATION, classification: 'AO-CAI-03' }, 'the typed classification stays');
    assert.equal(doc.getXmlFragment('en').length, 6, 'the content is not seeded twice');
    assert.deepEqual(await seedDocument(db, TC_DOC), { content: false, meta: false });

    // Once a compaction folded the seed into the snapshot, the snapshot's state vector says so.
    await compactDocument(db, TC_DOC);
    assert.equal((await readStoredState(db, TC_DOC)).tail.length, 0);
    assert.deepEqual(await seedDocument(db, TC_DOC), { content: false, meta: false });
  });

  it('seeds only the identification (with its department) of a document without stored sections', async () => {
    const titled = await newDocument(['No sections', 'Sans sections']);
    assert.deepEqual(await seedDocument(db, titled), { content: false, meta: true });
    const doc = await stored(titled);
    assert.equal(doc.getXmlFragment('en').length, 0, 'an editor fills in the template');
    assert.deepEqual(doc.getMap('meta').toJSON(), { title_en: 'No sections', title_fr: 'Sans sections', department: TC_IDENTIFICATION.department, department_fr: TC_IDENTIFICATION.department_fr });
  });
});
