import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sharedStyles } from '../../core/shared.styles.js';
import { JdThemedElement } from '../../core/themed-element.js';
import { sessionContext, type JdSessionState } from '../../core/session-context.js';
import { langOf, localeOf, msg, type MessageId } from '../../core/i18n.js';
import { tooltip, tooltipStyles, TooltipController } from '../../core/tooltip.js';
import type { Lang } from '../../../domain/sections.js';
import { WorkbenchController } from './workbench-controller.js';
import { canConfirm, confidenceBand, confirm, displayOrder, mergeWithNext, moveSentence, pendingAtLeast, split, type WorkPair } from './pairs.js';
import { workbenchStyles } from './workbench.styles.js';

/** The keys the workbench answers to, as its help lists them. */
const SHORTCUTS: readonly { keys: string; action: MessageId }[] = [
  { keys: '↑ ↓ Home End', action: 'align.key.move' },
  { keys: 'M', action: 'align.key.merge' },
  { keys: 'S', action: 'align.key.split' },
  { keys: 'Alt+↑ / Alt+↓', action: 'align.key.relinkFr' },
  { keys: 'Alt+Shift+↑ / Alt+Shift+↓', action: 'align.key.relinkEn' },
  { keys: 'Enter', action: 'align.key.confirm' },
  { keys: 'Ctrl+Z', action: 'align.key.undo' },
];

/**
 * The alignment workbench: the sentence pairs of an English text and its French translation, in
 * two columns, each with the aligner's confidence (a percentage and a low, medium or high
 * badge; "made by hand" once the translator changed it). The translator fixes pairs (merge a
 * pair with the next, split one in two, move a sentence to the previous or next pair), confirms
 * pairs one by one or all at or above a confidence into the organization's translation memory,
 * and undoes any step. Every step is saved at once, as the user (`alignment_save_pairs`: RLS
 * decides, and a pair no longer confirmed gives its use of the memory back).
 *
 * It opens the alignments the user can read, or aligns two pasted texts in the browser (the
 * domain aligner) and saves them as a new alignment.
 *
 * Keyboard, on the list of pairs (one tab stop): ↑ ↓ Home End move between pairs; M merges the
 * pair with the next; S splits it; Alt+↑ / Alt+↓ move its first French sentence to the previous
 * pair / its last to the next (add Shift for English); Enter confirms it; Ctrl+Z (⌘Z) undoes
 * the last step, anywhere in the workbench but a text field.
 *
 * Needs a `<jd-session>` ancestor.
 *
 * @csspart base - Everything.
 * @csspart help - The keyboard help (a disclosure).
 * @csspart open - The choice of alignment.
 * @csspart new - The form aligning two pasted texts.
 * @csspart toolbar - Ordering, "confirm all at or above", undo.
 * @csspart message - What the last step did, or why it failed (`data-kind="error"`).
 * @csspart pairs - The list of pairs.
 * @csspart pair - One pair (`data-band`: low, medium, high, manual; `data-status`: pending, confirmed).
 * @csspart confidence - A pair's confidence percentage and badge.
 * @csspart en - A pair's English sentences.
 * @csspart fr - A pair's French sentences.
 * @csspart actions - The buttons of the pair with the tab stop (merge, split, move a sentence, confirm).
 */
export class JdAlignmentWorkbench extends JdThemedElement {
  static override styles = [sharedStyles, tooltipStyles, workbenchStyles];

  @consume({ context: sessionContext, subscribe: true })
  @state()
  session: JdSessionState | undefined;

  /**
   * An alignment to open as soon as the list is read (a legacy import links its new alignment
   * here, so the pairs are offered for the TM).
   */
  @property({ attribute: 'alignment-id', reflect: true }) alignmentId = '';

  @state() private lowFirst = false;
  @state() private threshold = 85;
  /** The pair with the list's tab stop (an index in document order). */
  @state() private active = 0;
  @state() private message: { kind: 'ok' | 'error'; text: string } | null = null;

  /** @internal */
  readonly work = new WorkbenchController(this);
  #listed: unknown = null;

  constructor() {
    super();
    this.addController(new TooltipController(this));
  }

