// Comment threads in the document's Y.Doc: the `comments` Y.Map, thread id → Y.Map of fields,
// with replies a Y.Array of Y.Maps. One Y.Map per thread (not one JSON value) so that concurrent
// changes of different fields merge: a reply while someone resolves, an edit while another
// replies. Runtime-neutral: the element writes and reads through it, the sync server's guard
// and projection read through it.
import * as Y from 'yjs';
import type { Lang } from './sections.ts';
import { isEncodedAnchor, type EncodedAnchor } from './comment-anchors.ts';
import { cleanBody, MAX_BODY_LENGTH, type BodyProblem } from './comment-text.ts';

export const COMMENTS_KEY = 'comments';
/** Origin of the transactions this module makes (the editors' undo managers ignore it). */
export const COMMENT_ORIGIN = 'jd-comments';

export const MAX_QUOTE_LENGTH = 10_000;
export const MAX_NAME_LENGTH = 200;
export const MAX_MENTIONS = 50;
export const MAX_REPLIES = 500;

/** Membership roles (public.memberships.role). */
export type MemberRole = 'viewer' | 'editor' | 'translator' | 'reviewer' | 'admin';
export const MEMBER_ROLES: readonly MemberRole[] = ['viewer', 'editor', 'translator', 'reviewer', 'admin'];

export interface CommentPermissions {
  /** Start threads and reply (and edit or delete one's own). */
  comment: boolean;
  /** Resolve and reopen threads. */
  resolve: boolean;
  /** Delete anyone's comment. */
  moderate: boolean;
}

/** What a role may do with comments (the sync server's guard enforces the same table). */
export function commentPermissions(role: MemberRole | null | undefined): CommentPermissions {
  return {
    comment: role === 'editor' || role === 'translator' || role === 'reviewer' || role === 'admin',
    resolve: role === 'reviewer' || role === 'admin',
    moderate: role === 'admin',
  };
}

export interface CommentAuthor {
  id: string;
  name: string;
}

/** Field names of a thread map and of a reply map. */
export const THREAD_FIELDS = ['id', 'lang', 'anchorStart', 'anchorEnd', 'quote', 'authorId', 'authorName', 'createdAt', 'body', 'editedAt', 'mentions', 'resolved', 'resolvedBy', 'resolvedByName', 'resolvedAt', 'replies'] as const;
export const REPLY_FIELDS = ['id', 'authorId', 'authorName', 'createdAt', 'body', 'editedAt', 'mentions'] as const;

export interface CommentReply {
  id: string;
  authorId: string;
  authorName: string;
  /** ms since the epoch */
  createdAt: number;
  body: string;
  editedAt: number | null;
  /** User ids mentioned with @. */
  mentions: string[];
}

export interface CommentThread extends CommentReply {
  lang: Lang;
  /** Null when the stored anchor is not decodable (then the thread shows as "text removed"). */
  anchor: EncodedAnchor | null;
  /** The text the thread was about when it was created. */
  quote: string;
  resolved: boolean;
  resolvedBy: string | null;
  resolvedByName: string | null;
  resolvedAt: number | null;
  replies: CommentReply[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export class CommentError extends Error {
  constructor(readonly problem: BodyProblem | 'not-found' | 'no-anchor' | 'too-many') {
    super(problem);
  }
}

export const commentsMap = (doc: Y.Doc) => doc.getMap<unknown>(COMMENTS_KEY);

const str = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');
const time = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);
const timeOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null);
const ids = (value: unknown) => (Array.isArray(value) ? value.filter(isUuid).slice(0, MAX_MENTIONS) : []);

function readReply(map: Y.Map<unknown>): CommentReply | null {
  const id = map.get('id');
  if (!isUuid(id)) return null;
  return {
    id,
    authorId: str(map.get('authorId'), 64),
    authorName: str(map.get('authorName'), MAX_NAME_LENGTH),
    createdAt: time(map.get('createdAt')),
    // Longer bodies (only a hostile peer writes them) are cut when rendered, see bodySegments.
    body: typeof map.get('body') === 'string' ? (map.get('body') as string).slice(0, MAX_BODY_LENGTH + 1) : '',
    editedAt: timeOrNull(map.get('editedAt')),
    mentions: ids(map.get('mentions')),
  };
}

