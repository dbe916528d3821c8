// Bulk load of bench:tm's generated segments into tm_segments, and the readable ones back out.
//  * The per-row audit trigger is off during the load (an import is one audited job; audit rows
//    do not affect the searches); every other trigger, CHECK and generated column runs as usual.
//  * A large load drops the GIN indexes first and builds them again afterwards, from their own
//    definitions (pg_indexes): the same indexes, built in bulk, several times faster than
//    maintaining them row by row.
import type { PGlite } from '@electric-sql/pglite';
import { ESDC, type GeneratedSegment } from './corpus.js';
import type { StoredSegment } from './brute-force.js';

const BATCH = 5000;
/** Loads from this many rows on rebuild the GIN indexes rather than maintain them. */
const REBUILD_FROM = 50_000;

async function ginIndexes(pg: PGlite): Promise<{ name: string; definition: string }[]> {
  const { rows } = await pg.query<{ name: string; definition: string }>(
    `select indexname as name, indexdef as definition from pg_catalog.pg_indexes
      where schemaname = 'public' and tablename = 'tm_segments' and indexdef ilike '% using gin %'`);
  return rows;
}

/** Inserts the next `count` segments of the stream; returns how many rows were written. */
export async function loadSegments(pg: PGlite, stream: Iterator<GeneratedSegment>, count: number): Promise<number> {
  const rebuilt = count >= REBUILD_FROM ? await ginIndexes(pg) : [];
  await pg.exec('alter table public.tm_segments disable trigger audit');
  for (const index of rebuilt) await pg.exec(`drop index public.${index.name}`);
  let inserted = 0;
  try {
    while (inserted < count) {
      const batch: GeneratedSegment[] = [];
      while (batch.length < Math.min(BATCH, count - inserted)) batch.push(stream.next().value as GeneratedSegment);
      const { affectedRows } = await pg.query(
        `insert into public.tm_segments (organization_id, source_text, target_text, source_lang, target_lang, provenance, quality, usage_count)
         select x.organization, x.source, x.target, x."sourceLang", x."targetLang", x.provenance, 80, x."usageCount"
           from jsonb_to_recordset($1::jsonb) as x (organization uuid, source text, target text, "sourceLang" text,
                                                    "targetLang" text, provenance text, "usageCount" integer)
         on conflict do nothing`,
        [JSON.stringify(batch)],
      );
      inserted += affectedRows ?? 0;
      if ((affectedRows ?? 0) === 0) throw new Error('bench:tm load: a batch of new segments wrote no row');
    }
  } finally {
    for (const index of rebuilt) await pg.exec(index.definition);
    await pg.exec('alter table public.tm_segments enable trigger audit');
  }
  await pg.exec('analyze public.tm_segments');
  return inserted;
}

/** The segments the ESDC translator reads (ESDC's and the shared memory) with ids above `afterId`. */
export async function readableSegments(pg: PGlite, afterId: number): Promise<StoredSegment[]> {
  const { rows } = await pg.query<StoredSegment>(
    `select id::integer as id, organization_id, source_lang, source_text, target_text, source_normalized,
            target_normalized, usage_count
       from public.tm_segments
      where id > $1 and (organization_id is null or organization_id = $2)
      order by id`,
    [afterId, ESDC],
  );
  return rows;
}
