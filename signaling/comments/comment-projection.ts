// The relational projection of the comment threads: one `public.comments` row per thread and
// per reply (replies point at their thread with parent_id), written as the service after the
// document changes, for audit and queries. It touches only rows it wrote (from_document, which
// members cannot set) for the same document, author and parent: rows whose comment left the
// Y.Doc are deleted; comments that reached the table another way (add_comment, imports, the
// seed) or another author's comment under a reused id are never touched, so nothing saved is
// lost or rewritten. Each change is written acting for the user behind it, whom the audit log
// records.
import * as Y from 'yjs';
import { resolveAnchor } from '../../domain/comment-anchors.js';
import { readThreads } from '../../domain/comment-model.js';
import { cleanBody } from '../../domain/comment-text.js';
import type { SqlTransaction, SyncDatabase } from '../db/sql-access.js';

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
  /** Users mentioned with @ (the triggers notify the organization's members among them). */
  mentions: string[];
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

/**
 * Rows for every thread and reply of the document (threads first). Comments the table could not
 * hold are left out, and so is a comment whose id an earlier one already has (a reply may carry
 * any uuid, a thread's among them): one row per id.
 */
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
      mentions: t.mentions,
    });
    for (const r of t.replies) {
      const replyBody = bodyOf(r.body);
      if (!replyBody || !r.createdAt) continue;
      replies.push({ id: r.id, parentId: t.id, lang: t.lang, sectionId, anchorText: null, anchor: null, body: replyBody, authorId: r.authorId || null, createdAt: r.createdAt, resolvedBy: null, resolvedAt: null, mentions: r.mentions });
    }
  }
  const seen = new Set<string>();
  return [...threads, ...replies].filter((row) => !seen.has(row.id) && seen.add(row.id));
}

// The projected rows as a relation, with author and resolver resolved to existing users (an
// account deleted since is null, as `on delete set null` left the row).
const PROJECTED = `
  (select r.id, r.parent_id, r.lang, r.section_id, r.anchor_text, r.anchor, r.body,
          (select u.id from auth.users u where u.id = r.author_id) as author_id,
          to_timestamp(r.created_at / 1000.0) as created_at,
          (select u.id from auth.users u where u.id = r.resolved_by) as resolved_by,
          case when r.resolved_at is null then null else to_timestamp(r.resolved_at / 1000.0) end as resolved_at,
          r.mentions
     from jsonb_to_recordset($2::jsonb) as r(id uuid, parent_id uuid, lang text, section_id text, anchor_text text, anchor text,
                                            body text, author_id uuid, created_at double precision, resolved_by uuid, resolved_at double precision,
                                            mentions uuid[]))`;

/**
 * The comment rows this projection wrote for the document: only these are ever updated or
 * deleted, and only as the same comment (same author and parent). A row with a projected id
 * that was written another way (add_comment, the seed), for another document or by another
 * author is someone else's and is left alone, whatever the Y.Doc holds under that id.
 */
const OURS = `c.document_id = $1::uuid and c.from_document`;
const SAME_COMMENT = `p.id = c.id and p.author_id is not distinct from c.author_id and p.parent_id is not distinct from c.parent_id`;

/** Our rows whose comment left the document, or whose id now names someone else's comment. */
const GONE = `${OURS} and not exists (select 1 from ${PROJECTED} p where ${SAME_COMMENT})`;

// New comments. A reply is written only under a thread row of this projection (its parent's id
// may be another document's comment, whose row the thread did not get).
const INSERT = `
  insert into public.comments (id, document_id, parent_id, lang, section_id, anchor_text, anchor, body, author_id, created_at, resolved_by, resolved_at, mentions, from_document)
  select p.id, $1::uuid, p.parent_id, p.lang, p.section_id, p.anchor_text, p.anchor, p.body, p.author_id, p.created_at, p.resolved_by, p.resolved_at, p.mentions, true
    from ${PROJECTED} p
   where p.parent_id is null
      or exists (select 1 from public.comments c where c.id = p.parent_id and ${OURS} and c.parent_id is null)
  on conflict (id) do nothing`;

// Changes of text, anchor and resolution (unchanged rows are not touched, so not audited).
const UPDATE = `
  update public.comments c
     set lang = p.lang, section_id = p.section_id, anchor_text = p.anchor_text, anchor = p.anchor, body = p.body,
         resolved_by = p.resolved_by, resolved_at = p.resolved_at, mentions = p.mentions
    from ${PROJECTED} p
   where ${OURS} and ${SAME_COMMENT}
     and (c.lang, c.section_id, c.anchor_text, c.anchor, c.body, c.resolved_by, c.resolved_at, c.mentions)
         is distinct from (p.lang, p.section_id, p.anchor_text, p.anchor, p.body, p.resolved_by, p.resolved_at, p.mentions)`;

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
      mentions: r.mentions,
    })),
  );

/**
 * For the rest of the transaction, who the service acts for: the audit log (private.audit_row,
 * through auth.uid() and the claims' role) records that user with the role service_role. Null:
 * the service itself (no user known). Local to the transaction, as PostgREST sets it.
 */
async function actFor(tx: SqlTransaction, userId: string | null): Promise<void> {
  await tx.query(`select set_config('request.jwt.claims', $1, true), set_config('request.jwt.claim.sub', $2, true)`, [
    JSON.stringify(userId ? { sub: userId, role: 'service_role' } : { role: 'service_role' }),
    userId ?? '',
  ]);
}

/** `items` grouped by `key`, in first-seen order of the keys. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Makes the document's projected `comments` rows match `rows` in one transaction, as the service
 * (RLS does not apply) acting for the users behind each change: a new comment is written for its
 * author; an update or deletion for the user `changedBy` names for that comment id (the comment
 * guard records who changed what), else for no user.
 */
export async function writeComments(db: SyncDatabase, documentId: string, rows: CommentRow[], changedBy: ReadonlyMap<string, string> = new Map()): Promise<void> {
  const all = toJson(rows);
  const attributed = [...changedBy.keys()];
  await db.asService(async (tx) => {
    await actFor(tx, null);
    await tx.query(`delete from public.comments c where ${GONE} and not (c.id = any($3::uuid[]))`, [documentId, all, attributed]);
    if (attributed.length) {
      const { rows: gone } = await tx.query(`select c.id from public.comments c where ${GONE} and c.id = any($3::uuid[])`, [documentId, all, attributed]);
      for (const [userId, ids] of groupBy(gone.map((r) => String(r['id'])), (id) => changedBy.get(id)!)) {
        await actFor(tx, userId);
        await tx.query(`delete from public.comments c where c.id = any($1::uuid[])`, [ids]);
      }
    }
    const { rows: existing } = await tx.query(`select id from public.comments where id = any($1::uuid[])`, [rows.map((r) => r.id)]);
    const known = new Set(existing.map((r) => String(r['id'])));
    const fresh = rows.filter((r) => !known.has(r.id));
    // Threads before replies: a reply's parent must exist when it is inserted.
    for (const phase of [fresh.filter((r) => r.parentId === null), fresh.filter((r) => r.parentId !== null)]) {
      for (const [authorId, written] of groupBy(phase, (r) => r.authorId)) {
        await actFor(tx, authorId);
        await tx.query(INSERT, [documentId, toJson(written)]);
      }
    }
    for (const [userId, changed] of groupBy(rows.filter((r) => known.has(r.id)), (r) => changedBy.get(r.id) ?? null)) {
      await actFor(tx, userId);
      await tx.query(UPDATE, [documentId, toJson(changed)]);
    }
  });
}
