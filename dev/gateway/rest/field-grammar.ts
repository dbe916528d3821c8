// Pieces of PostgREST's grammar shared by `select`, filters and `order`: field names
// (plain or double-quoted), JSON paths (`->a->>b`, `->0`) and dotted tree paths.
import {
  alt,
  anyChar,
  attempt,
  bind,
  char,
  endOfInput,
  label,
  left,
  literal,
  lookAhead,
  many,
  many1,
  map,
  noneOf,
  notFollowedBy,
  oneOf,
  optional,
  type Parser,
  pure,
  right,
  satisfy,
  sepBy1,
} from './parser-combinators.js';
import type { EmbedPath, FieldRef, JsonStep } from './query-ast.js';

const whitespace: Parser<string[]> = many(oneOf(' \t'));

/** Skips spaces and tabs on both sides, as PostgREST's `lexeme` does. */
export function lexeme<T>(parser: Parser<T>): Parser<T> {
  return left(right(whitespace, parser), whitespace);
}

export const delimiter: Parser<string> = label(char('.'), 'delimiter (.)');

const letter = label(
  satisfy((ch) => /\p{L}/u.test(ch)),
  'letter',
);
const digit = label(
  satisfy((ch) => ch >= '0' && ch <= '9'),
  'digit',
);

/** Letters, digits, `_`, `$` and spaces; trimmed. Also the grammar of cast type names. */
export const identifier: Parser<string> = map(many1(alt(letter, digit, oneOf('_ $'))), (chars) =>
  chars.join('').trim(),
);

/** `"…"` with backslash escaping any character. */
export const quotedValue: Parser<string> = map(
  right(char('"'), left(many(alt(noneOf('\\"'), right(char('\\'), anyChar))), char('"'))),
  (chars) => chars.join(''),
);

/** A `-` that is not the start of a JSON arrow. */
const dash: Parser<string> = attempt(left(char('-'), notFollowedBy(char('>'))));

function separatedByDashes(part: Parser<string>): Parser<string> {
  return map(sepBy1(part, dash), (parts) => parts.join('-'));
}

export const fieldName: Parser<string> = label(
  alt(quotedValue, separatedByDashes(identifier)),
  'field name (* or [a..z0..9_$])',
);

const jsonKeyName: Parser<string> = label(
  alt(
    quotedValue,
    separatedByDashes(map(many1(noneOf('(-:.,>)')), (chars) => chars.join('').trim())),
  ),
  'any non reserved character different from: .,>()',
);

/** An index must be followed by something that can end it, or `->0x` would be a key. */
const endOfJsonIndex: Parser<unknown> = alt<unknown>(
  attempt(lookAhead(literal('->'))),
  attempt(lookAhead(literal('::'))),
  attempt(lookAhead(literal('.'))),
  attempt(lookAhead(literal(','))),
  attempt(endOfInput()),
);

const jsonIndex: Parser<JsonStep['operand']> = bind(optional(char('-')), (sign) =>
  map(left(many1(digit), endOfJsonIndex), (digits) => ({
    kind: 'index' as const,
    index: `${sign ?? '+'}${digits.join('')}`,
  })),
);

const jsonKey: Parser<JsonStep['operand']> = map(jsonKeyName, (key) => ({ kind: 'key' as const, key }));

const jsonArrow: Parser<JsonStep['arrow']> = alt(
  attempt(map(literal('->>'), () => '->>' as const)),
  attempt(map(literal('->'), () => '->' as const)),
);

export const jsonPath: Parser<JsonStep[]> = many(
  bind(jsonArrow, (arrow) =>
    map(alt(attempt(jsonIndex), attempt(jsonKey)), (operand): JsonStep => ({ arrow, operand })),
  ),
);

function optionalJsonPath(): Parser<JsonStep[]> {
  return alt(jsonPath, pure<JsonStep[]>([]));
}

/** `name->path`, with surrounding spaces allowed. */
export const field: Parser<FieldRef> = lexeme(
  bind(fieldName, (name) => map(optionalJsonPath(), (path): FieldRef => ({ name, jsonPath: path }))),
);

/** A filter or order key: `a.b.c->x` is field `c->x` under the embed path `[a, b]`. */
export const treePath: Parser<{ embedPath: EmbedPath; field: FieldRef }> = bind(
  sepBy1(fieldName, delimiter),
  (names) =>
    map(optionalJsonPath(), (path) => ({
      embedPath: names.slice(0, -1),
      field: { name: names[names.length - 1] ?? '', jsonPath: path },
    })),
);

/** The `columns` and `on_conflict` parameters: `"a","b"` or `a, b`. */
export const columnList: Parser<string[]> = sepBy1(fieldName, lexeme(char(',')));
