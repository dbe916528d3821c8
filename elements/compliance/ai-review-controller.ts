// <jd-compliance>'s AI review (issue 15 item 3): asks ai-assist's compliance-review task for the
// open document, streaming (Server-Sent Events), and keeps what came back: the review items
// (every one advisory), the provider and model that answered, or what went wrong. The editor's
// streaming client (elements/editor/ai-stream.ts) is not on main yet, so the fetch is here.
// A rewrite that names its words, section and language maps to a range in the editor's pane and
// is applied through <jd-compliance>'s own apply-fix path (one undoable step).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AssistStreamEvent, ReviewItem } from '../../domain/ai/assist-types.js';
import type { Lang } from '../../domain/sections.js';
import type { JdSessionState } from '../core/session-context.js';
import type { LiveFinding } from './findings-protocol.js';

export interface AiReviewHost extends ReactiveControllerHost {
  readonly session: JdSessionState | undefined;
  readonly documentId: string;
  readonly uiLang: Lang;
  /** Writes a finding's fix instead of its words, as one undoable step (false: not in the text). */
  applyFix(finding: LiveFinding): boolean;
}

export type AiReviewState =
  | { phase: 'idle' }
  | { phase: 'running'; received: number }
  | { phase: 'done'; items: ReviewItem[]; provider: string; model: string; notice: string | null }
  | { phase: 'error'; message: string };

/** A review item that can be applied: it names the words to replace, their language and what to write. */
export const isAppliable = (item: ReviewItem): item is ReviewItem & { text: string; suggestion: string; lang: Lang } =>
  !!item.text && item.suggestion !== undefined && item.suggestion !== item.text && (item.lang === 'en' || item.lang === 'fr') && item.section !== 'identification';

/** The item as the finding the apply-fix path reads: its words, in its section and pane, the first occurrence. */
export function findingOf(item: ReviewItem & { text: string; suggestion: string; lang: Lang }): LiveFinding {
  return {
    id: item.finding_rule ?? `ai-review.${item.kind}`, family: 'plain', severity: 'info', lang: item.lang, section: item.section ?? '',
    text: item.text, message: { en: item.message, fr: item.message }, fix: item.suggestion, source: 'AI review (advisory)', key: null, occurrence: 0,
  };
}

/** Reads Server-Sent Events (one `data:` JSON line per event) as they arrive. */
async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<AssistStreamEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const frame = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = frame.split('\n').find((line) => line.startsWith('data: '));
        if (data) yield JSON.parse(data.slice('data: '.length)) as AssistStreamEvent;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

export class AiReviewController implements ReactiveController {
  state: AiReviewState = { phase: 'idle' };
  #abort: AbortController | null = null;

  constructor(private readonly host: AiReviewHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#abort = null;
  }

  #set(state: AiReviewState): void {
    this.state = state;
    this.host.requestUpdate();
  }

  /** Asks for a review of the open document, answers in the interface language; resolves when it is done or failed. */
  async run(): Promise<void> {
    const session = this.host.session;
    const base = session?.functionsUrl;
    const token = session?.accessToken;
    if (this.state.phase === 'running' || !base || !token || !this.host.documentId) return;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.#set({ phase: 'running', received: 0 });
    try {
      const response = await fetch(`${base.replace(/\/$/, '')}/ai-assist`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', 'content-type': 'application/json' },
        body: JSON.stringify({ task: 'compliance-review', document_id: this.host.documentId, from: this.host.uiLang }),
        signal: abort.signal,
      });
      if (!response.ok || !response.body) {
        const answer = (await response.json().catch(() => null)) as { error?: string } | null;
        this.#set({ phase: 'error', message: answer?.error ?? `HTTP ${response.status}` });
        return;
      }
      let received = 0;
      for await (const event of sseEvents(response.body)) {
        if (event.type === 'delta') {
          received += event.text.length;
          this.#set({ phase: 'running', received });
        } else if (event.type === 'error') {
          this.#set({ phase: 'error', message: event.message });
          return;
        } else {
          this.#set({ phase: 'done', items: event.review ?? [], provider: event.provider, model: event.model, notice: event.notice ?? null });
          return;
        }
      }
      this.#set({ phase: 'error', message: 'the answer ended without a result' });
    } catch (error) {
      if (abort.signal.aborted) return;
      this.#set({ phase: 'error', message: (error as Error).message });
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
  }

  /** Applies an item's rewrite in the editor as one undoable step; false when its words are not in the text. */
  apply(item: ReviewItem): boolean {
    return isAppliable(item) && this.host.applyFix(findingOf(item));
  }
}
