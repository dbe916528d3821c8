// <jd-compliance>'s AI review (issue 15 item 3): asks ai-assist's compliance-review task for the
// open document through the editor's streaming client (elements/editor/ai-stream.ts), and keeps
// what came back: the review items (every one advisory), the provider and model that answered,
// or what went wrong.
// A rewrite that names its words, section and language maps to a range in the editor's pane and
// is applied through <jd-compliance>'s own apply-fix path (one undoable step).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReviewItem } from '../../domain/ai/assist-types.js';
import type { Lang } from '../../domain/sections.js';
import type { JdSessionState } from '../core/session-context.js';
import type { LiveFinding } from './findings-protocol.js';
import { streamAssist } from '../editor/ai-stream.js';

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
    const outcome = await streamAssist({
      functionsUrl: base,
      accessToken: token,
      body: { task: 'compliance-review', document_id: this.host.documentId, from: this.host.uiLang },
      signal: abort.signal,
      onDelta: (_text, soFar) => this.#set({ phase: 'running', received: soFar.length }),
    });
    if (this.#abort === abort) this.#abort = null;
    if (outcome.kind === 'cancelled') return;
    if (outcome.kind === 'done') {
      const { done } = outcome;
      this.#set({ phase: 'done', items: done.review ?? [], provider: done.provider, model: done.model, notice: done.notice ?? null });
    } else {
      this.#set({ phase: 'error', message: outcome.message ?? outcome.code });
    }
  }

  /** Applies an item's rewrite in the editor as one undoable step; false when its words are not in the text. */
  apply(item: ReviewItem): boolean {
    return isAppliable(item) && this.host.applyFix(findingOf(item));
  }
}
