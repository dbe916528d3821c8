// What the editor's feature controllers (toolbar, presence, versions, workflow) may use of the
// element: its document, its panes and its status line. Nothing else reaches into it.
import { localeOf } from '../core/i18n.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Lang } from '../../domain/sections.js';
import type { JdSessionState } from '../core/session-context.js';
import type { DocumentController } from '../core/document-controller.js';
import type { Pane } from './pane.js';

export interface EditorHost extends ReactiveControllerHost, HTMLElement {
  readonly documentId: string;
  readonly session: JdSessionState | undefined;
  readonly documentState: DocumentController;
  /** Whether the user can change the document here now. */
  readonly editable: boolean;
  /** Offer "Comment" on the selection. */
  readonly commenting: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The pane of a language (default: the last focused one). */
  pane(lang?: Lang): Pane | undefined;
  /** Undoes this user's last step in a language's pane (default: the last focused one): typing there, or a version restore. */
  undo(lang?: Lang): boolean;
  redo(lang?: Lang): boolean;
  /** Shows a line under the toolbar ('' clears it). */
  say(message: string): void;
  requestComment(): boolean;
  addSection(): string | null;
  /** Adds the sentence pair at the caret to the translation memory (says what happened). */
  confirmPair(): Promise<boolean>;
  /** Why the pair at the caret cannot be added now, in the UI language; null when it can. */
  confirmPairUnavailable(): string | null;
}

/** A date and time in the interface language, or nothing. */
export function formatDate(lang: Lang, iso: string | number | null): { iso: string; text: string } | null {
  if (iso === null || iso === '') return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return { iso: date.toISOString(), text: new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(date) };
}

/** A panel fed by the database (versions, review): of loads that overlap, only the latest answer counts. */
export abstract class RecordsController implements ReactiveController {
  #load = 0;

  constructor(protected readonly host: EditorHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.reset();
  }

  /** Forgets what was loaded (the document closed); answers still on their way are dropped. */
  reset(): void {
    this.#load += 1;
    this.clear();
  }

  protected abstract clear(): void;

  /** A ticket for a new load: check it with `isLatest` after each await. */
  protected nextLoad(): number {
    return ++this.#load;
  }

  protected isLatest(load: number): boolean {
    return load === this.#load;
  }
}
