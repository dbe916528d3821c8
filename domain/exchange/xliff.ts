// XLIFF 2.0 of one job description, for translators who work in their own CAT tool: a writer
// (the English text as sources, the French as targets) and a reader that turns a translated
// file back into French text per section, validated against the document it is imported into.
// XML is parsed by saxes (namespace-aware, with lines); this module decides what XLIFF means for
// a job description. Runtime-neutral: the Edge Functions and the tests use it alike.
//
// The shape of the file (urn:oasis:names:tc:xliff:document:2.0, srcLang en-CA, trgLang fr-CA):
//   <file id="f1" original="job-description/<uuid>">   one file: the document, so a file cannot
//                                                       be imported into another document
//     <unit id="section-<sectionId>" name="<kind>">     one unit per English section, in order
//       <notes><note category="section">…</note>        the English heading, as context for the
//                                                       paragraphs (CAT tools show unit notes)
//       <segment id="h">                                the section heading
//       <segment id="p1">, <segment id="p2">, …         the k-th non-empty block (paragraph or
//                                                       list item) of the section
// Why a segment is a block and not a sentence: the French goes back into the document block by
// block (textblock k of the French section gets target pk), which is exact only when segments
// and blocks correspond one to one; French and English sentence counts often differ, so
// sentence segments could not be put back without guessing. Blocks are numbered as the sync
// server's `document_sections` projection numbers them (non-empty blocks, in document order),
// which is what the export reads and what the editor applies to. When the French has more blocks
// than the English, the extra ones are segments with an empty source, so nothing is lost in a
// round trip; a segment without <target> means "no French here" and leaves the French alone.
// Inline markup: the projection the export reads is plain text (marks are not in it), so
// exported segments carry none. In an imported target, the text inside <pc> and <mrk> is kept,
// <cp hex> becomes its character, and the placeholder codes <ph>, <sc>, <ec>, <sm>, <em> are
// dropped (they stand for formatting this text does not carry).
// Whitespace: xml:space="preserve" on <file>, text kept as written, except that a line break in
// a target becomes one space (a block is one line of the projection).
// Errors (the file is refused, nothing is applied) name the line, in English or French (the
// importer's language): not well-formed XML, not
// XLIFF 2.x, source language not English or target language not French, not exactly one
// <file>, a file of another document, a unit that is not a section of the document (or twice),
// a segment id that is not h or p<n> (or twice in a unit), an element not allowed in <target>.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { escapeXml } from '../tm/tmx.ts';
import type { Lang } from '../sections.ts';

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XLIFF_MEDIA_TYPE = 'application/xliff+xml';
/** At most this many errors are reported: the first ones are what a person fixes first. */
export const MAX_XLIFF_ERRORS = 100;
/** A section holds far fewer blocks; a larger number is a mistake in the file. */
export const MAX_BLOCKS_PER_SECTION = 1000;

/** One language's text of a section: its heading and its non-empty blocks, in order. */
export interface SectionText {
  heading: string;
  blocks: string[];
}

export interface XliffSection {
  sectionId: string;
  kind: string;
  en: SectionText;
  /** null when the section has no French yet. */
  fr: SectionText | null;
}

export interface XliffDocument {
  documentId: string;
  sections: readonly XliffSection[];
}

/** The French a file gives a section: null where a segment had no target (or there was none). */
export interface SectionTarget {
  sectionId: string;
  heading: string | null;
  /** blocks[k] is the target of segment p(k+1). */
  blocks: (string | null)[];
}

export interface XliffIssue {
  line: number;
  message: string;
}

export interface XliffReadResult {
  targets: SectionTarget[];
  errors: XliffIssue[];
}

/** The unit id of a section (XLIFF ids are NMTOKENs; section ids are already lower-case tokens). */
export function unitIdOf(sectionId: string): string {
  return `section-${sectionId}`;
}

export function originalOf(documentId: string): string {
  return `job-description/${documentId.toLowerCase()}`;
}

