// The document's system of record: an append-only log of Yjs updates (doc_updates) folded now
// and then into one snapshot (doc_snapshots). Sequence numbers are allocated inside Postgres
// under a per-document advisory lock, so several sync-server instances can append to the same
// document and seq order is commit order. Each update gets a seq of its own, but the updates of
// one document that one transaction appends are stored as one row: their Y.mergeUpdates,
// covering seq..seq_end, with each seq's author (a row of one update leaves seq_end null).
import * as Y from 'yjs';
import { toBytes, toNumber, type SqlTransaction, type SyncDatabase } from './sql-access.js';

export interface PendingUpdate {
  update: Uint8Array;
  /** auth.users id of the author, when known. */
  createdBy: string | null;
}

export interface StoredState {
  /** The snapshot, if any and newer than `sinceSeq`. */
  snapshot: Uint8Array | null;
  /** The snapshot's last_seq (0 without one). */
  snapshotSeq: number;
  /**
   * Rows after the snapshot (and after `sinceSeq`), in seq order: each one update, or the merge
   * of the updates seq..seqEnd. A row the snapshot covers in part is read whole.
   */
  tail: StoredRow[];
  /** The highest seq this read covers. */
  lastSeq: number;
  /** Bytes read, a proxy for the document's stored size. */
  bytes: number;
}

/** Rows of one document to append, in order. */
export interface DocumentAppend {
  documentId: string;
  updates: PendingUpdate[];
}

/** One stored row: an update covering the seqs seq..seqEnd (seqEnd = seq for a single update). */
export interface StoredRow {
  seq: number;
  seqEnd: number;
  update: Uint8Array;
}

/** What appending one document's updates stored: a seq per update, and the row(s) holding them. */
export interface AppendedGroup {
  seqs: number[];
  rows: StoredRow[];
}

/** How many updates (seqs) stored rows hold. */
export const updatesIn = (rows: readonly StoredRow[]) => rows.reduce((n, row) => n + row.seqEnd - row.seq + 1, 0);

/** The per-document lock every writer of doc_updates takes (the insert trigger takes the same one). */
const lockDocument = (tx: SqlTransaction, documentId: string) =>
  tx.query('select pg_advisory_xact_lock(hashtextextended($1::uuid::text, 7031)) as locked', [documentId]);

/**
 * Locks several documents, always in ascending key order, so two transactions locking
 * overlapping sets (two instances, or an append and a compaction) queue instead of deadlocking.
 * A volatile function in the select list is evaluated after the ORDER BY sort.
 */
const lockDocuments = (tx: SqlTransaction, documentIds: string[]) =>
  documentIds.length === 1
    ? lockDocument(tx, documentIds[0]!)
    : tx.query(
        `select pg_advisory_xact_lock(k) as locked
           from (select distinct hashtextextended(d::uuid::text, 7031) as k from unnest(string_to_array($1::text, ',')) as d) keys
          order by k`,
        [documentIds.join(',')],
      );

/** Appends the updates in order; returns their seqs. One transaction, one round of locking. */
export async function appendUpdates(db: SyncDatabase, documentId: string, updates: PendingUpdate[]): Promise<number[]> {
  const [seqs] = await appendUpdateGroups(db, [{ documentId, updates }]);
  return seqs ?? [];
}

/**
 * Under the document's lock, reads its stored state and appends the updates `decide` computes
 * from it, in one transaction: two writers deciding from the same document (two instances
 * loading it at once) queue on the lock, and the second decides from a state that holds the
 * first one's updates. Returns the seqs of what was appended.
 */
export async function appendFromStoredState(db: SyncDatabase, documentId: string, decide: (state: StoredState) => PendingUpdate[]): Promise<number[]> {
  return db.asService(async (tx) => {
    await lockDocument(tx, documentId);
    const updates = decide(await readStoredStateIn(tx, documentId));
    if (updates.length === 0) return [];
    const [appended] = await insertUpdates(tx, [{ documentId, updates }]);
    return appended?.seqs ?? [];
  });
}

/**
 * Appends the updates of several documents in one transaction (group commit): one lock
 * statement, then one insert that reads every document's last seq itself. Returns each group's seqs, in
 * the order given. Seqs are consecutive per document, allocated under the document's lock, so
 * seq order is commit order even with other instances appending; several groups for the same
 * document get consecutive seqs in the order given. All or nothing: on error nothing is stored.
 */
