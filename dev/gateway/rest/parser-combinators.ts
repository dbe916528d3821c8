// A small Parsec-style parser combinator core.
//
// PostgREST parses its query grammar with Haskell's Parsec, and its error responses
// (`"failed to parse filter (x)" (line 1, column 1)` plus `unexpected … expecting …`) are
// Parsec's own messages. Reproducing Parsec's semantics — alternatives only backtrack when
// nothing was consumed, `attempt` (Parsec's `try`) rewinds, labels rename what an empty
// failure expected, errors at the same position merge — is what makes the same input
// produce the same position and wording here.

/** A Parsec error: where it happened, what was found there, what would have been accepted. */
export interface ParseError {
  readonly pos: number;
  /** Parsec's SysUnExpect messages, already shown (`"x"`); `''` means end of input. */
  readonly unexpected: readonly string[];
  /** Parsec's UnExpect messages (from `notFollowedBy`, shown as `'x'`); they win over SysUnExpect. */
  readonly unexpectedItems: readonly string[];
  readonly expected: readonly string[];
  /** Free-form failure messages (Parsec's `fail`). */
  readonly messages: readonly string[];
}

export type Reply<T> =
  | { readonly ok: true; readonly value: T; readonly consumed: boolean; readonly error: ParseError }
  | { readonly ok: false; readonly consumed: boolean; readonly error: ParseError };

export interface ParseState {
  readonly input: string;
  pos: number;
}

export type Parser<T> = (state: ParseState) => Reply<T>;

const noError = (pos: number): ParseError => ({ pos, unexpected: [], unexpectedItems: [], expected: [], messages: [] });

function isUnknown(error: ParseError): boolean {
  return (
    error.unexpected.length === 0 &&
    error.unexpectedItems.length === 0 &&
    error.expected.length === 0 &&
    error.messages.length === 0
  );
}

/** Parsec's mergeError: the error further into the input wins; at the same place they combine. */
export function mergeErrors(a: ParseError, b: ParseError): ParseError {
  if (isUnknown(b) && !isUnknown(a)) return a;
  if (isUnknown(a) && !isUnknown(b)) return b;
  if (a.pos > b.pos) return a;
  if (b.pos > a.pos) return b;
  return {
    pos: a.pos,
    unexpected: [...a.unexpected, ...b.unexpected],
    unexpectedItems: [...a.unexpectedItems, ...b.unexpectedItems],
    expected: [...a.expected, ...b.expected],
    messages: [...a.messages, ...b.messages],
  };
}

function ok<T>(value: T, consumed: boolean, error: ParseError): Reply<T> {
  return { ok: true, value, consumed, error };
}

function failed<T>(consumed: boolean, error: ParseError): Reply<T> {
  return { ok: false, consumed, error };
}

/** Haskell's `show` for a String, so messages quote exactly as PostgREST's do. */
export function showString(text: string): string {
  let out = '"';
  const chars = [...text];
  chars.forEach((ch, index) => {
    out += escapeHaskellChar(ch, '"', chars[index + 1]);
  });
  return `${out}"`;
}

/** Haskell's `show` for a Char (used by `notFollowedBy` / `eof`). */
export function showChar(ch: string): string {
  return `'${escapeHaskellChar(ch, "'", undefined)}'`;
}

function escapeHaskellChar(ch: string, quote: string, next: string | undefined): string {
  if (ch === quote || ch === '\\') return `\\${ch}`;
  const code = ch.codePointAt(0) ?? 0;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
  if (named[code]) return named[code];
  if (code >= 0x20 && code < 0x7f) return ch;
  // Numeric escapes are followed by `\&` when a digit comes next, so they stay unambiguous.
  const escaped = `\\${code}`;
  return next !== undefined && /[0-9]/.test(next) ? `${escaped}\\&` : escaped;
}

// ---------------------------------------------------------------------------------------------
// Primitives

/** One character satisfying `test`; fails without consuming and reports it as `"x"`. */
export function satisfy(test: (ch: string) => boolean): Parser<string> {
  return (state) => {
    const ch = codePointAt(state.input, state.pos);
    if (ch === undefined) return failed(false, { ...noError(state.pos), unexpected: [''] });
    if (!test(ch)) return failed(false, { ...noError(state.pos), unexpected: [showString(ch)] });
    state.pos += ch.length;
    return ok(ch, true, noError(state.pos));
  };
}

export function char(expected: string): Parser<string> {
  return label(satisfy((ch) => ch === expected), showString(expected));
}

export function noneOf(excluded: string): Parser<string> {
  return satisfy((ch) => !excluded.includes(ch));
}

export function oneOf(allowed: string): Parser<string> {
  return satisfy((ch) => allowed.includes(ch));
}

