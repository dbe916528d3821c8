// The sync server's check of every incoming Yjs update against what its sender may do: text
// (the `en`/`fr` fragments, `meta` …) only with 'edit' access; comment threads (the `comments`
// map) by membership role: editors, translators, reviewers and admins comment, the author
// alone edits or deletes their own comment (admins may delete any), reviewers and admins
// resolve and reopen. An update that touches the comments (or that cannot be read without
// integrating it) is applied to a copy of the document and the copy compared with the original,
// so what is judged is exactly what the update would change. Every other update (text: the bulk
// of the traffic, one per keystroke) is judged without the copy, from the root types its
// structs and deletions belong to (see touchedRoots).
import * as Y from 'yjs';
import { isEncodedAnchor } from '../../domain/comment-anchors.js';
import {
  COMMENTS_KEY,
  commentPermissions,
  isUuid,
  MAX_MENTIONS,
  MAX_NAME_LENGTH,
  MAX_QUOTE_LENGTH,
  MAX_REPLIES,
  REPLY_FIELDS,
  THREAD_FIELDS,
  type MemberRole,
} from '../../domain/comment-model.js';
import { isCleanBody } from '../../domain/comment-text.js';
import type { ApiRole, SyncDatabase } from '../db/sql-access.js';
import { AdmittedUpdates, structAt } from './admitted-updates.js';

/** Who sends the update: their user id, profile name, membership role in the document's organization, and text access. */
export interface GuardActor {
  userId: string;
  /**
   * public.profiles.display_name: the only name their comments and resolutions may carry (peers
   * show the stored name). Null (no profile name): they cannot comment.
   */
  name: string | null;
  role: MemberRole | null;
  /** can_open_document's answer: 'edit' may change text; 'view' may not (but may comment by role). */
  access: 'edit' | 'view';
}

export type GuardDecision = { ok: true; text: boolean; comments: boolean } | { ok: false; reason: string };

/** How far in the future a comment's time may be (clock skew). Past times are fine: offline comments. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

type Raw = Record<string, unknown>;
interface RawThread {
  fields: Raw;
  /** null when `replies` is not a Y.Array of Y.Maps */
  replies: Raw[] | null;
}

/**
 * What a field holding a Yjs type reads as: no check accepts it (not a string, number, boolean,
 * null or array), and it differs from every plain value, so a type where a value is expected is
 * refused rather than read as its text.
 */
const Y_TYPE = Object.freeze({ yType: true });

/** A map's fields as plain values; nested Yjs types as Y_TYPE. */
function plainFields(map: Y.Map<unknown>, skip?: string): Raw {
  const fields: Raw = {};
  for (const [field, v] of map.entries()) if (field !== skip) fields[field] = v instanceof Y.AbstractType ? Y_TYPE : v;
  return fields;
}

