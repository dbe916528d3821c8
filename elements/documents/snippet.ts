// The snippets of search_documents are plain text whose highlighted words sit between two
// private-use characters (the database removes them from the text first). They are split here
// into pieces that the element renders as text, never as HTML, so markup in a body cannot inject.

/** Starts a highlighted run (U+E000). */
export const SNIPPET_MARK_START = '\uE000';
/** Ends a highlighted run (U+E001). */
export const SNIPPET_MARK_END = '\uE001';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** The snippet as text pieces, highlighted or not, in order; stray markers are dropped. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let text = '';
  const flush = () => {
    if (text) parts.push({ text, match });
    text = '';
  };
  for (const ch of snippet) {
    if (ch === SNIPPET_MARK_START || ch === SNIPPET_MARK_END) {
      flush();
      match = ch === SNIPPET_MARK_START;
    } else {
      text += ch;
    }
  }
  flush();
  return parts;
}