/** One thread as plain data (values from peers are type-checked, never trusted). */
export function readThread(value: unknown): CommentThread | null {
  if (!(value instanceof Y.Map)) return null;
  const map = value as Y.Map<unknown>;
  const head = readReply(map);
  if (!head) return null;
  const anchor = { start: map.get('anchorStart'), end: map.get('anchorEnd') };
  const replies = map.get('replies');
  return {
    ...head,
    lang: map.get('lang') === 'fr' ? 'fr' : 'en',
    anchor: isEncodedAnchor(anchor) ? anchor : null,
    quote: str(map.get('quote'), MAX_QUOTE_LENGTH),
    resolved: map.get('resolved') === true,
    resolvedBy: map.get('resolved') === true && isUuid(map.get('resolvedBy')) ? (map.get('resolvedBy') as string) : null,
    resolvedByName: map.get('resolved') === true ? str(map.get('resolvedByName'), MAX_NAME_LENGTH) || null : null,
    resolvedAt: map.get('resolved') === true ? timeOrNull(map.get('resolvedAt')) : null,
    replies:
      replies instanceof Y.Array
        ? (replies.toArray() as unknown[])
            .slice(0, MAX_REPLIES)
            .map((r) => (r instanceof Y.Map ? readReply(r as Y.Map<unknown>) : null))
            .filter((r): r is CommentReply => r !== null)
        : [],
  };
}

