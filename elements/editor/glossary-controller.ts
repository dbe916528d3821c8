// Terminology while writing: the glossary terms of the paragraph under the caret (either pane)
// are underlined, and the expected equivalent shows on hover and when the caret enters a term
// (announced once, politely). glossary_lookup (RLS: the caller's department and shared terms)
// says which terms the paragraph holds; domain/tm/glossary.ts, which folds text the same way
// (scripts/glossary-parity.test.ts), says where they are, since the RPC returns no positions.
// Lookups wait GLOSSARY_DEBOUNCE_MS after the last move or keystroke, a newer one aborts the
// older, and answers are cached by paragraph text: typing never waits for the network.
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { EditorView } from 'prosemirror-view';
import { msg, langOf } from '../core/i18n.js';
import { glossaryLookup, type GlossaryHitRow } from '../core/data-access.js';
import { JdSelectionChangeEvent } from '../core/comments-editor.js';
import { GlossaryMatcher, underlinedHits, type GlossaryTerm, type TermStatus } from '../../domain/tm/glossary.js';
import { LANGS, type Lang } from '../../domain/sections.js';
import type { EditorHost } from './editor-host.js';
import { blockText, glossaryDecorationsKey, textOffsetsToPositions, type GlossaryMark } from './glossary-decorations.js';
import { caretHintAt, pointerHint } from './caret-hints.js';

export const GLOSSARY_DEBOUNCE_MS = 300;
/** Paragraph texts remembered per language (oldest dropped first). */
const CACHE_SIZE = 200;

interface Tip {
  text: string;
  /** Where the term is in the viewport now, null once it is gone (asked again on every render, so scrolling moves the tip with it). */
  place: () => { left: number; bottom: number } | null;
}

export class GlossaryController implements ReactiveController {
  #cache = new Map<string, GlossaryHitRow[]>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request: AbortController | null = null;
  /** The pane and paragraph start currently underlined. */
  #underlined: { lang: Lang; start: number } | null = null;
  #announced = '';
  #tip: Tip | null = null;
  /** What the live region says (the caret entered a term). */
  #live = '';
  /** The last key typed text: no tooltip until the caret is moved otherwise. */
  #typing = false;

  constructor(private readonly host: EditorHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener(JdSelectionChangeEvent.type, this.#onSelection);
    // The tip is placed in viewport coordinates: any scroll (page or pane) places it again.
    window.addEventListener('scroll', this.#onScroll, { capture: true, passive: true });
  }

  hostDisconnected(): void {
    this.host.removeEventListener(JdSelectionChangeEvent.type, this.#onSelection);
    window.removeEventListener('scroll', this.#onScroll, { capture: true });
    clearTimeout(this.#timer);
    this.#request?.abort();
    this.#cache.clear();
    this.#underlined = null;
    this.#tip = null;
    this.#live = '';
    this.#announced = '';
  }

  #uiLang(): Lang {
    return this.host.session?.lang ?? langOf(this.host);
  }

  #onSelection = (event: JdSelectionChangeEvent): void => {
    const view = this.host.pane(event.lang)?.view;
    if (!view) return;
    const block = this.#blockAt(view);
    if (!block) return this.#clear();
    const cached = this.#cache.get(`${event.lang}\n${block.text}`);
    clearTimeout(this.#timer);
    if (cached) {
      this.#request?.abort();
      this.#underline(event.lang, view, cached);
    } else {
      // The old underlines still map through the edit; they are replaced once the lookup answers.
      if (this.#underlined && (this.#underlined.lang !== event.lang || this.#underlined.start !== block.start)) this.#clear();
      this.#timer = setTimeout(() => void this.#lookup(event.lang, block.text), GLOSSARY_DEBOUNCE_MS);
    }
    this.#caretMoved(event.lang, view);
  };

  #blockAt(view: EditorView): { start: number; text: string } | null {
    const $head = view.state.selection.$head;
    return $head.parent.isTextblock ? { start: $head.start(), text: blockText($head.parent) } : null;
  }

  async #lookup(lang: Lang, text: string): Promise<void> {
    const client = this.host.session?.client;
    if (!client || !text.trim()) return;
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    const answer = await glossaryLookup(client, text, lang, { signal: request.signal });
    // A failed lookup leaves the text as it is: underlines are a hint, never a blocker.
    if (request.signal.aborted || 'error' in answer) return;
    const data = answer.rows;
    this.#remember(`${lang}\n${text}`, data);
    const view = this.host.pane(lang)?.view;
    // The caret may have moved on while the lookup ran: underline only if still in that text.
    if (view && this.#blockAt(view)?.text === text) {
      this.#underline(lang, view, data);
      this.#caretMoved(lang, view);
    }
  }

  #remember(key: string, rows: GlossaryHitRow[]): void {
    this.#cache.delete(key);
    this.#cache.set(key, rows);
    if (this.#cache.size > CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!);
  }

  #underline(lang: Lang, view: EditorView, rows: readonly GlossaryHitRow[]): void {
    const $head = view.state.selection.$head;
    const start = $head.start();
    const text = blockText($head.parent);
    // Pending proposals are not terminology yet. A forbidden entry forbids a French rendering:
    // in the English pane its English term is fine (the approved entry underlines it).
    const terms: GlossaryTerm[] = rows
      .filter((r) => r.status === 'approved' || (r.status === 'forbidden' && lang === 'fr'))
      .map((r) => ({
        id: r.term_id,
        termEn: lang === 'en' ? r.term : r.translation,
        termFr: lang === 'en' ? r.translation : r.term,
        status: r.status as TermStatus,
        organizationId: r.organization_id,
      }));
    const byId = new Map(rows.map((r) => [r.term_id, r]));
    const toPos = textOffsetsToPositions($head.parent, start);
    const ui = this.#uiLang();
    const marks: GlossaryMark[] = underlinedHits(new GlossaryMatcher(terms).find(text, lang)).map((hit) => {
      const row = byId.get(hit.term.id);
      return { from: toPos(hit.span.start), to: toPos(hit.span.end), forbidden: hit.term.status === 'forbidden', message: row ? this.#message(ui, row) : '' };
    });
    this.#clearOther(lang);
    this.#underlined = { lang, start };
    view.dispatch(view.state.tr.setMeta(glossaryDecorationsKey, marks).setMeta('addToHistory', false));
  }

  #message(ui: Lang, row: GlossaryHitRow): string {
    if (row.status !== 'forbidden') return msg(ui, 'glossary.equivalent', { term: row.term, translation: row.translation });
    const approved = row.approved_equivalents ?? [];
    if (approved.length > 0) return msg(ui, 'glossary.forbidden', { term: row.term, approved: approved.join(' / ') });
    return msg(ui, 'glossary.forbiddenNote', { term: row.term, note: row.notes ?? '' });
  }

  #clearOther(lang: Lang): void {
    for (const other of LANGS) if (other !== lang) this.#clearPane(other);
  }

  #clearPane(lang: Lang): void {
    const view = this.host.pane(lang)?.view;
    if (view && (glossaryDecorationsKey.getState(view.state)?.find().length ?? 0) > 0) {
      view.dispatch(view.state.tr.setMeta(glossaryDecorationsKey, []).setMeta('addToHistory', false));
    }
  }

