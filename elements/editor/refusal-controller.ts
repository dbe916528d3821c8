// Hears the sync server's refusals (domain/sync-refusal.ts) on the document's websocket
// provider: the refused change is undone on this device (refusal-rollback.ts) and the status
// line under the toolbar (a polite live region) says why, in the interface language.
// The hook is y-websocket's own: each WebsocketProvider has a `messageHandlers` table indexed by
// message type, copied per provider, so adding the refusal type touches no other provider.
import type { ReactiveController } from 'lit';
import type { WebsocketProvider } from 'y-websocket';
import type * as decoding from 'lib0/decoding';
import { msg } from '../core/i18n.js';
import { readRefusal, REFUSAL_MESSAGE_TYPE, type Refusal } from '../../domain/sync-refusal.js';
import type { EditorHost } from './editor-host.js';
import { rollBackRefused } from './refusal-rollback.js';

type MessageHandler = WebsocketProvider['messageHandlers'][number];

export class RefusalController implements ReactiveController {
  #provider: WebsocketProvider | null = null;
  /** The last refusal this editor showed (tests and the page may read it). */
  last: Refusal | null = null;

  constructor(private readonly host: EditorHost) {
    host.addController(this);
  }

  hostUpdated(): void {
    // The provider is made when the document connects and remade when the sync URL changes.
    this.#listen(this.host.documentState.document?.websocket ?? null);
  }

  hostDisconnected(): void {
    this.#listen(null);
  }

  #listen(provider: WebsocketProvider | null): void {
    if (provider === this.#provider) return;
    if (this.#provider && this.#provider.messageHandlers[REFUSAL_MESSAGE_TYPE] === this.#handler) {
      // Back to "no handler": the provider skips the message as stock clients do.
      delete this.#provider.messageHandlers[REFUSAL_MESSAGE_TYPE];
    }
    this.#provider = provider;
    if (provider) provider.messageHandlers[REFUSAL_MESSAGE_TYPE] = this.#handler;
  }

  readonly #handler: MessageHandler = (_encoder, decoder: decoding.Decoder, provider) => {
    let refusal: Refusal;
    try {
      refusal = readRefusal(decoder);
    } catch (error) {
      // A message this client cannot read: not worth dropping the connection over.
      console.warn('jd-editor: unreadable refusal from the sync server', error);
      return;
    }
    this.last = refusal;
    // Heard again after a reconnect (the sync step re-sends what the server lacks): nothing left to undo, nothing to say.
    if (!rollBackRefused(provider.doc, provider.awareness, refusal, provider)) return;
    this.host.say(msg(this.host.session?.lang ?? 'en', `refusal.${refusal.reason}`));
  };
}
