// The formatting toolbar (one tab stop, arrow keys between buttons) and the link form under it.
import { html, nothing, type ReactiveController } from 'lit';
import type { Command } from 'prosemirror-state';
import { setBlockType, toggleMark } from 'prosemirror-commands';
import { wrapInList } from 'prosemirror-schema-list';
import { msg } from '../core/i18n.js';
import { icon, type IconName } from '../core/icons.js';
import { ariaKeyShortcut, withShortcut } from '../core/shortcuts.js';
import { TooltipController, tooltip } from '../core/tooltip.js';
import { jdSchema } from '../core/schema.js';
import type { Lang } from '../../domain/sections.js';
import { nextToolbarIndex, removeLink, sameToolbarState, setLink, toolbarStateOf, type ToolbarState } from './toolbar.js';
import type { EditorHost } from './editor-host.js';
import type { Pane } from './pane.js';
import { EDITOR_SHORTCUTS } from './shortcuts.js';

/** The link form under the toolbar: the address being typed, and whether it was refused. */
interface LinkForm {
  href: string;
  invalid: boolean;
}

interface Item {
  /** The accessible name, in the UI language. */
  label: string;
  icon: IconName;
  /** Its key binding in the pane keymap, when it has one (named in the tooltip). */
  shortcut?: string;
  action: () => void;
  pressed?: boolean;
  expanded?: boolean;
  /** Its own part name, for an item a portal may style or a test may find. */
  part?: string;
  /** Why it cannot run now: the button stays focusable (aria-disabled) and its tooltip says why after its name. */
  unavailable?: string | null;
}

const keepSelection = (e: Event) => e.preventDefault();
/**
 * An unavailable item's tooltip, "Name (shortcut) — why", which is also its accessible name: the
 * reason is heard where it is seen (and what is seen stays part of the name, WCAG 2.5.3).
 */
const unavailableTip = (item: Item, lang: Lang): string | null =>
  item.unavailable ? `${withShortcut(item.label, item.shortcut, lang)} — ${item.unavailable}` : null;
/** A click on a button's tooltip (inside the button, to stay hoverable) is not a click on the button. */
const onTooltip = (e: Event) => (e.target as Element).closest('.jd-tooltip') !== null;

export class ToolbarController implements ReactiveController {
  /** Formats active at the selection of the focused pane (aria-pressed on the toolbar). */
  #state: ToolbarState | null = null;
  /** The toolbar's single tab stop (roving tabindex). */
  #index = 0;
  #linkForm: LinkForm | null = null;

  constructor(private readonly host: EditorHost) {
    host.addController(this);
    host.addController(new TooltipController(host));
  }

  hostDisconnected(): void {
    this.reset();
  }

  reset(): void {
    this.#state = null;
    this.#linkForm = null;
  }

  /** Re-renders only when what the toolbar shows changed: most transactions (typing) change nothing there. */
  refresh(): void {
    const pane = this.host.pane();
    if (!pane) return;
    const next = toolbarStateOf(pane.view.state);
    if (sameToolbarState(this.#state, next)) return;
    this.#state = next;
    this.host.requestUpdate();
  }

  #buttons(): HTMLButtonElement[] {
    return Array.from(this.host.renderRoot.querySelectorAll<HTMLButtonElement>('[part=toolbar] > button'));
  }

  #command(run: (pane: Pane) => void) {
    return () => {
      const pane = this.host.pane();
      if (!pane || !this.host.editable) return;
      run(pane);
      pane.view.focus();
    };
  }

