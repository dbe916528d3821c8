// The document's system of record: an append-only log of Yjs updates (doc_updates) folded now
// and then into one snapshot (doc_snapshots). Sequence numbers are allocated inside Postgres
// under a per-document advisory lock, so several sync-server instances can append to the same
// document and seq order is commit order.
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
  /** Updates after the snapshot (and after `sinceSeq`), in seq order. */
  tail: { seq: number; update: Uint8Array }[];
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
    const [seqs] = await insertUpdates(tx, [{ documentId, updates }]);
    return seqs ?? [];
  });
}

/**
 * Appends the updates of several documents in one transaction (group commit): one lock
 * statement, one read of every document's last seq, one insert. Returns each group's seqs, in
 * the order given. Seqs are consecutive per document, allocated under the document's lock, so
 * seq order is commit order even with other instances appending; several groups for the same
 * document get consecutive seqs in the order given. All or nothing: on error nothing is stored.
 */
export async function appendUpdateGroups(db: SyncDatabase, groups: DocumentAppend[]): Promise<number[][]> {
  const key = (documentId: string) => documentId.toLowerCase();
  const documentIds = [...new Set(groups.filter((g) => g.updates.length > 0).map((g) => key(g.documentId)))];
  if (documentIds.length === 0) return groups.map(() => []);
  return db.asService(async (tx) => {
    await lockDocuments(tx, documentIds);
    return insertUpdates(tx, groups);
  });
}

/** The insert of appendUpdateGroups, in a transaction that holds the documents' locks. */
async function insertUpdates(tx: SqlTransaction, groups: DocumentAppend[]): Promise<number[][]> {
  const key = (documentId: string) => documentId.toLowerCase();
  const documentIds = [...new Set(groups.filter((g) => g.updates.length > 0).map((g) => key(g.documentId)))];
  // A statement of its own, after the locks: its snapshot sees every append committed before.
  const { rows } = await tx.query(
    `select d.id::text as id,
            greatest(
              coalesce((select max(u.seq) from public.doc_updates u where u.document_id = d.id), 0),
              coalesce((select s.last_seq from public.doc_snapshots s where s.document_id = d.id), 0)) as last
       from unnest(string_to_array($1::text, ',')::uuid[]) as d(id)`,
    [documentIds.join(',')],
  );
  const last = new Map(rows.map((row) => [key(String(row['id'])), toNumber(row['last'] ?? 0)]));
  // Four array parameters rather than four per row: much less to bind per row, and no limit
  // on a statement's parameter count. The updates travel as hex text: postgres.js types an
  // array parameter by its first element, so an array of byte arrays would arrive as bytea.
  const columns = { documentId: [] as string[], seq: [] as number[], update: [] as string[], createdBy: [] as (string | null)[] };
  const seqs = groups.map(({ documentId, updates }) =>
    updates.map((u) => {
      const seq = (last.get(key(documentId)) ?? 0) + 1;
      last.set(key(documentId), seq);
      columns.documentId.push(documentId);
      columns.seq.push(seq);
      columns.update.push(Buffer.from(u.update.buffer, u.update.byteOffset, u.update.byteLength).toString('hex'));
      columns.createdBy.push(u.createdBy);
      return seq;
    }),
  );
  await tx.query(
    `insert into public.doc_updates (document_id, seq, update, created_by)
     select document_id, seq, decode(update_hex, 'hex'), created_by
       from unnest($1::uuid[], $2::bigint[], $3::text[], $4::uuid[]) as rows (document_id, seq, update_hex, created_by)`,
    [columns.documentId, columns.seq, columns.update, columns.createdBy],
  );
  return seqs;
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
       select 0 as kind, last_seq as seq, state as data from snap
       union all
       select 1 as kind, seq, update as data from public.doc_updates
        where document_id = $1::uuid and seq > greatest($2::bigint, coalesce((select last_seq from snap), 0))
       order by kind, seq`,
    [documentId, sinceSeq],
  );
  const state: StoredState = { snapshot: null, snapshotSeq: 0, tail: [], lastSeq: sinceSeq, bytes: 0 };
  for (const row of rows) {
    const data = toBytes(row['data']);
    const seq = toNumber(row['seq']);
    state.bytes += data.byteLength;
    state.lastSeq = Math.max(state.lastSeq, seq);
    if (toNumber(row['kind']) === 0) {
      state.snapshot = data;
      state.snapshotSeq = seq;
    } else {
      state.tail.push({ seq, update: data });
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
  const parts = [...(state.snapshot ? [{ seq: state.snapshotSeq, update: state.snapshot }] : []), ...state.tail];
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
 * Stores the snapshot and deletes the rows it covers, in one transaction under the document's
 * lock; rows appended meanwhile have higher seqs and stay. If another instance already wrote a
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
    await tx.query('delete from public.doc_updates where document_id = $1::uuid and seq <= $2::bigint', [documentId, snapshot.lastSeq]);
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
    return { lastSeq: stored.lastSeq, foldedUpdates: stored.tail.length, snapshotBytes: snapshot.state.byteLength };
  } finally {
    doc.destroy();
  }
}