export async function appendUpdateGroups(db: SyncDatabase, groups: DocumentAppend[]): Promise<number[][]> {
  return (await appendMergedGroups(db, groups)).map((group) => group.seqs);
}

/**
 * The last seq of each document as this process last stored it. Only for a database that runs
 * one transaction at a time (`serialTransactions`, PGlite), where this process is almost always
 * the only writer: an append of documents that are all known numbers its rows itself instead of
 * reading the last seqs in the insert, which was more than half of the statement's cost. Any
 * other writer (another instance on the same database, a seed, a script as the service role)
 * shows up as a unique violation on (document_id, seq), whatever the schema (the migrations'
 * trigger raises the same code for an overlap), or, when it also compacted those rows away, as a
 * snapshot past the remembered seq, which the insert checks: the append then forgets those
 * documents and runs again the usual way, reading them.
 */
export type KnownLastSeqs = Map<string, number>;

/**
 * appendUpdateGroups, also returning the rows stored for each group (what the scale-out bus
 * publishes, so other instances apply the same merged update and learn the same seq range).
 * `known`: see KnownLastSeqs; what this append stores is remembered there.
 */
export async function appendMergedGroups(db: SyncDatabase, groups: DocumentAppend[], known?: KnownLastSeqs): Promise<AppendedGroup[]> {
  const documentIds = [...new Set(groups.filter((g) => g.updates.length > 0).map((g) => documentKey(g.documentId)))];
  if (documentIds.length === 0) return groups.map(() => ({ seqs: [], rows: [] }));
  const remembering = db.serialTransactions ? known : undefined;
  if (remembering && documentIds.every((id) => remembering.has(id))) {
    try {
      // With the last seqs known the insert is one statement: a transaction of its own.
      const insert = (tx: SqlTransaction) => insertUpdates(tx, groups, remembering);
      const statement = db.serviceStatement;
      return remember(remembering, groups, await (statement ? insert({ query: statement }) : db.asService(insert)));
    } catch (error) {
      if (!isStale(error)) throw error;
      for (const id of documentIds) remembering.delete(id);
    }
  }
  const appended = await db.asService(async (tx) => {
    // One transaction at a time (PGlite): no other writer can come between, and the lock
    // statement would cost a third of the append.
    if (!db.serialTransactions) await lockDocuments(tx, documentIds);
    return insertUpdates(tx, groups);
  });
  return remembering ? remember(remembering, groups, appended) : appended;
}

/** How a document id is keyed in maps (ids arrive in either case). */
export const documentKey = (documentId: string) => documentId.toLowerCase();

/** A remembered last seq is behind the snapshot: the rows after it were appended and compacted by another writer. */
class StaleLastSeq extends Error {
  constructor() {
    super('a remembered last seq is behind the document snapshot');
  }
}

/** What says a remembered last seq is stale: a duplicate (document_id, seq), or a snapshot past it. */
const isStale = (error: unknown) => error instanceof StaleLastSeq || (error as { code?: unknown } | null)?.code === '23505';

/** Notes each document's last stored seq (groups are in seq order, so the last group's last row holds it). */
function remember(known: KnownLastSeqs, groups: DocumentAppend[], appended: AppendedGroup[]): AppendedGroup[] {
  appended.forEach(({ rows }, i) => {
    const last = rows.at(-1);
    if (last) known.set(documentKey(groups[i]!.documentId), last.seqEnd);
  });
  return appended;
}

/**
 * Updates per merged row. Y.mergeUpdates grows faster than linearly with the number of updates
 * it merges (1 024 keystrokes: about 14 ms of CPU in one call, 1.4 ms in calls of 32 to 64, about
 * what applying them costs), so a large batch is stored as rows of at most this many; the
 * batches of interactive editing are far smaller and make one row.
 */
export const MAX_UPDATES_PER_ROW = 64;

type RowToInsert = { row: StoredRow; createdBy: string | null; authors: (string | null)[] | null };

/**
 * The rows that store one group's updates, which hold the seqs from `first` on: one row with
 * their Y.mergeUpdates (per MAX_UPDATES_PER_ROW). If Yjs cannot merge them (an update it cannot
 * read, which the room logs and skips when it applies it), one row per update, as before merging.
 */
