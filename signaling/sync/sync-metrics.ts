// The sync server's metrics, in one place so /metrics, tests and the benchmark agree on names.
import { Counter, Gauge, Histogram, Registry } from '../ops/metrics.js';

export function createSyncMetrics(read: { connections: () => number; documents: () => number }) {
  const registry = new Registry();
  return {
    registry,
    connections: registry.add(new Gauge('jd_sync_connections', 'Open client WebSocket connections.', read.connections)),
    documents: registry.add(new Gauge('jd_sync_documents_loaded', 'Documents held in memory.', read.documents)),
    messagesIn: registry.add(new Counter('jd_sync_messages_in_total', 'Messages received from clients.')),
    messagesOut: registry.add(new Counter('jd_sync_messages_out_total', 'Messages sent to clients.')),
    persistSeconds: registry.add(
      new Histogram('jd_sync_persist_seconds', 'Time of one append transaction to doc_updates (the updates of one or more documents).', [
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
      ]),
    ),
    persistBatchDocuments: registry.add(
      new Histogram('jd_sync_persist_batch_documents', 'Documents whose updates were appended in one transaction.', [1, 2, 5, 10, 25, 50, 100, 250]),
    ),
    errors: registry.add(new Counter('jd_sync_errors_total', 'Errors by kind (refusals, limits, bad input, database).')),
    closes: registry.add(new Counter('jd_sync_closes_total', 'Connections closed by the server, by close code.')),
  };
}

export type SyncMetrics = ReturnType<typeof createSyncMetrics>;