/** Each thread of the comments map as plain fields; invalid shapes as 'invalid'. */
function snapshot(doc: Y.Doc): Map<string, RawThread | 'invalid'> {
  const out = new Map<string, RawThread | 'invalid'>();
  for (const [key, value] of doc.getMap<unknown>(COMMENTS_KEY).entries()) {
    if (!(value instanceof Y.Map)) {
      out.set(key, 'invalid');
      continue;
    }
    const map = value as Y.Map<unknown>;
    const fields = plainFields(map, 'replies');
    let replies: Raw[] | null = null;
    if (map.has('replies')) {
      const v = map.get('replies');
      replies = v instanceof Y.Array && (v.toArray() as unknown[]).every((r) => r instanceof Y.Map) ? (v.toArray() as Y.Map<unknown>[]).map((r) => plainFields(r)) : null;
      fields['replies'] = replies === null ? Y_TYPE : 'array';
    }
    out.set(key, { fields, replies });
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const onlyKnownFields = (fields: Raw, known: readonly string[]) => Object.keys(fields).every((k) => known.includes(k)) && known.every((k) => k in fields);
const isTime = (value: unknown, now: number) => typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= now + FUTURE_SKEW_MS;
/** The sender's profile name, exactly (as the clients write it: cut to MAX_NAME_LENGTH). */
const isOwnName = (value: unknown, actor: GuardActor) => typeof value === 'string' && actor.name !== null && value === actor.name.slice(0, MAX_NAME_LENGTH);
const isMentions = (value: unknown) => Array.isArray(value) && value.length <= MAX_MENTIONS && value.every(isUuid);

class Refusal extends Error {}
const refuse = (reason: string): never => {
  throw new Refusal(reason);
};

function checkNewComment(fields: Raw, actor: GuardActor, now: number, what: string) {
  if (!isUuid(fields['id'])) refuse(`${what}: id must be a uuid`);
  if (fields['authorId'] !== actor.userId) refuse(`${what}: a comment is written in its author's name only`);
  if (!isOwnName(fields['authorName'], actor)) refuse(`${what}: authorName must be the author's profile name`);
  if (!isTime(fields['createdAt'], now)) refuse(`${what}: bad createdAt`);
  if (!isCleanBody(fields['body'])) refuse(`${what}: body empty, too long or with control characters`);
  if (fields['editedAt'] !== null && !isTime(fields['editedAt'], now)) refuse(`${what}: bad editedAt`);
  if (!isMentions(fields['mentions'])) refuse(`${what}: bad mentions`);
}

function checkResolution(fields: Raw, actor: GuardActor, now: number, what: string) {
  if (fields['resolved'] === true) {
    if (fields['resolvedBy'] !== actor.userId || !isOwnName(fields['resolvedByName'], actor) || !isTime(fields['resolvedAt'], now)) refuse(`${what}: resolved in someone else's name`);
  } else if (fields['resolved'] !== false || fields['resolvedBy'] !== null || fields['resolvedByName'] !== null || fields['resolvedAt'] !== null) {
    refuse(`${what}: inconsistent resolution fields`);
  }
}

function checkNewThread(key: string, t: RawThread, actor: GuardActor, now: number) {
  const what = `thread ${key}`;
  if (!onlyKnownFields(t.fields, THREAD_FIELDS)) refuse(`${what}: unexpected or missing fields`);
  if (t.fields['id'] !== key) refuse(`${what}: key and id differ`);
  checkNewComment(t.fields, actor, now, what);
  if (t.fields['lang'] !== 'en' && t.fields['lang'] !== 'fr') refuse(`${what}: lang must be en or fr`);
  if (!isEncodedAnchor({ start: t.fields['anchorStart'], end: t.fields['anchorEnd'] })) refuse(`${what}: bad anchor`);
  if (typeof t.fields['quote'] !== 'string' || t.fields['quote'].length > MAX_QUOTE_LENGTH) refuse(`${what}: bad quote`);
  if (t.fields['resolved'] === true && !commentPermissions(actor.role).resolve) refuse(`${what}: only reviewers and admins resolve`);
  checkResolution(t.fields, actor, now, what);
  if (!t.replies || t.replies.length > MAX_REPLIES) refuse(`${what}: bad replies`);
  for (const reply of t.replies!) checkNewReply(reply, actor, now, what);
}

function checkNewReply(reply: Raw, actor: GuardActor, now: number, thread: string) {
  const what = `${thread}, reply ${String(reply['id'])}`;
  if (!onlyKnownFields(reply, REPLY_FIELDS)) refuse(`${what}: unexpected or missing fields`);
  checkNewComment(reply, actor, now, what);
}

/** The author (with a commenting role) changes the text of their comment; nothing else about it changes. */
function checkEdit(before: Raw, after: Raw, actor: GuardActor, now: number, what: string, immutable: readonly string[]) {
  for (const field of immutable) if (!same(before[field], after[field])) refuse(`${what}: ${field} cannot change`);
  const edited = ['body', 'mentions', 'editedAt'].some((f) => !same(before[f], after[f]));
  if (!edited) return;
  if (before['authorId'] !== actor.userId || !commentPermissions(actor.role).comment) refuse(`${what}: only its author edits a comment`);
  if (!isCleanBody(after['body'])) refuse(`${what}: body empty, too long or with control characters`);
  if (!isMentions(after['mentions'])) refuse(`${what}: bad mentions`);
  if (after['editedAt'] !== null && !isTime(after['editedAt'], now)) refuse(`${what}: bad editedAt`);
}

function mayDelete(fields: Raw, replies: Raw[], actor: GuardActor): boolean {
  const permissions = commentPermissions(actor.role);
  if (permissions.moderate) return true;
  return permissions.comment && fields['authorId'] === actor.userId && replies.every((r) => r['authorId'] === actor.userId);
}

const THREAD_IMMUTABLE = ['id', 'lang', 'anchorStart', 'anchorEnd', 'quote', 'authorId', 'authorName', 'createdAt'] as const;
const REPLY_IMMUTABLE = ['id', 'authorId', 'authorName', 'createdAt'] as const;
const RESOLUTION = ['resolved', 'resolvedBy', 'resolvedByName', 'resolvedAt'] as const;

function checkChangedThread(key: string, before: RawThread | 'invalid', after: RawThread | 'invalid', actor: GuardActor, now: number) {
  const what = `thread ${key}`;
  if (before === 'invalid' || after === 'invalid') {
    if (!commentPermissions(actor.role).moderate || after !== 'invalid') refuse(`${what}: not a valid thread`);
    return;
  }
  if (same(before, after)) return;
  if (!onlyKnownFields(after.fields, THREAD_FIELDS) || !after.replies) refuse(`${what}: unexpected or missing fields`);
  checkEdit(before.fields, after.fields, actor, now, what, THREAD_IMMUTABLE);
  if (RESOLUTION.some((f) => !same(before.fields[f], after.fields[f]))) {
    if (!commentPermissions(actor.role).resolve) refuse(`${what}: only reviewers and admins resolve or reopen`);
    checkResolution(after.fields, actor, now, what);
  }
  const previous = new Map((before.replies ?? []).map((r) => [String(r['id']), r]));
  const next = new Map(after.replies!.map((r) => [String(r['id']), r]));
  if (next.size !== after.replies!.length || next.size > MAX_REPLIES) refuse(`${what}: duplicate or too many replies`);
  for (const [id, reply] of next) {
    const old = previous.get(id);
    if (!old) {
      if (!commentPermissions(actor.role).comment) refuse(`${what}: your role cannot comment`);
      checkNewReply(reply, actor, now, what);
    } else if (!same(old, reply)) {
      if (!onlyKnownFields(reply, REPLY_FIELDS)) refuse(`${what}, reply ${id}: unexpected or missing fields`);
      checkEdit(old, reply, actor, now, `${what}, reply ${id}`, REPLY_IMMUTABLE);
    }
  }
  for (const [id, old] of previous) if (!next.has(id) && !mayDelete(old, [], actor)) refuse(`${what}, reply ${id}: only its author deletes a reply`);
}

/** The ids of the threads and replies that differ between two snapshots: added, changed or deleted. */
function changedComments(before: Map<string, RawThread | 'invalid'>, after: Map<string, RawThread | 'invalid'>): string[] {
  const changed = new Set<string>();
  const repliesOf = (t: RawThread | 'invalid' | undefined) => new Map((t === undefined || t === 'invalid' ? [] : (t.replies ?? [])).map((r) => [String(r['id']), r]));
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(key);
    const next = after.get(key);
    if (same(old, next)) continue;
    const fields = (t: RawThread | 'invalid' | undefined) => (t === undefined || t === 'invalid' ? t : t.fields);
    if (!same(fields(old), fields(next))) changed.add(key);
    const oldReplies = repliesOf(old);
    const nextReplies = repliesOf(next);
    for (const id of new Set([...oldReplies.keys(), ...nextReplies.keys()])) if (!same(oldReplies.get(id), nextReplies.get(id))) changed.add(id);
  }
  return [...changed];
}

/** The names of the root types a transaction changed (`en`, `fr`, `meta`, `comments` …). */
function changedRoots(doc: Y.Doc, transaction: Y.Transaction): Set<string> {
  const names = new Set<string>();
  const roots = new Map<unknown, string>();
  for (const [name, type] of doc.share) roots.set(type, name);
  for (const type of transaction.changed.keys()) {
    let t: Y.AbstractType<unknown> = type as Y.AbstractType<unknown>;
    while (t._item) t = t._item.parent as Y.AbstractType<unknown>;
    names.add(roots.get(t) ?? '?');
  }
  return names;
}

const hasPending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

/**
 * Whether `actor` may apply `update` to the document `base` (not modified). On success, the
 * copy of `base` with the update applied (`next`), which the caller may keep as its new state.
 */
export function checkUpdate(base: Y.Doc, update: Uint8Array, actor: GuardActor, now = Date.now()): Judgement {
  guardCounters.full++;
  return judgeOnCopy(copyOf(base), update, actor, now);
}

type Judgement = { decision: GuardDecision; next: Y.Doc | null; changedComments: string[] };

/** A copy of `doc` that keeps deleted content (the comparison reads what an update removed). */
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** checkUpdate on a copy made for it: applies the update to `copy`, which becomes `next` or is destroyed. */
function judgeOnCopy(copy: Y.Doc, update: Uint8Array, actor: GuardActor, now: number): Judgement {
  const pendingBefore = hasPending(copy);
  const before = snapshot(copy);
  let roots = new Set<string>();
  const onTransaction = (transaction: Y.Transaction) => {
    for (const name of changedRoots(copy, transaction)) roots.add(name);
  };
  copy.on('afterTransaction', onTransaction);
  try {
    Y.applyUpdate(copy, update);
  } catch {
    copy.destroy();
    return { decision: { ok: false, reason: 'malformed update' }, next: null, changedComments: [] };
  }
  copy.off('afterTransaction', onTransaction);
  const fail = (reason: string) => {
    copy.destroy();
    return { decision: { ok: false, reason } as GuardDecision, next: null, changedComments: [] };
  };
  // Parts that cannot be integrated yet would be judged later by nobody: refuse them now.
  if (!pendingBefore && hasPending(copy)) return fail('the update depends on changes this server does not have');
  const text = [...roots].some((name) => name !== COMMENTS_KEY);
  const comments = roots.has(COMMENTS_KEY);
  roots = new Set();
  if (text && actor.access !== 'edit') return fail('read-only: this user may not change the text');
  let changed: string[] = [];
  if (comments) {
    const after = snapshot(copy);
    try {
      for (const [key, value] of after) {
        const old = before.get(key);
        if (old === undefined) {
          if (!commentPermissions(actor.role).comment) refuse('your role cannot comment');
          if (value === 'invalid') refuse(`thread ${key}: not a valid thread`);
          checkNewThread(key, value as RawThread, actor, now);
        } else {
          checkChangedThread(key, old, value, actor, now);
        }
      }
      for (const [key, old] of before) {
        if (after.has(key)) continue;
        if (old === 'invalid' ? !commentPermissions(actor.role).moderate : !mayDelete(old.fields, old.replies ?? [], actor)) refuse(`thread ${key}: only its author (or an admin) deletes a thread`);
      }
    } catch (error) {
      if (error instanceof Refusal) return fail(error.message);
      throw error;
    }
    changed = changedComments(before, after);
  }
  return { decision: { ok: true, text, comments }, next: copy, changedComments: changed };
}

/** How updates were judged: `fast` without a copy of the document, `full` by copy and compare (checkUpdate). */
export const guardCounters = { fast: 0, full: 0 };


type Struct = Y.Item | Y.GC | Y.Skip;

/** What Y.decodeUpdate returns: the caller that already decoded an update (to validate it) hands it over instead of decoding it again. */
export type DecodedUpdate = { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };

/** For CommentGuard.admit: the update's decoding, when the caller already made one (to validate it). */
export interface AdmitSource {
  decoded?: DecodedUpdate;
}

/**
 * What touchedRoots works with, passed to module-level helpers rather than closed over: closures
 * made per call (per keystroke) cost more than the work they do (tsx/esbuild's keepNames wraps
 * every one it creates).
 */
interface RootsContext {
  store: Y.Doc['store'];
  /** Root type → its name. */
  rootNames: Map<unknown, string>;
  /** Integrated type → its root's name (null: none), as found so far. */
  rootOfType: Map<unknown, string | null>;
  /** The update's structs, per client, in clock order (decodeUpdate's order). */
  byClient: Map<number, Y.Item[]>;
  /** The update's new items → their root's name. */
  rootOfNew: Map<Y.Item, string>;
  /** What was admitted before and is not in base yet (CommentGuard), or null. */
  admitted: AdmittedUpdates | null;
}

function rootNamesOf(doc: Y.Doc): Map<unknown, string> {
  const names = new Map<unknown, string>();
  for (const [name, type] of doc.share) names.set(type, name);
  return names;
}

/** Whether `base` holds `id`. */
const holds = (store: Y.Doc['store'], id: Y.ID) => id.clock < Y.getState(store, id.client);

/**
 * Whether what an item of `client` at `clock` refers to is there first: in base, in an update
 * admitted before, or an earlier struct of the same client.
 */
const needs = (context: RootsContext, id: Y.ID | null, client: number, clock: number) =>
  id === null || holds(context.store, id) || context.admitted?.itemAt(id) != null || (id.client === client && id.clock < clock);

/** The root name of an integrated type (walking up through its items), or null. */
function rootOf(context: RootsContext, type: Y.AbstractType<unknown>): string | null {
  const known = context.rootOfType.get(type);
  if (known !== undefined) return known;
  let t: unknown = type;
  for (let depth = 0; t instanceof Y.AbstractType && t._item; depth++) {
    if (depth > 10_000) return null;
    t = t._item.parent;
  }
  const name = t instanceof Y.AbstractType ? (context.rootNames.get(t) ?? null) : null;
  context.rootOfType.set(type, name);
  return name;
}

/** The root of an item of `base` (where its content lives), or null. */
const storedRoot = (context: RootsContext, item: Struct): string | null =>
  item instanceof Y.Item && item.parent instanceof Y.AbstractType ? rootOf(context, item.parent) : null;

/**
 * The root of the item `id` names, an item of base or one of this update (already resolved);
 * with `type`, the root of the type that item holds. Null: not an item (GC) or not a type.
 */
function rootAt(context: RootsContext, id: Y.ID, type: boolean): string | null {
  const inBase = holds(context.store, id);
  const admitted = inBase ? null : (context.admitted?.itemAt(id) ?? null);
  const item = inBase ? (Y.getItem(context.store, id) as Struct) : (admitted ?? structAt(context.byClient.get(id.client) ?? [], id.clock));
  if (!(item instanceof Y.Item) || (type && !(item.content instanceof Y.ContentType))) return null;
  if (admitted) return context.admitted!.rootOf(admitted) ?? null;
  if (!inBase) return context.rootOfNew.get(item) ?? null;
  return type ? rootOf(context, (item.content as Y.ContentType).type) : storedRoot(context, item);
}

/**
 * The names of the root types `update` would change in `base`, found without integrating it:
 * each new item's root through its parent (a root name, the id of a type's item, or, when Yjs
 * left it out, the parent of its origin), each deletion's root through the deleted item. Null
 * when that cannot be told for sure (malformed, Skip or GC structs, references to what neither
 * `base` nor earlier structs of the same client in the update hold, items already pending in
 * `base` …): then only integrating the update tells, which is checkUpdate's job. What this
 * accepts integrates entirely, leaving nothing pending: each client's structs follow on from
 * what `base` has, and every reference points into `base` or to an earlier struct of the same
 * client in the update.
 */
export function touchedRoots(base: Y.Doc, update: Uint8Array, alreadyDecoded?: DecodedUpdate): Set<string> | null {
  let decoded: DecodedUpdate;
  try {
    decoded = alreadyDecoded ?? Y.decodeUpdate(update);
  } catch {
    return null;
  }
  return rootsOfUpdate(base, decoded, null)?.roots ?? null;
}

/**
 * touchedRoots on base plus the updates admitted before (not in base yet; null: none), with the
 * update's new items and their roots.
 */
function rootsOfUpdate(base: Y.Doc, decoded: DecodedUpdate, admitted: AdmittedUpdates | null): { roots: Set<string>; rootOfNew: Map<Y.Item, string> } | null {
  const store = base.store;
  // Pending structs could be unblocked by this update, and their changes would not be seen here.
  if (hasPending(base)) return null;
  const context: RootsContext = { store, rootNames: rootNamesOf(base), rootOfType: new Map(), byClient: new Map(), rootOfNew: new Map(), admitted };
  const { byClient, rootOfNew } = context;
  const roots = new Set<string>();
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) return null; // GC (content whose parent is unknown) or Skip (a gap)
    const { client, clock } = struct.id;
    let own = byClient.get(client);
    if (!own) byClient.set(client, (own = []));
    const previous = own[own.length - 1];
    const state = admitted ? admitted.state(client) : Y.getState(store, client);
    // Contiguous, following on from what base has (else it would stay pending).
    if (previous ? previous.id.clock + previous.length !== clock : clock > state) return null;
    own.push(struct);
    if (clock + struct.length <= state) continue; // already known: changes nothing
    if (clock < state) return null; // partly known: Yjs integrates the rest from another origin
    // What the item needs: in base, or an earlier struct of the same client (integrated before it).
    const parent = struct.parent as unknown;
    if (!needs(context, struct.origin, client, clock) || !needs(context, struct.rightOrigin, client, clock) || !needs(context, parent instanceof Y.ID ? parent : null, client, clock)) return null;
    let root: string | null;
    if (typeof parent === 'string') root = parent;
    else if (parent instanceof Y.ID) root = rootAt(context, parent, true);
    else if (parent === null) {
      // Yjs leaves the parent out when there is an origin: it is the origin's (else the right origin's).
      // Either being garbage-collected makes Yjs drop the item: not ours to reason about.
      const left = struct.origin ? rootAt(context, struct.origin, false) : undefined;
      const right = struct.rightOrigin ? rootAt(context, struct.rightOrigin, false) : undefined;
      if (left === null || right === null) return null;
      root = left ?? right ?? null;
    } else root = null;
    if (root === null) return null;
    rootOfNew.set(struct, root);
    roots.add(root);
  }

  for (const [client, ranges] of decoded.ds.clients) {
    const state = Y.getState(store, client);
    const stored = store.clients.get(client) as Struct[] | undefined;
    const own = byClient.get(client) ?? [];
    for (const { clock, len } of ranges) {
      const end = clock + len;
      if (len <= 0) continue;
      // What base holds: items not deleted yet. (One an admitted update deletes counts too:
      // its root is named once more, never missed.)
      if (clock < state && stored) {
        for (let i = Y.findIndexSS(stored as (Y.Item | Y.GC)[], clock); i < stored.length && stored[i]!.id.clock < end; i++) {
          const item = stored[i]!;
          if (item instanceof Y.GC || (item instanceof Y.Item && item.deleted)) continue; // nothing to delete
          const root = storedRoot(context, item);
          if (root === null) return null;
          roots.add(root);
        }
      }
      // Beyond it: only items admitted before or of this very update (else the deletion would stay pending).
      for (let c = Math.max(clock, state); c < end; ) {
        const earlier = admitted?.itemAt(Y.createID(client, c)) ?? null;
        const item = earlier ?? structAt(own, c);
        if (!item) return null;
        const root = earlier ? admitted!.rootOf(earlier) : rootOfNew.get(item);
        if (root === undefined) return null;
        roots.add(root);
        c = item.id.clock + item.length;
      }
    }
  }
  return { roots, rootOfNew };
}

