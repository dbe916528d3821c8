// The word diff of an AI suggestion against the text it was asked about (issue 16 item 4): the
// `diff` package's diffWordsWithSpace, grouped into changes the writer accepts or rejects one by
// one. Removed and added words that touch (nothing unchanged between them) are ONE change, a
// replacement: accepting "oversees" → "supervises" is one decision, not two. Nor does a lone space
// split a change: "staff" → "the team" stays one change although the diff keeps the space between
// "the" and "team" as unchanged (a space followed by words only added, or only removed, continues
// the change before it; a space followed by another replacement separates two changes).
// Runtime-neutral.
import { diffWordsWithSpace } from 'diff';

/** One accept-or-reject-able change: `removed` at [start, end) of the original becomes `added`. */
export interface WordChange {
  kind: 'change';
  /** 0-based, in reading order. */
  index: number;
  /** Offsets in the original text. */
  start: number;
  end: number;
  removed: string;
  added: string;
}

/** The suggestion as the panel shows it: unchanged text and changes, in reading order. */
export type DiffSegment = { kind: 'same'; text: string } | WordChange;

export interface WordDiff {
  segments: DiffSegment[];
  changes: WordChange[];
}

export type Decision = 'accepted' | 'rejected';

/** Whether the changed parts from `i` on (up to the next unchanged part) are all additions or all removals. */
function oneSidedRunAt(parts: readonly { added: boolean; removed: boolean }[], i: number): boolean {
  let added = false;
  let removed = false;
  for (let j = i; j < parts.length && (parts[j]!.added || parts[j]!.removed); j++) {
    added ||= parts[j]!.added;
    removed ||= parts[j]!.removed;
  }
  return added !== removed;
}

/** Words of `original` and `suggestion` compared; touching removals and additions grouped. */
export function wordDiff(original: string, suggestion: string): WordDiff {
  const segments: DiffSegment[] = [];
  const changes: WordChange[] = [];
  let offset = 0;
  let open: WordChange | null = null;
  const parts = diffWordsWithSpace(original, suggestion);
  parts.forEach((part, i) => {
    const next = parts[i + 1];
    if (open && !part.added && !part.removed && /^\s+$/.test(part.value) && next && oneSidedRunAt(parts, i + 1)) {
      open.removed += part.value;
      open.added += part.value;
      offset += part.value.length;
      open.end = offset;
      return;
    }
    if (!part.added && !part.removed) {
      open = null;
      segments.push({ kind: 'same', text: part.value });
      offset += part.value.length;
      return;
    }
    if (!open) {
      open = { kind: 'change', index: changes.length, start: offset, end: offset, removed: '', added: '' };
      changes.push(open);
      segments.push(open);
    }
    if (part.removed) {
      open.removed += part.value;
      offset += part.value.length;
      open.end = offset;
    } else open.added += part.value;
  });
  return { segments: segments.flatMap(withoutSharedTrailingSpace), changes };
}

/** "staff " → "the team " is "staff" → "the team" followed by an unchanged space. */
function withoutSharedTrailingSpace(segment: DiffSegment): DiffSegment[] {
  if (segment.kind === 'same') return [segment];
  const shared = /\s+$/.exec(segment.removed)?.[0] ?? '';
  if (!shared || !segment.added.endsWith(shared) || shared.length === segment.removed.length || shared.length === segment.added.length) return [segment];
  segment.removed = segment.removed.slice(0, -shared.length);
  segment.added = segment.added.slice(0, -shared.length);
  segment.end -= shared.length;
  return [segment, { kind: 'same', text: shared }];
}

/** The text once the decisions are applied (an undecided change counts as rejected). */
export function resultingText(original: string, diff: WordDiff, decisions: readonly (Decision | null)[]): string {
  let text = '';
  let offset = 0;
  for (const change of diff.changes) {
    text += original.slice(offset, change.start) + (decisions[change.index] === 'accepted' ? change.added : change.removed);
    offset = change.end;
  }
  return text + original.slice(offset);
}

/** The accepted changes, last first (so applying one leaves the offsets of the others valid). */
export function acceptedChanges(diff: WordDiff, decisions: readonly (Decision | null)[]): WordChange[] {
  return diff.changes.filter((change) => decisions[change.index] === 'accepted').reverse();
}

/** What ai_requests records: accepted (all), partially-accepted, rejected (none). */
export function overallDecision(diff: WordDiff, decisions: readonly (Decision | null)[]): { decision: 'accepted' | 'partially-accepted' | 'rejected'; accepted: number; rejected: number } {
  const accepted = diff.changes.filter((change) => decisions[change.index] === 'accepted').length;
  const rejected = diff.changes.length - accepted;
  const decision = accepted === 0 ? 'rejected' : rejected === 0 ? 'accepted' : 'partially-accepted';
  return { decision, accepted, rejected };
}
