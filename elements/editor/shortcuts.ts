// The editor's keyboard shortcuts, in ProseMirror keymap notation (Mod is Cmd on Apple devices,
// Ctrl elsewhere). pane.ts binds these and the toolbar's tooltips show them, so the two agree.
export const EDITOR_SHORTCUTS = {
  undo: 'Mod-z',
  redo: 'Mod-y',
  redoAlt: 'Mod-Shift-z',
  bold: 'Mod-b',
  italic: 'Mod-i',
  paragraph: 'Mod-Alt-0',
  heading: 'Mod-Alt-3',
  bulletList: 'Shift-Ctrl-8',
  orderedList: 'Shift-Ctrl-9',
  liftListItem: 'Mod-[',
  sinkListItem: 'Mod-]',
  /** Not a ProseMirror binding: editor.ts matches Ctrl or Cmd with Alt and the M key (by code, so any layout). */
  comment: 'Mod-Alt-m',
  /**
   * Not a ProseMirror binding either: editor.ts matches Ctrl or Cmd with Enter. CAT tools (Trados,
   * memoQ) confirm a segment with it; here ProseMirror's only Mod-Enter command (exitCode, for code
   * blocks, which the schema has none of) never takes it, and the browser inserts nothing.
   */
  confirmPair: 'Mod-Enter',
  /**
   * The next / previous compliance finding underlined in the pane (finding-decorations.ts): VS
   * Code's "Go to Next/Previous Problem in File" keys. No browser binds them; some Linux window
   * managers (GNOME's resize) take Alt+F8 before the page sees it.
   */
  nextFinding: 'Alt-F8',
  previousFinding: 'Shift-Alt-F8',
} as const;