function rowsOf(first: number, updates: PendingUpdate[]): RowToInsert[] {
  const rows: RowToInsert[] = [];
  for (let start = 0; start < updates.length; start += MAX_UPDATES_PER_ROW) {
    rows.push(...mergedRow(first + start, updates.slice(start, start + MAX_UPDATES_PER_ROW)));
  }
  return rows;
}

function mergedRow(first: number, updates: PendingUpdate[]): RowToInsert[] {
  const single = (u: PendingUpdate, seq: number): RowToInsert => ({ row: { seq, seqEnd: seq, update: u.update }, createdBy: u.createdBy, authors: null });
  if (updates.length === 1) return [single(updates[0]!, first)];
  let merged: Uint8Array;
  try {
    merged = Y.mergeUpdates(updates.map((u) => u.update));
  } catch {
    return updates.map((u, i) => single(u, first + i));
  }
  const authors = updates.map((u) => u.createdBy);
  const sole = authors.every((a) => a === authors[0]) ? authors[0]! : null;
  return [{ row: { seq: first, seqEnd: first + updates.length - 1, update: merged }, createdBy: sole, authors }];
}

/**
 * The insert of appendMergedGroups, in a transaction that holds the documents' locks. One
 * statement reads each document's last seq and inserts the rows numbered after it: a statement
 * of its own after the locks, so its snapshot sees every append committed before (and one round
 * trip per transaction fewer than reading the last seqs first). The rows are built with seqs
 * relative to that last seq (1, 2, …) and made absolute from what the statement returns.
 * With `known` (every document's last seq, see KnownLastSeqs) the rows are numbered from there
 * and the statement only inserts (the one statement it runs: appendMergedGroups may run it alone,
 * outside a transaction).
 */
async function insertUpdates(tx: SqlTransaction, groups: DocumentAppend[], known?: KnownLastSeqs): Promise<AppendedGroup[]> {
  const key = documentKey;
  const documentIds = [...new Set(groups.filter((g) => g.updates.length > 0).map((g) => key(g.documentId)))];
  // Array parameters rather than a set per row: much less to bind per row, and no limit on a
  // statement's parameter count. The updates travel as hex text: postgres.js types an array
  // parameter by its first element, so an array of byte arrays would arrive as bytea. Authors
  // travel as one text literal per row (a uuid[] of the row, or null): unnest cannot take an
  // array of arrays of different lengths.
  const columns = {
    documentId: [] as string[],
    seq: [] as number[],
    seqEnd: [] as (number | null)[],
    update: [] as string[],
    createdBy: [] as (string | null)[],
    authors: [] as (string | null)[],
  };
  /** Updates numbered so far per document: several groups of one document follow each other. */
  const numbered = new Map<string, number>();
  const relative = groups.map(({ documentId, updates }) => {
    if (updates.length === 0) return { documentId, first: 0, count: 0, rows: [] as StoredRow[] };
    const first = (numbered.get(key(documentId)) ?? 0) + 1;
    numbered.set(key(documentId), first + updates.length - 1);
    const rows = rowsOf(first, updates);
    for (const { row, createdBy, authors } of rows) {
      columns.documentId.push(documentId);
      columns.seq.push(row.seq);
      columns.seqEnd.push(row.seqEnd === row.seq ? null : row.seqEnd);
      columns.update.push(Buffer.from(row.update.buffer, row.update.byteOffset, row.update.byteLength).toString('hex'));
      columns.createdBy.push(createdBy);
      columns.authors.push(authors && `{${authors.map((a) => a ?? 'NULL').join(',')}}`);
    }
    return { documentId, first, count: updates.length, rows: rows.map((r) => r.row) };
  });
  if (known) {
    const base = columns.documentId.map((id) => known.get(key(id))!);
    // A snapshot past the number it starts from means another writer appended and compacted
    // meanwhile (its rows, deleted, no longer collide): insert nothing, and read again.
    const { rows } = await tx.query(
      `insert into public.doc_updates (document_id, seq, seq_end, update, created_by, authors)
       select r.document_id, r.seq, r.seq_end, decode(r.update_hex, 'hex'), r.created_by, r.authors::uuid[]
         from unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::text[], $5::uuid[], $6::text[])
           as r (document_id, seq, seq_end, update_hex, created_by, authors)
         left join public.doc_snapshots s on s.document_id = r.document_id
        where s.last_seq is null or s.last_seq < r.seq
       returning seq`,
      [
        columns.documentId,
        columns.seq.map((seq, i) => base[i]! + seq),
        columns.seqEnd.map((seqEnd, i) => (seqEnd === null ? null : base[i]! + seqEnd)),
        columns.update,
        columns.createdBy,
        columns.authors,
      ],
    );
    if (rows.length !== columns.seq.length) throw new StaleLastSeq();
    return absolute(relative, (documentId) => known.get(key(documentId))!);
  }
  // Returning each row's document and seq: a document's first row starts at its last seq + 1.
  const { rows } = await tx.query(
    `insert into public.doc_updates (document_id, seq, seq_end, update, created_by, authors)
     with last as (
       select d.id,
              greatest(
                coalesce((select coalesce(u.seq_end, u.seq) from public.doc_updates u where u.document_id = d.id order by u.seq desc limit 1), 0),
                coalesce((select s.last_seq from public.doc_snapshots s where s.document_id = d.id), 0)) as last
         from unnest(string_to_array($7::text, ',')::uuid[]) as d(id)
     )
     select r.document_id, l.last + r.seq, l.last + r.seq_end, decode(r.update_hex, 'hex'), r.created_by, r.authors::uuid[]
       from unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::text[], $5::uuid[], $6::text[])
         as r (document_id, seq, seq_end, update_hex, created_by, authors)
       join last l on l.id = r.document_id
     returning document_id::text as id, seq`,
    [columns.documentId, columns.seq, columns.seqEnd, columns.update, columns.createdBy, columns.authors, documentIds.join(',')],
  );
  if (rows.length !== columns.seq.length) throw new Error(`doc_updates: ${rows.length} of ${columns.seq.length} rows inserted`);
  const last = new Map<string, number>();
  for (const row of rows) {
    const id = key(String(row['id']));
    last.set(id, Math.min(last.get(id) ?? Infinity, toNumber(row['seq']) - 1));
  }
  return absolute(relative, (documentId) => last.get(key(documentId)) ?? 0);
}