  #items(lang: Lang): Item[] {
    const exec = (cmd: Command) => this.#command((p) => void cmd(p.view.state, p.view.dispatch));
    const active = this.#state;
    const keys = EDITOR_SHORTCUTS;
    return [
      { label: msg(lang, 'editor.undo'), icon: 'undo', shortcut: keys.undo, action: this.#command((p) => this.host.undo(p.lang)) },
      { label: msg(lang, 'editor.redo'), icon: 'redo', shortcut: keys.redo, action: this.#command((p) => this.host.redo(p.lang)) },
      { label: msg(lang, 'editor.bold'), icon: 'bold', shortcut: keys.bold, action: exec(toggleMark(jdSchema.marks['strong']!)), pressed: !!active?.strong },
      { label: msg(lang, 'editor.italic'), icon: 'italic', shortcut: keys.italic, action: exec(toggleMark(jdSchema.marks['em']!)), pressed: !!active?.em },
      { label: msg(lang, 'editor.link'), icon: 'link', action: () => this.#openLinkForm(), pressed: !!active?.link, expanded: !!this.#linkForm },
      { label: msg(lang, 'editor.heading'), icon: 'heading', shortcut: keys.heading, action: exec(setBlockType(jdSchema.nodes['heading']!, { level: 3 })), pressed: active?.block === 'heading' },
      { label: msg(lang, 'editor.paragraph'), icon: 'paragraph', shortcut: keys.paragraph, action: exec(setBlockType(jdSchema.nodes['paragraph']!)), pressed: active?.block === 'paragraph' },
      { label: msg(lang, 'editor.bulletList'), icon: 'bulletList', shortcut: keys.bulletList, action: exec(wrapInList(jdSchema.nodes['bullet_list']!)), pressed: active?.block === 'bullet_list' },
      { label: msg(lang, 'editor.orderedList'), icon: 'orderedList', shortcut: keys.orderedList, action: exec(wrapInList(jdSchema.nodes['ordered_list']!)), pressed: active?.block === 'ordered_list' },
      { label: msg(lang, 'editor.addSection'), icon: 'addSection', action: () => void this.host.addSection() },
      {
        label: msg(lang, 'editor.confirmPair'),
        icon: 'confirmPair',
        shortcut: keys.confirmPair,
        part: 'confirm-pair',
        unavailable: this.host.confirmPairUnavailable(),
        action: () => void this.host.confirmPair(),
      },
    ];
  }

  render(lang: Lang) {
    const disabled = !this.host.editable;
    const items = this.#items(lang);
    const commenting = this.host.commenting;
    const enabled = [...items.map(() => !disabled), ...(commenting ? [true] : [])];
    // One tab stop: the last item used, or the first enabled one.
    const tabStop = enabled[this.#index] ? this.#index : enabled.indexOf(true);
    const onKeydown = (event: KeyboardEvent) => {
      const next = nextToolbarIndex(event.key, tabStop, enabled);
      if (next === null) return;
      event.preventDefault();
      this.#index = next;
      this.host.requestUpdate();
      void this.host.updateComplete.then(() => this.#buttons()[next]?.focus());
    };
    const onFocusin = (event: FocusEvent) => {
      const index = this.#buttons().indexOf(event.target as HTMLButtonElement);
      if (index < 0 || index === this.#index) return;
      this.#index = index;
      this.host.requestUpdate();
    };
    return html`<div part="toolbar" role="toolbar" aria-label=${msg(lang, 'editor.toolbar')} @keydown=${onKeydown} @focusin=${onFocusin}>
      ${items.map(
        (item, i) =>
          html`<button
            type="button"
            part=${item.part ?? nothing}
            aria-label=${unavailableTip(item, lang) ?? item.label}
            aria-disabled=${item.unavailable ? 'true' : nothing}
            aria-keyshortcuts=${item.shortcut ? ariaKeyShortcut(item.shortcut) : nothing}
            tabindex=${i === tabStop ? 0 : -1}
            aria-pressed=${item.pressed === undefined || item.expanded !== undefined ? nothing : String(item.pressed)}
            aria-expanded=${item.expanded === undefined ? nothing : String(item.expanded)}
            class="has-tooltip ${item.pressed ? 'pressed' : ''}"
            ?disabled=${disabled}
            @mousedown=${keepSelection}
            @click=${(e: Event) => onTooltip(e) || (item.unavailable ? this.host.say(item.unavailable) : item.action())}
          >
            ${icon(item.icon)}${tooltip(unavailableTip(item, lang) ?? withShortcut(item.label, item.shortcut, lang))}
          </button>`,
      )}
      ${commenting
        ? html`<button
            type="button"
            part="comment-button"
            class="has-tooltip"
            tabindex=${tabStop === items.length ? 0 : -1}
            aria-keyshortcuts=${ariaKeyShortcut(EDITOR_SHORTCUTS.comment)}
            @mousedown=${keepSelection}
            @click=${(e: Event) => onTooltip(e) || this.host.requestComment()}
          >
            ${icon('comment')}<span>${msg(lang, 'editor.comment')}</span>${tooltip(withShortcut(msg(lang, 'editor.commentSelection'), EDITOR_SHORTCUTS.comment, lang))}
          </button>`
        : nothing}
    </div>`;
  }

  #setLinkForm(form: LinkForm | null): void {
    this.#linkForm = form;
    this.host.requestUpdate();
  }

  #openLinkForm(): void {
    const pane = this.host.pane();
    if (!pane || !this.host.editable) return;
    this.#setLinkForm({ href: toolbarStateOf(pane.view.state).link ?? '', invalid: false });
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLInputElement>('[part=link-form] input')?.focus());
  }

  #closeLinkForm(): void {
    this.#setLinkForm(null);
    this.host.pane()?.view.focus();
  }

  renderLinkForm(lang: Lang) {
    const form = this.#linkForm;
    if (!form) return nothing;
    const pane = this.host.pane();
    const apply = (event: SubmitEvent) => {
      event.preventDefault();
      const href = ((event.target as HTMLFormElement).elements.namedItem('href') as HTMLInputElement).value;
      if (!pane || !setLink(href)(pane.view.state, pane.view.dispatch)) return this.#setLinkForm({ href, invalid: true });
      this.#closeLinkForm();
    };
    const onKeydown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      this.#closeLinkForm();
    };
    const remove = () => {
      if (pane) removeLink(pane.view.state, pane.view.dispatch);
      this.#closeLinkForm();
    };
    return html`<form part="link-form" class="row" novalidate @submit=${apply} @keydown=${onKeydown}>
      <label
        >${msg(lang, 'editor.linkPrompt')}
        <input
          name="href"
          type="url"
          inputmode="url"
          autocomplete="url"
          maxlength="2048"
          .value=${form.href}
          aria-invalid=${form.invalid ? 'true' : 'false'}
          aria-describedby=${form.invalid ? 'link-error' : nothing}
      /></label>
      <button type="submit" class="primary">${msg(lang, 'editor.linkApply')}</button>
      ${this.#state?.link ? html`<button type="button" @click=${remove}>${msg(lang, 'editor.linkRemove')}</button>` : nothing}
      <button type="button" @click=${() => this.#closeLinkForm()}>${msg(lang, 'editor.linkCancel')}</button>
      ${form.invalid ? html`<p id="link-error" class="error" role="alert">${msg(lang, 'editor.linkInvalid')}</p>` : nothing}
    </form>`;
  }

}
