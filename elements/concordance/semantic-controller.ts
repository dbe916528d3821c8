// The semantic half of a segment search of <jd-concordance>: matches close in meaning (the
// `embed` function and tm_semantic_search), fetched beside the fuzzy search and never in its
// way: they are shown whenever they arrive. Whether the server can answer at all (an embeddings
// key is configured) is asked once per client; when it cannot, the panel says semantic search
// is off and no further call is made. Like SearchController, answers for an older search are
// dropped (sequence number), so what is shown is always the latest query's.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { semanticMatches, semanticSearchEnabled, type Client, type SemanticMatch } from '../core/data-access.js';
import type { SearchRequest } from './search-controller.js';

export type SemanticState =
  | { phase: 'idle' }
  | { phase: 'off' }
  | { phase: 'loading'; request: SearchRequest }
  | { phase: 'done'; request: SearchRequest; matches: SemanticMatch[] }
  | { phase: 'error'; request: SearchRequest; message: string };

/** Semantic matches asked for: a few beside the fuzzy ones (those already among them are not shown twice). */
const MAX_SEMANTIC = 5;

/** Whether semantic search is on, per client: asked once (a page's panels share the answer). */
const enabledByClient = new WeakMap<Client, Promise<boolean>>();

function isEnabled(client: Client): Promise<boolean> {
  let enabled = enabledByClient.get(client);
  if (!enabled) {
    enabled = semanticSearchEnabled(client);
    enabledByClient.set(client, enabled);
  }
  return enabled;
}

export class SemanticController implements ReactiveController {
  state: SemanticState = { phase: 'idle' };
  #sequence = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.reset();
  }

  /** Forgets the matches and drops the answer in flight ("off" stays: it is the server's, not the search's). */
  reset(): void {
    this.#sequence += 1;
    if (this.state.phase !== 'off') this.state = { phase: 'idle' };
    this.host.requestUpdate();
  }

  /** Looks up semantic matches of a segment search (phrase searches have none); resolves once they are the state or a newer search replaced them. */
  async run(client: Client, request: SearchRequest): Promise<void> {
    const sequence = ++this.#sequence;
    if (request.mode !== 'segment') {
      if (this.state.phase !== 'off') this.state = { phase: 'idle' };
      this.host.requestUpdate();
      return;
    }
    if (this.state.phase === 'off') return;
    this.state = { phase: 'loading', request };
    this.host.requestUpdate();
    const current = () => sequence === this.#sequence;
    try {
      if (!(await isEnabled(client))) {
        this.state = { phase: 'off' };
      } else {
        if (!current()) return;
        const targetLang = request.sourceLang === 'en' ? 'fr' : 'en';
        const answer = await semanticMatches(client, request.query, { source: request.sourceLang, target: targetLang }, { maxResults: MAX_SEMANTIC });
        if (!current()) return;
        if ('error' in answer) this.state = { phase: 'error', request, message: answer.error };
        else if (!answer.enabled) this.state = { phase: 'off' };
        else this.state = { phase: 'done', request, matches: answer.matches };
      }
    } catch (error) {
      if (!current()) return;
      this.state = { phase: 'error', request, message: String(error) };
    }
    this.host.requestUpdate();
  }
}
