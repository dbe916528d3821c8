// TBX-Basic (ISO 30042 martif, and the TBX 2019 <tbx> root with conceptEntry/langSec/termSec)
// to glossary entries: one English–French pair per English term and French term of a concept
// entry. XML is parsed by saxes.
//
// Status of a pair, from the French term's administrativeStatus (TBX-Basic's termNote):
//   preferredTerm-admn-sts, admittedTerm-admn-sts or none → approved;
//   deprecatedTerm-admn-sts, supersededTerm-admn-sts → forbidden (never translate the English
//   term that way; the entry's approved French terms are the equivalents).
// An English term that is itself deprecated gives no pair (counted as skipped). Entries without
// an English and a French term are skipped and counted by reason, not errors. The entry's
// subjectField becomes the domain, its definition the notes.
// Errors (nothing is imported): not well-formed XML, a root that is neither martif nor tbx, a
// language tag that is not BCP 47 or not a known language, a term longer than 500 characters.
import { SaxesParser } from 'saxes';
import { escapeXml, languageTagProblem, tmLangOf, type TmxIssue } from './tmx.ts';

export type GlossaryStatus = 'approved' | 'forbidden';

export interface GlossaryEntry {
  line: number;
  termEn: string;
  termFr: string;
  status: GlossaryStatus;
  domain: string | null;
  notes: string | null;
}

export interface TbxReadResult {
  entries: GlossaryEntry[];
  skipped: Record<string, number>;
  errors: TmxIssue[];
}

/** glossary_terms.term_en / term_fr: 1 to 500 characters. */
export const MAX_TERM_CHARACTERS = 500;
const FORBIDDEN_STATUSES = new Set(['deprecatedTerm-admn-sts', 'supersededTerm-admn-sts', 'deprecated', 'superseded']);

interface Term {
  lang: string;
  text: string;
  status: string | null;
  line: number;
}

interface Entry {
  line: number;
  terms: Term[];
  domain: string | null;
  definition: string | null;
}

export function readTbx(xml: string): TbxReadResult {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const entries: GlossaryEntry[] = [];
  const skipped: Record<string, number> = {};
  const errors: TmxIssue[] = [];
  const langs: (string | null)[] = [];
  let entry: Entry | null = null;
  let term: Term | null = null;
  let capture: { kind: 'term' | 'status' | 'domain' | 'definition'; text: string } | null = null;
  let fatal = false;

  const skip = (reason: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };

  parser.on('error', (error) => {
    if (!fatal) errors.push({ line: parser.line, message: `not well-formed XML: ${error.message.replace(/^(?:[^:]*:)?\d+:\d+:\s*/, '')}` });
    fatal = true;
    throw error;
  });
  parser.on('opentag', (tag) => {
    const attrs = tag.attributes;
    const inherited = langs.at(-1) ?? null;
    const lang = attrs['xml:lang'] ?? inherited;
    if (attrs['xml:lang'] !== undefined) {
      const problem = languageTagProblem(attrs['xml:lang']);
      if (problem) errors.push({ line: parser.line, message: problem });
    }
    langs.push(lang);
    if (langs.length === 1 && tag.name !== 'martif' && tag.name !== 'tbx') {
      errors.push({ line: parser.line, message: `<${tag.name}> is not a TBX document (the root must be <martif> or <tbx>)` });
      fatal = true;
      return;
    }
    switch (tag.name) {
      case 'termEntry':
      case 'conceptEntry':
        entry = { line: parser.line, terms: [], domain: null, definition: null };
        return;
      case 'tig':
      case 'ntig':
      case 'termSec':
        if (entry) {
          term = { lang: lang ?? '', text: '', status: null, line: parser.line };
        }
        return;
      case 'term':
        if (term) capture = { kind: 'term', text: '' };
        return;
      case 'termNote':
        if (term && attrs['type'] === 'administrativeStatus') capture = { kind: 'status', text: '' };
        return;
      case 'descrip':
        if (entry && !term && attrs['type'] === 'subjectField') capture = { kind: 'domain', text: '' };
        if (entry && !term && attrs['type'] === 'definition') capture = { kind: 'definition', text: '' };
        return;
      default:
        return;
    }
  });
  parser.on('text', (text) => {
    if (capture) capture.text += text;
  });
  parser.on('closetag', (tag) => {
    langs.pop();
    switch (tag.name) {
      case 'term':
        if (term && capture?.kind === 'term') term.text = capture.text.trim();
        capture = null;
        return;
      case 'termNote':
        if (term && capture?.kind === 'status') term.status = capture.text.trim();
        capture = null;
        return;
      case 'descrip':
        if (entry && capture?.kind === 'domain') entry.domain = capture.text.trim() || null;
        if (entry && capture?.kind === 'definition') entry.definition = capture.text.trim() || null;
        capture = null;
        return;
      case 'tig':
      case 'ntig':
      case 'termSec':
        if (entry && term) {
          if (term.text.length > MAX_TERM_CHARACTERS) {
            errors.push({ line: term.line, message: `term longer than ${MAX_TERM_CHARACTERS} characters` });
          } else if (term.text !== '') {
            entry.terms.push(term);
          }
        }
        term = null;
        return;
      case 'termEntry':
      case 'conceptEntry':
        if (entry) pairsOf(entry, entries, skip);
        entry = null;
        return;
      default:
        return;
    }
  });

  try {
    parser.write(xml.replace(/^\uFEFF/, '')).close();
  } catch {
    // reported through the error handler
  }
  return { entries: errors.length > 0 ? [] : entries, skipped, errors };
}

