// The relational projection of the comment threads: one `public.comments` row per thread and
// per reply (replies point at their thread with parent_id), written as the service after the
// document changes, for audit and queries. Rows it wrote (from_document) whose thread or reply
// is no longer in the Y.Doc are deleted; comments that reached the table another way
// (add_comment, imports, the seed) are never touched, so nothing saved is lost.
import * as Y from 'yjs';
import { resolveAnchor } from '../../elements/core/comment-anchors.js';
import { readThreads } from '../../elements/core/comment-model.js';
import { cleanBody } from '../../elements/core/comment-text.js';
import type { SyncDatabase } from '../db/sql-access.js';

export interface CommentRow {
  id: string;
  parentId: string | null;
  lang: 'en' | 'fr';
  sectionId: string | null;
  anchorText: string | null;
  /** JSON `{"start": …, "end": …}` of the encoded relative positions (threads only). */
  anchor: string | null;
  body: string;
  authorId: string | null;
  /** ms since the epoch */
  createdAt: number;
  resolvedBy: string | null;
  resolvedAt: number | null;
}

/** The section (its sectionId attribute) an anchor starts in, if it is still there. */
function sectionOf(doc: Y.Doc, anchor: { start: string; end: string }, lang: 'en' | 'fr'): string | null {
  const resolved = resolveAnchor(doc, anchor, lang);
  let type: Y.AbstractType<unknown> | null = resolved?.startType ?? null;
  while (type) {
    if (type instanceof Y.XmlElement && type.nodeName === 'section') {
      const id = type.getAttribute('sectionId');
      return typeof id === 'string' && id !== '' ? id.slice(0, 200) : null;
    }
    type = (type._item?.parent as Y.AbstractType<unknown> | undefined) ?? null;
  }
  return null;
}

const bodyOf = (body: string) => {
  const check = cleanBody(body);
  return check.ok ? check.body : null;
};

/** Rows for every thread and reply of the document (threads first). Comments the table could not hold are left out. */
export function projectComments(doc: Y.Doc): CommentRow[] {
  const threads: CommentRow[] = [];
  const replies: CommentRow[] = [];
  for (const t of readThreads(doc)) {
    const body = bodyOf(t.body);
    if (!body || !t.createdAt) continue;
    const sectionId = t.anchor ? sectionOf(doc, t.anchor, t.lang) : null;
    threads.push({
      id: t.id,
      parentId: null,
      lang: t.lang,
      sectionId,
      anchorText: t.quote.slice(0, 10_000) || null,
      anchor: t.anchor ? JSON.stringify({ start: t.anchor.start, end: t.anchor.end }) : null,
      body,
      authorId: t.authorId || null,
      createdAt: t.createdAt,
      resolvedBy: t.resolved ? t.resolvedBy : null,
      resolvedAt: t.resolved ? (t.resolvedAt ?? t.createdAt) : null,
    });
    for (const r of t.replies) {
      const replyBody = bodyOf(r.body);
      if (!replyBody || !r.createdAt) continue;
      replies.push({ id: r.id, parentId: t.id, lang: t.lang, sectionId, anchorText: null, anchor: null, body: replyBody, authorId: r.authorId || null, createdAt: r.createdAt, resolvedBy: null, resolvedAt: null });
    }
  }
  return [...threads, ...replies];
}

const UPSERT = `
  insert into public.comments as c
    (id, document_id, parent_id, lang, section_id, anchor_text, anchor, body, author_id, created_at, resolved_by, resolved_at, from_document)
  select r.id, $1::uuid, r.parent_id, r.lang, r.section_id, r.anchor_text, r.anchor, r.body,
         (select u.id from auth.users u where u.id = r.author_id),
         to_timestamp(r.created_at / 1000.0),
         (select u.id from auth.users u where u.id = r.resolved_by),
         case when r.resolved_at is null then null else to_timestamp(r.resolved_at / 1000.0) end,
         true
    from jsonb_to_recordset($2::jsonb) as r(id uuid, parent_id uuid, lang text, section_id text, anchor_text text, anchor text,
                                           body text, author_id uuid, created_at double precision, resolved_by uuid, resolved_at double precision)
  on conflict (id) do update set
    lang = excluded.lang, section_id = excluded.section_id, anchor_text = excluded.anchor_text, anchor = excluded.anchor,
    body = excluded.body, resolved_by = excluded.resolved_by, resolved_at = excluded.resolved_at, from_document = true
  -- An id taken by another document's comment is never overwritten.
  where c.document_id = excluded.document_id
    and (c.from_document, c.lang, c.section_id, c.anchor_text, c.anchor, c.body, c.resolved_by, c.resolved_at)
        is distinct from (true, excluded.lang, excluded.section_id, excluded.anchor_text, excluded.anchor, excluded.body, excluded.resolved_by, excluded.resolved_at)`;

const toJson = (rows: CommentRow[]) =>
  JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      parent_id: r.parentId,
      lang: r.lang,
      section_id: r.sectionId,
      anchor_text: r.anchorText,
      anchor: r.anchor,
      body: r.body,
      author_id: r.authorId,
      created_at: r.createdAt,
      resolved_by: r.resolvedBy,
      resolved_at: r.resolvedAt,
    })),
  );

/** Makes the document's `comments` rows match `rows` in one transaction (as the service: RLS does not apply). */
export async function writeComments(db: SyncDatabase, documentId: string, rows: CommentRow[]): Promise<void> {
  await db.asService(async (tx) => {
    await tx.query(`delete from public.comments where document_id = $1::uuid and from_document and not (id = any($2::uuid[]))`, [documentId, rows.map((r) => r.id)]);
    // Threads before replies: a reply's parent must exist when it is inserted.
    const threads = rows.filter((r) => r.parentId === null);
    const replies = rows.filter((r) => r.parentId !== null);
    if (threads.length) await tx.query(UPSERT, [documentId, toJson(threads)]);
    if (replies.length) await tx.query(UPSERT, [documentId, toJson(replies)]);
  });
}
