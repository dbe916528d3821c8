import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { sharedStyles } from '../core/shared.styles.js';
import { JdThemedElement } from '../core/themed-element.js';
import { sessionContext, type JdSessionState } from '../core/session-context.js';
import { langOf, msg, type MessageId } from '../core/i18n.js';
import type { Lang } from '../../domain/sections.js';
import type { SharedDocument } from '../core/document-registry.js';
import { DocumentController } from '../core/document-controller.js';
import type { CommentsEditor } from '../core/comments-editor.js';
import { JdTmInsertEvent, type SentencePlace } from '../core/tm-events.js';
import { SearchController, type SearchMode, type SearchRequest } from './search-controller.js';
import { LiveController } from './live-controller.js';
import { SemanticController } from './semantic-controller.js';
import { differingSpans, glossaryItem, phraseSpans, provenance, resultBody, type ResultScore } from './concordance-view.js';
import { rankMatches } from '../../domain/tm/ranked-matches.js';
import { JdTmResultsEvent } from './events.js';
import { concordanceStyles } from './concordance.styles.js';
import { ExchangeController } from './exchange-controller.js';
import { renderExchange } from './exchange-view.js';
import { exchangeStyles } from './exchange.styles.js';

/** A result that can be inserted: its translation and everything drawn for it. */
interface ShownResult {
  key: string;
  source: string;
  target: string;
  score?: ResultScore;
  sourceLang: Lang;
  marks: ReturnType<typeof differingSpans>;
  markLabel: string;
  provenance: string;
}

/**
 * Translation memory at the translator's hand: fuzzy matches of a sentence (match percentage and
 * band, the words that differ from the sentence marked, the translation and where it comes
 * from), the glossary terms of the sentence above them (forbidden ones with the approved
 * equivalent), and concordance (segments containing a phrase). Beside a `<jd-editor>` on the
 * same document, "Insert" replaces the editor's selection (or the sentence under its caret) in
 * the target language as one undoable step, and live mode follows the caret: the matches of the
 * sentence in the search's source language (`source-lang`, English by default) at the caret's
 * place are shown (in the English pane the sentence under the caret, in the French pane the
 * English sentence at the same place of the paired section).
 * Needs a `<jd-session>` ancestor; what the memory holds for the user is decided by the database.
 *
 * @fires jd-tm-results - Results or a failure are on screen (`query`, `sourceLang`, `mode`, `count`, `failed`, `elapsedMs` since the search or caret move, `live`).
 * @fires jd-tm-insert - Dispatched on the linked editor to insert a match (`text`, `lang`, `documentId`); it bubbles from the editor.
 * The "Search | Alignment" tabs switch between searching the memory and the alignment
 * workbench (`<jd-alignment-workbench>`: fix the pairs of an aligned EN/FR text and confirm them
 * into the memory; its own documentation lists its keys).
 *
 * @csspart base - Everything.
 * @csspart tabs - The "Search | Alignment" tab list.
 * @csspart tab - One tab (`aria-selected="true"`: the one shown).
 * @csspart workbench - The alignment workbench, on the Alignment tab.
 * @csspart form - The search form.
 * @csspart live - The "follow the sentence I am translating" switch and what live mode looked up.
 * @csspart status - Loading (with a progress bar), empty, idle and error messages (an error has `data-kind="error"`).
 * @csspart message - The result of the last insertion.
 * @csspart glossary - The glossary terms of the query.
 * @csspart term - One glossary term (also `term-approved`, `term-forbidden`, `term-pending`).
 * @csspart term-status - A term's status label.
 * @csspart term-instead - What to use instead of a forbidden term.
 * @csspart term-notes - A term's notes.
 * @csspart results - The list of matches or concordance segments.
 * @csspart result - One match or segment.
 * @csspart score - A match's percentage and band (`data-band`: exact, 95-99, 85-94, 75-84, 50-74).
 * @csspart band - The band label.
 * @csspart source - The segment's source text, differences (or the phrase) in `<mark>`.
 * @csspart target - The segment's translation.
 * @csspart provenance - Department or shared, origin, document, last use, usage count.
 * @csspart insert - A result's Insert button.
 * @csspart warning - A fuzzy match's difference a translator must not miss (a number, classification or tag), `data-kind` names it.
 * @csspart raw-score - The database's score of a match ranked lower for such differences, and the score it is ranked at.
 * @csspart semantic - The matches similar in meaning (or why there are none: `data-kind` off or error).
 * @csspart semantic-result - One match similar in meaning.
 * @csspart similarity - Its similarity percentage.
 * @csspart exchange - The "Memory and glossary files" disclosure: import (admins) and export of the department's TMX memory and TBX glossary.
 * @csspart exchange-import - An import button (`data-kind`: tmx or tbx).
 * @csspart exchange-export - An export button (`data-kind`: tmx or tbx).
 * @csspart exchange-note - Why there is no import button (the user is not an admin).
 * @csspart exchange-status - The upload's progress, or what the last import or export did (`data-kind`: progress, done, refused, error).
 * @csspart exchange-errors - The problems of a refused file, by line.
 * @cssstate signed-out - Nobody is signed in.
 * @cssstate loading - Opening the document of `document-id`.
 * @cssstate searching - A search is running (states other than signed-out and loading are set while a document is open).
 * @cssstate empty - The last search found nothing.
 * @cssstate error - The last search failed.
 * @cssstate live - Following the linked editor's caret.
 * @cssproperty --jd-mark - Background of the words that differ (default: the decorated-range colour).
 */
