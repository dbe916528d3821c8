// The workbench's state: the alignments the user can read, the one open, its pairs and the undo
// stack. Every change (merge, split, re-link, confirm, undo) is saved at once, in order, through
// alignment_save_pairs; a save that fails puts back the pairs last saved and says why.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/database.types.js';
import { alignTexts } from '../../../domain/align/documents.js';
import { createAlignment, listAlignments, loadPairs, savePairs, type AlignmentSummary } from './alignment-store.js';
import type { WorkPair } from './pairs.js';

export type WorkbenchPhase = 'idle' | 'loading' | 'ready' | 'error';

interface Host extends ReactiveControllerHost {
  readonly client: SupabaseClient<Database> | null;
  readonly userId: string | null;
}

/** Undo goes back this many steps. */
const UNDO_DEPTH = 100;

export class WorkbenchController implements ReactiveController {
  phase: WorkbenchPhase = 'idle';
  alignments: AlignmentSummary[] = [];
  current: AlignmentSummary | null = null;
  pairs: readonly WorkPair[] = [];
  /** Why the last load or save failed (the database's words), or null. */
  failure: string | null = null;
  /** Warnings of the last alignment of pasted texts (an empty side, differing section counts). */
  warnings: string[] = [];
  saving = false;

  #undo: (readonly WorkPair[])[] = [];
  #saved: readonly WorkPair[] = [];
  #queue: Promise<void> = Promise.resolve();

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {}

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  /** Resolves once every change made so far is saved (or has failed). */
  whenSaved(): Promise<void> {
    return this.#queue;
  }

  /** Reads the list of alignments the user can read. */
  async refresh(): Promise<void> {
    const client = this.host.client;
    if (!client) return;
    try {
      this.alignments = await listAlignments(client);
      if (this.phase === 'error' && !this.current) this.phase = 'idle';
    } catch (error) {
      this.#failed(error);
    }
    this.host.requestUpdate();
  }

  /** Opens an alignment of the list. */
  async open(id: string): Promise<void> {
    const client = this.host.client;
    const alignment = this.alignments.find((a) => a.id === id);
    if (!client || !alignment) return;
    this.#start();
    try {
      const pairs = await loadPairs(client, alignment);
      this.#show(alignment, pairs);
    } catch (error) {
      this.#failed(error);
    }
    this.host.requestUpdate();
  }

  /** Aligns two pasted texts in the browser, saves the alignment as the user, and opens it. */
  async alignPasted(en: string, fr: string, names: { en: string; fr: string }): Promise<void> {
    const client = this.host.client;
    const userId = this.host.userId;
    if (!client || !userId) return;
    this.#start();
    try {
      const aligned = alignTexts(en, fr);
      const pairs: WorkPair[] = aligned.beads.map((bead) => ({ en: bead.en, fr: bead.fr, score: bead.score, status: 'pending' }));
      const alignment = await createAlignment(client, userId, names, pairs);
      this.alignments = [alignment, ...this.alignments.filter((a) => a.id !== alignment.id)];
      this.#show(alignment, pairs);
      this.warnings = aligned.warnings;
    } catch (error) {
      this.#failed(error);
    }
    this.host.requestUpdate();
  }

  /** Replaces the pairs by `next` as one undoable step, and saves. */
  apply(next: readonly WorkPair[]): Promise<void> {
    this.#undo.push(this.pairs);
    if (this.#undo.length > UNDO_DEPTH) this.#undo.shift();
    return this.#change(next);
  }

  /** Goes back one step (and saves): false when there is nothing to undo. */
  undo(): boolean {
    const previous = this.#undo.pop();
    if (!previous) return false;
    void this.#change(previous);
    return true;
  }

  #change(next: readonly WorkPair[]): Promise<void> {
    this.pairs = next;
    this.failure = null;
    this.host.requestUpdate();
    const alignment = this.current;
    const client = this.host.client;
    if (!alignment || !client) return this.#queue;
    this.#queue = this.#queue.then(async () => {
      this.saving = true;
      this.host.requestUpdate();
      try {
        await savePairs(client, alignment, next);
        this.#saved = next;
      } catch (error) {
        // The database has the pairs last saved: so does the screen, and the step is not undoable.
        if (this.current === alignment) {
          this.pairs = this.#saved;
          this.#undo.pop();
        }
        this.failure = error instanceof Error ? error.message : String(error);
      } finally {
        this.saving = false;
        this.host.requestUpdate();
      }
    });
    return this.#queue;
  }

  #start(): void {
    this.phase = 'loading';
    this.failure = null;
    this.warnings = [];
    this.host.requestUpdate();
  }

  #show(alignment: AlignmentSummary, pairs: readonly WorkPair[]): void {
    this.current = alignment;
    this.pairs = pairs;
    this.#saved = pairs;
    this.#undo = [];
    this.phase = 'ready';
  }

  #failed(error: unknown): void {
    this.failure = error instanceof Error ? error.message : String(error);
    this.phase = this.current ? 'ready' : 'error';
  }
}
