// Which editor a panel works with: the one given explicitly, else the one the session's shared
// document names (SharedDocument.editor, set by `<jd-editor>` once its panes are ready). Panels
// (<jd-comments>, <jd-concordance>) follow the slot through this, never by searching the page.
import type { SharedDocument } from './document-registry.js';
import type { CommentsEditor } from './comments-editor.js';

export class EditorSlot {
  #document: SharedDocument | null = null;
  #stop: (() => void) | null = null;

  /** `onChange`: another editor took the document's slot (the host re-renders and links again). */
  constructor(private readonly onChange: () => void) {}

  /** Follows `document`'s editor slot (null: none); returns the editor to work with: `given`, else the slot's. */
  follow(document: SharedDocument | null, given: CommentsEditor | null): CommentsEditor | null {
    if (document !== this.#document) {
      this.#stop?.();
      this.#stop = null;
      this.#document = document;
      if (document) {
        const onEditor = () => this.onChange();
        document.addEventListener('editor-change', onEditor);
        this.#stop = () => document.removeEventListener('editor-change', onEditor);
      }
    }
    return document ? (given ?? document.editor) : null;
  }
}