/**
 * One per loaded document: judges updates against the document as it will be once every update
 * already accepted (possibly still on its way to Postgres) is applied, so a client's pipelined
 * updates that build on each other are judged in order. It keeps no copy of the document: the
 * room plus what it admitted and the room does not hold yet (AdmittedUpdates). Text updates are
 * judged from their structs alone (rootsOfUpdate); only an update that touches the comments, or
 * that cannot be told apart that way, is judged on a copy made for it.
 */
export class CommentGuard {
  readonly #admitted: AdmittedUpdates;
  /**
   * Comment (thread or reply) id → the user whose accepted update last added, changed or deleted
   * it here: whom the comments projection names in the audit log for that row's update or
   * deletion. Changes that reached the room another way (another instance, Postgres) are not in it.
   */
  readonly changedBy = new Map<string, string>();

  constructor(private readonly room: Y.Doc) {
    this.#admitted = new AdmittedUpdates(room);
  }

  /** Admitted updates the room does not hold yet (as of the last admit). */
  get pendingUpdates(): number {
    return this.#admitted.size;
  }

  /** Judges an update; when accepted it counts as applied for the next ones, until the room holds it. */
  admit(update: Uint8Array, actor: GuardActor, now = Date.now(), source: AdmitSource = {}): GuardDecision {
    this.#admitted.prune();
    let decoded: DecodedUpdate;
    try {
      decoded = source.decoded ?? Y.decodeUpdate(update);
    } catch {
      return { ok: false, reason: 'malformed update' };
    }
    // Fast path: no comments touched, and every change's root known without integrating it.
    const found = rootsOfUpdate(this.room, decoded, this.#admitted);
    if (found && !found.roots.has(COMMENTS_KEY)) {
      guardCounters.fast++;
      const text = found.roots.size > 0;
      if (text && actor.access !== 'edit') return { ok: false, reason: 'read-only: this user may not change the text' };
      this.#admitted.add(update, decoded, found.rootOfNew);
      return { ok: true, text, comments: false };
    }
    guardCounters.full++;
    const copy = copyOf(this.room);
    for (const earlier of this.#admitted.updates()) Y.applyUpdate(copy, earlier);
    const { decision, next, changedComments } = judgeOnCopy(copy, update, actor, now);
    if (decision.ok && next) {
      this.#admitted.add(update, decoded, rootsIn(next, decoded));
      next.destroy();
      for (const id of changedComments) this.changedBy.set(id, actor.userId);
    }
    return decision;
  }

  /** An admitted update that will never reach the room (storing it failed): no longer judged against. */
  abandon(update: Uint8Array): void {
    this.#admitted.abandon(update);
  }

  destroy(): void {
    this.#admitted.prune();
  }
}

/** The update's items as `doc` (which integrated it) has them, each with its root's name; items without a root are left out. */
function rootsIn(doc: Y.Doc, decoded: DecodedUpdate): Map<Y.Item, string> {
  const context: RootsContext = { store: doc.store, rootNames: rootNamesOf(doc), rootOfType: new Map(), byClient: new Map(), rootOfNew: new Map(), admitted: null };
  const roots = new Map<Y.Item, string>();
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item) || !holds(doc.store, struct.id)) continue;
    const root = storedRoot(context, Y.getItem(doc.store, struct.id) as Struct);
    if (root !== null) roots.set(struct, root);
  }
  return roots;
}