export class JdConcordance extends JdThemedElement {
  static override styles = [sharedStyles, concordanceStyles, exchangeStyles];

  /** The job description the editor beside it shows (uuid): live mode and Insert work on its editor. Optional for searching. */
  @property({ attribute: 'document-id', reflect: true }) documentId = '';
  /** Follow the sentence under the linked editor's caret (needs an editor on `document-id`). */
  @property({ type: Boolean, reflect: true }) live = true;
  /** Search direction: the language of the text searched (`en`: English to French). */
  @property({ attribute: 'source-lang', reflect: true }) sourceLang: Lang = 'en';
  /** Similar sentences (`segment`, fuzzy) or a phrase in context (`phrase`, concordance). */
  @property({ reflect: true }) mode: SearchMode = 'segment';
  /** What the panel shows: searching the memory (`search`) or the alignment workbench (`alignment`). */
  @property({ reflect: true }) view: 'search' | 'alignment' = 'search';
  /** An alignment to show in the Alignment tab, which it opens (a legacy import's new alignment). */
  @property({ attribute: 'alignment-id', reflect: true }) alignmentId = '';
  /** The editor to work with; default: the `<jd-editor>` showing the same document in the same `<jd-session>`. */
  @property({ attribute: false }) editor: CommentsEditor | null = null;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  session: JdSessionState | undefined;

  @state() private query = '';
  @state() private liveQuery: { text: string; lang: Lang } | null = null;
  /** Where live mode found the sentence shown, and in which pane the caret was. */
  #livePlace: (SentencePlace & { caretLang: Lang }) | null = null;
  @state() private message: { kind: 'ok' | 'error'; text: string } | null = null;
  @state() private active = 0;

  /** @internal The document's lifecycle (shared with the editor on it): where the editor is found. */
  readonly documentState: DocumentController = new DocumentController(this, {
    stateNames: ['searching', 'empty', 'error', 'live'],
    openStates: () => this.#states(),
  });
  #search = new SearchController(this);
  #live = new LiveController(this);
  #semantic = new SemanticController(this);
  #exchange = new ExchangeController(this);
  /** When the search on screen was asked for, and whether by live mode (for jd-tm-results). */
  #asked: { at: number; live: boolean; reported: boolean } | null = null;

  /** @internal The interface language. */
  get uiLang(): Lang {
    return this.session?.lang ?? langOf(this);
  }

  /** @internal */
  t(id: MessageId, values?: Record<string, string | number>): string {
    return msg(this.uiLang, id, values);
  }

  /** @internal The shared document live mode follows. */
  get liveDocument(): SharedDocument | null {
    return this.documentState.phase === 'open' ? this.documentState.document : null;
  }

  /** The editor Insert and live mode work with (null: none on this page for the document). */
  get linkedEditor(): CommentsEditor | null {
    return this.#live.editor;
  }

