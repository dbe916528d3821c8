// `npm run --silent check -- EN_FILE FR_FILE`: the compliance rules on an English and a French
// job description in the plain-text format (UTF-8; sections separated by blank lines, a
// section's first line its heading; the first section the position identification as
// `Key: value` lines). Prints the findings as a JSON array and exits 0, findings or not; exits 2
// with a message on stderr when the arguments or the files cannot be used.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTexts } from '../domain/compliance/check.js';
import { readTextInput, UnreadableInput, type UnreadableReason } from './text-input.js';

const USAGE = 'usage: npm run --silent check -- EN_FILE FR_FILE';

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

export function main(args: readonly string[]): { stdout: string; stderr: string; exitCode: number } {
  if (args.length !== 2 || args.some((a) => a === '' || a.startsWith('-'))) {
    return { stdout: '', stderr: `check: expected two files, the English and the French job description\n${USAGE}\n`, exitCode: 2 };
  }
  try {
    const en = readJobDescription(args[0]!, 'EN_FILE');
    const fr = readJobDescription(args[1]!, 'FR_FILE');
    return { stdout: `${JSON.stringify(checkTexts(en, fr), null, 2)}\n`, stderr: '', exitCode: 0 };
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
