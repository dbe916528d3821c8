// The AI panel of the editor's side column (issue 16 item 4), drawn from AiAssistController's
// state: the task and what it works on, the suggestion as it streams (Cancel, or Esc), then the
// inline diff with a decision per change, the translation to place, or the equivalence list;
// who answered (provider, model, cost), the sources it cites and the glossary warnings.
// Insertions and deletions are <ins>/<del> with a visible word ("inserted"/"deleted" for screen
// readers, strike-through and underline on screen): never by colour alone. Each change is
// focusable: Enter accepts it, Delete (or Backspace) rejects it, and its buttons do the same.
import { html, nothing } from 'lit';
import { localeOf, msg, type MessageId } from '../core/i18n.js';
import { TEXT_TASKS, type AssistSource, type GlossaryFlag, type TextTask } from '../../domain/ai/assist-types.js';
import type { Lang } from '../../domain/sections.js';
import type { AssistDone } from './ai-stream.js';
import type { AiAssistController } from './ai-assist-controller.js';
import type { Decision, WordChange } from './ai-diff.js';

/** The words of a change as quoted in a sentence: without the spaces around them (unless spaces are all it is). */
const quoted = (words: string) => words.trim() || words;

function describeChange(lang: Lang, change: WordChange): string {
  if (change.removed === '') return msg(lang, 'ai.insert', { added: quoted(change.added) });
  if (change.added === '') return msg(lang, 'ai.remove', { removed: quoted(change.removed) });
  return msg(lang, 'ai.replace', { removed: quoted(change.removed), added: quoted(change.added) });
}

const stateLabel = (lang: Lang, decision: Decision | null) =>
  msg(lang, decision === 'accepted' ? 'ai.acceptedState' : decision === 'rejected' ? 'ai.rejectedState' : 'ai.undecided');

