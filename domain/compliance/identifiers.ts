// Identifiers: the classification (group code from the Treasury Board list, two-digit level,
// the letters O and I typed for 0 and 1), the NOC 2021 code and the language profile.
import { LANGS, type Lang } from '../sections.ts';
import { CLASSIFICATION_GROUPS } from './classification-groups.ts';
import { field } from './identification.ts';
import { SOURCES } from './sources.ts';
import { finding, type DocumentPair, type Finding, type Rule, type RuleInfo } from './types.ts';

const base = { family: 'identifiers', languages: ['en', 'fr'] } as const;

const CLASSIFICATION = /^([A-Z]{2,3}(?:-[A-Z]{2,4})?)-(\d{2})$/;

/**
 * The classification as it was probably meant: upper case, one hyphen before the level, the
 * letters O and I (or l) in the level read as 0 and 1, a one-digit level padded; and whether
 * the level had such a letter. Null when even that is not a classification.
 */
export function repairClassification(value: string): { fixed: string; letterInLevel: boolean } | null {
  const m = /^\s*([A-Za-z]{2,3}(?:[-–][A-Za-z]{2,4})?)\s*[-–\s]?\s*([0-9OoIl]{1,2})\s*$/.exec(value);
  if (!m) return null;
  const level = m[2]!.replace(/[Oo]/g, '0').replace(/[Il]/g, '1').padStart(2, '0');
  const fixed = `${m[1]!.toUpperCase().replace('–', '-')}-${level}`;
  return parseClassification(fixed) ? { fixed, letterInLevel: /[OoIl]/.test(m[2]!) } : null;
}

/** The classification's group and level when it is well formed, else null. */
export function parseClassification(value: string): { group: string; level: number } | null {
  const m = CLASSIFICATION.exec(value.trim());
  if (!m || Number(m[2]) > 19) return null;
  return { group: m[1]!, level: Number(m[2]) };
}

/** A rule one identification value breaks, the value as written (or the part that breaks it) and the value probably meant. */
export interface ValueProblem {
  rule: RuleInfo;
  text: string;
  fix?: string;
}

/** What is wrong with a classification (group from the Treasury Board list, level 00 to 19), or null. */
export function classificationProblem(value: string): ValueProblem | null {
  const text = value.trim();
  const parsed = parseClassification(text);
  if (parsed) return CLASSIFICATION_GROUPS.has(parsed.group) ? null : { rule: classificationUnknownGroup, text };
  const repaired = repairClassification(text);
  if (repaired?.letterInLevel) return { rule: classificationLetterForDigit, text, fix: repaired.fixed };
  return repaired ? { rule: classificationFormat, text, fix: repaired.fixed } : { rule: classificationFormat, text };
}

const asFinding = (lang: Lang, problem: ValueProblem) => finding(problem.rule, lang, 'identification', problem.text, problem.fix === undefined ? {} : { fix: problem.fix });

function classificationFindings(pair: DocumentPair, rule: RuleInfo): Finding[] {
  return LANGS.flatMap((lang: Lang) => {
    const value = field(pair[lang], 'classification')?.value.trim();
    const problem = value ? classificationProblem(value) : null;
    return problem?.rule === rule ? [asFinding(lang, problem)] : [];
  });
}

export const classificationFormat: Rule = {
  ...base,
  id: 'identifiers.classification-format',
  severity: 'error',
  source: SOURCES.classificationGroups,
  message: {
    en: 'The classification must be a group code and a two-digit level from 00 to 19, e.g. AS-02 or CS-03.',
    fr: 'La classification doit être un code de groupe suivi d’un niveau à deux chiffres de 00 à 19, p. ex. AS-02 ou CS-03.',
  },
  check: (pair) => classificationFindings(pair, classificationFormat),
};

export const classificationLetterForDigit: Rule = {
  ...base,
  id: 'identifiers.classification-letter-for-digit',
  severity: 'error',
  source: SOURCES.classificationGroups,
  message: {
    en: 'The level of the classification contains the letter O or I where a digit 0 or 1 is meant.',
    fr: 'Le niveau de la classification contient la lettre O ou I au lieu du chiffre 0 ou 1.',
  },
  check: (pair) => classificationFindings(pair, classificationLetterForDigit),
};

export const classificationUnknownGroup: Rule = {
  ...base,
  id: 'identifiers.classification-unknown-group',
  severity: 'error',
  source: SOURCES.classificationGroups,
  message: {
    en: 'This occupational group code is not in the Treasury Board list of occupational groups.',
    fr: 'Ce code de groupe professionnel ne figure pas dans la liste des groupes professionnels du Conseil du Trésor.',
  },
  check: (pair) => classificationFindings(pair, classificationUnknownGroup),
};

/** The NOC code at the start of the field's value (`41400` of `41400 – Economists`), as written. */
export function nocCode(value: string): string | null {
  return /^\s*([0-9A-Za-z]+)/.exec(value)?.[1] ?? null;
}

