// The comments projection against the real schema (supabase/migrations and the seed in PGlite):
// after adds, replies, edits, resolves and deletions the rows match the Y.Doc's threads, and
// what the service writes is what members of the organization (only) read under RLS.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Y from 'yjs';
import type { PGlite } from '@electric-sql/pglite';
import type { SyncDatabase } from '../db/sql-access.js';
import { openProjectDatabase } from '../tests/support/project-database.js';
import { anchorInText } from '../../domain/comment-anchors.js';
import { addReply, commentsMap, createThread, deleteComment, editComment, setResolved } from '../../domain/comment-model.js';
import { projectComments, writeComments } from './comment-projection.js';

const DOC = 'e5dc0000-0000-4000-a000-00000000d001';
const TC_DOC = '7c000000-0000-4000-a000-00000000d001';
const EDITOR = { id: 'e5dc0000-0000-4000-a000-000000000102', name: 'Eddie Editor' };
const REVIEWER = { id: 'e5dc0000-0000-4000-a000-000000000104', name: 'Rachel Reviewer' };
const VIEWER = 'e5dc0000-0000-4000-a000-000000000101';
const TC_EDITOR = '7c000000-0000-4000-a000-000000000102';

function jobDescription(): Y.Doc {
  const doc = new Y.Doc();
  const section = new Y.XmlElement('section');
  section.setAttribute('sectionId', 'key-activities');
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, 'Négocie des accords de contribution avec les organismes bénéficiaires.');
  p.insert(0, [t]);
  section.insert(0, [p]);
  doc.getXmlFragment('fr').insert(0, [section]);
  return doc;
}
const text = (doc: Y.Doc) => ((doc.getXmlFragment('fr').get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('comments projection', () => {
  let pg: PGlite;
  let db: SyncDatabase;

  before(async () => {
    ({ pg, db } = await openProjectDatabase());
  });
  after(async () => {
    await pg.close();
  });

  const rows = async () =>
    (
      await pg.query<Record<string, unknown>>(
        `select id, parent_id, lang, section_id, anchor_text, anchor, body, author_id, resolved_by, resolved_at is not null as resolved, organization_id, extract(epoch from created_at) * 1000 as created_ms
           from public.comments where document_id = $1 and from_document order by parent_id nulls first, created_at, id`,
        [DOC],
      )
    ).rows;

  const asUser = (userId: string, work: string) =>
    db.asUser('authenticated', { sub: userId, role: 'authenticated' }, async (tx) => (await tx.query(work, [DOC])).rows);

  it('mirrors threads and replies through adds, edits, resolves and deletions', async () => {
    const doc = jobDescription();
    const a = createThread(doc, { lang: 'fr', anchor: anchorInText(text(doc), 8, 39), quote: 'accords de contribution', author: EDITOR, body: 'Terme TBS ?', mentions: [REVIEWER.id], now: 1_700_000_000_000 });
    const b = createThread(doc, { lang: 'fr', anchor: anchorInText(text(doc), 45, 55), quote: 'organismes', author: REVIEWER, body: 'Ok', now: 1_700_000_001_000 });
    const reply = addReply(doc, a, { author: REVIEWER, body: 'Oui.\nVoir https://www.canada.ca', now: 1_700_000_002_000 });
    await writeComments(db, DOC, projectComments(doc));
    let stored = await rows();
    assert.equal(stored.length, 3);
    const first = stored.find((r) => r['id'] === a)!;
    assert.equal(first['parent_id'], null);
    assert.equal(first['lang'], 'fr');
    assert.equal(first['section_id'], 'key-activities');
    assert.equal(first['anchor_text'], 'accords de contribution');
    assert.deepEqual(Object.keys(JSON.parse(first['anchor'] as string)), ['start', 'end']);
    assert.equal(first['author_id'], EDITOR.id);
    assert.equal(first['organization_id'], 'e5dc0000-0000-4000-a000-000000000001');
    assert.equal(Math.round(Number(first['created_ms'])), 1_700_000_000_000);
    assert.equal(stored.find((r) => r['id'] === reply)!['parent_id'], a);

    editComment(doc, a, null, 'Terme du SCT ?');
    setResolved(doc, b, true, REVIEWER);
    deleteComment(doc, a, reply);
    await writeComments(db, DOC, projectComments(doc));
    stored = await rows();
    assert.deepEqual(stored.map((r) => [r['id'], r['body'], r['resolved']]), [
      [a, 'Terme du SCT ?', false],
      [b, 'Ok', true],
    ]);
    assert.equal(stored.find((r) => r['id'] === b)!['resolved_by'], REVIEWER.id);

    setResolved(doc, b, false, REVIEWER);
    deleteComment(doc, a, null);
    // The anchored text is deleted: the row stays, with its quote, and no section any more.
    text(doc).delete(45, 10);
    await writeComments(db, DOC, projectComments(doc));
    stored = await rows();
    assert.deepEqual(stored.map((r) => [r['id'], r['resolved'], r['anchor_text'], r['section_id']]), [[b, false, 'organismes', null]]);

    // Members of the organization read the rows; another organization does not.
    assert.equal((await asUser(VIEWER, 'select id from public.comments where document_id = $1 and from_document')).length, 1);
    assert.equal((await asUser(TC_EDITOR, 'select id from public.comments where document_id = $1')).length, 0);
    // Writing again with nothing changed leaves the rows as they are.
    await writeComments(db, DOC, projectComments(doc));
    assert.deepEqual(await rows(), stored);
    commentsMap(doc).clear();
    await writeComments(db, DOC, projectComments(doc));
    assert.equal((await rows()).length, 0);
  });

  it('never deletes comments that were not written from the document (seed, add_comment)', async () => {
    const others = async () =>
      (await pg.query<{ id: string; body: string }>('select id, body from public.comments where document_id = $1 and not from_document order by created_at, id', [DOC])).rows;
    const seeded = await others();
    assert.equal(seeded.length, 3, 'the seed has a thread with a reply and another thread on this document');
    const added = await db.asUser('authenticated', { sub: REVIEWER.id, role: 'authenticated' }, async (tx) =>
      String((await tx.query(`select id from public.add_comment(doc => $1::uuid, body => 'Through the portal', lang => 'en')`, [DOC])).rows[0]!['id']),
    );
    const doc = jobDescription();
    const projected = createThread(doc, { lang: 'fr', anchor: anchorInText(text(doc), 8, 39), quote: 'accords de contribution', author: EDITOR, body: 'Dans le document', now: 1_700_000_000_000 });
    await writeComments(db, DOC, projectComments(doc));
    assert.deepEqual((await rows()).map((r) => r['id']), [projected]);
    deleteComment(doc, projected, null);
    await writeComments(db, DOC, projectComments(doc));
    assert.deepEqual(await rows(), [], 'the projected thread left with the document\'s');
    assert.deepEqual((await others()).map((r) => r.id), [...seeded.map((r) => r.id), added], 'the seeded comments and the one added through add_comment are all still there');
  });

  it('never overwrites another document\'s comment that has the same id, and skips what the table cannot hold', async () => {
    const other = await pg.query<{ id: string }>(
      `insert into public.comments (document_id, body, author_id) values ($1, 'Transport Canada', $2) returning id`,
      [TC_DOC, TC_EDITOR],
    );
    const stolen = other.rows[0]!.id;
    const doc = jobDescription();
    createThread(doc, { id: stolen, lang: 'fr', anchor: anchorInText(text(doc), 0, 3), quote: 'Nég', author: EDITOR, body: 'Hijack' });
    const hostile = createThread(doc, { lang: 'fr', anchor: anchorInText(text(doc), 0, 3), quote: 'Nég', author: EDITOR, body: 'placeholder' });
    (commentsMap(doc).get(hostile) as Y.Map<unknown>).set('body', 'x'.repeat(20_001));
    const projected = projectComments(doc);
    assert.deepEqual(projected.map((r) => r.id), [stolen]);
    await writeComments(db, DOC, projected);
    const row = (await pg.query<{ document_id: string; body: string }>('select document_id, body from public.comments where id = $1', [stolen])).rows[0]!;
    assert.deepEqual(row, { document_id: TC_DOC, body: 'Transport Canada' });
  });

  it("touches only its own rows of the same author and parent: a thread or reply under another comment's id leaves that row alone", async () => {
    const doc = jobDescription();
    const reviewers = createThread(doc, { lang: 'fr', anchor: anchorInText(text(doc), 0, 3), quote: 'Nég', author: REVIEWER, body: 'Du réviseur', now: 1_700_000_000_000 });
    const added = await db.asUser('authenticated', { sub: REVIEWER.id, role: 'authenticated' }, async (tx) =>
      String((await tx.query(`select id from public.add_comment(doc => $1::uuid, body => 'Par le portail', lang => 'fr')`, [DOC])).rows[0]!['id']),
    );
    await writeComments(db, DOC, projectComments(doc));
    // The editor's comments under those ids: a thread named like the add_comment row, and a reply
    // named like the reviewer's thread (any uuid passes as a reply id).
    const hijack = createThread(doc, { id: added, lang: 'fr', anchor: anchorInText(text(doc), 0, 3), quote: 'Nég', author: EDITOR, body: 'Réécrit', now: 1_700_000_001_000 });
    const mine = createThread(doc, { lang: 'fr', anchor: anchorInText(text(doc), 0, 3), quote: 'Nég', author: EDITOR, body: 'Le mien', now: 1_700_000_002_000 });
    addReply(doc, mine, { id: reviewers, author: EDITOR, body: 'Réécrit aussi', now: 1_700_000_003_000 });
    const reply = addReply(doc, hijack, { author: EDITOR, body: 'Sous un fil qui n’est pas le mien', now: 1_700_000_004_000 });
    assert.deepEqual(projectComments(doc).map((r) => r.id), [reviewers, added, mine, reply], 'one row per id, the first comment holding it');
    await writeComments(db, DOC, projectComments(doc));
    const body = async (id: string) => (await pg.query<{ body: string; author_id: string }>('select body, author_id from public.comments where id = $1', [id])).rows[0];
    assert.deepEqual(await body(added), { body: 'Par le portail', author_id: REVIEWER.id });
    assert.deepEqual(await body(reviewers), { body: 'Du réviseur', author_id: REVIEWER.id });
    assert.equal(await body(reply), undefined, 'a reply under a thread row that is not the projection\'s is left out, not an error');
    // The reviewer's thread leaves the document: its row goes, and the editor's reply that has
    // its id becomes a row of its own (the editor's, under the editor's thread).
    commentsMap(doc).delete(reviewers);
    deleteComment(doc, hijack, null);
    await writeComments(db, DOC, projectComments(doc));
    assert.deepEqual(await body(reviewers), { body: 'Réécrit aussi', author_id: EDITOR.id });
    assert.deepEqual(await body(added), { body: 'Par le portail', author_id: REVIEWER.id });
    commentsMap(doc).clear();
    await writeComments(db, DOC, projectComments(doc));
  });

  it('names in the audit log the author of a new comment and the user who changed or deleted one', async () => {
    const doc = jobDescription();
    const id = createThread(doc, { lang: 'fr', anchor: anchorInText(text(doc), 0, 3), quote: 'Nég', author: EDITOR, body: 'Audité', now: 1_700_000_000_000 });
    await writeComments(db, DOC, projectComments(doc), new Map([[id, EDITOR.id]]));
    setResolved(doc, id, true, REVIEWER);
    await writeComments(db, DOC, projectComments(doc), new Map([[id, REVIEWER.id]]));
    editComment(doc, id, null, 'Audité, modifié');
    // A change no user is known for (it reached the room from another instance): the service alone.
    await writeComments(db, DOC, projectComments(doc));
    deleteComment(doc, id, null);
    await writeComments(db, DOC, projectComments(doc), new Map([[id, VIEWER]]));
    const { rows: audit } = await pg.query<{ action: string; actor: string | null; actor_role: string }>(
      `select action, actor, actor_role from public.audit_log where table_name = 'comments' and row_id = $1 order by id`,
      [id],
    );
    assert.deepEqual(audit, [
      { action: 'INSERT', actor: EDITOR.id, actor_role: 'service_role' },
      { action: 'UPDATE', actor: REVIEWER.id, actor_role: 'service_role' },
      { action: 'UPDATE', actor: null, actor_role: 'service_role' },
      { action: 'DELETE', actor: VIEWER, actor_role: 'service_role' },
    ]);
    // Nothing of it outlives the transaction.
    assert.equal((await pg.query<{ c: string | null }>(`select nullif(current_setting('request.jwt.claims', true), '') as c`)).rows[0]!.c, null);
  });
});