const guards = new WeakMap<Y.Doc, CommentGuard>();

/** The guard of a room's document (created on first use, destroyed with the document). */
export function guardFor(roomDoc: Y.Doc): CommentGuard {
  let guard = guards.get(roomDoc);
  if (!guard) {
    const created = new CommentGuard(roomDoc);
    guards.set(roomDoc, created);
    roomDoc.once('destroy', () => {
      created.destroy();
      guards.delete(roomDoc);
    });
    guard = created;
  }
  return guard;
}

/** Who has a room's comments been changed by (see CommentGuard.changedBy); empty when no user's update was judged here. */
export function commentChangesBy(roomDoc: Y.Doc): ReadonlyMap<string, string> {
  return guards.get(roomDoc)?.changedBy ?? new Map();
}

/** The caller as the comment guard knows them (GuardActor without the text access). */
export interface DocumentMember {
  role: MemberRole | null;
  name: string | null;
}

/**
 * The caller's membership role in the document's organization and their profile name, asked as
 * the user (RLS lets members read their organization's memberships and their own profile).
 * Role null: no membership.
 */
export async function documentMember(db: SyncDatabase, role: ApiRole, claims: Record<string, unknown>, documentId: string): Promise<DocumentMember> {
  const userId = typeof claims['sub'] === 'string' ? claims['sub'] : null;
  if (!userId || !isUuid(userId) || !isUuid(documentId)) return { role: null, name: null };
  const { rows } = await db.asUser(role, claims, (tx) =>
    tx.query(
      `select m.role, p.display_name from public.memberships m
         join public.job_descriptions jd on jd.organization_id = m.organization_id
         left join public.profiles p on p.id = m.user_id
        where jd.id = $1::uuid and m.user_id = $2::uuid`,
      [documentId, userId],
    ),
  );
  const value = rows[0]?.['role'];
  const name = rows[0]?.['display_name'];
  return {
    role: value === 'viewer' || value === 'editor' || value === 'translator' || value === 'reviewer' || value === 'admin' ? value : null,
    name: typeof name === 'string' && name !== '' ? name : null,
  };
}