/** What is wrong with a NOC code (a NOC 2016 code is a warning), or null. */
export function nocProblem(value: string): ValueProblem | null {
  const code = nocCode(value);
  if (!code) return null;
  if (/^\d{4}$/.test(code)) return { rule: nocLegacy, text: code };
  if (/^\d[0-5]\d{3}$/.test(code)) return null;
  const digits = code.replace(/[Oo]/g, '0').replace(/[Il]/g, '1');
  return digits !== code && /^\d[0-5]\d{3}$/.test(digits) ? { rule: nocFormat, text: code, fix: digits } : { rule: nocFormat, text: code };
}

function nocFindings(pair: DocumentPair, rule: RuleInfo): Finding[] {
  return LANGS.flatMap((lang) => {
    const value = field(pair[lang], 'noc')?.value;
    const problem = value ? nocProblem(value) : null;
    return problem?.rule === rule ? [asFinding(lang, problem)] : [];
  });
}

export const nocFormat: Rule = {
  ...base,
  id: 'identifiers.noc-format',
  severity: 'error',
  source: SOURCES.noc,
  message: {
    en: 'A NOC 2021 code has five digits, the second being the TEER category (0 to 5).',
    fr: 'Un code de la CNP 2021 compte cinq chiffres, dont le deuxième est la catégorie FEER (0 à 5).',
  },
  check: (pair) => nocFindings(pair, nocFormat),
};

export const nocLegacy: Rule = {
  ...base,
  id: 'identifiers.noc-legacy',
  severity: 'warning',
  source: SOURCES.noc,
  message: {
    en: 'This is a four-digit NOC 2016 code: use the five-digit NOC 2021 code.',
    fr: 'Ce code à quatre chiffres vient de la CNP 2016 : utilisez le code à cinq chiffres de la CNP 2021.',
  },
  check: (pair) => nocFindings(pair, nocLegacy),
};

/** Unilingual requirements, which have no profile letters. */
const UNILINGUAL = /^(?:english|french|english or french|anglais|français|anglais ou français)\s+essential$|^(?:anglais|français|anglais ou français)\s+essentiel$/i;
/** Three-letter profiles (CBC, or CBC/CBC), each letter A, B, C, P or -. */
const PROFILE_TOKEN = /(?<![\p{L}\p{N}-])[A-Z-]{3}(?![\p{L}\p{N}-])/gu;

/** The three-letter profiles in a language profile value, as written. */
export const profileTokens = (value: string): string[] => value.match(PROFILE_TOKEN) ?? [];

/** What is wrong with a language profile (one problem per distinct wrong profile), or nothing. */
export function languageProfileProblems(value: string): ValueProblem[] {
  const text = value.trim();
  if (!text || UNILINGUAL.test(text)) return [];
  const tokens = profileTokens(text);
  if (tokens.length === 0) return [{ rule: languageProfileFormat, text }];
  return [...new Set(tokens)].flatMap((token) => {
    if (/^[ABCP-]{3}$/.test(token)) return [];
    const level = /[XE]/.test(token) && /^[ABCPXE-]{3}$/.test(token);
    return [{ rule: level ? languageProfileLevel : languageProfileFormat, text: token }];
  });
}

function profileFindings(pair: DocumentPair, rule: RuleInfo): Finding[] {
  return LANGS.flatMap((lang) => {
    const value = field(pair[lang], 'languageProfile')?.value;
    return (value ? languageProfileProblems(value) : []).filter((p) => p.rule === rule).map((p) => asFinding(lang, p));
  });
}

export const languageProfileFormat: Rule = {
  ...base,
  id: 'identifiers.language-profile-format',
  severity: 'error',
  source: SOURCES.languageProfile,
  message: {
    en: 'A language profile is three levels (reading, writing, oral interaction), each A, B, C or P, e.g. BBB/BBB or CBC/CBC, or a unilingual requirement such as "English essential".',
    fr: 'Un profil linguistique compte trois niveaux (compréhension de l’écrit, expression écrite, interaction orale), chacun A, B, C ou P, p. ex. BBB/BBB ou CBC/CBC, ou une exigence unilingue comme « Anglais essentiel ».',
  },
  check: (pair) => profileFindings(pair, languageProfileFormat),
};

export const languageProfileLevel: Rule = {
  ...base,
  id: 'identifiers.language-profile-level',
  severity: 'error',
  source: SOURCES.languageProfile,
  message: {
    en: 'X and E are test results or exemptions, not requirements: a position requires A, B, C or P.',
    fr: 'X et E sont des résultats d’évaluation ou des exemptions, pas des exigences : un poste exige A, B, C ou P.',
  },
  check: (pair) => profileFindings(pair, languageProfileLevel),
};

export const IDENTIFIER_RULES: readonly Rule[] = [classificationFormat, classificationLetterForDigit, classificationUnknownGroup, nocFormat, nocLegacy, languageProfileFormat, languageProfileLevel];