export const anyChar: Parser<string> = satisfy(() => true);

/**
 * Parsec's `string`: a mismatch is reported at the start, naming the first differing
 * character; once a character has matched, the failure counts as consuming.
 */
export function literal(text: string): Parser<string> {
  return (state) => {
    const start = state.pos;
    let pos = start;
    for (const expectedCh of text) {
      const actual = codePointAt(state.input, pos);
      if (actual !== expectedCh) {
        const error: ParseError = {
          ...noError(start),
          unexpected: [actual === undefined ? '' : showString(actual)],
          expected: [showString(text)],
        };
        return failed(pos > start, error);
      }
      pos += actual.length;
    }
    state.pos = pos;
    return ok(text, text.length > 0, noError(pos));
  };
}

/** Case-insensitive literal, character by character (Parsec's `traverse ciChar`). */
export function literalIgnoringCase(text: string): Parser<string> {
  const parsers = [...text].map((ch) => alt(char(ch), char(ch.toUpperCase())));
  return map(sequence(parsers), (chars) => chars.join(''));
}

export function pure<T>(value: T): Parser<T> {
  return (state) => ok(value, false, noError(state.pos));
}

/** Parsec's `fail`: an empty failure carrying a message. */
export function failWith<T>(message: string): Parser<T> {
  return (state) => failed(false, { ...noError(state.pos), messages: [message] });
}

/** Parsec's `mzero`: fails without saying anything, so other alternatives' errors win. */
export function zero<T>(): Parser<T> {
  return (state) => failed(false, noError(state.pos));
}

export function endOfInput(): Parser<null> {
  return label(notFollowedBy(anyChar), 'end of input');
}

// ---------------------------------------------------------------------------------------------
// Combinators

export function map<A, B>(parser: Parser<A>, transform: (value: A) => B): Parser<B> {
  return (state) => {
    const reply = parser(state);
    return reply.ok ? ok(transform(reply.value), reply.consumed, reply.error) : reply;
  };
}

/** Monadic bind: run `first`, then the parser chosen from its value. */
export function bind<A, B>(first: Parser<A>, next: (value: A) => Parser<B>): Parser<B> {
  return (state) => {
    const a = first(state);
    if (!a.ok) return a;
    const b = next(a.value)(state);
    const consumed = a.consumed || b.consumed;
    const error = b.consumed ? b.error : mergeErrors(a.error, b.error);
    return b.ok ? ok(b.value, consumed, error) : failed(consumed, error);
  };
}

export function sequence<T>(parsers: readonly Parser<T>[]): Parser<T[]> {
  return parsers.reduce<Parser<T[]>>(
    (acc, parser) => bind(acc, (values) => map(parser, (value) => [...values, value])),
    pure<T[]>([]),
  );
}

/** `a <* b`: keep the left value. */
export function left<A>(first: Parser<A>, second: Parser<unknown>): Parser<A> {
  return bind(first, (value) => map(second, () => value));
}

/** `a *> b`: keep the right value. */
export function right<B>(first: Parser<unknown>, second: Parser<B>): Parser<B> {
  return bind(first, () => second);
}

/** `a <|> b`: `b` is tried only when `a` failed without consuming input. */
export function alt<T>(...parsers: Parser<T>[]): Parser<T> {
  return (state) => {
    const start = state.pos;
    let error: ParseError | null = null;
    for (const parser of parsers) {
      state.pos = start;
      const reply = parser(state);
      if (reply.consumed) return reply;
      const merged: ParseError = error === null ? reply.error : mergeErrors(error, reply.error);
      if (reply.ok) return ok(reply.value, false, merged);
      error = merged;
    }
    state.pos = start;
    return failed(false, error ?? noError(start));
  };
}

/** Parsec's `try`: a consuming failure becomes an empty one and the position rewinds. */
export function attempt<T>(parser: Parser<T>): Parser<T> {
  return (state) => {
    const start = state.pos;
    const reply = parser(state);
    if (reply.ok) return reply;
    state.pos = start;
    return failed(false, reply.error);
  };
}

/** Parsec's `<?>`: when `parser` consumes nothing, what it expected is renamed to `name`. */
export function label<T>(parser: Parser<T>, name: string): Parser<T> {
  return (state) => {
    const reply = parser(state);
    if (reply.consumed) return reply;
    if (reply.ok && isUnknown(reply.error)) return reply;
    const error = { ...reply.error, expected: [name] };
    return reply.ok ? ok(reply.value, false, error) : failed(false, error);
  };
}

export function lookAhead<T>(parser: Parser<T>): Parser<T> {
  return (state) => {
    const start = state.pos;
    const reply = parser(state);
    if (!reply.ok) return reply;
    state.pos = start;
    return ok(reply.value, false, noError(start));
  };
}

