// What panels beside an editor (comments today; TM matches, AI suggestions and compliance
// findings next) may ask of it, and the typed events through which it tells them what happens in
// its text. `<jd-editor>` implements the interface and publishes itself on the session's shared
// document (SharedDocument.editor) when its panes are ready: panels never search the page for it.
import type { Lang } from '../../domain/sections.js';
import type { EncodedAnchor } from '../../domain/comment-anchors.js';
import { JdEvent } from './jd-event.js';

// The events this module declares, typed for addEventListener on any element or document.
declare global {
  interface GlobalEventHandlersEventMap {
    'jd-ready': JdReadyEvent;
    'jd-selection-change': JdSelectionChangeEvent;
    'jd-decoration-hover': JdDecorationHoverEvent;
  }
}

/** A decorated range: what `decorate` takes. `kind` becomes the class `jd-range-<kind>`. */
export interface DecorationSpec {
  id: string;
  from: number;
  to: number;
  kind?: string;
  title?: string;
}

export interface CommentsEditor extends HTMLElement {
  documentId: string;
  /** Offer "Comment" on the selection (set by a linked comments panel when the user may comment). */
  commenting: boolean;
  /** Whether both panes are mounted (after `jd-ready`). */
  readonly ready: boolean;
  anchorRange(lang: Lang, anchor: EncodedAnchor): { from: number; to: number } | null;
  revealRange(lang: Lang, from: number, to: number, options?: { focus?: boolean }): void;
  decorate(lang: Lang, ranges: readonly DecorationSpec[]): void;
  undecorate(lang: Lang, ids?: readonly string[] | null): void;
  decorationPositions(lang: Lang): Map<string, { from: number; to: number }>;
}

/** The editor's panes are mounted: its text API answers from now on. */
export class JdReadyEvent extends JdEvent {
  static readonly type = 'jd-ready';
  constructor() { super(JdReadyEvent.type); }
}

/** The selection (or caret, `from === to`) of the focused pane changed, or a pane got the focus. */
export class JdSelectionChangeEvent extends JdEvent {
  static readonly type = 'jd-selection-change';
  constructor(readonly lang: Lang, readonly from: number, readonly to: number, readonly head: number) { super(JdSelectionChangeEvent.type); }
}

/** The pointer went over a decorated range (its `id` as given to `decorate`). */
export class JdDecorationHoverEvent extends JdEvent {
  static readonly type = 'jd-decoration-hover';
  constructor(readonly lang: Lang, readonly decorationId: string) { super(JdDecorationHoverEvent.type); }
}
