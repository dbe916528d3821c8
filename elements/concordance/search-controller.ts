// One search of <jd-concordance> at a time: fuzzy matches with the glossary terms of the query,
// or the segments containing a phrase. A newer search aborts the one in flight (AbortController)
// and answers that still arrive for an older one are dropped (sequence number), so what is shown
// is always the latest query's.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Lang } from '../../domain/sections.js';
import {
  concordanceSearch,
  glossaryLookup,
  tmSearch,
  type Client,
  type ConcordanceHit,
  type GlossaryHitRow,
  type RequestFailure,
  type TmMatch,
} from '../core/data-access.js';

export type SearchMode = 'segment' | 'phrase';

/** What was asked: the text, its language, and the kind of search. */
export interface SearchRequest {
  query: string;
  sourceLang: Lang;
  mode: SearchMode;
}

export type SearchState =
  | { phase: 'idle' }
  | { phase: 'loading'; request: SearchRequest }
  | { phase: 'done'; request: SearchRequest; glossary: GlossaryHitRow[]; matches: TmMatch[]; segments: ConcordanceHit[] }
  | { phase: 'error'; request: SearchRequest; failure: RequestFailure };

/** The lowest score shown: the last band (50–74 %). */
export const MIN_SCORE = 50;
const MAX_MATCHES = 10;
const MAX_SEGMENTS = 20;

export class SearchController implements ReactiveController {
  state: SearchState = { phase: 'idle' };
  #sequence = 0;
  #inFlight: AbortController | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.reset();
  }

  /** Forgets the results and drops the search in flight. */
  reset(): void {
    this.#sequence += 1;
    this.#inFlight?.abort();
    this.#inFlight = null;
    this.state = { phase: 'idle' };
    this.host.requestUpdate();
  }

  /** Whether `request` is what is shown or being searched now. */
  isCurrent(request: SearchRequest): boolean {
    const shown = this.state.phase === 'idle' ? null : this.state.request;
    return !!shown && shown.query === request.query && shown.sourceLang === request.sourceLang && shown.mode === request.mode;
  }

  /** Searches; resolves true once this search's results (or failure) are the state, false when a newer one replaced it. */
  async run(client: Client, request: SearchRequest): Promise<boolean> {
    const sequence = ++this.#sequence;
    this.#inFlight?.abort();
    const controller = new AbortController();
    this.#inFlight = controller;
    this.state = { phase: 'loading', request };
    this.host.requestUpdate();
    const signal = controller.signal;
    const { query, sourceLang } = request;
    try {
      const [first, glossary] =
        request.mode === 'phrase'
          ? [await concordanceSearch(client, query, sourceLang, { maxResults: MAX_SEGMENTS, signal }), { rows: [] as GlossaryHitRow[] }]
          : await Promise.all([tmSearch(client, query, sourceLang, { minScore: MIN_SCORE, maxResults: MAX_MATCHES, signal }), glossaryLookup(client, query, sourceLang, { signal })]);
      if (sequence !== this.#sequence) return false;
      const failure = 'error' in first ? first.error : 'error' in glossary ? glossary.error : null;
      if (failure) this.state = { phase: 'error', request, failure };
      else {
        const rows = 'rows' in first ? first.rows : [];
        this.state = {
          phase: 'done',
          request,
          glossary: 'rows' in glossary ? glossary.rows : [],
          matches: request.mode === 'segment' ? (rows as TmMatch[]) : [],
          segments: request.mode === 'phrase' ? (rows as ConcordanceHit[]) : [],
        };
      }
    } catch (error) {
      if (sequence !== this.#sequence) return false;
      this.state = { phase: 'error', request, failure: { message: String(error), code: '', status: 0 } };
    } finally {
      if (this.#inFlight === controller) this.#inFlight = null;
    }
    this.host.requestUpdate();
    return true;
  }
}
