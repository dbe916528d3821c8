// Which identification fields of the shared document's `meta` map may be written to their
// job_descriptions columns: a value the identification rules (compliance/identifiers.ts, the
// same check the editor's form shows) call an error, or that the column's CHECK would refuse, is
// not stored: the row keeps its last good value and the form keeps showing the problem.
// Runtime-neutral: the sync server's projection uses it.
import { classificationProblem, languageProfileProblems, nocCode, nocProblem } from './compliance/identifiers.ts';
import type { MetaIdentificationField } from './sections.ts';

/** The identification fields that are columns of job_descriptions (the department is the organization's name, not a column). */
export const IDENTIFICATION_COLUMNS = ['title_en', 'title_fr', 'classification', 'noc_code', 'position_number', 'language_profile'] as const satisfies readonly MetaIdentificationField[];
export type IdentificationColumn = (typeof IDENTIFICATION_COLUMNS)[number];

/** The columns' CHECK constraints (supabase/migrations/20261123100200_documents.sql), so a refused value never fails the whole write. */
const COLUMN_FORMAT: Record<IdentificationColumn, (value: string) => boolean> = {
  title_en: (v) => v.length <= 300,
  title_fr: (v) => v.length <= 300,
  classification: (v) => /^[A-Z]{2,3}(-[A-Z]{2,4})?-(0[0-9]|1[0-9])$/.test(v),
  noc_code: (v) => /^[0-9]{4,5}$/.test(v),
  position_number: (v) => /^[A-Za-z0-9][A-Za-z0-9 -]{0,29}$/.test(v),
  language_profile: (v) => /^[ABCEP]{3}(\/[ABCEP]{3})?$/.test(v),
};

/** The value as stored: the NOC field may hold "41400 – Economists", whose code is the column. */
const STORED_FORM: Partial<Record<IdentificationColumn, (value: string) => string>> = {
  noc_code: (v) => nocCode(v) ?? v,
};

/** Whether the identification rules call the value an error (a warning, like a NOC 2016 code, is still stored). */
const RULE_ERROR: Partial<Record<IdentificationColumn, (value: string) => boolean>> = {
  classification: (v) => classificationProblem(v) !== null,
  noc_code: (v) => nocProblem(v)?.rule.severity === 'error',
  language_profile: (v) => languageProfileProblems(v).some((p) => p.rule.severity === 'error'),
};

export interface IdentificationRowUpdate {
  /** The columns to write: a trimmed value, or null for a field emptied in the editor. */
  values: Partial<Record<IdentificationColumn, string | null>>;
  /** The fields whose value was refused, with that value (the row keeps what it had). */
  refused: Partial<Record<IdentificationColumn, string>>;
}

/**
 * The columns to write from a `meta` map's values. A key the map does not hold (a document whose
 * identification was never seeded) is left out, so an empty map never wipes the row.
 */
export function identificationRowUpdate(meta: Readonly<Record<string, unknown>>): IdentificationRowUpdate {
  const update: IdentificationRowUpdate = { values: {}, refused: {} };
  for (const column of IDENTIFICATION_COLUMNS) {
    const raw = meta[column];
    if (typeof raw !== 'string') continue;
    const trimmed = raw.trim();
    if (trimmed === '') {
      update.values[column] = null;
      continue;
    }
    const stored = STORED_FORM[column]?.(trimmed) ?? trimmed;
    if (RULE_ERROR[column]?.(trimmed) || !COLUMN_FORMAT[column](stored)) update.refused[column] = trimmed;
    else update.values[column] = stored;
  }
  return update;
}
