// `npm run --silent align -- [--sentences] EN_FILE FR_FILE`: aligns an English text and its
// French translation and prints the beads as JSON, in document order.
//   plain text (default): sections separated by blank lines, each other line a paragraph (a
//     section's first line may be its heading); beads list the sentences:
//     { "en": [sentences], "fr": [sentences], "score": n }
//   --sentences: each non-blank line is one sentence already split, a blank line a paragraph
//     boundary; beads list 0-based indices of the non-blank lines: { "en": [0], "fr": [0, 1], "score": n }
// Every sentence is in exactly one bead; score is the bead's confidence in [0, 1]. Warnings
// (an empty side, section counts that differ) go to stderr. Exit code 2 when an input cannot be
// read (missing, a directory, not UTF-8 text) or the arguments are wrong.
import { alignSentences } from '../domain/align/aligner.ts';
import { alignTexts } from '../domain/align/documents.ts';
import { readTextInput, UnreadableInput, type UnreadableReason } from './text-input.js';

const USAGE = 'usage: npm run --silent align -- [--sentences] EN_FILE FR_FILE';

export class InputError extends Error {}

const READ_ERRORS: Partial<Record<UnreadableReason, string>> = { missing: 'no such file', directory: 'it is a directory', permission: 'permission denied' };

export function readText(path: string, label: string): string {
  try {
    return readTextInput(path).replace(/^\uFEFF/, '');
  } catch (error) {
    if (!(error instanceof UnreadableInput)) throw error;
    if (error.reason === 'not-utf8') throw new InputError(`the ${label} file ${path} is not UTF-8 text`);
    if (error.reason === 'binary') throw new InputError(`the ${label} file ${path} is binary, not plain text`);
    throw new InputError(`cannot read the ${label} file ${path}: ${READ_ERRORS[error.reason] ?? error.detail}`);
  }
}

/** Non-blank lines as sentences, with a paragraph number that a blank line increments. */
export function sentenceLines(text: string): { sentences: string[]; paragraphs: number[] } {
  const sentences: string[] = [];
  const paragraphs: number[] = [];
  let paragraph = 0;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      if (sentences.length > 0 && paragraphs.at(-1) === paragraph) paragraph++;
      continue;
    }
    sentences.push(line.trim());
    paragraphs.push(paragraph);
  }
  return { sentences, paragraphs };
}

export function run(args: readonly string[]): { output: string; warnings: string[] } {
  const sentencesMode = args.includes('--sentences');
  const files = args.filter((arg) => arg !== '--sentences');
  const unknown = files.find((arg) => arg.startsWith('--'));
  if (unknown) throw new InputError(`unknown option ${unknown}\n${USAGE}`);
  if (files.length !== 2) throw new InputError(`expected two files, got ${files.length}\n${USAGE}`);
  const enText = readText(files[0]!, 'English');
  const frText = readText(files[1]!, 'French');
  let beads: { en: unknown[]; fr: unknown[]; score: number }[];
  const warnings: string[] = [];
  if (sentencesMode) {
    const en = sentenceLines(enText);
    const fr = sentenceLines(frText);
    if (en.sentences.length === 0) warnings.push('the English file has no sentences');
    if (fr.sentences.length === 0) warnings.push('the French file has no sentences');
    beads = alignSentences(en, fr);
  } else {
    const result = alignTexts(enText, frText);
    beads = result.beads;
    warnings.push(...result.warnings);
  }
  const output = `[\n${beads.map((bead) => `  ${JSON.stringify({ en: bead.en, fr: bead.fr, score: bead.score })}`).join(',\n')}\n]\n`;
  return { output, warnings };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { output, warnings } = run(process.argv.slice(2));
    for (const warning of warnings) process.stderr.write(`align: warning: ${warning}\n`);
    process.stdout.write(output);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`align: ${error.message}\n`);
    process.exitCode = 2;
  }
}
