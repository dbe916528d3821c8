// `npm run --silent check -- EN_FILE FR_FILE [--glossary FILE.tbx]`: the compliance rules on an English and a French
// job description in the plain-text format (UTF-8; sections separated by blank lines, a
// section's first line its heading; the first section the position identification as
// `Key: value` lines). Prints the findings as a JSON array and exits 0, findings or not; exits 2
// with a message on stderr when the arguments or the files cannot be used. `--glossary` replaces
// the built-in glossary of the terminology rule (bilingual.glossary) with a TBX-Basic file's
// approved and forbidden pairs (domain/tm/tbx.ts).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkTexts, rulesWithGlossary } from '../domain/compliance/check.js';
import { termsFromTbx } from '../domain/compliance/glossary.js';
import type { Rule } from '../domain/compliance/types.js';
import { readTbx } from '../domain/tm/tbx.js';
import { readTextInput, UnreadableInput, type UnreadableReason } from './text-input.js';

const USAGE = 'usage: npm run --silent check -- EN_FILE FR_FILE [--glossary FILE.tbx]';

export class InputError extends Error {}

const REASONS: Record<UnreadableReason, string> = {
  missing: 'no such file',
  directory: 'is a directory',
  permission: 'permission denied',
  'not-utf8': 'not valid UTF-8 text',
  binary: 'contains NUL bytes, not a text file',
  other: '',
};

/** The text of a job description file, or an InputError saying what is wrong with it. */
export function readJobDescription(path: string, label: string): string {
  try {
    return readTextInput(path);
  } catch (error) {
    if (!(error instanceof UnreadableInput)) throw error;
    throw new InputError(`cannot read ${label} ${path}: ${REASONS[error.reason] || error.detail}`);
  }
}

/** The rules with the glossary of a TBX file, or an InputError naming the file and the line. */
export function rulesWithTbx(path: string): Rule[] {
  let xml: string;
  try {
    xml = readTextInput(path);
  } catch (error) {
    if (!(error instanceof UnreadableInput)) throw error;
    throw new InputError(`cannot read the glossary ${path}: ${REASONS[error.reason] || error.detail}`);
  }
  const { entries, errors } = readTbx(xml);
  if (errors.length > 0) throw new InputError(`the glossary ${path} is not a usable TBX file: line ${errors[0]!.line}: ${errors[0]!.message}`);
  return rulesWithGlossary(termsFromTbx(entries));
}

export function main(args: readonly string[]): { stdout: string; stderr: string; exitCode: number } {
  let files: string[];
  let glossary: string | undefined;
  try {
    const parsed = parseArgs({ args: [...args], options: { glossary: { type: 'string' } }, allowPositionals: true, strict: true });
    files = parsed.positionals;
    glossary = parsed.values.glossary;
  } catch (error) {
    return { stdout: '', stderr: `check: ${(error as Error).message}\n${USAGE}\n`, exitCode: 2 };
  }
  if (files.length !== 2 || files.some((a) => a === '' || a.startsWith('-')) || glossary === '') {
    return { stdout: '', stderr: `check: expected two files, the English and the French job description\n${USAGE}\n`, exitCode: 2 };
  }
  try {
    const rules = glossary === undefined ? undefined : rulesWithTbx(glossary);
    const en = readJobDescription(files[0]!, 'EN_FILE');
    const fr = readJobDescription(files[1]!, 'FR_FILE');
    return { stdout: `${JSON.stringify(checkTexts(en, fr, rules), null, 2)}\n`, stderr: '', exitCode: 0 };
  } catch (error) {
    if (error instanceof InputError) return { stdout: '', stderr: `check: ${error.message}\n${USAGE}\n`, exitCode: 2 };
    throw error;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { stdout, stderr, exitCode } = main(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = exitCode;
}
