// Says why the sync server refused a change of this device (domain/sync-refusal.ts), in the
// status line under the toolbar (a polite live region), in the interface language. The shared
// document (elements/core/document-registry.ts) hears the refusal on its websocket provider and
// rolls the change back for every element; this controller only listens for `update-refused`.
import type { ReactiveController } from 'lit';
import { msg } from '../core/i18n.js';
import type { SharedDocument } from '../core/document-registry.js';
import type { Refusal } from '../../domain/sync-refusal.js';
import type { EditorHost } from './editor-host.js';

export class RefusalController implements ReactiveController {
  #document: SharedDocument | null = null;
  /** The last refusal this editor showed (tests and the page may read it). */
  last: Refusal | null = null;

  constructor(private readonly host: EditorHost) {
    host.addController(this);
  }

  hostUpdated(): void {
    this.#listen(this.host.documentState.document ?? null);
  }

  hostDisconnected(): void {
    this.#listen(null);
  }

  #listen(document: SharedDocument | null): void {
    if (document === this.#document) return;
    this.#document?.removeEventListener('update-refused', this.#onRefused);
    this.#document = document;
    document?.addEventListener('update-refused', this.#onRefused);
  }

  readonly #onRefused = (): void => {
    const refusal = this.#document?.lastRefusedUpdate ?? null;
    if (!refusal) return;
    this.last = refusal;
    this.host.say(msg(this.host.session?.lang ?? 'en', `refusal.${refusal.reason}`));
  };
}
