// The plain-text projection of a job description's Y.Doc: one row per (language, section), as
// document_sections stores them for SQL, translation memory, search and compliance. Pure Yjs,
// so the sync server's projection and the browser's live compliance check read the same text.
import * as Y from 'yjs';

export interface SectionRow {
  lang: 'en' | 'fr';
  sectionId: string;
  kind: string;
  position: number;
  heading: string;
  body: string;
}

const BLOCK_SEPARATOR = '\n';

/** Text of an XML node: text runs concatenated (formatting marks dropped), blocks on their own lines. */
function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  }
  if (node instanceof Y.XmlElement) {
    const parts = node.toArray().map((child) => textOf(child as Y.XmlElement | Y.XmlText));
    const inline = parts.length > 0 && node.toArray().every((child) => child instanceof Y.XmlText);
    return parts.filter((p) => p !== '').join(inline ? '' : BLOCK_SEPARATOR);
  }
  return '';
}

/** Sections of one language fragment, in order. Nodes that are not sections with an id are skipped. */
export function projectSections(doc: Y.Doc, lang: 'en' | 'fr'): SectionRow[] {
  const rows: SectionRow[] = [];
  for (const node of doc.getXmlFragment(lang).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'section') continue;
    const sectionId = node.getAttribute('sectionId');
    if (typeof sectionId !== 'string' || sectionId === '') continue;
    const kind = node.getAttribute('kind');
    const children = node.toArray();
    const headingNode = children.find((c) => c instanceof Y.XmlElement && c.nodeName === 'heading');
    const body = children
      .filter((c) => c !== headingNode)
      .map((c) => textOf(c as Y.XmlElement | Y.XmlText))
      .filter((t) => t !== '')
      .join(BLOCK_SEPARATOR);
    rows.push({
      lang,
      sectionId,
      kind: typeof kind === 'string' ? kind : '',
      position: rows.length,
      heading: headingNode ? textOf(headingNode as Y.XmlElement) : '',
      body,
    });
  }
  return rows;
}
