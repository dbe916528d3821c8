// The TMX reader and writer (issue 13, item 6): encodings, inline tags, whitespace and props
// kept, languages, errors with their line, streaming in arbitrary chunks, and a writer whose
// output reads back to the same pairs. Runs in Node and, unchanged, in Deno.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readTmx, segContent, TmxReader, tmxEnd, tmxStart, tmxUnit, type TmxPair } from './tmx.ts';

const encoder = new TextEncoder();

function tmx(body: string, header = 'srclang="en-US"', version = '1.4'): string {
  return `<?xml version="1.0"?>\n<tmx version="${version}">\n<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" ${header}/>\n<body>\n${body}</body>\n</tmx>\n`;
}

const INLINE_UNIT =
  '<tu tuid="7"><prop type="x-client">ESDC</prop>' +
  '<tuv xml:lang="en-CA"><seg>The  <bpt i="1" x="1" type="bold">&lt;b></bpt>big<ept i="1">&lt;/b></ept> cat &amp; <ph x="2"/> dog <hi type="em">sleeps</hi>.\t</seg></tuv>' +
  '<tuv xml:lang="fr-CA"><seg>Le <it pos="begin" x="3">&lt;i></it>gros chat</seg></tuv></tu>\n';

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const [a, b] = [code & 0xff, code >> 8];
    bytes.set(endian === 'le' ? [a, b] : [b, a], 2 + i * 2);
  }
  return bytes;
}

