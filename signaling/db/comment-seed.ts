// Comment rows that never were in the Y.Doc (add_comment, imports, supabase/seed.sql) become
// threads of the document when the server loads it, so <jd-comments> (which reads the Y.Doc)
// shows them. The thread is built by domain/comment-seed.ts against the stored state, read and
// appended under the document's lock: two instances loading the document at once queue, and
// the second finds the first one's threads and adds nothing. Rows stay as they are
// (from_document false): the comments projection never rewrites or deletes them.
import * as Y from 'yjs';
import { commentSeedUpdate, type CommentSeedRow } from '../../domain/comment-seed.js';
import type { SyncDatabase } from './sql-access.js';
import { appendFromStoredState, applyStoredState } from './update-log.js';

// The document's rows that did not come from the Y.Doc, with the author's and resolver's profile names.
const ROWS = `
  select c.id::text, c.parent_id::text, c.lang, c.section_id, c.anchor_text, c.anchor, c.body, c.author_id::text,
         a.display_name as author_name, extract(epoch from c.created_at) * 1000 as created_at,
         c.resolved_by::text, r.display_name as resolved_by_name,
         extract(epoch from c.resolved_at) * 1000 as resolved_at
    from public.comments c
    left join public.profiles a on a.id = c.author_id
    left join public.profiles r on r.id = c.resolved_by
   where c.document_id = $1::uuid and not c.from_document
   order by c.created_at, c.id`;

const text = (value: unknown) => (typeof value === 'string' ? value : null);
const ms = (value: unknown) => (value === null || value === undefined ? null : Math.round(Number(value)));

function seedRow(row: Record<string, unknown>): CommentSeedRow {
  return {
    id: String(row['id']),
    parentId: text(row['parent_id']),
    lang: text(row['lang']),
    sectionId: text(row['section_id']),
    anchorText: text(row['anchor_text']),
    anchor: text(row['anchor']),
    body: String(row['body']),
    authorId: text(row['author_id']),
    authorName: text(row['author_name']),
    createdAt: ms(row['created_at']) ?? 0,
    resolvedBy: text(row['resolved_by']),
    resolvedByName: text(row['resolved_by_name']),
    resolvedAt: ms(row['resolved_at']),
  };
}

/** Appends the threads of the document's comment rows its Y.Doc has never held; returns their ids. */
export async function seedComments(db: SyncDatabase, documentId: string): Promise<string[]> {
  const rows = await db.asService(async (tx) => (await tx.query(ROWS, [documentId])).rows.map(seedRow));
  // Most documents have none: they never pay for reading their state here.
  if (rows.length === 0) return [];
  let threadIds: string[] = [];
  await appendFromStoredState(db, documentId, (state) => {
    const doc = new Y.Doc();
    try {
      // An unreadable stored update is skipped here as the room skips it when it loads.
      applyStoredState(doc, state, null, () => {});
      const seed = commentSeedUpdate(doc, rows);
      threadIds = seed.threadIds;
      // Written by the server itself: no user is its author (the thread names the row's author).
      return seed.update ? [{ update: seed.update, createdBy: null }] : [];
    } finally {
      doc.destroy();
    }
  });
  return threadIds;
}
