// What <jd-compliance>'s controller and its worker (findings-worker.ts) say to each other.
import type { Finding } from '../../domain/compliance/types.js';

/** How long the text must stay unchanged before the rules run again. */
export const QUIET_MS = 400;

/** A finding on screen: the rule's finding, its stored key and which occurrence of its words it is. */
export interface LiveFinding extends Finding {
  /** The stored finding_key (null: too long to be stored readable; matched by its words instead). */
  key: string | null;
  occurrence: number;
}

/** To the worker: a Y.Doc update of the document (the first one: its whole state). */
export interface ToWorker {
  update: Uint8Array;
}

/** From the worker: the findings of the text as it was after the last update received. */
export interface FromWorker {
  type: 'findings';
  findings: LiveFinding[];
  elapsedMs: number;
}
