// TMX 1.4b for the EN/FR translation memory: a streaming reader (bytes in, sentence pairs out,
// chunk by chunk, so a file of any size is read in bounded memory) and a writer whose output
// the reader turns back into the same pairs. XML is parsed by saxes; this module only decides
// what TMX means for the memory.
//
// How a segment is stored (`tm_segments.source_text` / `target_text`):
//   * the text of <seg> exactly as written, whitespace included (no trimming, no collapsing);
//   * each inline element (bpt, ept, ph, it, ut, hi, sub) as its TMX markup, canonical form:
//     `<name a="v" ...>` with the attributes in document order, double-quoted and escaped,
//     and `</name>` (an empty element becomes `<ph x="1"></ph>`). The native code inside
//     bpt/ept/ph/it/ut (and a sub inside them) stays XML-escaped (`&lt;b&gt;`), the text of
//     <seg> and of <hi> does not. The fuzzy scorer already counts such tags as placeables
//     (domain/tm/adjusted-score.ts), and the writer gives them back as they came.
//   One ambiguity, accepted: plain text that itself looks exactly like one of those tags (e.g.
//   the literal characters `<ph x="1"></ph>` in a sentence) is written back as markup.
// Which pairs go to the memory: a <tu> gives one pair when it has an English (en, en-*) and a
// French (fr, fr-*) <tuv>; the first of each is taken. The source is French when the unit's
// srclang (else the header's) is French, English otherwise. Units without both languages are
// skipped and counted by reason; they are not errors. <prop>s of the <tu> are kept.
// Errors (the file is refused, nothing is imported): not well-formed XML, a root that is not
// <tmx version="1.4">, no <header> with srclang, a <tuv> without xml:lang or <seg>, a language
// tag that is not BCP 47 or whose primary language is unknown (Intl.DisplayNames), elements
// TMX does not allow inside <seg>, input that is not in the declared encoding. Each error
// names its line.
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export type TmLang = 'en' | 'fr';

export interface TmxProp {
  type: string;
  value: string;
  lang?: string;
}

export interface TmxPair {
  /** Line of the <tu> in the file (1-based). */
  line: number;
  sourceLang: TmLang;
  targetLang: TmLang;
  sourceText: string;
  targetText: string;
  props: TmxProp[];
}

export interface TmxIssue {
  line: number;
  message: string;
}

/** At most this many errors are reported: the first ones are what a person fixes first. */
export const MAX_REPORTED_ERRORS = 100;

const INLINE = new Set(['bpt', 'ept', 'ph', 'it', 'ut', 'hi', 'sub']);
/** Elements whose content is native code (kept escaped), not translatable text. */
const CODE = new Set(['bpt', 'ept', 'ph', 'it', 'ut']);

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The problem with a language tag, or null when it is BCP 47 with a known primary language. */
export function languageTagProblem(tag: string): string | null {
  try {
    Intl.getCanonicalLocales(tag);
  } catch {
    return `"${tag}" is not a BCP 47 language tag`;
  }
  const primary = tag.split('-')[0]!.toLowerCase();
  let name: string | undefined;
  try {
    name = languageNames.of(primary);
  } catch {
    name = undefined;
  }
  return name === undefined ? `unknown language code "${tag}"` : null;
}

/** en or fr for an English or French tag (any region), else null. */
export function tmLangOf(tag: string): TmLang | null {
  const primary = tag.split('-')[0]!.toLowerCase();
  return primary === 'en' || primary === 'fr' ? primary : null;
}

// --- Decoding ------------------------------------------------------------------------------

/** The decoder for a file, from its byte-order mark, else its XML declaration, else UTF-8. */
function decoderFor(head: Uint8Array): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return new TextDecoder('utf-8', { fatal: true });
  // Without a BOM the declaration is ASCII: read it to find the encoding.
  const declaration = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(String.fromCharCode(...head.subarray(0, 200)));
  const label = declaration?.[1]?.toLowerCase() ?? 'utf-8';
  if (label.startsWith('utf-16')) throw new Error('a UTF-16 file must start with a byte-order mark');
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    throw new Error(`unsupported encoding "${declaration?.[1]}"`);
  }
}

// --- Reader --------------------------------------------------------------------------------

interface TuvState {
  lang: string;
  line: number;
  text: string | null;
}

