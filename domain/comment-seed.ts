// Comments that exist only as rows (public.comments written through add_comment, imported, or
// seeded) become threads of the document's Y.Doc, so <jd-comments>, which reads threads from the
// Y.Doc, shows them. The sync server computes this update when it loads a document and appends
// it to the log like any update. Runtime-neutral.
//
// Idempotence does not come from fixed bytes (the anchors depend on the document's state, so two
// seeders of different states would write different structs under one client id): a thread id
// the comments map has ever held, present or deleted, is never written again, and the server
// computes and appends under the document's lock, so a second server sees the first's threads.
// A thread someone deleted from the document therefore stays deleted.
//
// Anchoring, in order: the row's own encoded anchor (add_comment's `anchor`, JSON
// {"start","end"}) when it still resolves in the row's language; else the first occurrence of
// anchor_text in the row's section (the whole language when the row names no section); else the
// section's heading (the comment is about that section); else the first text of the language. A
// language with no text at all cannot anchor a thread: such a row waits for a later load.
/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are AbstractType<any> */
import * as Y from 'yjs';
import { anchorInText, isEncodedAnchor, plainText, resolveAnchor, type EncodedAnchor } from './comment-anchors.ts';
import { addReply, COMMENT_ORIGIN, commentsMap, createThread, isUuid, MAX_NAME_LENGTH, MAX_REPLIES } from './comment-model.ts';
import { cleanBody } from './comment-text.ts';
import { LANGS, type Lang } from './sections.ts';

/** One public.comments row as the seed reads it (author and resolver names from public.profiles). */
export interface CommentSeedRow {
  id: string;
  /** The thread's first comment, for a reply. */
  parentId: string | null;
  lang: string | null;
  sectionId: string | null;
  anchorText: string | null;
  /** JSON `{"start": …, "end": …}` of encoded relative positions, as the projection writes it. */
  anchor: string | null;
  body: string;
  authorId: string | null;
  authorName: string | null;
  /** ms since the epoch */
  createdAt: number;
  resolvedBy: string | null;
  resolvedByName: string | null;
  /** ms since the epoch; null when open */
  resolvedAt: number | null;
}

export interface CommentSeed {
  /** The Yjs update adding the threads, or null when there is nothing to add. */
  update: Uint8Array | null;
  /** Ids of the threads the update adds. */
  threadIds: string[];
}

/** Every thread id the comments map holds or once held (a deleted key keeps its tombstone item). */
export function knownThreadIds(doc: Y.Doc): Set<string> {
  return new Set(commentsMap(doc)._map.keys());
}

/** The XmlTexts under a type, in document order. */
function textsIn(type: Y.AbstractType<any>): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  const walk = (node: unknown) => {
    if (node instanceof Y.XmlText) out.push(node);
    else if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) for (const child of node.toArray()) walk(child);
  };
  walk(type);
  return out;
}

function sectionElement(fragment: Y.XmlFragment, sectionId: string): Y.XmlElement | null {
  for (const node of fragment.toArray()) if (node instanceof Y.XmlElement && node.nodeName === 'section' && node.getAttribute('sectionId') === sectionId) return node;
  return null;
}

/** The first occurrence of `needle` in these texts (one text each: a quote does not cross paragraphs). */
function findIn(texts: readonly Y.XmlText[], needle: string): EncodedAnchor | null {
  if (needle === '') return null;
  for (const text of texts) {
    const at = plainText(text).indexOf(needle);
    if (at >= 0) return anchorInText(text, at, at + needle.length);
  }
  return null;
}

/** The whole of the first non-empty text. */
function firstText(texts: readonly Y.XmlText[]): EncodedAnchor | null {
  const text = texts.find((t) => plainText(t).length > 0);
  return text ? anchorInText(text, 0, plainText(text).length) : null;
}

function storedAnchor(doc: Y.Doc, json: string | null, lang: Lang): EncodedAnchor | null {
  if (!json) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isEncodedAnchor(value)) return null;
  const anchor = { start: value.start, end: value.end };
  return resolveAnchor(doc, anchor, lang) ? anchor : null;
}

