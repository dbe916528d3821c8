// The compliance check of <jd-compliance>, off the main thread (issue 15, criterion 3: checking
// never blocks typing; the rules take hundreds of milliseconds on a 20 000-word document). The
// worker keeps a replica of the document's Y.Doc from the updates the panel forwards (a few
// bytes a keystroke), and runs the rules once the text has stayed unchanged for QUIET_MS.
import * as Y from 'yjs';
import { checkTexts } from '../../domain/compliance/check.js';
import { documentTexts, MAX_KEY, readableFindingKeys } from '../../domain/compliance/ydoc-texts.js';
import { QUIET_MS, type FromWorker, type LiveFinding, type ToWorker } from './findings-protocol.js';

const doc = new Y.Doc();
let timer: ReturnType<typeof setTimeout> | undefined;

function check(): void {
  const started = performance.now();
  const texts = documentTexts(doc);
  const findings = texts ? checkTexts(texts.en, texts.fr) : [];
  const keys = readableFindingKeys(findings);
  const live: LiveFinding[] = findings.map((f, i) => ({ ...f, key: keys[i]!.readable.length <= MAX_KEY ? keys[i]!.readable : null, occurrence: keys[i]!.occurrence }));
  const message: FromWorker = { type: 'findings', findings: live, elapsedMs: performance.now() - started };
  postMessage(message);
}

addEventListener('message', (event: MessageEvent<ToWorker>) => {
  Y.applyUpdate(doc, event.data.update);
  clearTimeout(timer);
  timer = setTimeout(check, QUIET_MS);
});