interface TuState {
  line: number;
  srclang: string | null;
  props: TmxProp[];
  tuvs: TuvState[];
}

export interface TmxReadSummary {
  /** Units that gave a pair. */
  pairCount: number;
  /** Units that gave none, by reason. */
  skipped: Record<string, number>;
  errors: TmxIssue[];
}

/**
 * A streaming TMX reader: `write` each chunk of the file as it arrives and take the pairs it
 * completed; `close` at the end. Once `summary().errors` is not empty the file is refused:
 * the caller must not keep what it took.
 */
export class TmxReader {
  readonly #parser = new SaxesParser({ xmlns: false, position: true });
  #decoder: TextDecoder | null = null;
  #head: Uint8Array = new Uint8Array(0);
  #ready: TmxPair[] = [];
  #errors: TmxIssue[] = [];
  #skipped: Record<string, number> = {};
  #pairs = 0;
  #failed = false;

  // Where we are.
  #stack: string[] = [];
  #sawRoot = false;
  #headerSrclang: string | null = null;
  #sawHeader = false;
  #tu: TuState | null = null;
  #tuv: TuvState | null = null;
  #prop: { type: string; lang?: string; value: string } | null = null;
  #codeDepth = 0;

  constructor() {
    const p = this.#parser;
    p.on('opentag', (tag) => this.#open(tag));
    p.on('closetag', (tag) => this.#close(tag.name));
    p.on('text', (text) => this.#text(text));
    p.on('cdata', (text) => this.#text(text));
    p.on('error', (error) => {
      // saxes messages start with "line:column: "; the line is reported on its own.
      this.#fail(this.#parser.line, `not well-formed XML: ${error.message.replace(/^(?:[^:]*:)?\d+:\d+:\s*/, '')}`);
    });
  }

  summary(): TmxReadSummary {
    return { pairCount: this.#pairs, skipped: { ...this.#skipped }, errors: [...this.#errors] };
  }

  /** Feeds the next bytes of the file; returns the pairs completed so far and not yet taken. */
  write(bytes: Uint8Array): TmxPair[] {
    if (this.#failed) return [];
    if (!this.#decoder) {
      // The BOM and declaration need the first bytes; wait for a few hundred.
      const head = new Uint8Array(this.#head.length + bytes.length);
      head.set(this.#head);
      head.set(bytes, this.#head.length);
      if (head.length < 200) {
        this.#head = head;
        return [];
      }
      this.#start(head);
      return this.#take();
    }
    this.#feed(bytes, true);
    return this.#take();
  }

  /** Ends the file; returns the last pairs. */
  close(): TmxPair[] {
    if (!this.#failed && !this.#decoder) this.#start(this.#head);
    if (!this.#failed && this.#decoder) {
      this.#feed(new Uint8Array(0), false);
      if (!this.#failed) {
        try {
          this.#parser.close();
        } catch {
          // reported through the error handler
        }
      }
      if (!this.#failed && !this.#sawRoot) this.#fail(1, 'the file has no <tmx> element');
    }
    return this.#take();
  }

  #start(head: Uint8Array) {
    try {
      this.#decoder = decoderFor(head);
    } catch (error) {
      this.#fail(1, (error as Error).message);
      return;
    }
    this.#feed(head, true);
  }

  #feed(bytes: Uint8Array, more: boolean) {
    let text: string;
    try {
      text = this.#decoder!.decode(bytes, { stream: more });
    } catch {
      this.#fail(this.#parser.line, 'the bytes are not valid in the file\'s encoding');
      return;
    }
    try {
      if (text !== '') this.#parser.write(text);
    } catch {
      // reported through the error handler
    }
  }

  #take(): TmxPair[] {
    if (this.#errors.length > 0) return [];
    const taken = this.#ready;
    this.#ready = [];
    return taken;
  }

  /** Not well-formed: nothing after this point can be trusted, so reading stops. */
  #fail(line: number, message: string) {
    if (this.#failed) return;
    this.#error(line, message);
    this.#failed = true;
  }

  #error(line: number, message: string) {
    if (this.#errors.length < MAX_REPORTED_ERRORS) this.#errors.push({ line, message });
  }

  #skip(reason: string) {
    this.#skipped[reason] = (this.#skipped[reason] ?? 0) + 1;
  }

  get #line(): number {
    return this.#parser.line;
  }

  #open(tag: SaxesTagPlain) {
    const name = tag.name;
    const parent = this.#stack.at(-1);
    this.#stack.push(name);
    const attrs = tag.attributes;
    if (this.#tuv?.text !== null && this.#tuv !== null && parent !== undefined && (parent === 'seg' || INLINE.has(parent))) {
      if (!INLINE.has(name)) {
        this.#error(this.#line, `<${name}> is not allowed inside <seg>`);
        return;
      }
      const attributes = Object.entries(attrs).map(([key, value]) => ` ${key}="${escapeXml(value)}"`).join('');
      this.#tuv.text += `<${name}${attributes}>`;
      if (CODE.has(name)) this.#codeDepth += 1;
      return;
    }
    if (parent === undefined && name !== 'tmx') {
      this.#fail(this.#line, `the root element is <${name}>, not <tmx>: this is not a TMX file`);
      return;
    }
    switch (name) {
      case 'tmx': {
        if (parent !== undefined) break;
        this.#sawRoot = true;
        const version = attrs['version'];
        if (version !== '1.4' && version !== '1.4b') {
          this.#fail(this.#line, `unsupported TMX version ${version === undefined ? '(none)' : `"${version}"`}: only TMX 1.4 is read`);
        }
        return;
      }
      case 'header': {
        this.#sawHeader = true;
        const srclang = attrs['srclang'];
        if (!srclang) {
          this.#fail(this.#line, '<header> has no srclang');
        } else if (srclang !== '*all*') {
          const problem = languageTagProblem(srclang);
          if (problem) this.#fail(this.#line, `<header> srclang: ${problem}`);
          this.#headerSrclang = srclang;
        }
        return;
      }
      case 'body':
        if (!this.#sawHeader) this.#fail(this.#line, '<body> comes before any <header>');
        return;
      case 'tu': {
        const srclang = attrs['srclang'] ?? null;
        if (srclang && srclang !== '*all*') {
          const problem = languageTagProblem(srclang);
          if (problem) this.#error(this.#line, `<tu> srclang: ${problem}`);
        }
        this.#tu = { line: this.#line, srclang, props: [], tuvs: [] };
        return;
      }
      case 'tuv': {
        if (!this.#tu) break;
        // TMX 1.1 called it lang; 1.4 requires xml:lang.
        const lang = attrs['xml:lang'] ?? attrs['lang'];
        if (!lang) {
          this.#error(this.#line, '<tuv> has no xml:lang');
        } else {
          const problem = languageTagProblem(lang);
          if (problem) this.#error(this.#line, problem);
        }
        this.#tuv = { lang: lang ?? '', line: this.#line, text: null };
        return;
      }
      case 'seg':
        if (!this.#tuv) break;
        if (this.#tuv.text !== null) this.#error(this.#line, '<tuv> has more than one <seg>');
        this.#tuv.text = '';
        this.#codeDepth = 0;
        return;
      case 'prop':
        if (this.#tu && !this.#tuv && parent === 'tu') {
          const lang = attrs['xml:lang'];
          this.#prop = { type: attrs['type'] ?? '', value: '', ...(lang ? { lang } : {}) };
        }
        return;
      default:
        return;
    }
  }

  #text(text: string) {
    if (this.#prop) {
      this.#prop.value += text;
      return;
    }
    const current = this.#stack.at(-1);
    if (this.#tuv && this.#tuv.text !== null && current !== undefined && (current === 'seg' || INLINE.has(current))) {
      this.#tuv.text += this.#codeDepth > 0 ? escapeXml(text) : text;
    }
  }

  #close(name: string) {
    this.#stack.pop();
    const parent = this.#stack.at(-1);
    if (this.#tuv && this.#tuv.text !== null && parent !== undefined && (parent === 'seg' || INLINE.has(parent))) {
      if (INLINE.has(name)) {
        this.#tuv.text += `</${name}>`;
        if (CODE.has(name)) this.#codeDepth -= 1;
      }
      return;
    }
    switch (name) {
      case 'prop':
        if (this.#prop && this.#tu) {
          this.#tu.props.push(this.#prop);
          this.#prop = null;
        }
        return;
      case 'tuv':
        if (this.#tu && this.#tuv) {
          if (this.#tuv.text === null) this.#error(this.#tuv.line, '<tuv> has no <seg>');
          this.#tu.tuvs.push(this.#tuv);
        }
        this.#tuv = null;
        return;
      case 'tu':
        if (this.#tu) this.#finishUnit(this.#tu);
        this.#tu = null;
        return;
      default:
        return;
    }
  }

  #finishUnit(tu: TuState) {
    const english = tu.tuvs.find((tuv) => tmLangOf(tuv.lang) === 'en' && tuv.text !== null);
    const french = tu.tuvs.find((tuv) => tmLangOf(tuv.lang) === 'fr' && tuv.text !== null);
    if (!english || !french) {
      this.#skip(!english && !french ? 'no English or French segment' : !english ? 'no English segment' : 'no French segment');
      return;
    }
    if (english.text!.trim() === '' || french.text!.trim() === '') {
      this.#skip('empty segment');
      return;
    }
    const srclang = tu.srclang && tu.srclang !== '*all*' ? tu.srclang : this.#headerSrclang;
    const frenchFirst = srclang !== null && tmLangOf(srclang) === 'fr';
    const [source, target] = frenchFirst ? [french, english] : [english, french];
    this.#pairs += 1;
    this.#ready.push({
      line: tu.line,
      sourceLang: frenchFirst ? 'fr' : 'en',
      targetLang: frenchFirst ? 'en' : 'fr',
      sourceText: source.text!,
      targetText: target.text!,
      props: tu.props,
    });
  }
}

/** Reads a whole file at once (tests, small files). */
export function readTmx(bytes: Uint8Array): TmxReadSummary & { pairs: TmxPair[] } {
  const reader = new TmxReader();
  const pairs = [...reader.write(bytes), ...reader.close()];
  const summary = reader.summary();
  return { ...summary, pairs: summary.errors.length > 0 ? [] : pairs };
}

// --- Writer --------------------------------------------------------------------------------

/** A stored inline element tag, as the reader writes them (see the module comment). */
const STORED_TAG = /<\/(bpt|ept|ph|it|ut|hi|sub)>|<(bpt|ept|ph|it|ut|hi|sub)((?:\s+[\w:.-]+="[^"<>]*")*)>/g;

/** A stored segment text as the content of <seg>: text escaped, inline elements as they are. */
export function segContent(stored: string): string {
  let out = '';
  let last = 0;
  let codeDepth = 0;
  for (const match of stored.matchAll(STORED_TAG)) {
    const between = stored.slice(last, match.index);
    out += codeDepth > 0 ? between : escapeXml(between);
    out += match[0];
    const closing = match[1];
    const opening = match[2];
    if (opening && CODE.has(opening)) codeDepth += 1;
    if (closing && CODE.has(closing)) codeDepth = Math.max(0, codeDepth - 1);
    last = match.index + match[0].length;
  }
  const rest = stored.slice(last);
  return out + (codeDepth > 0 ? rest : escapeXml(rest));
}

export interface TmxSegmentOut {
  sourceLang: TmLang;
  targetLang: TmLang;
  sourceText: string;
  targetText: string;
  props?: TmxProp[] | null;
  usageCount?: number;
}

export function tmxStart(options: { creationTool: string; creationToolVersion: string }): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<tmx version="1.4">\n' +
    `  <header creationtool="${escapeXml(options.creationTool)}" creationtoolversion="${escapeXml(options.creationToolVersion)}"` +
    ' segtype="sentence" o-tmf="jd-kit" adminlang="en" srclang="*all*" datatype="plaintext"/>\n' +
    '  <body>\n'
  );
}

export function tmxUnit(segment: TmxSegmentOut): string {
  const props = (segment.props ?? [])
    .map((prop) => `      <prop type="${escapeXml(prop.type)}"${prop.lang ? ` xml:lang="${escapeXml(prop.lang)}"` : ''}>${escapeXml(prop.value)}</prop>\n`)
    .join('');
  const usage = segment.usageCount ? ` usagecount="${segment.usageCount}"` : '';
  return (
    `    <tu srclang="${segment.sourceLang}"${usage}>\n` +
    props +
    `      <tuv xml:lang="${segment.sourceLang}"><seg>${segContent(segment.sourceText)}</seg></tuv>\n` +
    `      <tuv xml:lang="${segment.targetLang}"><seg>${segContent(segment.targetText)}</seg></tuv>\n` +
    '    </tu>\n'
  );
}

export function tmxEnd(): string {
  return '  </body>\n</tmx>\n';
}
