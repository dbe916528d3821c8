// AI assistance in <jd-editor> (issue 16 item 4). The writer picks a task for the selection (or,
// without one, the section under the caret) of the pane last focused; the suggestion streams in
// from the `ai-assist` function (ai-stream.ts); then:
// - improve and draft-section: an inline word diff (ai-diff.ts), each change accepted or rejected
//   (or all at once); applying puts the accepted changes in ONE ProseMirror transaction in the
//   same pane, so one undo step of this user reverts them all;
// - translate: the other language's section with the same id is filled when it is empty;
//   otherwise the translation is offered for insertion at the cursor of the other pane (never
//   overwriting text a translator already wrote). Either way one transaction, one undo step;
// - check-equivalence: the list the function answers, nothing to apply.
// Cancel (button or Esc) aborts the request; the function then aborts the provider call. Before
// applying, the text sent is checked to be still there (ai-target.ts): a suggestion written for
// text someone changed meanwhile is refused, not forced in. The decision is recorded with
// record_ai_decision (ai_requests: accepted, partially-accepted, rejected; changes counted).
import type { ReactiveController } from 'lit';
import { msg, langOf } from '../core/i18n.js';
import type { Lang } from '../../domain/sections.js';
import { TEXT_TASKS, type AiTask } from '../../domain/ai/assist-types.js';
import { JdSelectionChangeEvent } from '../core/comments-editor.js';
import type { EditorHost } from './editor-host.js';
import { streamAssist, type AssistDone } from './ai-stream.js';
import { acceptedChanges, overallDecision, wordDiff, type Decision, type WordDiff } from './ai-diff.js';
import { applyChanges, currentRange, replaceSectionBody, replaceWithText, sectionIsEmpty, targetOf, type AiTarget } from './ai-target.js';

export type AiPhase =
  | { kind: 'idle' }
  | { kind: 'streaming'; task: AiTask; target: AiTarget; text: string; abort: AbortController }
  /** improve, draft-section: the diff and a decision per change. */
  | { kind: 'review'; task: AiTask; target: AiTarget; suggestion: string; done: AssistDone; diff: WordDiff; decisions: (Decision | null)[] }
  /** translate: where it goes (`section`: the other pane's empty section; `cursor`: the other pane's cursor). */
  | { kind: 'translation'; target: AiTarget; into: Lang; placement: 'section' | 'cursor'; suggestion: string; done: AssistDone }
  | { kind: 'equivalence'; target: AiTarget; suggestion: string; done: AssistDone };

export interface AiNotice {
  kind: 'status' | 'alert';
  text: string;
}

const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'fr' : 'en');

export class AiAssistController implements ReactiveController {
  phase: AiPhase = { kind: 'idle' };
  notice: AiNotice | null = null;
  task: AiTask = 'improve';

  constructor(private readonly host: EditorHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.#onKeydown);
    this.host.addEventListener(JdSelectionChangeEvent.type, this.#onSelection);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.#onKeydown);
    this.host.removeEventListener(JdSelectionChangeEvent.type, this.#onSelection);
    this.cancel();
    this.phase = { kind: 'idle' };
  }

  get #lang(): Lang {
    return this.host.session?.lang ?? langOf(this.host);
  }

  #set(phase: AiPhase, notice: AiNotice | null = this.notice): void {
    this.phase = phase;
    this.notice = notice;
    this.host.requestUpdate();
  }

  #shownWhere = '';

  /** "Works on: the selection / the section" follows the caret of the pane last focused. */
  #onSelection = (): void => {
    const where = `${this.sourceLang}:${this.selectionInSource}`;
    if (where === this.#shownWhere) return;
    this.#shownWhere = where;
    this.host.requestUpdate();
  };