  #clear(): void {
    for (const lang of LANGS) this.#clearPane(lang);
    this.#underlined = null;
  }

  /** The caret entered (or left) an underlined term or compliance finding (caret-hints.ts): say it once. */
  #caretMoved(lang: Lang, view: EditorView): void {
    const mark = caretHintAt(view.state, view.state.selection.head);
    const key = mark ? `${lang}:${mark.from}:${mark.message}` : '';
    if (key === this.#announced) return;
    this.#announced = key;
    this.#live = mark?.message ?? '';
    this.#tip = mark && !this.#typing ? { text: mark.message, place: () => (view.isDestroyed ? null : view.coordsAtPos(Math.min(mark.from, view.state.doc.content.size))) } : null;
    this.host.requestUpdate();
  }

  /** Pointer over the panes: show the term's equivalent (or the finding's message) while over an underline. */
  onPointer = (event: MouseEvent): void => {
    this.#typing = false;
    const hint = pointerHint(event.composedPath());
    if (hint) {
      const term = hint.element;
      this.#tip = { text: hint.message, place: () => (term.isConnected ? term.getBoundingClientRect() : null) };
    } else if (this.#tip && !this.#announced) this.#tip = null;
    else return;
    this.host.requestUpdate();
  };

  /** Escape hides the tooltip without moving the caret (WCAG 1.4.13). */
  onKeydown = (event: KeyboardEvent): void => {
    // Typing hides it too: it would cover the next line while the caret stays in a long finding
    // (a whole sentence), and placing it on every render forces a layout of the panes. The live
    // region has already said it; the caret entering another term or finding shows the next one.
    this.#typing = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
    if (event.key === 'Escape' || this.#typing) this.#hideTip();
  };

  #onScroll = (): void => {
    if (this.#tip) this.host.requestUpdate();
  };

  #hideTip = (): void => {
    if (!this.#tip) return;
    this.#tip = null;
    this.host.requestUpdate();
  };

  /** The tooltip (visual) and the live region (screen readers, caret only). */
  render(): TemplateResult {
    const tip = this.#tip;
    const at = tip?.place();
    // Under the term, kept inside the viewport on the right (the tip is at most 20rem wide).
    return html`${tip && at
        ? html`<div class="jd-gloss-tip" part="glossary-tip" aria-hidden="true" style=${styleMap({ left: `min(${Math.max(4, at.left)}px, calc(100vw - min(20rem, 100vw - 8px) - 4px))`, top: `${at.bottom + 4}px` })}>${tip.text}</div>`
        : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" data-glossary-live>${this.#live}</div>`;
  }
}
