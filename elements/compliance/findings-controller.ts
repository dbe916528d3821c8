// The live findings of <jd-compliance>: the compliance rules (domain/compliance) run on the shared
// document's text, in the same text format the sync server's hook checks, so a finding here has
// the key of its stored compliance_findings row. The rules run in a worker (findings-worker.ts)
// that follows the Y.Doc through its updates and checks once typing pauses: the main thread only
// forwards each update, so a keystroke is never held up by the rules.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as Y from 'yjs';
import type { FromWorker, LiveFinding, ToWorker } from './findings-protocol.js';

export type { LiveFinding } from './findings-protocol.js';

export interface FindingsHost extends ReactiveControllerHost {
  /** The Y.Doc of the open document (null: none open). */
  readonly checkedDoc: Y.Doc | null;
}

export type FindingsState = { phase: 'idle' } | { phase: 'done'; findings: LiveFinding[]; elapsedMs: number };

export class FindingsController implements ReactiveController {
  state: FindingsState = { phase: 'idle' };
  #doc: Y.Doc | null = null;
  #stop: (() => void) | null = null;
  #runs = 0;

  constructor(private readonly host: FindingsHost) {
    host.addController(this);
  }

  /** How many checks have come back (tests and the benchmark read it). */
  get runs(): number {
    return this.#runs;
  }

  hostUpdated(): void {
    this.#follow(this.host.checkedDoc);
  }

  hostDisconnected(): void {
    this.#follow(null);
  }

  #follow(doc: Y.Doc | null): void {
    if (doc === this.#doc) return;
    this.#stop?.();
    this.#stop = null;
    this.#doc = doc;
    this.state = { phase: 'idle' };
    if (!doc) return;
    const worker = new Worker(new URL('./findings-worker.ts', import.meta.url), { type: 'module', name: 'jd-compliance' });
    const send = (update: Uint8Array) => worker.postMessage({ update } satisfies ToWorker);
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      if (this.#doc !== doc) return;
      this.#runs += 1;
      this.state = { phase: 'done', findings: event.data.findings, elapsedMs: event.data.elapsedMs };
      this.host.requestUpdate();
    });
    doc.on('update', send);
    send(Y.encodeStateAsUpdate(doc));
    this.#stop = () => {
      doc.off('update', send);
      worker.terminate();
    };
  }
}
