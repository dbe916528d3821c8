// The plain-text projection of a job description: one row per (language, section) in
// document_sections, which SQL, translation memory, search and compliance read without Yjs.
import * as Y from 'yjs';
import type { SyncDatabase } from './sql-access.js';

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

/**
 * Replaces the document's rows with the current projection in one transaction. A document
 * with no section in either language has not been initialised from its stored sections yet
 * (the editor does that on first open): its rows are left as they are, never wiped.
 */
export async function writeSections(db: SyncDatabase, documentId: string, rows: SectionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.asService(async (tx) => {
    await tx.query('delete from public.document_sections where document_id = $1::uuid', [documentId]);
    const params: unknown[] = [documentId];
    const values = rows.map((r) => {
      params.push(r.lang, r.sectionId, r.kind, r.position, r.heading, r.body);
      const p = params.length;
      return `($1::uuid, $${p - 5}, $${p - 4}, $${p - 3}, $${p - 2}::int, $${p - 1}, $${p}, now())`;
    });
    await tx.query(
      `insert into public.document_sections (document_id, lang, section_id, kind, position, heading, body, updated_at) values ${values.join(', ')}`,
      params,
    );
  });
}
