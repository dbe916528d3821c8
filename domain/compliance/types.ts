// The shapes the compliance rules share: a rule's description, a finding, and the parsed job
// description they run on. Runtime-neutral.
import type { Lang } from '../sections.ts';

export type Family = 'structure' | 'identifiers' | 'bilingual' | 'inclusive' | 'plain';
export type Severity = 'error' | 'warning' | 'info';
export type FindingLang = Lang | 'both';
export interface Bilingual {
  en: string;
  fr: string;
}

/** What a rule is, independently of any document: what the findings it makes cite. */
export interface RuleInfo {
  id: string;
  family: Family;
  severity: Severity;
  /** The languages whose text the rule reads (`both` for the bilingual comparisons). */
  languages: readonly FindingLang[];
  /** The directive, act or guide the rule comes from. */
  source: string;
  message: Bilingual;
}

export interface Finding {
  id: string;
  family: Family;
  severity: Severity;
  lang: FindingLang;
  /** The section's stable id (`identification`, `key-activities`, ...) or, for a section that is not a standard one, its heading as written. */
  section: string;
  /** The offending words exactly as in the input, or the name of what is missing. */
  text: string;
  message: Bilingual;
  /** What to write instead, where the rule knows. */
  fix?: string;
  /** The source the rule cites (see RuleInfo.source). */
  source: string;
}

/** One line of a section's body, with where it starts in the input (for highlighting). */
export interface Line {
  text: string;
  /** Offset of the line's first character in the whole input. */
  offset: number;
}

export interface ParsedSection {
  /** The standard section's id when the heading names one, `identification` for the first section, else null. */
  sectionId: string | null;
  heading: Line;
  lines: Line[];
}

export interface IdentificationField {
  /** The key as written (`Language profile`). */
  key: string;
  value: string;
  line: Line;
}

export interface ParsedDocument {
  lang: Lang;
  /** The first section's `Key: value` lines; empty when the first section is not one. */
  identification: IdentificationField[];
  /** The first section, when it is the identification. */
  identificationSection: ParsedSection | null;
  /** The sections after the identification. */
  sections: ParsedSection[];
}

/** A section's label in findings: its standard id, else its heading as written. */
export const sectionLabel = (section: ParsedSection): string => section.sectionId ?? section.heading.text;

/** Builds a finding of `rule` (its id, family, severity, message and source) about `text`. */
export function finding(rule: RuleInfo, lang: FindingLang, section: string, text: string, extra: { fix?: string; message?: Bilingual } = {}): Finding {
  const result: Finding = { id: rule.id, family: rule.family, severity: rule.severity, lang, section, text, message: extra.message ?? rule.message, source: rule.source };
  if (extra.fix !== undefined) result.fix = extra.fix;
  return result;
}

/** The English and French documents of one job description. */
export interface DocumentPair {
  en: ParsedDocument;
  fr: ParsedDocument;
}

/** A rule: its description and what it finds in a pair. */
export interface Rule extends RuleInfo {
  check(pair: DocumentPair): Finding[];
}
