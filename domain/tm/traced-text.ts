// Text that remembers, for every UTF-16 unit, which stretch of the original text it came from.
// TM scoring and the glossary matcher transform text (NFC, lower case, punctuation dropped,
// apostrophes split off, ...) and must still say where a word is in what the translator typed,
// to highlight or underline it. Each operation here builds the new text and its origins together.

/** A stretch of the original text, in UTF-16 offsets: [start, end). */
export interface Span {
  start: number;
  end: number;
}

export class TracedText {
  private constructor(
    readonly text: string,
    private readonly starts: readonly number[],
    private readonly ends: readonly number[],
  ) {}

  /** The original text: every unit comes from itself. */
  static of(original: string): TracedText {
    const starts = Array.from({ length: original.length }, (_, i) => i);
    return new TracedText(original, starts, starts.map((i) => i + 1));
  }

  /** Where units [from, to) of this text came from in the original. */
  spanOf(from: number, to: number): Span {
    return { start: this.starts[from] ?? 0, end: this.ends[to - 1] ?? 0 };
  }

  /**
   * Replaces pieces of the text: `pieces` cut the text into consecutive stretches (by end offset)
   * and give each its new text; every unit of a new text comes from its whole stretch.
   */
  private rebuild(pieces: Iterable<{ end: number; text: string }>): TracedText {
    let text = '';
    const starts: number[] = [];
    const ends: number[] = [];
    let from = 0;
    for (const piece of pieces) {
      const span = this.spanOf(from, piece.end);
      text += piece.text;
      for (let i = 0; i < piece.text.length; i++) {
        starts.push(span.start);
        ends.push(span.end);
      }
      from = piece.end;
    }
    return new TracedText(text, starts, ends);
  }

  /** Maps each code point to a string (possibly empty, possibly longer). */
  mapCodePoints(map: (codePoint: string) => string): TracedText {
    const text = this.text;
    return this.rebuild(
      (function* () {
        let offset = 0;
        for (const codePoint of text) {
          offset += codePoint.length;
          yield { end: offset, text: map(codePoint) };
        }
      })(),
    );
  }

  /** Replaces every match of a global regular expression (never empty matches) by `replacement`. */
  replace(pattern: RegExp, replacement: string): TracedText {
    const text = this.text;
    return this.rebuild(
      (function* () {
        let offset = 0;
        for (const match of text.matchAll(pattern)) {
          const index = match.index;
          for (; offset < index; offset++) yield { end: offset + 1, text: text[offset] ?? '' };
          offset = index + match[0].length;
          yield { end: offset, text: replacement };
        }
        for (; offset < text.length; offset++) yield { end: offset + 1, text: text[offset] ?? '' };
      })(),
    );
  }

  /**
   * Unicode NFC, with each composed character traced to the characters it was composed from.
   * Composition happens within a base character and the marks that follow it, so each such run
   * is normalised on its own; when that does not give the whole text's NFC (Hangul jamo, which
   * compose without marks), the whole text is normalised as one run (right text, coarse spans).
   */
  nfc(): TracedText {
    const text = this.text;
    const whole = text.normalize('NFC');
    const runs = text.match(/\P{M}\p{M}*|\p{M}+/gu) ?? [];
    if (runs.map((run) => run.normalize('NFC')).join('') !== whole) {
      return this.rebuild([{ end: text.length, text: whole }]);
    }
    return this.rebuild(
      (function* () {
        let offset = 0;
        for (const run of runs) {
          offset += run.length;
          yield { end: offset, text: run.normalize('NFC') };
        }
      })(),
    );
  }

  /** Without the given characters at either end. */
  trim(characters: string): TracedText {
    let from = 0;
    let to = this.text.length;
    while (from < to && characters.includes(this.text[from] ?? '')) from++;
    while (to > from && characters.includes(this.text[to - 1] ?? '')) to--;
    return new TracedText(this.text.slice(from, to), this.starts.slice(from, to), this.ends.slice(from, to));
  }

  /** The words between single spaces (empty ones left out), each with its original span. */
  words(): { word: string; span: Span }[] {
    const words: { word: string; span: Span }[] = [];
    let from = 0;
    for (let i = 0; i <= this.text.length; i++) {
      if (i === this.text.length || this.text[i] === ' ') {
        if (i > from) words.push({ word: this.text.slice(from, i), span: this.spanOf(from, i) });
        from = i + 1;
      }
    }
    return words;
  }
}