  /** @internal When a caret move would be looked up without waiting (live mode's throttle is quiet). */
  get liveQuietAt(): number {
    return this.#live.quietAt;
  }

  /** @internal The organization of the open document (the files exchanged are its department's). */
  get documentOrganizationId(): string | null {
    return this.documentState.phase === 'open' ? this.documentState.organizationId : null;
  }

  /** The memory and glossary files: the last import's or export's state, and the department they are for. */
  get exchange(): ExchangeController {
    return this.#exchange;
  }

  /** The last search's state: idle, loading, done (with results) or error. */
  get searchState() {
    return this.#search.state;
  }

  /** The semantic matches' state: idle, off (no embeddings service), loading, done or error. */
  get semanticState() {
    return this.#semantic.state;
  }

  #states(): string[] {
    const s = this.#search.state;
    return [
      ...(s.phase === 'loading' ? ['searching'] : []),
      ...(s.phase === 'done' && s.glossary.length + s.matches.length + s.segments.length === 0 ? ['empty'] : []),
      ...(s.phase === 'error' ? ['error'] : []),
      ...(this.live && this.#live.editor ? ['live'] : []),
    ];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // An alignment given to show opens the Alignment tab (the user can still switch back).
    if (changed.has('alignmentId') && this.alignmentId) this.view = 'alignment';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const s = this.#search.state;
    const asked = this.#asked;
    if (asked && !asked.reported && (s.phase === 'done' || s.phase === 'error')) {
      asked.reported = true;
      const count = s.phase === 'done' ? s.matches.length + s.segments.length : 0;
      this.dispatchEvent(new JdTmResultsEvent(s.request.query, s.request.sourceLang, s.request.mode, count, s.phase === 'error', performance.now() - asked.at, asked.live));
    }
  }

  // ---- Searching ------------------------------------------------------------------------------

  /** Searches the memory (segment: fuzzy matches and glossary terms; phrase: concordance). Resolves once the results are shown. */
  async search(query = this.query, options: { sourceLang?: Lang; mode?: SearchMode } = {}): Promise<void> {
    this.liveQuery = null;
    // What is searched is what the form shows.
    this.query = query;
    if (options.sourceLang) this.sourceLang = options.sourceLang;
    if (options.mode) this.mode = options.mode;
    await this.#run({ query: query.trim(), sourceLang: this.sourceLang, mode: this.mode }, performance.now(), false);
  }

  /** @internal Live mode found the source sentence at the caret's place; resolves once its results are shown (or replaced). */
  async onLiveSentence(text: string, sourceLang: Lang, startedAt: number, place: SentencePlace & { caretLang: Lang }): Promise<void> {
    const request: SearchRequest = { query: text.trim(), sourceLang, mode: 'segment' };
    // Kept even when the sentence is the one shown: the caret may have changed panes.
    this.#livePlace = place;
    // Typing in the French sentence leaves the English one as it was: nothing new to look up.
    if (this.#search.isCurrent(request)) return;
    this.query = request.query;
    this.sourceLang = sourceLang;
    this.mode = 'segment';
    this.liveQuery = { text: request.query, lang: sourceLang };
    await this.#run(request, startedAt, true);
  }

  async #run(request: SearchRequest, at: number, live: boolean): Promise<void> {
    const client = this.session?.client;
    if (!client || request.query === '') return;
    this.message = null;
    this.active = 0;
    this.#asked = { at, live, reported: false };
    // Beside the fuzzy search, never in its way: the semantic matches are drawn when they arrive.
    void this.#semantic.run(client, request);
    if (await this.#search.run(client, request)) await this.updateComplete;
  }

  #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.search();
  };

  // ---- Inserting ------------------------------------------------------------------------------

  /** Inserts a translation into the linked editor (its selection, or the sentence under its caret; live results found from the other pane: the sentence paired with the caret's); false when no editor took it. */
  insert(text: string, lang: Lang = this.sourceLang === 'en' ? 'fr' : 'en'): boolean {
    const editor = this.#live.editor;
    // Live results of the caret in the other pane (the English sentence being read): the target
    // pane's sentence paired with it is replaced, not whatever the target pane last had selected.
    const place = this.liveQuery && this.#livePlace && this.#livePlace.caretLang !== lang ? { sectionId: this.#livePlace.sectionId, index: this.#livePlace.index } : null;
    const event = new JdTmInsertEvent(text, lang, this.documentId, place);
    editor?.dispatchEvent(event);
    const done = !!editor && event.defaultPrevented;
    const langName = this.t(lang === 'en' ? 'tm.english' : 'tm.french');
    this.message = done ? { kind: 'ok', text: this.t('tm.inserted', { lang: langName }) } : { kind: 'error', text: this.t('tm.insertRefused') };
    return done;
  }

