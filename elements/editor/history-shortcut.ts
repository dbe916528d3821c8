// Ctrl+Z / Ctrl+Y (Cmd on Apple devices) pressed in a panel beside the text, after one of its
// buttons changed the text (<jd-compliance>'s "Apply fix" and "Apply rewrite", the AI panel's
// "Apply"): focus is then on the panel, where ProseMirror's keymap never sees the keys, so the
// shortcut did nothing (or reached the browser's own undo). The panels pass it on to the
// editor's per-user undo (y-prosemirror's UndoManager of the pane) instead.
export type HistoryAction = 'undo' | 'redo';

/** Whether an element keeps its own native undo (a text field the user types in). */
function hasOwnUndo(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type));
}

/**
 * The history action a keydown asks for (the editor's bindings, editor/shortcuts.ts: Mod-z, Mod-y,
 * Mod-Shift-z), or null when it asks for none or lands in a text field, whose own undo it belongs to.
 */
export function historyActionOf(event: KeyboardEvent): HistoryAction | null {
  const mod = event.ctrlKey || event.metaKey;
  if (!mod || event.altKey || hasOwnUndo(event.composedPath()[0])) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return null;
}
