// This user's version restores, in the order of the panes' own undo history. A restore is one
// Yjs transaction over both languages and the identification fields, so it has an UndoManager of
// its own: a pane's y-prosemirror UndoManager tracks only that pane's typing, and Ctrl+Z there
// used to skip the restore altogether. Each restore (and each undo or redo of one) notes how deep
// every pane's undo stack was at that moment; while a pane's stack is that deep again (nothing
// typed there since, or all of it undone), the restore is this user's latest step in that pane,
// and Ctrl+Z there reverts it (Ctrl+Y brings it back the same way).
import * as Y from 'yjs';
import type { Lang } from '../../domain/sections.js';
import type { HistoryAction } from './history-shortcut.js';

/** The origin of a restore's transaction: this history tracks it, and nothing else. */
const RESTORE_ORIGIN = Symbol('jd-version-restore');

/** How deep each pane's undo stack was when a restore was made, undone or redone. */
export type UndoDepths = Readonly<Record<Lang, number>>;

interface RestoreStep {
  /** The restored version's name, for what the editor says. */
  name: string;
  depths: UndoDepths;
}

export class RestoreHistory {
  readonly #manager: Y.UndoManager;
  #undoable: RestoreStep[] = [];
  #redoable: RestoreStep[] = [];

  /** `scope`: every type a restore changes (both panes' fragments and the fields' map). */
  constructor(
    readonly doc: Y.Doc,
    scope: ConstructorParameters<typeof Y.UndoManager>[0],
  ) {
    this.#manager = new Y.UndoManager(scope, { trackedOrigins: new Set([RESTORE_ORIGIN]), captureTimeout: 0 });
  }

  /** Makes `change` one restore, named after the version it restores; what was undone before can no longer be redone. */
  restore(name: string, depths: UndoDepths, change: () => void): void {
    this.#manager.stopCapturing();
    this.doc.transact(change, RESTORE_ORIGIN);
    this.#manager.stopCapturing();
    this.#undoable.push({ name, depths });
    this.#redoable = [];
  }

  /** The name of the restore an undo would revert, or null when there is none. */
  get latest(): string | null {
    return this.#undoable.at(-1)?.name ?? null;
  }

  /** Whether a restore is the next step of `action` in `lang`'s pane, whose undo stack is `depth` deep now. */
  isNextIn(action: HistoryAction, lang: Lang, depth: number): boolean {
    const step = (action === 'undo' ? this.#undoable : this.#redoable).at(-1);
    return step !== undefined && step.depths[lang] === depth;
  }

  /** Reverts the latest restore; returns its name, or null when there was nothing to revert. */
  undo(depths: UndoDepths): string | null {
    return this.#move(this.#undoable, this.#redoable, depths, () => this.#manager.undo());
  }

  /** Brings back the restore last reverted; returns its name, or null when there was none. */
  redo(depths: UndoDepths): string | null {
    return this.#move(this.#redoable, this.#undoable, depths, () => this.#manager.redo());
  }

  destroy(): void {
    this.#manager.destroy();
    this.#undoable = [];
    this.#redoable = [];
  }

  #move(from: RestoreStep[], to: RestoreStep[], depths: UndoDepths, step: () => unknown): string | null {
    const top = from.at(-1);
    if (!top || step() === null) return null;
    from.pop();
    to.push({ name: top.name, depths });
    return top.name;
  }
}
