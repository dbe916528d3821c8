// How an empty job description gets its sections: the same bytes on every client, so two people
// opening a new document at the same moment do not get the sections twice. Runtime-neutral.
import * as Y from 'yjs';
import { sectionsToJSON, templateSections, type Lang, type SectionKind, type SectionSeed, SECTION_KINDS } from './sections.ts';

/** Author id of the initial content. Identical structs from this id merge into one in Yjs. */
const INIT_CLIENT_ID = 1;

interface PmJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmJson[];
  text?: string;
}

function toYNode(node: PmJson): Y.XmlElement | Y.XmlText {
  if (node.type === 'text') return new Y.XmlText(node.text ?? '');
  const element = new Y.XmlElement(node.type);
  for (const [key, value] of Object.entries(node.attrs ?? {})) if (value !== null && value !== undefined) element.setAttribute(key, value as string);
  const children = (node.content ?? []).map(toYNode);
  // y-prosemirror keeps the inline content of a textblock in one XmlText.
  if (children.length) element.insert(0, children);
  return element;
}

/** Section seeds of each language from document_sections rows (the seeded plain text), or the empty template. */
export function seedsFromRows(rows: readonly { lang: string; section_id: string; kind: string; heading: string; body: string }[]): Record<Lang, SectionSeed[]> {
  const pick = (lang: Lang): SectionSeed[] => {
    const own = rows.filter((r) => r.lang === lang);
    if (own.length === 0) return templateSections(lang);
    return own.map((r) => ({
      sectionId: r.section_id,
      kind: ((SECTION_KINDS as readonly string[]).includes(r.kind) ? r.kind : 'custom') as SectionKind,
      heading: r.heading,
      paragraphs: r.body.split('\n').map((p) => p.trim()).filter(Boolean),
    }));
  };
  return { en: pick('en'), fr: pick('fr') };
}

/** The Yjs update that fills empty `en` and `fr` fragments with these sections. */
export function initialContentUpdate(seeds: Record<Lang, readonly SectionSeed[]>): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = INIT_CLIENT_ID;
  doc.transact(() => {
    for (const lang of ['en', 'fr'] as const) {
      const json = sectionsToJSON(seeds[lang]) as PmJson;
      doc.getXmlFragment(lang).insert(0, (json.content ?? []).map(toYNode));
    }
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Whether both language fragments are still empty. */
export const isEmptyDocument = (doc: Y.Doc) => doc.getXmlFragment('en').length === 0 && doc.getXmlFragment('fr').length === 0;