/** A document's sections in the projection's form: `heading` and `body` with one block per line. */
export function sectionTextOf(row: { heading: string | null; body: string | null }): SectionText {
  return { heading: row.heading ?? '', blocks: (row.body ?? '').split('\n').filter((line) => line !== '') };
}

// --- Writer --------------------------------------------------------------------------------

function segment(id: string, source: string, target: string | undefined): string {
  const targetXml = target === undefined ? '' : `<target>${escapeXml(target)}</target>`;
  return `      <segment id="${id}"><source>${escapeXml(source)}</source>${targetXml}</segment>\n`;
}

/** The XLIFF 2.0 file of a document: English sources, French targets where there is French. */
export function writeXliff(document: XliffDocument): string {
  const units = document.sections.map((section) => {
    const fr = section.fr;
    const count = Math.max(section.en.blocks.length, fr?.blocks.length ?? 0);
    let segments = segment('h', section.en.heading, fr ? fr.heading : undefined);
    for (let k = 0; k < count; k++) segments += segment(`p${k + 1}`, section.en.blocks[k] ?? '', fr?.blocks[k]);
    return (
      `    <unit id="${escapeXml(unitIdOf(section.sectionId))}" name="${escapeXml(section.kind)}">\n` +
      `      <notes><note category="section">${escapeXml(section.en.heading)}</note></notes>\n` +
      segments +
      '    </unit>\n'
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<xliff xmlns="${XLIFF_NS}" version="2.0" srcLang="en-CA" trgLang="fr-CA">\n` +
    `  <file id="f1" original="${escapeXml(originalOf(document.documentId))}" xml:space="preserve">\n` +
    units.join('') +
    '  </file>\n' +
    '</xliff>\n'
  );
}

// --- Reader --------------------------------------------------------------------------------

/** The reader's problems in each of the kit's languages (the importer's interface language). */
const PROBLEMS = {
  en: {
    empty: () => 'the file is empty: send the translated XLIFF',
    notWellFormed: (detail: string) => `not well-formed XML: ${detail}`,
    notAllowed: (name: string) => `<${name}> is not allowed in <target>`,
    badCodePoint: (hex: string) => `<cp> needs a hex attribute naming a code point (got ${hex})`,
    root: (got: string) => `the root must be <xliff xmlns="${XLIFF_NS}"> (got ${got})`,
    version: (got: string) => `XLIFF version must be 2.0 or 2.1 (got ${got})`,
    srcLang: (got: string) => `srcLang must be English, e.g. en-CA (got ${got})`,
    trgLang: (got: string) => `trgLang must be French, e.g. fr-CA (got ${got})`,
    twoFiles: () => 'the file holds more than one <file>: export and import one job description at a time',
    otherDocument: (got: string, expected: string) => `this file is of another document (${got}), not ${expected}`,
    unknownUnit: (id: string) => `unit "${id}" is not a section of this document`,
    unitTwice: (id: string) => `unit "${id}" appears twice`,
    segmentId: (id: string) => `segment id "${id}" must be h (the heading) or p1 to p${MAX_BLOCKS_PER_SECTION} (a paragraph)`,
    segmentTwice: (id: string, unit: string) => `segment "${id}" appears twice in unit "${unit}"`,
    targetLang: (got: string) => `a <target> must be French (got xml:lang="${got}")`,
    noRoot: () => 'the file has no <xliff> element',
    noFile: () => 'the file has no <file> element',
    none: 'none',
  },
  fr: {
    empty: () => 'le fichier est vide : envoyez le XLIFF traduit',
    notWellFormed: (detail: string) => `XML mal formé : ${detail}`,
    notAllowed: (name: string) => `<${name}> n’est pas permis dans <target>`,
    badCodePoint: (hex: string) => `<cp> exige un attribut hex qui désigne un point de code (reçu : ${hex})`,
    root: (got: string) => `la racine doit être <xliff xmlns="${XLIFF_NS}"> (reçu : ${got})`,
    version: (got: string) => `la version XLIFF doit être 2.0 ou 2.1 (reçu : ${got})`,
    srcLang: (got: string) => `srcLang doit être l’anglais, p. ex. en-CA (reçu : ${got})`,
    trgLang: (got: string) => `trgLang doit être le français, p. ex. fr-CA (reçu : ${got})`,
    twoFiles: () => 'le fichier contient plus d’un <file> : exportez et importez une description de travail à la fois',
    otherDocument: (got: string, expected: string) => `ce fichier est celui d’un autre document (${got}), pas de ${expected}`,
    unknownUnit: (id: string) => `l’unité « ${id} » n’est pas une section de ce document`,
    unitTwice: (id: string) => `l’unité « ${id} » figure deux fois`,
    segmentId: (id: string) => `l’identifiant de segment « ${id} » doit être h (le titre) ou p1 à p${MAX_BLOCKS_PER_SECTION} (un paragraphe)`,
    segmentTwice: (id: string, unit: string) => `le segment « ${id} » figure deux fois dans l’unité « ${unit} »`,
    targetLang: (got: string) => `un <target> doit être en français (reçu : xml:lang="${got}")`,
    noRoot: () => 'le fichier n’a pas d’élément <xliff>',
    noFile: () => 'le fichier n’a pas d’élément <file>',
    none: 'aucun',
  },
} satisfies Record<Lang, unknown>;

/** What the file is checked against: the document it is imported into. */
export interface XliffExpectation {
  documentId: string;
  /** The document's English section ids (what units may name). */
  sectionIds: ReadonlySet<string>;
  /** The language of the problems' messages (default English). */
  lang?: Lang;
}

const primaryLanguage = (tag: string) => tag.split('-')[0]!.toLowerCase();
/** Inline elements whose text is the target's text. */
const KEEP_TEXT = new Set(['pc', 'mrk']);
/** Inline codes standing for formatting: dropped. */
const DROP = new Set(['ph', 'sc', 'ec', 'sm', 'em']);

interface UnitState {
  target: SectionTarget;
  segmentIds: Set<string>;
}

/** Reads a translated XLIFF 2.0 file; `errors` empty means `targets` may be applied. */
export function readXliff(text: string, expect: XliffExpectation): XliffReadResult {
  const say = PROBLEMS[expect.lang ?? 'en'];
  if (text.trim() === '') return { targets: [], errors: [{ line: 1, message: say.empty() }] };
  const parser = new SaxesParser({ xmlns: true, position: true });
  const errors: XliffIssue[] = [];
  const targets: SectionTarget[] = [];
  const seenUnits = new Set<string>();
  const stack: string[] = [];
  let failed = false;
  let sawRoot = false;
  let files = 0;
  let unit: UnitState | null = null;
  let segmentId: string | null = null;
  /** The target being read (its text so far), and how deep inside it we are. */
  let target: { text: string; depth: number } | null = null;

  const error = (line: number, message: string) => {
    if (errors.length < MAX_XLIFF_ERRORS) errors.push({ line, message });
  };
  const fail = (line: number, message: string) => {
    if (failed) return;
    error(line, message);
    failed = true;
  };

  const attr = (tag: SaxesTagNS, name: string, ns = ''): string | null => {
    for (const a of Object.values(tag.attributes)) if (a.local === name && a.uri === ns) return a.value;
    return null;
  };

  parser.on('error', (e) => fail(parser.line, say.notWellFormed(e.message.replace(/^(?:[^:]*:)?\d+:\d+:\s*/, ''))));

  parser.on('opentag', (tag) => {
    if (failed) return;
    const line = parser.line;
    const parent = stack.at(-1);
    stack.push(tag.uri === XLIFF_NS ? tag.local : `{${tag.uri}}${tag.local}`);
    if (target) {
      target.depth += 1;
      if (tag.uri !== XLIFF_NS || !(KEEP_TEXT.has(tag.local) || DROP.has(tag.local) || tag.local === 'cp')) {
        error(line, say.notAllowed(tag.name));
      } else if (tag.local === 'cp') {
        const code = Number.parseInt(attr(tag, 'hex') ?? '', 16);
        if (Number.isInteger(code) && code >= 0 && code <= 0x10ffff) target.text += String.fromCodePoint(code);
        else error(line, say.badCodePoint(attr(tag, 'hex') ?? say.none));
      }
      return;
    }
    if (!sawRoot) {
      sawRoot = true;
      if (tag.local !== 'xliff' || tag.uri !== XLIFF_NS) return fail(line, say.root(`<${tag.name}>${tag.uri ? ` (${tag.uri})` : ''}`));
      const version = attr(tag, 'version');
      if (version !== '2.0' && version !== '2.1') return fail(line, say.version(version ?? say.none));
      const srcLang = attr(tag, 'srcLang');
      const trgLang = attr(tag, 'trgLang');
      if (!srcLang || primaryLanguage(srcLang) !== 'en') return fail(line, say.srcLang(srcLang ?? say.none));
      if (!trgLang || primaryLanguage(trgLang) !== 'fr') return fail(line, say.trgLang(trgLang ?? say.none));
      return;
    }
    if (tag.uri !== XLIFF_NS) return; // extensions (other namespaces) are allowed and ignored
    if (tag.local === 'file' && parent === 'xliff') {
      files += 1;
      if (files > 1) return error(line, say.twoFiles());
      const original = attr(tag, 'original');
      if (original !== null && original.toLowerCase() !== originalOf(expect.documentId)) {
        error(line, say.otherDocument(original, originalOf(expect.documentId)));
      }
      return;
    }
    if (tag.local === 'unit' && files === 1) {
      const id = attr(tag, 'id') ?? '';
      const sectionId = id.startsWith('section-') ? id.slice('section-'.length) : null;
      unit = null;
      if (sectionId === null || !expect.sectionIds.has(sectionId)) return error(line, say.unknownUnit(id));
      if (seenUnits.has(sectionId)) return error(line, say.unitTwice(id));
      seenUnits.add(sectionId);
      unit = { target: { sectionId, heading: null, blocks: [] }, segmentIds: new Set() };
      targets.push(unit.target);
      return;
    }
    if (tag.local === 'segment' && unit && parent === 'unit') {
      const id = attr(tag, 'id') ?? '';
      const paragraph = /^p([1-9]\d*)$/.exec(id);
      segmentId = null;
      if (id !== 'h' && (!paragraph || Number(paragraph[1]) > MAX_BLOCKS_PER_SECTION)) {
        return error(line, say.segmentId(id));
      }
      if (unit.segmentIds.has(id)) return error(line, say.segmentTwice(id, unitIdOf(unit.target.sectionId)));
      unit.segmentIds.add(id);
      segmentId = id;
      return;
    }
    if (tag.local === 'target' && segmentId !== null && parent === 'segment') {
      const lang = attr(tag, 'lang', XML_NS);
      if (lang !== null && primaryLanguage(lang) !== 'fr') error(line, say.targetLang(lang));
      target = { text: '', depth: 0 };
    }
  });

  parser.on('text', (chunk) => {
    if (target) target.text += chunk;
  });
  parser.on('cdata', (chunk) => {
    if (target) target.text += chunk;
  });

  parser.on('closetag', (tag) => {
    stack.pop();
    if (failed) return;
    if (target) {
      if (target.depth > 0) {
        target.depth -= 1;
        return;
      }
      const text = target.text.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
      target = null;
      if (unit && segmentId !== null) {
        if (segmentId === 'h') unit.target.heading = text;
        else {
          const index = Number(segmentId.slice(1)) - 1;
          while (unit.target.blocks.length < index) unit.target.blocks.push(null);
          unit.target.blocks[index] = text;
        }
      }
      return;
    }
    if (tag.uri !== XLIFF_NS) return;
    if (tag.local === 'segment') segmentId = null;
    else if (tag.local === 'unit') unit = null;
  });

  try {
    parser.write(text).close();
  } catch {
    // reported through the error handler
  }
  if (!failed && !sawRoot) fail(1, say.noRoot());
  if (!failed && sawRoot && files === 0) error(1, say.noFile());
  return errors.length > 0 ? { targets: [], errors } : { targets, errors };
}
