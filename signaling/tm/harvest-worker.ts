// Approved work becomes translation memory, once. Approving a document queues a durable job in
// private.tm_harvest_jobs (migration 20261205120500, in the approving transaction, with the
// approved sections) and announces it on `jd_tm_harvest`. This worker drains the queue:
//   1. claim (one transaction): private.tm_harvest_claim takes the oldest pending job no other
//      worker holds (`for update skip locked`, plus a lease so a worker that died mid-job does
//      not keep it forever), and counts the attempt;
//   2. align, outside any transaction (PGlite is one connection the whole stack shares):
//      section-pairs.ts pairs the sections and aligns their sentences;
//   3. complete (one transaction): private.tm_harvest_complete writes every pair and marks the
//      job done together, and writes nothing for a job that is no longer pending.
// So a crash before 3 commits leaves the job pending (taken again after the lease), a crash after
// leaves it done, and two workers racing on an expired lease write it once. Uses are counted per
// (segment, document), so even the same document approved again counts nothing twice.
// The queue is drained when a notification arrives, when the worker starts (jobs queued while no
// sync server ran) and every `intervalMs` (notifications missed: no LISTEN through a
// transaction-mode pooler, a dropped connection).
import { z } from 'zod';
import { toNumber, type SyncDatabase } from '../db/sql-access.js';
import type { Logger } from '../ops/logger.js';
import { sectionPairs, type ApprovedSection } from './section-pairs.js';

export const HARVEST_CHANNEL = 'jd_tm_harvest';

export interface HarvestSettings {
  /** Sweep period (ms): the safety net behind the notifications. */
  intervalMs: number;
  /** A claimed job may be taken by another worker after this long (s). */
  leaseSeconds: number;
  /** Attempts before a job is marked failed (its error kept). */
  maxAttempts: number;
}

export const defaultHarvestSettings: HarvestSettings = { intervalMs: 30_000, leaseSeconds: 300, maxAttempts: 5 };

const Section = z.object({ section_id: z.string(), lang: z.string(), heading: z.string().nullable(), body: z.string().nullable() });
const Sections = z.array(Section);

export interface HarvestEvents {
  /** A job was written (pairs recorded), or found done by another worker (null). */
  done?(job: { jobId: number; documentId: string; pairs: number | null }): void;
  failed?(job: { jobId: number; documentId: string; error: unknown }): void;
}

export class HarvestWorker {
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: SyncDatabase,
    private readonly settings: HarvestSettings,
    private readonly log: Logger,
    private readonly events: HarvestEvents = {},
  ) {}

  async start(): Promise<void> {
    if (this.db.listen) {
      try {
        this.unlisten = await this.db.listen(HARVEST_CHANNEL, () => this.wake());
      } catch (error) {
        this.log.warn({ error }, `LISTEN ${HARVEST_CHANNEL} failed; approved documents are harvested every ${this.settings.intervalMs} ms only`);
      }
    }
    this.timer = setInterval(() => this.wake(), this.settings.intervalMs);
    this.timer.unref();
    this.wake();
  }

  /** Drains the queue now (or once more after the drain under way). */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Stops listening and sweeping; resolves once the job under way has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.().catch((error: unknown) => this.log.warn({ error }, `UNLISTEN ${HARVEST_CHANNEL} failed`));
    await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.runOne())) {
        // next job
      }
    } catch (error) {
      // The claim itself failed (database unreachable, schema without the queue): the next wake
      // or sweep tries again.
      this.log.warn({ error }, 'could not claim a TM harvest job');
    }
  }

  /** Claims and runs one job; false when none is waiting. */
  private async runOne(): Promise<boolean> {
    const job = await this.db.asService(async (tx) => {
      const { rows } = await tx.query('select * from private.tm_harvest_claim($1::int)', [this.settings.leaseSeconds]);
      return rows[0];
    });
    if (!job) return false;
    const jobId = toNumber(job['job_id']);
    const documentId = String(job['document_id']);
    try {
      const sections: ApprovedSection[] = Sections.parse(typeof job['sections'] === 'string' ? JSON.parse(job['sections']) : job['sections']);
      const pairs = sectionPairs(sections);
      const written = await this.db.asService(async (tx) => {
        const { rows } = await tx.query('select private.tm_harvest_complete($1::bigint, $2::jsonb) as written', [jobId, JSON.stringify(pairs)]);
        const value = rows[0]?.['written'];
        return value === null || value === undefined ? null : toNumber(value);
      });
      this.log.info({ jobId, documentId, pairs: written }, written === null ? 'TM harvest job already done elsewhere' : 'approved document harvested into the translation memory');
      this.events.done?.({ jobId, documentId, pairs: written });
    } catch (error) {
      this.log.error({ jobId, documentId, error }, 'TM harvest job failed');
      this.events.failed?.({ jobId, documentId, error });
      await this.db
        .asService((tx) => tx.query('select private.tm_harvest_fail($1::bigint, $2, $3::int)', [jobId, error instanceof Error ? error.message : String(error), this.settings.maxAttempts]))
        .catch((failure: unknown) => this.log.warn({ jobId, error: failure }, 'could not record the TM harvest failure'));
      // Tried again at the next notification or sweep, not in a tight loop.
      return false;
    }
    return true;
  }
}
