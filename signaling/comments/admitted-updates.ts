// The updates the comment guard has admitted that its room does not hold yet: the room applies an
// update only once it is stored in Postgres, and a client pipelines its keystrokes, so the next
// one is judged while the previous ones are still on their way. The guard judges against the
// room plus these, instead of keeping a second copy of the document that every update is applied
// to (which cost as much as the room's own integration, for every keystroke): their new items
// are indexed here with the root type each belongs to, which is all the fast path needs, and the
// updates themselves are kept for the rare update that must be judged on a copy (comments).
import * as Y from 'yjs';

type DeleteSet = { clients: Map<number, { clock: number; len: number }[]> };

interface Admitted {
  update: Uint8Array;
  /** The new items indexed for it (see add), each with its root's name. */
  items: Y.Item[];
  /** Per client, the clock after its last struct: the room holds the structs once its state reaches it. */
  ends: Map<number, number>;
  ds: DeleteSet;
}

type Struct = Y.Item | Y.GC | Y.Skip;

/** The struct of `structs` (one client's, in clock order, not overlapping) that holds `clock`, or null. */
export function structAt<T extends { id: Y.ID; length: number }>(structs: readonly T[], clock: number): T | null {
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const s = structs[mid]!;
    if (clock < s.id.clock) high = mid - 1;
    else if (clock >= s.id.clock + s.length) low = mid + 1;
    else return s;
  }
  return null;
}

/** Whether the room has integrated every deletion of `ds` (an item not there yet, or not deleted: not yet). */
function deletedIn(store: Y.Doc['store'], ds: DeleteSet): boolean {
  for (const [client, ranges] of ds.clients) {
    const structs = store.clients.get(client) as (Y.Item | Y.GC)[] | undefined;
    const state = Y.getState(store, client);
    for (const { clock, len } of ranges) {
      if (len <= 0) continue;
      if (!structs || clock + len > state) return false;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const struct = structs[i]!;
        if (struct instanceof Y.Item && !struct.deleted) return false;
      }
    }
  }
  return true;
}

export class AdmittedUpdates {
  /** In the order they were admitted, which is the order the room applies them in. */
  #entries: Admitted[] = [];
  /** Per client, the indexed items of all entries, in clock order. */
  #byClient = new Map<number, Y.Item[]>();
  #rootOf = new Map<Y.Item, string>();

  constructor(private readonly room: Y.Doc) {}

  /** How many admitted updates the room does not hold yet (after the last prune). */
  get size(): number {
    return this.#entries.length;
  }

  /**
   * Records an admitted update: `roots` holds its new structs (none the room or an earlier entry
   * has) with their roots' names. A struct that does not follow every item already known of its
   * client is not indexed: what refers to it is then judged on a copy, which is slower, not wrong.
   */
  add(update: Uint8Array, decoded: { structs: Struct[]; ds: DeleteSet }, roots: ReadonlyMap<Y.Item, string>): void {
    const ends = new Map<number, number>();
    for (const struct of decoded.structs) {
      if (struct instanceof Y.Skip) continue;
      ends.set(struct.id.client, Math.max(ends.get(struct.id.client) ?? 0, struct.id.clock + struct.length));
    }
    const items: Y.Item[] = [];
    for (const [item, root] of roots) {
      const { client, clock } = item.id;
      if (clock < this.state(client)) continue;
      let own = this.#byClient.get(client);
      if (!own) this.#byClient.set(client, (own = []));
      own.push(item);
      this.#rootOf.set(item, root);
      items.push(item);
    }
    this.#entries.push({ update, items, ends, ds: decoded.ds });
  }

  /** Forgets an admitted update that will never reach the room (storing it failed). */
  abandon(update: Uint8Array): void {
    const index = this.#entries.findIndex((entry) => entry.update === update);
    if (index < 0) return;
    const [entry] = this.#entries.splice(index, 1);
    for (const item of entry!.items) {
      this.#rootOf.delete(item);
      const own = this.#byClient.get(item.id.client);
      const at = own?.indexOf(item) ?? -1;
      if (at >= 0) own!.splice(at, 1);
    }
  }

  /** Forgets what the room holds now: every struct and every deletion of an entry integrated. */
  prune(): void {
    if (this.#entries.length === 0) return;
    const store = this.room.store;
    for (const [client, own] of this.#byClient) {
      const state = Y.getState(store, client);
      let held = 0;
      while (held < own.length && own[held]!.id.clock + own[held]!.length <= state) this.#rootOf.delete(own[held++]!);
      if (held === own.length) this.#byClient.delete(client);
      else if (held > 0) own.splice(0, held);
    }
    // In order: the room applies them in order, so the first one it lacks ends the pruning.
    let kept = 0;
    while (kept < this.#entries.length) {
      const entry = this.#entries[kept]!;
      for (const [client, end] of entry.ends) if (Y.getState(store, client) < end) return this.#keepFrom(kept);
      if (!deletedIn(store, entry.ds)) break;
      kept++;
    }
    this.#keepFrom(kept);
  }

  #keepFrom(index: number): void {
    if (index > 0) this.#entries.splice(0, index);
  }

  /** The next clock of `client` once everything admitted is applied: the room's state, or past the last admitted item. */
  state(client: number): number {
    const own = this.#byClient.get(client);
    const last = own?.[own.length - 1];
    const room = Y.getState(this.room.store, client);
    return last ? Math.max(room, last.id.clock + last.length) : room;
  }

  /** The admitted item (not in the room yet) holding `id`, or null. */
  itemAt(id: Y.ID): Y.Item | null {
    const own = this.#byClient.get(id.client);
    return own ? structAt(own, id.clock) : null;
  }

  /** The root name of an item itemAt returned. */
  rootOf(item: Y.Item): string | undefined {
    return this.#rootOf.get(item);
  }

  /** The admitted updates, in order: what a copy of the room needs applied to be what the next update is judged against. */
  updates(): Uint8Array[] {
    return this.#entries.map((entry) => entry.update);
  }
}
