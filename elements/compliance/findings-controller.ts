// The live findings of <jd-compliance>: the compliance rules (domain/compliance) run on the shared
// document's Y.Doc, in the same text format the sync server's hook checks, so a finding here has
// the key of its stored compliance_findings row. Never on a keystroke: a change starts a quiet
// timer (QUIET_MS), and the check runs once the page is idle after it (requestIdleCallback where
// the browser has it), so typing is never held up by the rules.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { checkTexts } from '../../domain/compliance/check.js';
import type { Finding } from '../../domain/compliance/types.js';
import { documentTexts, MAX_KEY, readableFindingKeys } from '../../signaling/sync/compliance-texts.js';

/** How long the text must stay unchanged before the rules run again. */
export const QUIET_MS = 400;

/** A finding on screen: the rule's finding, its stored key and which occurrence of its words it is. */
export interface LiveFinding extends Finding {
  /** The stored finding_key (null: too long to be stored readable; matched by its words instead). */
  key: string | null;
  occurrence: number;
}

export interface FindingsHost extends ReactiveControllerHost {
  /** The Y.Doc of the open document (null: none open). */
  readonly checkedDoc: Y.Doc | null;
}

export type FindingsState = { phase: 'idle' } | { phase: 'done'; findings: LiveFinding[]; elapsedMs: number };

const idle = (run: () => void): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout: 2000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(run, 0);
  return () => clearTimeout(handle);
};

export class FindingsController implements ReactiveController {
  state: FindingsState = { phase: 'idle' };
  #doc: Y.Doc | null = null;
  #stopWatching: (() => void) | null = null;
  #cancel: (() => void) | null = null;
  #runs = 0;

  constructor(private readonly host: FindingsHost) {
    host.addController(this);
  }

  /** How many times the rules ran (tests and the benchmark read it). */
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
    this.#stopWatching?.();
    this.#stopWatching = null;
    this.#cancelPending();
    this.#doc = doc;
    this.state = { phase: 'idle' };
    if (!doc) return;
    const onUpdate = () => this.#schedule();
    doc.on('update', onUpdate);
    this.#stopWatching = () => doc.off('update', onUpdate);
    this.#schedule();
  }

  #cancelPending(): void {
    this.#cancel?.();
    this.#cancel = null;
  }

  /** Restarts the quiet timer: only the last change of a burst leads to a check. */
  #schedule(): void {
    this.#cancelPending();
    const timer = setTimeout(() => {
      this.#cancel = idle(() => {
        this.#cancel = null;
        this.#check();
      });
    }, QUIET_MS);
    this.#cancel = () => clearTimeout(timer);
  }

  #check(): void {
    const doc = this.#doc;
    if (!doc) return;
    const started = performance.now();
    const texts = documentTexts(doc);
    const findings = texts ? checkTexts(texts.en, texts.fr) : [];
    const keys = readableFindingKeys(findings);
    this.#runs += 1;
    this.state = {
      phase: 'done',
      findings: findings.map((f, i) => ({ ...f, key: keys[i]!.readable.length <= MAX_KEY ? keys[i]!.readable : null, occurrence: keys[i]!.occurrence })),
      elapsedMs: performance.now() - started,
    };
    this.host.requestUpdate();
  }
}