/** The seqs and rows of groups numbered relative to their document's last seq (1, 2, …), made absolute. */
function absolute(relative: { documentId: string; first: number; count: number; rows: StoredRow[] }[], lastSeqOf: (documentId: string) => number): AppendedGroup[] {
  return relative.map(({ documentId, first, count, rows: stored }): AppendedGroup => {
    if (count === 0) return { seqs: [], rows: [] };
    const base = lastSeqOf(documentId);
    return {
      seqs: Array.from({ length: count }, (_, i) => base + first + i),
      rows: stored.map((row) => ({ seq: base + row.seq, seqEnd: base + row.seqEnd, update: row.update })),
    };
  });
}

/**
 * The snapshot (when newer than `sinceSeq`) and every update after it, read in one statement so
 * a concurrent compaction cannot slip between reading the snapshot and reading the tail.
 */
export function readStoredState(db: SyncDatabase, documentId: string, sinceSeq = 0): Promise<StoredState> {
  return db.asService((tx) => readStoredStateIn(tx, documentId, sinceSeq));
}

/** readStoredState inside a transaction of the caller's. */
async function readStoredStateIn(tx: SqlTransaction, documentId: string, sinceSeq = 0): Promise<StoredState> {
  const { rows } = await tx.query(
      `with snap as (
         select state, last_seq from public.doc_snapshots where document_id = $1::uuid and last_seq > $2::bigint
       )
       select 0 as kind, last_seq as seq, last_seq as seq_end, state as data from snap
       union all
       select 1 as kind, seq, coalesce(seq_end, seq) as seq_end, update as data from public.doc_updates
        where document_id = $1::uuid and coalesce(seq_end, seq) > greatest($2::bigint, coalesce((select last_seq from snap), 0))
       order by kind, seq`,
    [documentId, sinceSeq],
  );
  const state: StoredState = { snapshot: null, snapshotSeq: 0, tail: [], lastSeq: sinceSeq, bytes: 0 };
  for (const row of rows) {
    const data = toBytes(row['data']);
    const seq = toNumber(row['seq']);
    const seqEnd = toNumber(row['seq_end']);
    state.bytes += data.byteLength;
    state.lastSeq = Math.max(state.lastSeq, seqEnd);
    if (toNumber(row['kind']) === 0) {
      state.snapshot = data;
      state.snapshotSeq = seq;
    } else {
      state.tail.push({ seq, seqEnd, update: data });
    }
  }
  return state;
}