/** Where a row's thread goes: its language and anchor, or null when that language has no text. */
function placeThread(doc: Y.Doc, row: CommentSeedRow): { lang: Lang; anchor: EncodedAnchor } | null {
  const langs: readonly Lang[] = row.lang === 'en' || row.lang === 'fr' ? [row.lang] : LANGS;
  const quote = row.anchorText?.trim() ?? '';
  for (const lang of langs) {
    const stored = storedAnchor(doc, row.anchor, lang);
    if (stored) return { lang, anchor: stored };
    const fragment = doc.getXmlFragment(lang);
    const section = row.sectionId ? sectionElement(fragment, row.sectionId) : null;
    const found = findIn(textsIn(section ?? fragment), quote) ?? (section ? firstText(textsIn(section)) : null);
    if (found) return { lang, anchor: found };
  }
  // Not found in any candidate language: the start of the first one that has text.
  for (const lang of langs) {
    const anchor = firstText(textsIn(doc.getXmlFragment(lang)));
    if (anchor) return { lang, anchor };
  }
  return null;
}

const byTime = (a: CommentSeedRow, b: CommentSeedRow) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);
const validTime = (ms: number) => Number.isFinite(ms) && ms > 0;
const nameOf = (name: string | null) => (name ?? '').slice(0, MAX_NAME_LENGTH);

/** The author of a row as the comment model takes it (a row without one keeps an empty id, as before). */
const authorOf = (row: CommentSeedRow) => ({ id: row.authorId ?? '', name: nameOf(row.authorName) });

/**
 * The update that adds to `doc` (not modified) the threads of `rows` it has never held: one
 * thread per row without parent (thread id = row id) with the rows whose parent it is as replies,
 * oldest first. Rows with a bad id, an empty body or no time are left out; replies whose thread is
 * not among the rows (a reply to a thread already in the document) are left out too.
 */
export function commentSeedUpdate(doc: Y.Doc, rows: readonly CommentSeedRow[]): CommentSeed {
  const known = knownThreadIds(doc);
  const usable = rows.filter((r) => isUuid(r.id) && validTime(r.createdAt) && cleanBody(r.body).ok).sort(byTime);
  const heads = usable.filter((r) => r.parentId === null && !known.has(r.id));
  if (heads.length === 0) return { update: null, threadIds: [] };

  const work = new Y.Doc({ gc: false });
  Y.applyUpdate(work, Y.encodeStateAsUpdate(doc));
  // A client id of its own: never one whose clock the document already uses.
  const clients = Y.decodeStateVector(Y.encodeStateVector(work));
  while (clients.has(work.clientID)) work.clientID = Math.floor(Math.random() * 2 ** 31);
  const before = Y.encodeStateVector(work);
  const threadIds: string[] = [];
  work.transact(() => {
    for (const head of heads) {
      const place = placeThread(work, head);
      if (!place) continue;
      const replies = usable.filter((r) => r.parentId === head.id && !known.has(r.id)).slice(0, MAX_REPLIES);
      // The comment model writes the thread and its replies (one shape for every writer); rows
      // were filtered on a clean body above, so it never refuses one.
      createThread(work, {
        lang: place.lang,
        anchor: place.anchor,
        quote: head.anchorText ?? '',
        author: authorOf(head),
        body: head.body,
        id: head.id,
        now: head.createdAt,
      });
      const resolved = head.resolvedAt !== null && validTime(head.resolvedAt);
      if (resolved) {
        const thread = commentsMap(work).get(head.id) as Y.Map<unknown>;
        thread.set('resolved', true);
        thread.set('resolvedBy', isUuid(head.resolvedBy) ? head.resolvedBy : null);
        thread.set('resolvedByName', nameOf(head.resolvedByName) || null);
        thread.set('resolvedAt', head.resolvedAt);
      }
      for (const row of replies) addReply(work, head.id, { author: authorOf(row), body: row.body, id: row.id, now: row.createdAt });
      threadIds.push(head.id);
    }
  }, COMMENT_ORIGIN);
  const update = threadIds.length > 0 ? Y.encodeStateAsUpdate(work, before) : null;
  work.destroy();
  return { update, threadIds };
}
