// Who is in the document (awareness), as avatars on a button that opens the list of names ("3
// people here: Eddie Editor (you), …") with the pane each person's cursor is in: re-renders only
// when the people or their panes change, not on every cursor move.
import { html, nothing, type ReactiveController } from 'lit';
import * as Y from 'yjs';
import { msg } from '../core/i18n.js';
import { LANGS, type Lang } from '../../domain/sections.js';
import type { SharedDocument } from '../core/document-registry.js';
import type { EditorHost } from './editor-host.js';

/** Avatars shown on the button; the count beside them says how many people in all. */
const MAX_AVATARS = 4;

const initials = (name: string) =>
  name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

interface Person {
  name: string;
  color: string;
  self: boolean;
  /** The pane the person's cursor is in (y-prosemirror's awareness `cursor` field), null when unknown. */
  pane: Lang | null;
}

/** The language pane a y-prosemirror cursor (a relative position) points into, or null. */
function paneOf(doc: Y.Doc, state: Record<string, unknown>): Lang | null {
  const anchor = (state['cursor'] as { anchor?: unknown } | null | undefined)?.anchor;
  if (!anchor || typeof anchor !== 'object') return null;
  try {
    const position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor), doc);
    let type: Y.AbstractType<unknown> | null = position?.type ?? null;
    while (type?._item?.parent) type = type._item.parent as Y.AbstractType<unknown>;
    return LANGS.find((lang) => doc.getXmlFragment(lang) === type) ?? null;
  } catch {
    return null; // a malformed cursor from another client says nothing about where they are
  }
}

export class PresenceController implements ReactiveController {
  #key = '';
  #open = false;

  constructor(private readonly host: EditorHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#key = '';
  }

  /** Follows the document's awareness; returns the unsubscribe. */
  watch(document: SharedDocument): () => void {
    const onChange = () => {
      const key = this.#keyOf(document);
      if (key === this.#key) return;
      this.#key = key;
      this.host.requestUpdate();
    };
    document.awareness.on('change', onChange);
    return () => document.awareness.off('change', onChange);
  }

  #keyOf(document: SharedDocument): string {
    const users: string[] = [];
    for (const [clientId, state] of document.awareness.getStates()) {
      users.push(`${clientId}:${JSON.stringify((state as { user?: unknown }).user ?? null)}:${paneOf(document.doc, state)}`);
    }
    return users.sort().join('|');
  }

  #people(document: SharedDocument): Person[] {
    const people = new Map<string, Person>();
    for (const [clientId, state] of document.awareness.getStates()) {
      const user = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
      if (!user || typeof user.name !== 'string') continue;
      const id = typeof user.id === 'string' ? user.id : String(clientId);
      const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#545454';
      const self = clientId === document.doc.clientID;
      const pane = paneOf(document.doc, state) ?? people.get(id)?.pane ?? null;
      if (!people.has(id) || self) people.set(id, { name: user.name.slice(0, 80), color, self, pane });
    }
    // You first, then the others by name.
    return [...people.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
  }

  #toggle = () => {
    this.#open = !this.#open;
    this.host.requestUpdate();
  };

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.#open) return;
    this.#open = false;
    this.host.requestUpdate();
    this.host.renderRoot.querySelector<HTMLButtonElement>('[part=presence-button]')?.focus();
  };

  render(lang: Lang) {
    const document = this.host.documentState.document;
    if (!document) return nothing;
    const people = this.#people(document);
    const summary = msg(lang, 'presence.summary', { count: people.length });
    const nameOf = (p: Person) => (p.self ? msg(lang, 'editor.you', { name: p.name }) : p.name);
    const where = (p: Person) => (p.pane ? ` — ${msg(lang, p.pane === 'en' ? 'presence.inEnglish' : 'presence.inFrench')}` : '');
    // The button's name (from its content, not aria-label: the visible count must stay part of it) is
    // the summary plus the names, so it reads "3 people here: Eddie Editor (you), …" without opening it.
    return html`<div class="presence" @keydown=${this.#onKeydown}>
      <button type="button" part="presence-button" aria-expanded=${this.#open ? 'true' : 'false'} aria-controls="presence-list" title=${summary} @click=${this.#toggle}>
        ${people.slice(0, MAX_AVATARS).map((p) => html`<span part="avatar" style="background:${p.color}" aria-hidden="true">${initials(p.name)}</span>`)}
        <span class="count" aria-hidden="true">${people.length}</span>
        <span class="visually-hidden">${msg(lang, 'presence.listLabel', { summary, names: people.map(nameOf).join(', ') })}</span>
      </button>
      <ul part="presence" id="presence-list" aria-label=${summary} ?hidden=${!this.#open}>
        ${people.map((p) => html`<li><span class="swatch" style="background:${p.color}" aria-hidden="true"></span>${nameOf(p)}${where(p)}</li>`)}
      </ul>
    </div>`;
  }
}
