// The harvest worker against the real schema and seed (PGlite): what makes "once" hold. Two
// workers on one queue write a job once; a worker that died after claiming leaves the job to
// another once its lease has passed, and its late completion writes nothing; a job that cannot
// be read is retried, then marked failed with its error.
import assert from 'node:assert/strict';
import { after, beforeEach, test } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import { silentLogger } from '../ops/logger.js';
import type { SyncDatabase } from '../db/sql-access.js';
import { openProjectDatabase } from '../tests/support/project-database.js';
import { waitFor } from '../tests/support/clients.js';
import { HarvestWorker, defaultHarvestSettings, type HarvestEvents } from './harvest-worker.js';

const DOCUMENT = 'e5dc0000-0000-4000-a000-00000000d001';
const EDITOR = 'e5dc0000-0000-4000-a000-000000000102';
const REVIEWER = 'e5dc0000-0000-4000-a000-000000000104';

let pg: PGlite;
let db: SyncDatabase;
const workers: HarvestWorker[] = [];

beforeEach(async () => {
  ({ pg, db } = await openProjectDatabase());
});
after(async () => {
  await Promise.all(workers.map((w) => w.stop()));
});

async function approve() {
  for (const [user, statement] of [[EDITOR, 'select public.submit_for_review($1::uuid)'], [REVIEWER, `select public.decide_approval($1::uuid, 'approved')`]] as const) {
    await db.asUser('authenticated', { sub: user, role: 'authenticated' }, (tx) => tx.query(statement, [DOCUMENT]));
  }
}

async function jobs() {
  return (await pg.query<{ id: number; state: string; attempts: number; pairs_written: number | null; error: string | null }>(
    'select id, state, attempts, pairs_written, error from private.tm_harvest_jobs order by id')).rows;
}

async function usageCounts() {
  return (await pg.query<{ usage_count: number }>(`select usage_count from public.tm_segments where document_id = $1 order by id`, [DOCUMENT])).rows.map((r) => r.usage_count);
}

function worker(settings: Partial<typeof defaultHarvestSettings> = {}, events: HarvestEvents = {}) {
  const w = new HarvestWorker(db, { ...defaultHarvestSettings, ...settings }, silentLogger, events);
  workers.push(w);
  return w;
}

test('two workers on one queue write an approval once', async () => {
  const done: (number | null)[] = [];
  const events = { done: (job: { pairs: number | null }) => done.push(job.pairs) };
  const [a, b] = [worker({}, events), worker({}, events)];
  await Promise.all([a.start(), b.start()]);
  await approve();
  await waitFor(async () => (await jobs())[0]?.state === 'done', 'the job to be done');
  await Promise.all([a.stop(), b.stop()]);
  assert.deepEqual(done, [29], 'one worker wrote it, the other found nothing to claim');
  assert.deepEqual((await jobs()).map((j) => [j.state, j.attempts, j.pairs_written]), [['done', 1, 29]]);
  const counts = await usageCounts();
  assert.equal(counts.length, 29);
  assert.ok(counts.every((n) => n === 1), 'every pair used once');
});

test('a job whose worker died after claiming is taken again after the lease, and the late completion writes nothing', async () => {
  await approve();
  // The worker that died: it claimed the job and never completed it.
  const [claimed] = (await pg.query<{ job_id: number }>('select job_id from private.tm_harvest_claim(300)')).rows;
  assert.ok(claimed);
  const patient = worker();
  await patient.start();
  patient.wake();
  await patient.stop();
  assert.equal((await jobs())[0]!.state, 'pending', 'within the lease, another worker leaves it alone');

  const successor = worker({ leaseSeconds: 0 });
  await successor.start();
  await waitFor(async () => (await jobs())[0]?.state === 'done', 'the job to be taken over');
  await successor.stop();
  const counts = await usageCounts();
  const late = await pg.query<{ written: number | null }>(
    `select private.tm_harvest_complete($1, '[{"section_id": "skill", "en": "Late sentence.", "fr": "Phrase tardive."}]') as written`, [claimed.job_id]);
  assert.equal(late.rows[0]!.written, null, 'the dead worker\'s completion finds the job done');
  assert.deepEqual(await usageCounts(), counts, 'and writes nothing');
  assert.deepEqual((await jobs()).map((j) => [j.state, j.attempts]), [['done', 2]]);
});

test('a job that cannot be read is retried, then marked failed with its error', async () => {
  await approve();
  await pg.query(`update private.tm_harvest_jobs set sections = '[{"section_id": 7}]'`);
  const failures: unknown[] = [];
  const w = worker({ maxAttempts: 2 }, { failed: (job) => failures.push(job.error) });
  await w.start();
  await waitFor(() => failures.length === 1, 'the first attempt to fail');
  assert.equal((await jobs())[0]!.state, 'pending', 'kept for another attempt');
  w.wake();
  await waitFor(() => failures.length === 2, 'the second attempt to fail');
  await w.stop();
  const [job] = await jobs();
  assert.equal(job!.state, 'failed');
  assert.equal(job!.attempts, 2);
  assert.match(job!.error ?? '', /section_id/);
  assert.deepEqual(await usageCounts(), new Array(24).fill(0), 'nothing written: the seeded sentences are unused');
});