/** Every thread, oldest first (ties by id so every replica lists them in one order). */
export function readThreads(doc: Y.Doc): CommentThread[] {
  const threads: CommentThread[] = [];
  for (const [key, value] of commentsMap(doc).entries()) {
    const thread = readThread(value);
    if (thread && thread.id === key) threads.push(thread);
  }
  return threads.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

function threadMap(doc: Y.Doc, threadId: string): Y.Map<unknown> | null {
  const value = commentsMap(doc).get(threadId);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

function replyIndex(thread: Y.Map<unknown>, replyId: string): { replies: Y.Array<unknown>; index: number } | null {
  const replies = thread.get('replies');
  if (!(replies instanceof Y.Array)) return null;
  const index = (replies.toArray() as unknown[]).findIndex((r) => r instanceof Y.Map && r.get('id') === replyId);
  return index < 0 ? null : { replies: replies as Y.Array<unknown>, index };
}

function checkedBody(body: string): string {
  const check = cleanBody(body);
  if (!check.ok) throw new CommentError(check.problem);
  return check.body;
}

const mentionList = (mentions: readonly string[] | undefined) => [...new Set((mentions ?? []).filter(isUuid))].slice(0, MAX_MENTIONS);

export interface NewThread {
  lang: Lang;
  anchor: EncodedAnchor;
  quote: string;
  author: CommentAuthor;
  body: string;
  mentions?: readonly string[];
  id?: string;
  now?: number;
}

/** Starts a thread; returns its id. Throws CommentError for an empty or too long body. */
export function createThread(doc: Y.Doc, input: NewThread): string {
  const body = checkedBody(input.body);
  if (!isEncodedAnchor(input.anchor)) throw new CommentError('no-anchor');
  const id = input.id ?? crypto.randomUUID();
  const thread = new Y.Map<unknown>();
  doc.transact(() => {
    // Fields are set after the map is in the document, in one transaction: one update.
    commentsMap(doc).set(id, thread);
    thread.set('id', id);
    thread.set('lang', input.lang);
    thread.set('anchorStart', input.anchor.start);
    thread.set('anchorEnd', input.anchor.end);
    thread.set('quote', input.quote.slice(0, MAX_QUOTE_LENGTH));
    thread.set('authorId', input.author.id);
    thread.set('authorName', input.author.name.slice(0, MAX_NAME_LENGTH));
    thread.set('createdAt', input.now ?? Date.now());
    thread.set('body', body);
    thread.set('editedAt', null);
    thread.set('mentions', mentionList(input.mentions));
    thread.set('resolved', false);
    thread.set('resolvedBy', null);
    thread.set('resolvedByName', null);
    thread.set('resolvedAt', null);
    thread.set('replies', new Y.Array<unknown>());
  }, COMMENT_ORIGIN);
  return id;
}

/** Adds a reply to a thread; returns its id. */
export function addReply(doc: Y.Doc, threadId: string, input: { author: CommentAuthor; body: string; mentions?: readonly string[]; id?: string; now?: number }): string {
  const body = checkedBody(input.body);
  const thread = threadMap(doc, threadId);
  const replies = thread?.get('replies');
  if (!thread || !(replies instanceof Y.Array)) throw new CommentError('not-found');
  if (replies.length >= MAX_REPLIES) throw new CommentError('too-many');
  const id = input.id ?? crypto.randomUUID();
  const reply = new Y.Map<unknown>();
  doc.transact(() => {
    replies.push([reply]);
    reply.set('id', id);
    reply.set('authorId', input.author.id);
    reply.set('authorName', input.author.name.slice(0, MAX_NAME_LENGTH));
    reply.set('createdAt', input.now ?? Date.now());
    reply.set('body', body);
    reply.set('editedAt', null);
    reply.set('mentions', mentionList(input.mentions));
  }, COMMENT_ORIGIN);
  return id;
}

/** Changes the body (and mentions) of a thread's first comment (replyId null) or of a reply. */
export function editComment(doc: Y.Doc, threadId: string, replyId: string | null, body: string, mentions?: readonly string[], now = Date.now()): void {
  const clean = checkedBody(body);
  const thread = threadMap(doc, threadId);
  if (!thread) throw new CommentError('not-found');
  let target: Y.Map<unknown> = thread;
  if (replyId !== null) {
    const found = replyIndex(thread, replyId);
    if (!found) throw new CommentError('not-found');
    target = found.replies.get(found.index) as Y.Map<unknown>;
  }
  doc.transact(() => {
    target.set('body', clean);
    target.set('mentions', mentionList(mentions));
    target.set('editedAt', now);
  }, COMMENT_ORIGIN);
}

/** Deletes a reply, or (replyId null) the whole thread. */
export function deleteComment(doc: Y.Doc, threadId: string, replyId: string | null): void {
  const thread = threadMap(doc, threadId);
  if (!thread) throw new CommentError('not-found');
  if (replyId === null) {
    doc.transact(() => commentsMap(doc).delete(threadId), COMMENT_ORIGIN);
    return;
  }
  const found = replyIndex(thread, replyId);
  if (!found) throw new CommentError('not-found');
  doc.transact(() => found.replies.delete(found.index, 1), COMMENT_ORIGIN);
}

/** Resolves (with who and when) or reopens a thread. */
export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean, by: CommentAuthor, now = Date.now()): void {
  const thread = threadMap(doc, threadId);
  if (!thread) throw new CommentError('not-found');
  doc.transact(() => {
    thread.set('resolved', resolved);
    thread.set('resolvedBy', resolved ? by.id : null);
    thread.set('resolvedByName', resolved ? by.name.slice(0, MAX_NAME_LENGTH) : null);
    thread.set('resolvedAt', resolved ? now : null);
  }, COMMENT_ORIGIN);
}

export interface Member {
  id: string;
  name: string;
  role: MemberRole;
}

/** The members whose `@Name` appears in a body (what a mention is once the text is written). */
export function mentionedIn(body: string, members: readonly Member[]): string[] {
  return members.filter((m) => m.name !== '' && body.includes(`@${m.name}`)).map((m) => m.id);
}

/** Whether the thread's first comment or one of its replies mentions this user. */
export const mentions = (thread: CommentThread, userId: string) => thread.mentions.includes(userId) || thread.replies.some((r) => r.mentions.includes(userId));
