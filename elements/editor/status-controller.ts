// The state of the document as the user needs to see it: whether their changes are saved, being
// sent, kept on the device while offline or reconnecting, or refused (and what to do); and, when
// they cannot edit, why and what would let them.
//
// Screen readers hear the connection status through a polite live region that speaks only once a
// status has held for ANNOUNCE_DELAY_MS: typing flips syncing <-> saved several times a second,
// and announcing each flip would drown what the user is doing. The visible indicator follows at
// once. A refusal is announced at once: it needs the user to act.
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { msg, localeOf, type MessageId } from '../core/i18n.js';
import type { Lang } from '../../domain/sections.js';
import type { SyncStatus } from '../core/document-registry.js';
import type { EditorHost } from './editor-host.js';

/** How long a status must hold before the live region speaks it. */
export const ANNOUNCE_DELAY_MS = 1500;

/** Why the user cannot edit the text here (null: they can). */
export type ReadOnlyReason = 'forced' | 'in_review' | 'approved' | 'archived' | 'viewer' | 'reviewer' | 'other';

export interface StatusHostExtras {
  /** The connection status now. */
  readonly status: SyncStatus;
  /** The page asked for read-only (the `readonly` attribute). */
  readonly readonly: boolean;
}

export interface StatusControllerOptions {
  /** The document's review status (draft, in_review, approved, archived), '' until known. */
  reviewStatus: () => string;
}

const LOCKING_STATUSES = new Set(['in_review', 'approved', 'archived']);

export class StatusController implements ReactiveController {
  #announced = '';
  #pending = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: EditorHost & StatusHostExtras,
    private readonly options: StatusControllerOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#pending = '';
    this.#announced = '';
  }

  hostUpdated(): void {
    const text = this.host.documentState.phase === 'open' ? this.#text(this.#lang) : '';
    if (text === this.#pending) return;
    this.#pending = text;
    clearTimeout(this.#timer);
    const speak = () => {
      if (this.#announced === this.#pending) return;
      this.#announced = this.#pending;
      this.host.requestUpdate();
    };
    if (this.host.status === 'error') speak();
    else this.#timer = setTimeout(speak, ANNOUNCE_DELAY_MS);
  }

  get #lang(): Lang {
    return this.host.session?.lang ?? 'en';
  }

  /** What the indicator says for the status now. */
  #text(lang: Lang): string {
    const status = this.host.status;
    const document = this.host.documentState.document;
    if (status === 'error') return msg(lang, `state.error.${document?.refusal ?? 'unauthorized'}` as MessageId);
    if (status === 'saved' && document?.savedAt) {
      const time = new Intl.DateTimeFormat(localeOf(lang), { timeStyle: 'short' }).format(document.savedAt);
      return msg(lang, 'state.savedAt', { time });
    }
    return msg(lang, `state.${status}`);
  }

  /** The connection indicator: a dot whose colour and shape follow the status, and words that say it. */
  render(lang: Lang): TemplateResult {
    const status = this.host.status;
    return html`<div part="status" data-status=${status} aria-label=${msg(lang, 'state.label')} role="group">
        <span class="dot" aria-hidden="true"></span><span class="text">${this.#text(lang)}</span>
      </div>
      <span class="visually-hidden" role="status">${this.#announced}</span>`;
  }

  /** Why the text is read-only for this user, from the page, the review status and their role. */
  get readOnlyReason(): ReadOnlyReason | null {
    if (this.host.editable) return null;
    if (this.host.readonly) return 'forced';
    // A viewer or reviewer never edits, whatever the status: their role is the reason that holds.
    const role = this.host.documentState.role;
    if (role === 'viewer' || role === 'reviewer') return role;
    const review = this.options.reviewStatus();
    if (LOCKING_STATUSES.has(review)) return review as ReadOnlyReason;
    return 'other';
  }

  /** The read-only notice with its reason and what to do next (`action`: a button that helps, if any). */
  renderReadOnly(lang: Lang, action: TemplateResult | typeof nothing = nothing) {
    const reason = this.readOnlyReason;
    if (reason === null) return nothing;
    // The locked statuses name themselves ("Locked while in review: …"); the others start with "Read only."
    const title = reason === 'viewer' || reason === 'reviewer' || reason === 'forced' ? html`<strong>${msg(lang, 'readOnly.title')}</strong> ` : nothing;
    const text = reason === 'other' ? msg(lang, 'editor.readOnly') : msg(lang, `readOnly.${reason}`);
    return html`<div part="notice" class="read-only" role="status" data-reason=${reason}><p>${title}${text}</p>${action}</div>`;
  }
}