/** Succeeds when `parser` fails here; reports what it matched as `'x'`, like Parsec. */
export function notFollowedBy(parser: Parser<string>): Parser<null> {
  return (state) => {
    const start = state.pos;
    const reply = attempt(parser)(state);
    state.pos = start;
    if (reply.ok) return failed(false, { ...noError(start), unexpectedItems: [showChar(reply.value)] });
    return ok(null, false, noError(start));
  };
}

export function many<T>(parser: Parser<T>): Parser<T[]> {
  return (state) => {
    const values: T[] = [];
    let consumed = false;
    for (;;) {
      const reply = parser(state);
      if (!reply.ok) {
        return reply.consumed ? failed(true, reply.error) : ok(values, consumed, reply.error);
      }
      if (!reply.consumed) throw new Error('many: parser accepted empty input');
      consumed = true;
      values.push(reply.value);
    }
  };
}

export function many1<T>(parser: Parser<T>): Parser<T[]> {
  return bind(parser, (first) => map(many(parser), (rest) => [first, ...rest]));
}

export function optional<T>(parser: Parser<T>): Parser<T | null> {
  return alt<T | null>(parser, pure(null));
}

export function sepBy1<T>(parser: Parser<T>, separator: Parser<unknown>): Parser<T[]> {
  return bind(parser, (first) => map(many(right(separator, parser)), (rest) => [first, ...rest]));
}

export function sepBy<T>(parser: Parser<T>, separator: Parser<unknown>): Parser<T[]> {
  return alt(sepBy1(parser, separator), pure<T[]>([]));
}

export function between<T>(open: Parser<unknown>, close: Parser<unknown>, inner: Parser<T>): Parser<T> {
  return left(right(open, inner), close);
}

/** Defers construction, for recursive grammars. */
export function lazy<T>(make: () => Parser<T>): Parser<T> {
  let parser: Parser<T> | null = null;
  return (state) => {
    parser ??= make();
    return parser(state);
  };
}

function codePointAt(input: string, pos: number): string | undefined {
  const code = input.codePointAt(pos);
  return code === undefined ? undefined : String.fromCodePoint(code);
}

// ---------------------------------------------------------------------------------------------
// Running a parser and describing its failure the way Parsec does

export interface ParseFailure {
  /** `"failed to parse filter (x)" (line 1, column 3)` */
  readonly message: string;
  /** `unexpected "x" expecting …` */
  readonly details: string;
}

export type ParseOutcome<T> =
  | { ok: true; value: T }
  /** `consumed`: whether the parser got past the start before failing (Parsec's distinction). */
  | { ok: false; consumed: boolean; failure: ParseFailure };

/**
 * Runs `parser` over `input` like `Parsec.parse` (no implicit end-of-input check: PostgREST
 * ignores trailing text after a complete filter value, and so does this).
 */
export function runParser<T>(parser: Parser<T>, sourceName: string, input: string): ParseOutcome<T> {
  const state: ParseState = { input, pos: 0 };
  const reply = parser(state);
  if (reply.ok) return { ok: true, value: reply.value };
  return { ok: false, consumed: reply.consumed, failure: describeFailure(sourceName, input, reply.error) };
}

function describeFailure(sourceName: string, input: string, error: ParseError): ParseFailure {
  const column = positionColumn(input, error.pos);
  return {
    message: `${showString(sourceName)} (line 1, column ${column})`,
    details: showErrorMessages(error),
  };
}

/** Parsec counts columns in characters, with tabs advancing to the next multiple of 8. */
function positionColumn(input: string, pos: number): number {
  let column = 1;
  for (const ch of input.slice(0, pos)) {
    column = ch === '\t' ? column + 8 - ((column - 1) % 8) : column + 1;
  }
  return column;
}

function showErrorMessages(error: ParseError): string {
  if (isUnknown(error)) return 'unknown parse error';
  const lines: string[] = [];
  const unexpectedItems = unique(error.unexpectedItems.filter((item) => item !== ''));
  const firstUnexpected = error.unexpected[0];
  if (unexpectedItems.length > 0) {
    lines.push(`unexpected ${commasOr(unexpectedItems)}`);
  } else if (firstUnexpected !== undefined) {
    lines.push(firstUnexpected === '' ? 'unexpected end of input' : `unexpected ${firstUnexpected}`);
  }
  const expected = unique(error.expected.filter((item) => item !== ''));
  if (expected.length > 0) lines.push(`expecting ${commasOr(expected)}`);
  const messages = unique(error.messages.filter((item) => item !== ''));
  if (messages.length > 0) lines.push(commasOr(messages));
  return lines.join(' ').trim();
}

function commasOr(items: readonly string[]): string {
  if (items.length === 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