  /** Esc anywhere in the editor stops a suggestion being written. */
  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.phase.kind === 'streaming') {
      event.preventDefault();
      this.cancel();
    }
  };

  /** The pane the task works on: the last focused one. */
  get sourceLang(): Lang | null {
    return this.host.pane()?.lang ?? null;
  }

  /** Whether the task will work on a selection (else on the section under the caret). */
  get selectionInSource(): boolean {
    const pane = this.host.pane();
    return !!pane && !pane.view.state.selection.empty;
  }

  chooseTask(value: string): void {
    if (!(TEXT_TASKS as readonly string[]).includes(value)) return;
    this.task = value as AiTask;
    this.host.requestUpdate();
  }

  /** Asks for a suggestion; resolves once it is shown (or refused, or cancelled). */
  async ask(task: AiTask = this.task): Promise<void> {
    if (this.phase.kind === 'streaming') return;
    const lang = this.#lang;
    const pane = this.host.pane();
    const session = this.host.session;
    if (!pane) return this.#set({ kind: 'idle' }, { kind: 'alert', text: msg(lang, 'ai.problem.noPane') });
    const target = targetOf(pane.view.state, pane.lang);
    if (typeof target === 'string') return this.#set({ kind: 'idle' }, { kind: 'alert', text: msg(lang, `ai.problem.${target}`) });
    if (!session?.functionsUrl || !session.accessToken) return this.#set({ kind: 'idle' }, { kind: 'alert', text: msg(lang, 'ai.network') });
    this.task = task;
    const abort = new AbortController();
    const streaming: AiPhase & { kind: 'streaming' } = { kind: 'streaming', task, target, text: '', abort };
    this.#set(streaming, { kind: 'status', text: msg(lang, 'ai.streaming') });
    const outcome = await streamAssist({
      functionsUrl: session.functionsUrl,
      accessToken: session.accessToken,
      body: { task, text: target.text, from: target.lang, to: otherLang(target.lang), document_id: this.host.documentId, section: target.sectionId },
      signal: abort.signal,
      onDelta: (_piece, soFar) => {
        if (this.phase !== streaming) return;
        streaming.text = soFar;
        this.host.requestUpdate();
      },
    });
    // Cancelled, or the element left the page, meanwhile (the phase is read again: it changes under the await).
    if ((this.phase as AiPhase) !== streaming) return;
    const now = this.#lang;
    if (outcome.kind === 'cancelled') return this.#set({ kind: 'idle' }, { kind: 'status', text: msg(now, 'ai.cancelled') });
    if (outcome.kind === 'error') {
      const text =
        outcome.message !== null
          ? msg(now, 'ai.failed', { message: outcome.message })
          : msg(now, outcome.code === 'incomplete' ? 'ai.incomplete' : outcome.code === 'malformed' ? 'ai.malformed' : 'ai.network');
      return this.#set({ kind: 'idle' }, { kind: 'alert', text });
    }
    const { text: suggestion, done } = outcome;
    if (task === 'check-equivalence') return this.#set({ kind: 'equivalence', target, suggestion, done }, null);
    if (task === 'translate') {
      const into = otherLang(target.lang);
      const other = this.host.pane(into);
      const placement = other && sectionIsEmpty(other.view.state.doc, target.sectionId) ? 'section' : 'cursor';
      return this.#set({ kind: 'translation', target, into, placement, suggestion, done }, null);
    }
    const diff = wordDiff(target.text, suggestion.trim() === '' ? target.text : suggestion);
    const notice = diff.changes.length === 0 ? msg(now, 'ai.noChanges') : msg(now, 'ai.changes', { count: diff.changes.length });
    this.#set({ kind: 'review', task, target, suggestion, done, diff, decisions: diff.changes.map(() => null) }, { kind: 'status', text: notice });
  }

  /** Stops the suggestion being written (the request is aborted). */
  cancel(): void {
    if (this.phase.kind === 'streaming') this.phase.abort.abort();
  }

  /** Accepts or rejects one change of the diff. */
  decide(index: number, decision: Decision): void {
    const phase = this.phase;
    if (phase.kind !== 'review' || index < 0 || index >= phase.decisions.length) return;
    phase.decisions[index] = decision;
    this.host.requestUpdate();
  }

  acceptAll(): Promise<boolean> {
    if (this.phase.kind !== 'review') return Promise.resolve(false);
    this.phase.decisions.fill('accepted');
    return this.apply();
  }

  rejectAll(): Promise<boolean> {
    if (this.phase.kind !== 'review') return Promise.resolve(false);
    this.phase.decisions.fill('rejected');
    return this.apply();
  }

  /** Applies the accepted changes as one undo step (undecided ones count as rejected); false when refused. */
  async apply(): Promise<boolean> {
    const phase = this.phase;
    const lang = this.#lang;
    if (phase.kind !== 'review') return false;
    const summary = overallDecision(phase.diff, phase.decisions);
    const accepted = acceptedChanges(phase.diff, phase.decisions);
    if (accepted.length > 0) {
      const pane = this.host.pane(phase.target.lang);
      if (!pane || !this.host.editable) return this.#refuse(msg(lang, 'ai.readOnly'));
      const range = currentRange(pane.view.state, phase.target);
      if (!range) return this.#refuse(msg(lang, 'ai.stale'));
      this.#dispatchAsOneStep(phase.target.lang, applyChanges(pane.view.state, range, accepted));
    }
    const total = phase.diff.changes.length;
    const text = accepted.length > 0 ? msg(lang, 'ai.applied', { count: accepted.length, total }) : msg(lang, 'ai.rejected');
    this.#set({ kind: 'idle' }, { kind: 'status', text });
    await this.#record(phase.done, summary.decision, summary.accepted, summary.rejected);
    return accepted.length > 0;
  }

  /** Puts the translation in the other pane (its empty section, or its cursor); false when refused. */
  async placeTranslation(): Promise<boolean> {
    const phase = this.phase;
    const lang = this.#lang;
    if (phase.kind !== 'translation') return false;
    const pane = this.host.pane(phase.into);
    if (!pane || !this.host.editable) return this.#refuse(msg(lang, 'ai.readOnly'));
    const state = pane.view.state;
    let tr;
    if (phase.placement === 'section') {
      // Someone may have started the section meanwhile: their text is never replaced.
      if (!sectionIsEmpty(state.doc, phase.target.sectionId)) return this.#refuse(msg(lang, 'ai.stale'));
      tr = replaceSectionBody(state, phase.target.sectionId, phase.suggestion);
    } else tr = replaceWithText(state, state.selection.from, state.selection.to, phase.suggestion);
    this.#dispatchAsOneStep(phase.into, tr);
    this.#set({ kind: 'idle' }, { kind: 'status', text: msg(lang, 'ai.translationPlaced', { lang: msg(lang, `ai.langName.${phase.into}`) }) });
    await this.#record(phase.done, 'accepted', 1, 0);
    return true;
  }

  /** Closes the suggestion without applying it (a translation: recorded as rejected). */
  async dismiss(): Promise<void> {
    const phase = this.phase;
    this.#set({ kind: 'idle' }, null);
    if (phase.kind === 'translation') await this.#record(phase.done, 'rejected', 0, 1);
    if (phase.kind === 'review') await this.#record(phase.done, 'rejected', 0, phase.diff.changes.length);
  }

  #refuse(text: string): boolean {
    this.#set(this.phase, { kind: 'alert', text });
    return false;
  }

  /** The pane the last suggestion was applied to: where Ctrl+Z pressed in the panel undoes. */
  lastAppliedLang: Lang | undefined;

  #dispatchAsOneStep(lang: Lang, tr: ReturnType<typeof replaceWithText> | null): void {
    const pane = this.host.pane(lang);
    if (!pane || !tr) return;
    this.lastAppliedLang = lang;
    // y-prosemirror's UndoManager merges changes made close together: stopping the capture on
    // both sides makes this transaction an undo step of its own.
    const undo = pane.undoManager();
    undo?.stopCapturing();
    pane.view.dispatch(tr.scrollIntoView());
    undo?.stopCapturing();
  }

  async #record(done: AssistDone, decision: 'accepted' | 'partially-accepted' | 'rejected', changesAccepted: number, changesRejected: number): Promise<void> {
    const client = this.host.session?.client;
    if (!client || done.request_id === null) return;
    const args = { request_id: done.request_id, decision, changes_accepted: changesAccepted, changes_rejected: changesRejected };
    // record_ai_decision (h-assist's migration) is called by name; its types come with the regenerated database.types.ts.
    const rpc = client.rpc.bind(client) as unknown as (fn: string, args: object) => PromiseLike<{ error: { message: string } | null }>;
    const { error } = await rpc('record_ai_decision', args);
    if (error) this.#set(this.phase, { kind: 'alert', text: msg(this.#lang, 'ai.recordFailed', { message: error.message }) });
  }
}