function pairsOf(entry: Entry, out: GlossaryEntry[], skip: (reason: string) => void) {
  const isForbidden = (term: Term) => term.status !== null && FORBIDDEN_STATUSES.has(term.status);
  const english = entry.terms.filter((term) => tmLangOf(term.lang) === 'en');
  const french = entry.terms.filter((term) => tmLangOf(term.lang) === 'fr');
  if (english.length === 0 || french.length === 0) {
    skip(english.length === 0 && french.length === 0 ? 'no English or French term' : english.length === 0 ? 'no English term' : 'no French term');
    return;
  }
  for (const en of english) {
    if (isForbidden(en)) {
      skip('deprecated English term');
      continue;
    }
    for (const fr of french) {
      out.push({
        line: fr.line,
        termEn: en.text,
        termFr: fr.text,
        status: isForbidden(fr) ? 'forbidden' : 'approved',
        domain: entry.domain,
        notes: entry.definition,
      });
    }
  }
}

// --- Writer --------------------------------------------------------------------------------

export interface GlossaryEntryOut {
  termEn: string;
  termFr: string;
  status: GlossaryStatus;
  domain: string | null;
  notes: string | null;
}

/** The start of a TBX-Basic (martif) document; entries follow, then tbxEnd(). */
export function tbxStart(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en">\n' +
    '  <martifHeader><fileDesc><sourceDesc><p>jd-kit glossary-export</p></sourceDesc></fileDesc></martifHeader>\n' +
    '  <text><body>\n'
  );
}

/**
 * One glossary pair as a concept entry that readTbx reads back to the same pair: the French
 * term's administrativeStatus says approved (preferred) or forbidden (deprecated).
 */
export function tbxEntry(entry: GlossaryEntryOut): string {
  const status = entry.status === 'forbidden' ? 'deprecatedTerm-admn-sts' : 'preferredTerm-admn-sts';
  return (
    '    <termEntry>\n' +
    (entry.domain ? `      <descrip type="subjectField">${escapeXml(entry.domain)}</descrip>\n` : '') +
    (entry.notes ? `      <descrip type="definition">${escapeXml(entry.notes)}</descrip>\n` : '') +
    `      <langSet xml:lang="en"><tig><term>${escapeXml(entry.termEn)}</term></tig></langSet>\n` +
    `      <langSet xml:lang="fr"><tig><term>${escapeXml(entry.termFr)}</term>` +
    `<termNote type="administrativeStatus">${status}</termNote></tig></langSet>\n` +
    '    </termEntry>\n'
  );
}

export function tbxEnd(): string {
  return '  </body></text>\n</martif>\n';
}