describe('readTmx', () => {
  it('keeps whitespace, inline tags (canonical markup) and the props of the unit', () => {
    const { pairs, errors } = readTmx(encoder.encode(tmx(INLINE_UNIT)));
    assert.deepEqual(errors, []);
    assert.deepEqual(pairs, [
      {
        line: 5,
        sourceLang: 'en',
        targetLang: 'fr',
        sourceText: 'The  <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>big<ept i="1">&lt;/b&gt;</ept> cat & <ph x="2"></ph> dog <hi type="em">sleeps</hi>.\t',
        targetText: 'Le <it pos="begin" x="3">&lt;i&gt;</it>gros chat',
        props: [{ type: 'x-client', value: 'ESDC' }],
      },
    ]);
  });

  it('reads UTF-8 with a BOM and UTF-16 (LE and BE) with a BOM alike', () => {
    const text = tmx('<tu><tuv xml:lang="en"><seg>Résumé ’ ™</seg></tuv><tuv xml:lang="fr"><seg>Curriculum « vitæ »</seg></tuv></tu>\n');
    const expected = readTmx(encoder.encode(text)).pairs;
    assert.equal(expected.length, 1);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(text)]);
    assert.deepEqual(readTmx(bom).pairs, expected);
    assert.deepEqual(readTmx(utf16(text, 'le')).pairs, expected);
    assert.deepEqual(readTmx(utf16(text, 'be')).pairs, expected);
  });

  it('gives the same pairs however the bytes are cut into chunks (even inside a character)', () => {
    const bytes = encoder.encode(tmx(INLINE_UNIT.repeat(3) + '<tu><tuv xml:lang="fr"><seg>Élève</seg></tuv><tuv xml:lang="en"><seg>Pupil</seg></tuv></tu>\n'));
    const whole = readTmx(bytes).pairs;
    for (const size of [1, 7, 64]) {
      const reader = new TmxReader();
      const pairs: TmxPair[] = [];
      for (let i = 0; i < bytes.length; i += size) pairs.push(...reader.write(bytes.subarray(i, i + size)));
      pairs.push(...reader.close());
      assert.deepEqual(pairs, whole, `chunks of ${size} bytes`);
    }
  });

  it('takes the direction from the unit\'s srclang, else the header\'s', () => {
    const units =
      '<tu srclang="fr-CA"><tuv xml:lang="en"><seg>One</seg></tuv><tuv xml:lang="fr"><seg>Un</seg></tuv></tu>\n' +
      '<tu><tuv xml:lang="en"><seg>Two</seg></tuv><tuv xml:lang="fr"><seg>Deux</seg></tuv></tu>\n';
    assert.deepEqual(readTmx(encoder.encode(tmx(units))).pairs.map((p) => [p.sourceLang, p.sourceText]), [['fr', 'Un'], ['en', 'Two']]);
    assert.deepEqual(readTmx(encoder.encode(tmx(units, 'srclang="fr"'))).pairs.map((p) => p.sourceLang), ['fr', 'fr']);
  });

  it('skips units without both English and French, counted by reason', () => {
    const units =
      '<tu><tuv xml:lang="en-US"><seg>A</seg></tuv><tuv xml:lang="en-GB"><seg>A</seg></tuv></tu>\n' +
      '<tu><tuv xml:lang="de"><seg>B</seg></tuv><tuv xml:lang="fr"><seg>B</seg></tuv></tu>\n' +
      '<tu><tuv xml:lang="ja"><seg>C</seg></tuv><tuv xml:lang="es"><seg>C</seg></tuv></tu>\n' +
      '<tu><tuv xml:lang="en"><seg> </seg></tuv><tuv xml:lang="fr"><seg>D</seg></tuv></tu>\n';
    const result = readTmx(encoder.encode(tmx(units)));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.skipped, { 'no French segment': 1, 'no English segment': 1, 'no English or French segment': 1, 'empty segment': 1 });
  });

  const refused: [string, string, { line: number; message: RegExp }][] = [
    ['malformed XML', tmx('<tu><tuv xml:lang="en"><seg>A</tuv></tu>\n'), { line: 5, message: /^not well-formed XML/ }],
    ['a wrong version', tmx('', 'srclang="en"', '1.1'), { line: 2, message: /unsupported TMX version "1\.1"/ }],
    ['no srclang in the header', tmx('', ''), { line: 3, message: /<header> has no srclang/ }],
    ['an unknown language', tmx('<tu>\n<tuv xml:lang="zz"><seg>A</seg></tuv></tu>\n'), { line: 6, message: /unknown language code "zz"/ }],
    ['a tag that is not BCP 47', tmx('<tu><tuv xml:lang="en--US"><seg>A</seg></tuv></tu>\n'), { line: 5, message: /not a BCP 47 language tag/ }],
    ['a tuv without xml:lang', tmx('<tu><tuv><seg>A</seg></tuv></tu>\n'), { line: 5, message: /no xml:lang/ }],
    ['a tuv without seg', tmx('<tu><tuv xml:lang="en">\n</tuv></tu>\n'), { line: 5, message: /no <seg>/ }],
    ['an element TMX does not allow in seg', tmx('<tu><tuv xml:lang="en"><seg>A <b>B</b></seg></tuv></tu>\n'), { line: 5, message: /<b> is not allowed inside <seg>/ }],
    ['a file that is not TMX', '<?xml version="1.0"?>\n<html/>\n', { line: 2, message: /the root element is <html>, not <tmx>/ }],
    ['an empty file', '', { line: 1, message: /no <tmx> element|not well-formed/ }],
  ];
  for (const [name, text, expected] of refused) {
    it(`refuses ${name}, naming the line, and gives no pairs`, () => {
      const result = readTmx(encoder.encode(text));
      assert.equal(result.pairs.length, 0);
      assert.equal(result.errors[0]?.line, expected.line, JSON.stringify(result.errors));
      assert.match(result.errors[0]!.message, expected.message);
    });
  }
});

describe('the TMX writer', () => {
  it('writes TMX 1.4 that reads back to the same pairs', () => {
    const pairs = readTmx(encoder.encode(tmx(INLINE_UNIT))).pairs;
    const plain: TmxPair = { line: 0, sourceLang: 'fr', targetLang: 'en', sourceText: 'a < b & "c" <b>not a tag</b>', targetText: '  spaced\n', props: [] };
    const written =
      tmxStart({ creationTool: 'test', creationToolVersion: '1' }) + [...pairs, plain].map((pair) => tmxUnit(pair)).join('') + tmxEnd();
    assert.match(written, /<tmx version="1\.4">/);
    const again = readTmx(encoder.encode(written));
    assert.deepEqual(again.errors, []);
    assert.deepEqual(
      again.pairs.map(({ line: _line, ...rest }) => rest),
      [...pairs, plain].map(({ line: _line, ...rest }) => rest),
    );
  });

  it('escapes text but writes stored inline elements back as markup', () => {
    assert.equal(segContent('x < y <ph x="1">&lt;br/&gt;</ph> & z'), 'x &lt; y <ph x="1">&lt;br/&gt;</ph> &amp; z');
  });
});
