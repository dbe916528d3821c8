// The sync server's metrics, in one place so /metrics, tests and the benchmark agree on names.
// Each server has a registry of its own (tests run several servers in one process; the global
// registry would mix them and refuse the second set of names), with prom-client's default
// process metrics (CPU, memory, event loop lag, handles) alongside.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export function createSyncMetrics(read: { connections: () => number; documents: () => number }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  /** A gauge read at scrape time, so it can never drift from the thing it measures. */
  const readGauge = (name: string, help: string, value: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(value());
      },
    });
  const errors = new Counter({ name: 'jd_sync_errors_total', help: 'Errors by kind (refusals, limits, bad input, database).', labelNames: ['kind'], registers });
  // A zero line before the first error, so the series exists (and a rate of it) from the start.
  errors.inc(0);
  return {
    registry,
    connections: readGauge('jd_sync_connections', 'Open client WebSocket connections.', read.connections),
    documents: readGauge('jd_sync_documents_loaded', 'Documents held in memory.', read.documents),
    messagesIn: new Counter({ name: 'jd_sync_messages_in_total', help: 'Messages received from clients.', registers }),
    messagesOut: new Counter({ name: 'jd_sync_messages_out_total', help: 'Messages sent to clients.', registers }),
    persistSeconds: new Histogram({
      name: 'jd_sync_persist_seconds',
      help: 'Time of one append transaction to doc_updates (the updates of one or more documents).',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    persistBatchDocuments: new Histogram({
      name: 'jd_sync_persist_batch_documents',
      help: 'Documents whose updates were appended in one transaction.',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250],
      registers,
    }),
    errors,
    closes: new Counter({ name: 'jd_sync_closes_total', help: 'Connections closed by the server, by close code.', labelNames: ['code'], registers }),
  };
}

export type SyncMetrics = ReturnType<typeof createSyncMetrics>;