  /** Arrow keys move between the results' Insert buttons (one tab stop); Enter on one inserts. */
  #onResultsKeydown = (event: KeyboardEvent) => {
    const buttons = Array.from(this.renderRoot.querySelectorAll<HTMLButtonElement>('[part~=insert]'));
    if (buttons.length === 0) return;
    const moves: Record<string, number> = { ArrowDown: this.active + 1, ArrowUp: this.active - 1, Home: 0, End: buttons.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.active = Math.max(0, Math.min(buttons.length - 1, next));
    void this.updateComplete.then(() => {
      const button = this.renderRoot.querySelectorAll<HTMLButtonElement>('[part~=insert]')[this.active];
      button?.focus();
      button?.closest('li')?.scrollIntoView?.({ block: 'nearest' });
    });
  };

  // ---- Rendering ------------------------------------------------------------------------------

  #shownResults(): ShownResult[] {
    const s = this.#search.state;
    if (s.phase !== 'done') return [];
    const lang = this.uiLang;
    const t = (id: MessageId, values?: Record<string, string | number>) => this.t(id, values);
    const { query, sourceLang } = s.request;
    if (s.request.mode === 'phrase') {
      return s.segments.map((hit) => ({
        key: `c${hit.segment_id}`,
        source: hit.source,
        target: hit.target,
        sourceLang,
        marks: phraseSpans(hit.source, query),
        markLabel: this.t('tm.phraseHit'),
        provenance: provenance(lang, t, hit, this.documentId),
      }));
    }
    return rankMatches(query, s.matches, (match) => match.source).map(({ match, adjusted, warnings }) => ({
      key: `m${match.segment_id}`,
      source: match.source,
      target: match.target,
      score: { raw: match.score, adjusted, warnings },
      sourceLang,
      marks: differingSpans(query, match.source),
      markLabel: this.t('tm.differs'),
      provenance: provenance(lang, t, match, this.documentId),
    }));
  }

  #renderForm() {
    const editorHere = !!this.#live.editor;
    return html`<form part="form" role="search" aria-label=${this.t('tm.form')} @submit=${this.#onSubmit}>
      <label for="tm-query">${this.t('tm.query')}</label>
      <div class="query">
        <input
          id="tm-query"
          type="search"
          maxlength="2000"
          autocomplete="off"
          .value=${this.query}
          @input=${(e: InputEvent) => (this.query = (e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="primary">${this.t('tm.search')}</button>
      </div>
      <div class="options">
        <label
          >${this.t('tm.direction')}
          <select @change=${(e: Event) => (this.sourceLang = (e.target as HTMLSelectElement).value === 'fr' ? 'fr' : 'en')}>
            <option value="en" ?selected=${this.sourceLang === 'en'}>${this.t('tm.enFr')}</option>
            <option value="fr" ?selected=${this.sourceLang === 'fr'}>${this.t('tm.frEn')}</option>
          </select></label
        >
        <label
          >${this.t('tm.mode')}
          <select @change=${(e: Event) => (this.mode = (e.target as HTMLSelectElement).value === 'phrase' ? 'phrase' : 'segment')}>
            <option value="segment" ?selected=${this.mode === 'segment'}>${this.t('tm.modeSegment')}</option>
            <option value="phrase" ?selected=${this.mode === 'phrase'}>${this.t('tm.modePhrase')}</option>
          </select></label
        >
      </div>
      ${editorHere
        ? html`<label part="live" class="check"
            ><input type="checkbox" .checked=${this.live} @change=${(e: Event) => (this.live = (e.target as HTMLInputElement).checked)} />
            ${this.t('tm.live')}</label
          >`
        : nothing}
    </form>`;
  }

  #renderStatus() {
    const s = this.#search.state;
    const status = (text: string, kind = 'info') => html`<p part="status" role=${kind === 'error' ? 'alert' : 'status'} data-kind=${kind}>${text}</p>`;
    if (s.phase === 'idle') return status(this.t('tm.idle'));
    if (s.phase === 'loading')
      return html`<div part="status" role="status" data-kind="loading">
        <progress aria-label=${this.t('tm.loading')}></progress> <span>${this.t('tm.loading')}</span>
      </div>`;
    if (s.phase === 'error') return status(s.failure.status === 0 ? this.t('tm.offline') : this.t('tm.error', { message: s.failure.message }), 'error');
    const count = s.matches.length + s.segments.length;
    if (count === 0) return status(this.t(s.request.mode === 'phrase' ? 'tm.emptyPhrase' : 'tm.empty'));
    // The results' heading shows the count; this says it to screen readers as the results arrive.
    return html`<p part="status" role="status" class="visually-hidden">${this.t(s.request.mode === 'phrase' ? 'tm.concordance' : 'tm.matches', { count })}</p>`;
  }

  #renderResults() {
    const s = this.#search.state;
    if (s.phase !== 'done') return nothing;
    const results = this.#shownResults();
    const t = (id: MessageId, values?: Record<string, string | number>) => this.t(id, values);
    const active = Math.min(this.active, Math.max(0, results.length + this.#semanticResults().length - 1));
    return html`${s.glossary.length > 0
        ? html`<h3 id="tm-glossary">${this.t('tm.glossary')}</h3>
            <ul part="glossary" aria-labelledby="tm-glossary">
              ${repeat(
                s.glossary,
                (g) => g.term_id,
                (g) => glossaryItem(t, g),
              )}
            </ul>`
        : nothing}
      ${results.length > 0
        ? html`<h3 id="tm-results">${this.t(s.request.mode === 'phrase' ? 'tm.concordance' : 'tm.matches', { count: results.length })}</h3>
            <p class="hint" id="tm-hint">${this.t('tm.keyboardHint')}</p>
            <ol part="results" aria-labelledby="tm-results" aria-describedby="tm-hint" @keydown=${this.#onResultsKeydown}>
              ${repeat(
                results,
                (r) => r.key,
                (r, i) => this.#resultItem('fuzzy', r, i, active),
              )}
            </ol>`
        : nothing}`;
  }

  /** One result with its Insert button; `index` counts across the fuzzy and semantic lists (one tab stop for both). */
  #resultItem(kind: 'fuzzy' | 'semantic', r: ShownResult, index: number, active: number) {
    const part = kind === 'semantic' ? 'semantic-result' : 'result';
    const t = (id: MessageId, values?: Record<string, string | number>) => this.t(id, values);
    const targetLang: Lang = r.sourceLang === 'en' ? 'fr' : 'en';
    const langName = this.t(targetLang === 'en' ? 'tm.english' : 'tm.french');
    return html`<li part=${part} data-active=${index === active ? 'true' : 'false'}>
      ${resultBody(this.uiLang, t, r, `tm-target-${index}`)}
      <button
        part="insert"
        type="button"
        tabindex=${index === active ? '0' : '-1'}
        aria-label=${this.t('tm.insertLabel', { lang: langName, text: r.target })}
        @click=${() => this.insert(r.target, targetLang)}
        @focus=${() => (this.active = index)}
      >
        ${this.t('tm.insert')}
      </button>
    </li>`;
  }

  /** The semantic matches not already among the fuzzy ones on screen. */
  #semanticResults(): ShownResult[] {
    const s = this.#semantic.state;
    if (s.phase !== 'done') return [];
    const search = this.#search.state;
    const fuzzy = new Set(search.phase === 'done' ? search.matches.map((m) => m.segment_id) : []);
    const t = (id: MessageId, values?: Record<string, string | number>) => this.t(id, values);
    return s.matches
      .filter((match) => !fuzzy.has(match.segment_id))
      .map((match) => ({
        key: `s${match.segment_id}`,
        source: match.source,
        target: match.target,
        // tm_semantic_search answers a percentage already.
        score: { similarity: match.similarity },
        sourceLang: s.request.sourceLang,
        marks: [],
        markLabel: '',
        provenance: provenance(this.uiLang, t, match, this.documentId),
      }));
  }

  /** Matches similar in meaning, in their own labelled list after the fuzzy ones; or a quiet note why there are none. */
  #renderSemantic(offset: number) {
    const s = this.#semantic.state;
    const note = (kind: string, text: string) => html`<p part="semantic" class="note" data-kind=${kind}>${text}</p>`;
    if (s.phase === 'off') return note('off', this.t('tm.semanticOff'));
    if (s.phase === 'error') return note('error', this.t('tm.semanticError', { message: s.message }));
    if (s.phase === 'loading') return note('loading', this.t('tm.semanticLoading'));
    const results = this.#semanticResults();
    if (results.length === 0) return nothing;
    const active = Math.min(this.active, offset + results.length - 1);
    return html`<section part="semantic" data-kind="done" aria-labelledby="tm-semantic">
      <h3 id="tm-semantic">${this.t('tm.semantic', { count: results.length })}</h3>
      ${offset === 0 ? html`<p class="hint" id="tm-hint">${this.t('tm.keyboardHint')}</p>` : nothing}
      <ol aria-labelledby="tm-semantic" aria-describedby="tm-hint" @keydown=${this.#onResultsKeydown}>
        ${repeat(
          results,
          (r) => r.key,
          (r, i) => this.#resultItem('semantic', r, offset + i, active),
        )}
      </ol>
    </section>`;
  }

  /** Search | Alignment: a tab list (arrows move between the tabs and show the one reached). */
  #renderTabs() {
    const tabs = [
      ['search', 'align.tabSearch'],
      ['alignment', 'align.tabAlignment'],
    ] as const;
    const onKeydown = (event: KeyboardEvent) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      event.preventDefault();
      this.view = this.view === 'search' ? 'alignment' : 'search';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tm-tab-${this.view}`)?.focus());
    };
    return html`<div part="tabs" role="tablist" aria-label=${this.t('align.tabs')} @keydown=${onKeydown}>
      ${tabs.map(
        ([view, label]) =>
          html`<button part="tab" type="button" role="tab" id="tm-tab-${view}" aria-controls="tm-panel" aria-selected=${this.view === view ? 'true' : 'false'} tabindex=${this.view === view ? '0' : '-1'} @click=${() => (this.view = view)}>
            ${this.t(label)}
          </button>`,
      )}
    </div>`;
  }

  protected override render() {
    if (!this.session?.user) return html`<p part="status" role="status">${this.t('tm.signedOut')}</p>`;
    if (this.view === 'alignment')
      return html`<section part="base" aria-labelledby="tm-heading">
        <h2 id="tm-heading">${this.t('tm.label')}</h2>
        ${this.#renderTabs()}
        <div role="tabpanel" id="tm-panel" aria-labelledby="tm-tab-alignment"><jd-alignment-workbench part="workbench" .alignmentId=${this.alignmentId}></jd-alignment-workbench></div>
      </section>`;
    const live = this.liveQuery;
    return html`<section part="base" aria-labelledby="tm-heading" aria-busy=${this.#search.state.phase === 'loading' ? 'true' : 'false'}>
      <h2 id="tm-heading">${this.t('tm.label')}</h2>
      ${this.#renderTabs()}
      <div role="tabpanel" id="tm-panel" aria-labelledby="tm-tab-search" class="panel">
      ${this.#renderForm()}
      ${live
        ? html`<p class="live-for">
            ${this.t('tm.liveFor', { lang: this.t(live.lang === 'en' ? 'tm.english' : 'tm.french') })}
            <q lang=${live.lang === 'en' ? 'en-CA' : 'fr-CA'}>${live.text}</q>
          </p>`
        : nothing}
      ${this.#renderStatus()}
      ${this.message ? html`<p part="message" role=${this.message.kind === 'error' ? 'alert' : 'status'} data-kind=${this.message.kind}>${this.message.text}</p>` : nothing}
      ${this.#renderResults()} ${this.#renderSemantic(this.#search.state.phase === 'done' ? this.#shownResults().length : 0)}
      ${renderExchange(this.uiLang, (id, values) => this.t(id, values), this.#exchange)}
      </div>
    </section>`;
  }
}