function cost(lang: Lang, usd: number): string {
  return new Intl.NumberFormat(localeOf(lang), { style: 'currency', currency: 'USD', currencyDisplay: 'symbol', minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(usd);
}

function sourceText(lang: Lang, source: AssistSource): string {
  switch (source.kind) {
    case 'tm':
      return msg(lang, 'ai.source.tm', { score: source.score, source: source.source, target: source.target });
    case 'glossary':
      return msg(lang, 'ai.source.glossary', { status: msg(lang, `ai.glossaryStatus.${source.status}`), source: source.source, target: source.target });
    case 'rule':
      return msg(lang, 'ai.source.rule', { description: source.description });
    case 'untranslated':
      return msg(lang, 'ai.source.untranslated', { text: source.text });
  }
}

function flagText(lang: Lang, flag: GlossaryFlag): string {
  if (flag.kind === 'approved-term-missing') return msg(lang, 'ai.flag.missing', { expected: flag.expected ?? '' });
  const instead = flag.expected ? msg(lang, 'ai.flag.insteadOf', { expected: flag.expected }) : '';
  return msg(lang, 'ai.flag.forbidden', { found: flag.found ?? '', instead });
}

/** Who answered, what it cost, what it cites and what it got wrong about the glossary. */
function renderAnswerFacts(lang: Lang, done: AssistDone) {
  return html`<p class="ai-meta" data-ai-meta>${msg(lang, 'ai.meta', { provider: done.provider, model: done.model, cost: cost(lang, done.cost) })}</p>
    ${done.glossary_flags.length > 0
      ? html`<div class="ai-flags" data-ai-flags role="note" aria-label=${msg(lang, 'ai.flags')}>
          <h4>⚠ ${msg(lang, 'ai.flags')}</h4>
          <ul>
            ${done.glossary_flags.map((flag) => html`<li>${flagText(lang, flag)}</li>`)}
          </ul>
        </div>`
      : nothing}
    ${done.sources.length > 0
      ? html`<div class="ai-sources" data-ai-sources>
          <h4>${msg(lang, 'ai.sources')}</h4>
          <ul>
            ${done.sources.map((source) => html`<li data-kind=${source.kind}>${sourceText(lang, source)}</li>`)}
          </ul>
        </div>`
      : nothing}`;
}

function renderReview(lang: Lang, ai: AiAssistController) {
  const phase = ai.phase;
  if (phase.kind !== 'review') return nothing;
  const onKey = (index: number) => (event: KeyboardEvent) => {
    if (event.key === 'Enter') ai.decide(index, 'accepted');
    else if (event.key === 'Delete' || event.key === 'Backspace') ai.decide(index, 'rejected');
    else return;
    event.preventDefault();
  };
  // No white space between the template's tags: the diff is shown with its own spaces and line breaks (pre-wrap).
  const renderChange = (segment: WordChange) => {
    const decision = phase.decisions[segment.index] ?? null;
    const label = msg(lang, 'ai.changeLabel', { n: segment.index + 1, what: describeChange(lang, segment), state: stateLabel(lang, decision) });
    const del = segment.removed ? html`<del><span class="sr-only">${msg(lang, 'ai.deleted')} </span>${segment.removed}</del>` : nothing;
    const ins = segment.added ? html`<ins><span class="sr-only">${msg(lang, 'ai.inserted')} </span>${segment.added}</ins>` : nothing;
    return html`<span class="ai-change" tabindex="0" role="group" aria-label=${label} data-change=${segment.index} data-decision=${decision ?? 'undecided'} @keydown=${onKey(segment.index)}><sup aria-hidden="true">${segment.index + 1}</sup>${del}${ins}</span>`;
  };
  return html`<h3>${msg(lang, 'ai.suggestion')}</h3>
    <p class="ai-diff" data-ai-diff lang=${localeOf(phase.target.lang)}>${phase.diff.segments.map((segment) => (segment.kind === 'same' ? segment.text : renderChange(segment)))}</p>
    ${phase.diff.changes.length > 0
      ? html`<ol class="ai-changes" data-ai-changes>
          ${phase.diff.changes.map((change) => {
            const decision = phase.decisions[change.index] ?? null;
            return html`<li data-change=${change.index} data-decision=${decision ?? 'undecided'}>
              <span>${msg(lang, 'ai.change', { n: change.index + 1 })} — ${describeChange(lang, change)} — <strong>${stateLabel(lang, decision)}</strong></span>
              <span class="row">
                <button type="button" data-ai="accept" aria-pressed=${decision === 'accepted' ? 'true' : 'false'} aria-label="${msg(lang, 'ai.accept')}: ${msg(lang, 'ai.change', { n: change.index + 1 })}" @click=${() => ai.decide(change.index, 'accepted')}>
                  ${msg(lang, 'ai.accept')}
                </button>
                <button type="button" data-ai="reject" aria-pressed=${decision === 'rejected' ? 'true' : 'false'} aria-label="${msg(lang, 'ai.reject')}: ${msg(lang, 'ai.change', { n: change.index + 1 })}" @click=${() => ai.decide(change.index, 'rejected')}>
                  ${msg(lang, 'ai.reject')}
                </button>
              </span>
            </li>`;
          })}
        </ol>`
      : nothing}
    ${renderAnswerFacts(lang, phase.done)}
    <div class="row">
      ${phase.diff.changes.length > 0
        ? html`<button type="button" class="primary" data-ai="apply" @click=${(e: Event) => thenFocusNotice(e, ai.apply())}>${msg(lang, 'ai.apply')}</button>
            <button type="button" data-ai="accept-all" @click=${(e: Event) => thenFocusNotice(e, ai.acceptAll())}>${msg(lang, 'ai.acceptAll')}</button>
            <button type="button" data-ai="reject-all" @click=${(e: Event) => thenFocusNotice(e, ai.rejectAll())}>${msg(lang, 'ai.rejectAll')}</button>`
        : html`<button type="button" data-ai="dismiss" @click=${() => void ai.dismiss()}>${msg(lang, 'ai.dismiss')}</button>`}
    </div>`;
}

/**
 * Once a button's action is done, focuses the panel's notice (what it did): the button itself is
 * gone with its suggestion, and focus dropped to the page would leave Ctrl+Z reaching nothing
 * (or the browser's own undo) instead of the editor's undo (editor.ts, side panel keydown).
 */
function thenFocusNotice(event: Event, action: Promise<unknown>): void {
  const panel = (event.currentTarget as HTMLElement).closest('[part=ai]');
  void action.then(() => panel?.querySelector<HTMLElement>('[data-ai-notice]')?.focus());
}

function renderTranslation(lang: Lang, ai: AiAssistController) {
  const phase = ai.phase;
  if (phase.kind !== 'translation') return nothing;
  const into = msg(lang, `ai.langName.${phase.into}`);
  return html`<h3>${msg(lang, 'ai.translationInto', { lang: into })}</h3>
    <div class="ai-text" data-ai-suggestion lang=${localeOf(phase.into)}>${phase.suggestion.split('\n').map((line) => html`<p>${line}</p>`)}</div>
    ${renderAnswerFacts(lang, phase.done)}
    <div class="row">
      <button type="button" class="primary" data-ai="place" @click=${(e: Event) => thenFocusNotice(e, ai.placeTranslation())}>
        ${msg(lang, phase.placement === 'section' ? 'ai.fillSection' : 'ai.insertAtCursor', { lang: into })}
      </button>
      <button type="button" data-ai="dismiss" @click=${() => void ai.dismiss()}>${msg(lang, 'ai.dismiss')}</button>
    </div>`;
}

function renderEquivalence(lang: Lang, ai: AiAssistController) {
  const phase = ai.phase;
  if (phase.kind !== 'equivalence') return nothing;
  const lines = phase.suggestion.split('\n').map((line) => line.replace(/^\s*[-*•]\s*/, '').trim()).filter((line) => line !== '');
  return html`<h3>${msg(lang, 'ai.equivalence')}</h3>
    <ul class="ai-list" data-ai-suggestion>
      ${lines.map((line) => html`<li>${line}</li>`)}
    </ul>
    ${renderAnswerFacts(lang, phase.done)}
    <div class="row"><button type="button" data-ai="dismiss" @click=${() => void ai.dismiss()}>${msg(lang, 'ai.dismiss')}</button></div>`;
}

export function renderAiPanel(lang: Lang, ai: AiAssistController, editable: boolean) {
  const phase = ai.phase;
  const streaming = phase.kind === 'streaming';
  const source = ai.sourceLang;
  const where = source ? msg(lang, ai.selectionInSource ? 'ai.targetSelection' : 'ai.targetSection', { lang: msg(lang, `ai.langName.${source}`) }) : msg(lang, 'ai.problem.noPane');
  const taskLabel = (task: TextTask): MessageId => `ai.task.${task}`;
  const notice = ai.notice;
  return html`<section part="ai" aria-labelledby="ai-heading" aria-busy=${streaming ? 'true' : 'false'}>
    <h2 id="ai-heading">${msg(lang, 'ai.label')}</h2>
    <p class="hint">${msg(lang, 'ai.hint')}</p>
    <div class="ai-ask">
      <label for="ai-task">${msg(lang, 'ai.task')}</label>
      <select id="ai-task" data-ai="task" .value=${ai.task} ?disabled=${streaming} @change=${(e: Event) => ai.chooseTask((e.target as HTMLSelectElement).value)}>
        ${TEXT_TASKS.map((task) => html`<option value=${task} ?selected=${task === ai.task}>${msg(lang, taskLabel(task))}</option>`)}
      </select>
      <p class="ai-where" data-ai-where>${where}</p>
      <div class="row">
        ${streaming
          ? html`<button type="button" data-ai="cancel" @click=${() => ai.cancel()}>${msg(lang, 'ai.cancel')}</button>`
          : html`<button type="button" class="primary" data-ai="ask" ?disabled=${!editable && ai.task !== 'check-equivalence'} @click=${() => void ai.ask()}>${msg(lang, 'ai.ask')}</button>`}
      </div>
    </div>
    ${streaming ? html`<div class="ai-text ai-streaming" data-ai-stream lang=${localeOf(phase.target.lang)}>${phase.text}<span class="ai-caret" aria-hidden="true">▍</span></div>` : nothing}
    ${renderReview(lang, ai)} ${renderTranslation(lang, ai)} ${renderEquivalence(lang, ai)}
    <!-- Both live regions stay in the page, so what is put in either is announced. -->
    <div data-ai-notice tabindex="-1">
      <div role="status">${notice?.kind === 'status' ? html`<p>${notice.text}</p>` : nothing}</div>
      <div role="alert" class="error">${notice?.kind === 'alert' ? html`<p>${notice.text}</p>` : nothing}</div>
    </div>
  </section>`;
}
