import type { Lang } from '../../domain/sections.js';
import { JdEvent } from '../core/jd-event.js';

export { JdTmInsertEvent } from '../core/tm-events.js';

// The events this module declares, typed for addEventListener on any element or document.
declare global {
  interface GlobalEventHandlersEventMap {
    'jd-tm-results': JdTmResultsEvent;
  }
}

/** Results (or a failure) are on screen for a query: how many, and how long since the search was asked for (ms; live mode: since the caret moved). */
export class JdTmResultsEvent extends JdEvent {
  static readonly type = 'jd-tm-results';
  constructor(
    readonly query: string,
    readonly sourceLang: Lang,
    readonly mode: 'segment' | 'phrase',
    /** Matches or segments shown (0 on failure). */
    readonly count: number,
    readonly failed: boolean,
    readonly elapsedMs: number,
    /** Whether live mode asked for it (the caret moved in the editor). */
    readonly live: boolean,
  ) {
    super(JdTmResultsEvent.type);
  }
}
