// How an empty job description gets its sections and its identification fields: the same bytes
// on every client and server, so two people (or two sync servers) opening a new document at the
// same moment do not get them twice. Runtime-neutral.
import * as Y from 'yjs';
import { META_IDENTIFICATION_FIELDS, sectionsToJSON, templateSections, type Lang, type MetaIdentificationField, type SectionKind, type SectionSeed, SECTION_KINDS } from './sections.ts';

/** Author id of the initial content. Identical structs from this id merge into one in Yjs. */
const INIT_CLIENT_ID = 1;
/**
 * Author id of the initial identification fields. Not INIT_CLIENT_ID: a document whose content
 * was seeded before meta was gets its meta later, and the same client's clock 0 is taken by then.
 * The lowest id but one also decides conflicts for the person: Yjs keeps, of two concurrent
 * values of a map key, the one of the higher client id, so a value typed before the seed
 * arrived (any random id is higher) stays and the seed's value for that key is dropped.
 */
const INIT_META_CLIENT_ID = 2;

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

/** The document's row as the identification seed reads it (public.job_descriptions and its organization's names). */
export type IdentificationRow = Partial<Record<MetaIdentificationField, string | null>>;

/**
 * The Yjs update that sets the identification fields of `meta` from the document's row: keys in
 * META_FIELDS order, empty values left out, so every seeder of the same row makes the same bytes.
 * Applied to a map that already has a key, it never replaces that key's value (see INIT_META_CLIENT_ID).
 */
export function initialMetaUpdate(row: IdentificationRow): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = INIT_META_CLIENT_ID;
  const meta = doc.getMap('meta');
  doc.transact(() => {
    for (const field of META_IDENTIFICATION_FIELDS) {
      const value = row[field]?.trim();
      if (value) meta.set(field, value);
    }
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Whether the identification seed is in the document already (it is never applied twice, even from a changed row). */
export const hasInitialMeta = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc)).has(INIT_META_CLIENT_ID);

/** Whether a stored update (or a state vector's worth of them) holds the identification seed. */
export const updateHasInitialMeta = (update: Uint8Array) => Y.parseUpdateMeta(update).to.has(INIT_META_CLIENT_ID);

/** Whether a stored state vector covers the identification seed. */
export const stateVectorHasInitialMeta = (stateVector: Uint8Array) => Y.decodeStateVector(stateVector).has(INIT_META_CLIENT_ID);