/**
 * Applies stored state to `doc`, in one Yjs transaction (one cleanup, one update event): much
 * faster for long tails than merging the updates first, which grows faster than linearly with
 * their number. An update Yjs cannot read is skipped and reported, so one bad row cannot make a
 * document unloadable.
 */
export function applyStoredState(doc: Y.Doc, state: StoredState, origin: unknown, onBadUpdate: (seq: number, error: unknown) => void) {
  const parts: { seq: number; update: Uint8Array }[] = [...(state.snapshot ? [{ seq: state.snapshotSeq, update: state.snapshot }] : []), ...state.tail];
  if (parts.length === 0) return;
  Y.transact(
    doc,
    () => {
      for (const part of parts) {
        try {
          Y.applyUpdate(doc, part.update, origin);
        } catch (error) {
          onBadUpdate(part.seq, error);
        }
      }
    },
    origin,
    false,
  );
}

export interface CompactionResult {
  /** Seq folded into the snapshot (0 if there was nothing to fold). */
  lastSeq: number;
  foldedUpdates: number;
  snapshotBytes: number;
}

/** A document's whole state as of `lastSeq`: what doc_snapshots holds. */
export interface DocumentSnapshot {
  state: Uint8Array;
  stateVector: Uint8Array;
  /** Every update up to this seq is in `state` (updates after it may be too: applying them again is harmless). */
  lastSeq: number;
}

/** The snapshot of `doc`, claimed to cover every update up to `lastSeq`. */
export function snapshotOf(doc: Y.Doc, lastSeq: number): DocumentSnapshot {
  return { state: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc), lastSeq };
}

/**
 * Stores the snapshot and deletes the rows it covers whole, in one transaction under the
 * document's lock; rows appended meanwhile have higher seqs and stay, and so does a row that
 * covers seqs on both sides of the snapshot's (reading it again after the snapshot is harmless). If another instance already wrote a
 * newer snapshot, that one is kept (and the rows it covers are gone already).
 */
export async function writeSnapshot(db: SyncDatabase, documentId: string, snapshot: DocumentSnapshot): Promise<void> {
  await db.asService(async (tx) => {
    await lockDocument(tx, documentId);
    await tx.query(
      `insert into public.doc_snapshots (document_id, state, state_vector, last_seq, updated_at)
       values ($1::uuid, $2::bytea, $3::bytea, $4::bigint, now())
       on conflict (document_id) do update
         set state = excluded.state, state_vector = excluded.state_vector, last_seq = excluded.last_seq, updated_at = now()
         where public.doc_snapshots.last_seq < excluded.last_seq`,
      [documentId, snapshot.state, snapshot.stateVector, snapshot.lastSeq],
    );
    await tx.query('delete from public.doc_updates where document_id = $1::uuid and coalesce(seq_end, seq) <= $2::bigint', [
      documentId,
      snapshot.lastSeq,
    ]);
  });
}

/**
 * Folds the tail into the snapshot, from what Postgres holds: reads snapshot and tail, rebuilds
 * the document and writes it back (writeSnapshot). A loaded room usually encodes its own Y.Doc
 * instead, which skips the read and the rebuild (see DocumentRoom); this is the path for
 * everything else.
 */
export async function compactDocument(db: SyncDatabase, documentId: string): Promise<CompactionResult> {
  const stored = await readStoredState(db, documentId);
  if (stored.tail.length === 0) return { lastSeq: stored.snapshotSeq, foldedUpdates: 0, snapshotBytes: stored.snapshot?.byteLength ?? 0 };
  const doc = new Y.Doc();
  try {
    applyStoredState(doc, stored, null, () => {});
    const snapshot = snapshotOf(doc, stored.lastSeq);
    await writeSnapshot(db, documentId, snapshot);
    return { lastSeq: stored.lastSeq, foldedUpdates: updatesIn(stored.tail), snapshotBytes: snapshot.state.byteLength };
  } finally {
    doc.destroy();
  }
}
