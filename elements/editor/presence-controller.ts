// Who is in the document (awareness), as avatars: re-renders only when the people change, not on
// every cursor move.
import { html, nothing, type ReactiveController } from 'lit';
import { msg } from '../core/i18n.js';
import type { Lang } from '../../domain/sections.js';
import type { SharedDocument } from '../core/document-registry.js';
import type { EditorHost } from './editor-host.js';

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
}

export class PresenceController implements ReactiveController {
  #key = '';

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
    for (const [clientId, state] of document.awareness.getStates()) users.push(`${clientId}:${JSON.stringify((state as { user?: unknown }).user ?? null)}`);
    return users.sort().join('|');
  }

  render(lang: Lang) {
    const document = this.host.documentState.document;
    if (!document) return nothing;
    const people = new Map<string, Person>();
    for (const [clientId, state] of document.awareness.getStates()) {
      const user = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
      if (!user || typeof user.name !== 'string') continue;
      const id = typeof user.id === 'string' ? user.id : String(clientId);
      const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#545454';
      const self = clientId === document.doc.clientID;
      if (!people.has(id) || self) people.set(id, { name: user.name.slice(0, 80), color, self });
    }
    return html`<ul part="presence" aria-label=${msg(lang, 'editor.presence')}>
      ${[...people.values()].map((p) => {
        const label = p.self ? msg(lang, 'editor.you', { name: p.name }) : p.name;
        return html`<li part="avatar" style="background:${p.color}" title=${label}><span aria-hidden="true">${initials(p.name)}</span><span class="visually-hidden">${label}</span></li>`;
      })}
    </ul>`;
  }
}
