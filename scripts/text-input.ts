// Reading a command-line tool's input file as UTF-8 text, for the tools that take job
// descriptions from outside the code (`npm run align`, `npm run check`). Each tool words its own
// message; this says which of the ways a file cannot be used applies.
import { readFileSync } from 'node:fs';

export type UnreadableReason = 'missing' | 'directory' | 'permission' | 'not-utf8' | 'binary' | 'other';

export class UnreadableInput extends Error {
  constructor(
    readonly reason: UnreadableReason,
    /** The system's message, for `other`. */
    readonly detail: string,
  ) {
    super(detail);
  }
}

const REASON_OF_CODE: Record<string, UnreadableReason> = { ENOENT: 'missing', EISDIR: 'directory', EACCES: 'permission' };

/** The file's text (a UTF-8 BOM removed), or an UnreadableInput saying why it cannot be used. */
export function readTextInput(path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = REASON_OF_CODE[(error as NodeJS.ErrnoException).code ?? ''] ?? 'other';
    throw new UnreadableInput(reason, (error as Error).message);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableInput('not-utf8', 'not valid UTF-8');
  }
  if (text.includes('\u0000')) throw new UnreadableInput('binary', 'contains NUL bytes');
  return text;
}