  /** @internal */
  get client() {
    return this.session?.client ?? null;
  }

  /** @internal */
  get userId() {
    return this.session?.user?.id ?? null;
  }

  /** The interface language. */
  get uiLang(): Lang {
    return this.session?.lang ?? langOf(this);
  }

  #t(id: MessageId, values?: Record<string, string | number>): string {
    return msg(this.uiLang, id, values);
  }

  /** The pairs on screen, in document order. */
  get pairs(): readonly WorkPair[] {
    return this.work.pairs;
  }

  /** Resolves once every step made so far is saved. */
  whenSaved(): Promise<void> {
    return this.work.whenSaved();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // The list of alignments is read for each signed-in client (a new one after sign-in).
    if (this.session?.user && this.client && this.#listed !== this.client) {
      this.#listed = this.client;
      void this.work.refresh().then(() => this.#openAsked());
    } else if (changed.has('alignmentId')) {
      void this.#openAsked();
    }
  }

  /** Opens `alignmentId` once the list that holds it has been read (read again if it is newer). */
  async #openAsked(): Promise<void> {
    const id = this.alignmentId;
    if (!id || !this.client || this.work.current?.id === id) return;
    if (!this.work.alignments.some((a) => a.id === id)) await this.work.refresh();
    if (this.alignmentId === id && this.work.alignments.some((a) => a.id === id)) await this.open(id);
  }

  // ---- Steps ----------------------------------------------------------------------------------

  /** Aligns two pasted texts and opens the result. */
  alignTexts(en: string, fr: string): Promise<void> {
    const name = (text: string) => text.trim().split('\n')[0]!.slice(0, 60) || '—';
    this.active = 0;
    this.message = null;
    return this.work.alignPasted(en, fr, { en: name(en), fr: name(fr) });
  }

  /** Opens an alignment of the list. */
  open(id: string): Promise<void> {
    this.active = 0;
    this.message = null;
    return this.work.open(id);
  }

  /** Runs a step on the pairs (undoable); a step that cannot be done says why and changes nothing. */
  #step(make: (pairs: readonly WorkPair[]) => WorkPair[], done?: (pairs: readonly WorkPair[]) => string): void {
    let next: WorkPair[];
    try {
      next = make(this.work.pairs);
    } catch (error) {
      this.message = { kind: 'error', text: error instanceof RangeError ? this.#explain(error.message) : String(error) };
      return;
    }
    this.message = done ? { kind: 'ok', text: done(next) } : null;
    this.active = Math.min(this.active, next.length - 1);
    void this.work.apply(next);
  }

  /** The domain's message in the interface language (the operations throw English sentences naming the pair). */
  #explain(message: string): string {
    const pair = /pair (\d+)/.exec(message)?.[1] ?? '';
    if (message.startsWith('Merge')) return this.#t('align.cannotMerge', { pair });
    if (message.startsWith('Split')) return this.#t('align.cannotSplit', { pair });
    return this.#t('align.cannotMove', { pair });
  }

  merge(index: number): void {
    this.#step((pairs) => mergeWithNext(pairs, index));
  }

  split(index: number): void {
    this.#step((pairs) => split(pairs, index));
  }

  move(index: number, side: Lang, direction: -1 | 1): void {
    this.#step((pairs) => moveSentence(pairs, index, side, direction));
  }

  /** Confirms pairs into the translation memory. */
  confirm(indices: number[]): void {
    const confirmable = indices.filter((i) => this.work.pairs[i] && canConfirm(this.work.pairs[i]!) && this.work.pairs[i]!.status !== 'confirmed');
    if (confirmable.length === 0) {
      this.message = { kind: 'error', text: this.#t(indices.length === 1 ? 'align.cannotConfirm' : 'align.noneToConfirm') };
      return;
    }
    this.#step(
      (pairs) => confirm(pairs, confirmable),
      () => this.#t('align.confirmed', { count: confirmable.length }),
    );
  }

  /** Confirms every pending pair at or above `percent` % (and those made by hand). */
  confirmAbove(percent = this.threshold): void {
    this.confirm(pendingAtLeast(this.work.pairs, percent / 100));
  }

  /** Undoes the last step; false when there is none. */
  undo(): boolean {
    const undone = this.work.undo();
    this.message = { kind: undone ? 'ok' : 'error', text: this.#t(undone ? 'align.undone' : 'align.nothingToUndo') };
    this.active = Math.min(this.active, Math.max(0, this.work.pairs.length - 1));
    return undone;
  }

  // ---- Keyboard -------------------------------------------------------------------------------

  #onKeydown = (event: KeyboardEvent) => {
    const target = event.composedPath()[0];
    const typing = target instanceof HTMLElement && target.matches('input, textarea, select');
    if (!typing && (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      this.undo();
      void this.#focusActive();
    }
  };

  #onListKeydown = (event: KeyboardEvent) => {
    const order = displayOrder(this.work.pairs, this.lowFirst);
    if (order.length === 0 || event.ctrlKey || event.metaKey) return;
    // The keys act on the pair they were pressed in (a click elsewhere may have moved the tab stop).
    const row = event.composedPath().find((node): node is HTMLLIElement => node instanceof HTMLLIElement && node.dataset['index'] !== undefined);
    if (row) this.active = Number(row.dataset['index']);
    const at = Math.max(0, order.indexOf(this.active));
    const onRow = event.composedPath()[0] === row;
    const arrows: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: order.length - 1 };
    let handled = true;
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      this.move(this.active, event.shiftKey ? 'en' : 'fr', event.key === 'ArrowUp' ? -1 : 1);
    } else if (!event.altKey && event.key in arrows) {
      this.active = order[Math.max(0, Math.min(order.length - 1, arrows[event.key]!))]!;
    } else if (!event.altKey && event.key.toLowerCase() === 'm') {
      this.merge(this.active);
    } else if (!event.altKey && event.key.toLowerCase() === 's') {
      this.split(this.active);
    } else if (event.key === 'Enter' && onRow) {
      this.confirm([this.active]);
    } else {
      handled = false;
    }
    if (!handled) return;
    event.preventDefault();
    void this.#focusActive();
  };

  async #focusActive(): Promise<void> {
    await this.updateComplete;
    const row = this.renderRoot.querySelector<HTMLElement>(`[part~=pair][data-index="${this.active}"]`);
    row?.focus();
    row?.scrollIntoView?.({ block: 'nearest' });
  }

  // ---- Rendering ------------------------------------------------------------------------------

  #renderHelp() {
    return html`<details part="help">
      <summary>${this.#t('align.help')}</summary>
      <p>${this.#t('align.helpIntro')}</p>
      <dl>
        ${SHORTCUTS.map(({ keys, action }) => html`<div><dt><kbd>${this.#keyName(keys)}</kbd></dt><dd>${this.#t(action)}</dd></div>`)}
      </dl>
    </details>`;
  }

  #renderOpen() {
    const current = this.work.current?.id ?? '';
    return html`<div part="open">
      <label for="wb-alignment">${this.#t('align.choose')}</label>
      <select id="wb-alignment" @change=${(e: Event) => void this.open((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${current === ''} disabled>${this.#t(this.work.alignments.length === 0 ? 'align.noneYet' : 'align.pick')}</option>
        ${this.work.alignments.map(
          (a) =>
            html`<option value=${a.id} ?selected=${a.id === current}>
              ${a.name} (${new Intl.DateTimeFormat(localeOf(this.uiLang), { dateStyle: 'medium' }).format(new Date(a.createdAt))})
            </option>`,
        )}
      </select>
    </div>`;
  }

  #onAlignSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const en = (form.elements.namedItem('en') as HTMLTextAreaElement).value;
    const fr = (form.elements.namedItem('fr') as HTMLTextAreaElement).value;
    if (en.trim() === '' || fr.trim() === '') {
      this.message = { kind: 'error', text: this.#t('align.bothTexts') };
      return;
    }
    void this.alignTexts(en, fr);
  };

  #renderNew() {
    return html`<details part="new" ?open=${this.work.current === null}>
      <summary>${this.#t('align.new')}</summary>
      <form @submit=${this.#onAlignSubmit}>
        <label for="wb-en">${this.#t('align.englishText')}</label>
        <textarea id="wb-en" name="en" lang="en-CA" rows="5" maxlength="1000000"></textarea>
        <label for="wb-fr">${this.#t('align.frenchText')}</label>
        <textarea id="wb-fr" name="fr" lang="fr-CA" rows="5" maxlength="1000000"></textarea>
        <button type="submit" class="primary">${this.#t('align.align')}</button>
      </form>
    </details>`;
  }

  #renderToolbar() {
    const undoLabel = this.#t('align.undo');
    return html`<div part="toolbar">
      <button type="button" class="has-tooltip" aria-keyshortcuts="Control+Z" ?disabled=${!this.work.canUndo} @click=${() => this.undo()}>
        ${undoLabel}${tooltip(`${this.#t('align.undoTip')} (Ctrl+Z)`)}
      </button>
      <label class="check"
        ><input type="checkbox" .checked=${this.lowFirst} @change=${(e: Event) => (this.lowFirst = (e.target as HTMLInputElement).checked)} />
        ${this.#t('align.lowFirst')}</label
      >
      <form
        class="threshold"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          this.confirmAbove();
        }}
      >
        <label for="wb-threshold">${this.#t('align.confirmAbove')}</label>
        <span class="percent"
          ><input
            id="wb-threshold"
            type="number"
            min="0"
            max="100"
            step="1"
            .value=${String(this.threshold)}
            @input=${(e: Event) => {
              const value = Number((e.target as HTMLInputElement).value);
              if (Number.isFinite(value)) this.threshold = Math.max(0, Math.min(100, value));
            }}
          />
          %</span
        >
        <button type="submit">${this.#t('align.confirmAll')}</button>
      </form>
    </div>`;
  }

  #renderStatus() {
    const w = this.work;
    if (w.phase === 'loading')
      return html`<p part="message" role="status" data-kind="loading"><progress aria-label=${this.#t('align.loading')}></progress> ${this.#t('align.loading')}</p>`;
    const failure = w.failure;
    const message = this.message;
    return html`${failure ? html`<p part="message" role="alert" data-kind="error">${this.#t('align.failed', { message: failure })}</p>` : nothing}
    ${message && !failure ? html`<p part="message" role=${message.kind === 'error' ? 'alert' : 'status'} data-kind=${message.kind}>${message.text}</p>` : nothing}
    ${w.warnings.map((warning) => html`<p part="message" role="status" data-kind="warning" lang="en-CA">${warning}</p>`)}
    <p class="visually-hidden" role="status">${w.saving ? this.#t('align.saving') : ''}</p>`;
  }

  /** A key as people read it: Alt+↑, Maj in French. */
  #keyName(key: string): string {
    const name = key.replace(/ArrowUp/g, '↑').replace(/ArrowDown/g, '↓').replace(/Control/g, 'Ctrl');
    return this.uiLang === 'fr' ? name.replace(/Shift/g, 'Maj').replace(/Enter/g, 'Entrée').replace(/Home/g, 'Début').replace(/End/g, 'Fin') : name;
  }

  #sentences(sentences: readonly string[], lang: Lang) {
    if (sentences.length === 0) return html`<p class="empty">${this.#t('align.noSentence')}</p>`;
    return sentences.map((s) => html`<p lang=${localeOf(lang)}>${s}</p>`);
  }

  #renderPair(pair: WorkPair, index: number, count: number) {
    const band = confidenceBand(pair);
    const percent = pair.score === null ? null : Math.round(pair.score * 100);
    const bandLabel = this.#t(`align.band.${band}`);
    const statusLabel = this.#t(pair.status === 'confirmed' ? 'align.statusConfirmed' : 'align.statusPending');
    const isActive = index === this.active;
    const tab = isActive ? '0' : '-1';
    return html`<li
      part="pair"
      data-index=${index}
      data-band=${band}
      data-status=${pair.status}
      data-active=${isActive ? 'true' : 'false'}
      tabindex=${tab}
      aria-label=${this.#t('align.pairLabel', { n: index + 1, count, confidence: percent === null ? bandLabel : `${percent} %, ${bandLabel}`, status: statusLabel })}
      @focusin=${() => (this.active = index)}
    >
      <div class="head">
        <span class="number">${this.#t('align.pairNumber', { n: index + 1 })}</span>
        <span part="confidence" data-band=${band}>
          ${percent === null ? nothing : html`<span class="percent-value">${percent} %</span>`}
          <span class="badge">${bandLabel}</span>
        </span>
        ${pair.status === 'confirmed' ? html`<span class="confirmed"><span aria-hidden="true">✓ </span>${statusLabel}</span>` : nothing}
      </div>
      <div class="columns">
        <div part="en"><span class="side" aria-hidden="true">EN</span><span class="visually-hidden">${this.#t('tm.english')}: </span>${this.#sentences(pair.en, 'en')}</div>
        <div part="fr"><span class="side" aria-hidden="true">FR</span><span class="visually-hidden">${this.#t('tm.french')}: </span>${this.#sentences(pair.fr, 'fr')}</div>
      </div>
      ${isActive ? this.#renderActions(pair, index, count) : nothing}
    </li>`;
  }

  /** The buttons of the pair with the tab stop (one set on screen: a click or arrow on a pair shows its own). */
  #renderActions(pair: WorkPair, index: number, count: number) {
    const button = (label: string, key: string, action: () => void, disabled = false, tip = label) =>
      html`<button type="button" class="has-tooltip" ?disabled=${disabled} aria-keyshortcuts=${key} @click=${action}>
        ${label}${tooltip(`${tip} (${this.#keyName(key)})`)}
      </button>`;
    return html`<div part="actions">
        ${button(this.#t('align.merge'), 'M', () => this.merge(index), index === count - 1)}
        ${button(this.#t('align.split'), 'S', () => this.split(index), pair.en.length + pair.fr.length < 2)}
        ${button(this.#t('align.frUp'), 'Alt+ArrowUp', () => this.move(index, 'fr', -1), index === 0 || pair.fr.length === 0, this.#t('align.frUpTip'))}
        ${button(this.#t('align.frDown'), 'Alt+ArrowDown', () => this.move(index, 'fr', 1), index === count - 1 || pair.fr.length === 0, this.#t('align.frDownTip'))}
        ${button(this.#t('align.enUp'), 'Alt+Shift+ArrowUp', () => this.move(index, 'en', -1), index === 0 || pair.en.length === 0, this.#t('align.enUpTip'))}
        ${button(this.#t('align.enDown'), 'Alt+Shift+ArrowDown', () => this.move(index, 'en', 1), index === count - 1 || pair.en.length === 0, this.#t('align.enDownTip'))}
        ${button(this.#t('align.confirm'), 'Enter', () => this.confirm([index]), pair.status === 'confirmed' || !canConfirm(pair))}
      </div>`;
  }

  #renderPairs() {
    const pairs = this.work.pairs;
    if (this.work.phase !== 'ready' || !this.work.current) return nothing;
    const confirmed = pairs.filter((p) => p.status === 'confirmed').length;
    return html`${this.#renderToolbar()}
      <h4 id="wb-pairs">${this.#t('align.pairs', { count: pairs.length, confirmed })}</h4>
      <p class="hint" id="wb-keys">${this.#t('align.keyboardHint')}</p>
      <ol part="pairs" aria-labelledby="wb-pairs" aria-describedby="wb-keys" @keydown=${this.#onListKeydown}>
        ${displayOrder(pairs, this.lowFirst).map((i) => this.#renderPair(pairs[i]!, i, pairs.length))}
      </ol>`;
  }

  protected override render() {
    if (!this.session?.user) return html`<p part="message" role="status">${this.#t('tm.signedOut')}</p>`;
    return html`<section part="base" aria-labelledby="wb-heading" @keydown=${this.#onKeydown}>
      <h3 id="wb-heading">${this.#t('align.title')}</h3>
      ${this.#renderHelp()} ${this.#renderOpen()} ${this.#renderNew()} ${this.#renderStatus()} ${this.#renderPairs()}
    </section>`;
  }
}
