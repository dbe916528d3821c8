// `npm run eval:align`: the sentence aligner against gold alignments, next to a textbook
// Gale-Church baseline computed by the same harness, then its throughput and memory.
//   - the TransRead novels (../shared/data/align/transread-en-fr/, beside the repository):
//     strict and lax bead precision, recall and F1 per book and micro-averaged; paragraph ids
//     ("438.1") go to the aligner as paragraphs, ids "1.495" carry none;
//   - the job-description gold set (domain/align/fixtures/): the splitter and the aligner on
//     the plain texts, beads compared by their sentences;
//   - throughput: sentences (English + French) aligned per second without embeddings, on the
//     novels concatenated into texts of 500, 2 000 and 8 000 English sentences, and the memory
//     of the search at each size: the typed arrays of the band and of the anchor features,
//     which is what grows with the text (the beads returned aside).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { alignSentences, type AlignOptions, type AlignSide } from '../domain/align/aligner.ts';
import { AnchorIndex } from '../domain/align/anchors.ts';
import { alignTexts } from '../domain/align/documents.ts';
import { goldText, JOB_DESCRIPTION_GOLD } from '../domain/align/fixtures/job-descriptions.ts';
import { galeChurch, type PlainBead } from './align-baseline.js';
import { addCounts, countMatches, NO_COUNTS, scores, type Counts, type Scores } from './align-metrics.js';
import { projectRoot } from './run-command.js';

export const THROUGHPUT_SIZES = [500, 2000, 8000];
export const NOVELS_FOLDER = resolve(projectRoot, '../shared/data/align/transread-en-fr');

export interface Novel {
  book: string;
  en: string[];
  fr: string[];
  en_ids: string[];
  fr_ids: string[];
  beads: [number[], number[]][];
}

export function loadNovels(folder = NOVELS_FOLDER): Novel[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json.gz'))
    .sort()
    .map((name) => JSON.parse(gunzipSync(readFileSync(join(folder, name))).toString('utf8')) as Novel);
}

/** Paragraph ids from "438.1" sentence ids; "1.495" (one paragraph for all) means none. */
function side(sentences: string[], ids: string[]): AlignSide {
  return { sentences, paragraphs: ids.map((id) => id.split('.')[0]!) };
}

export interface BookResult {
  book: string;
  aligner: Counts;
  baseline: Counts;
}

/** Each book aligned by the aligner (with `options`) and, unless `withBaseline` is false, by the baseline. */
export function evaluateNovels(novels: readonly Novel[], options: AlignOptions = {}, withBaseline = true): BookResult[] {
  return novels.map((novel) => {
    const gold: PlainBead[] = novel.beads.map(([en, fr]) => ({ en, fr }));
    const aligned = alignSentences(side(novel.en, novel.en_ids), side(novel.fr, novel.fr_ids), options);
    return { book: novel.book, aligner: countMatches(aligned, gold), baseline: withBaseline ? countMatches(galeChurch(novel.en, novel.fr), gold) : NO_COUNTS };
  });
}

/** The job-description gold set: beads compared by their sentences (a splitting error is an alignment error). */
export function evaluateJobDescriptions(): Counts {
  let total = NO_COUNTS;
  for (const document of JOB_DESCRIPTION_GOLD) {
    const { beads } = alignTexts(goldText(document, 0), goldText(document, 1));
    // Number the sentences as the gold does, then compare beads as index sets.
    const goldBeads = document.sections.flat(2);
    const enIndex = new Map<string, number>();
    const frIndex = new Map<string, number>();
    const indexOf = (map: Map<string, number>, sentence: string) => map.get(sentence) ?? -1 - map.size;
    goldBeads.forEach(([en, fr]) => {
      for (const s of en) enIndex.set(s, enIndex.size);
      for (const s of fr) frIndex.set(s, frIndex.size);
    });
    const gold = goldBeads.map(([en, fr]) => ({ en: en.map((s) => enIndex.get(s)!), fr: fr.map((s) => frIndex.get(s)!) }));
    const predicted = beads.map((b) => ({ en: b.en.map((s) => indexOf(enIndex, s)), fr: b.fr.map((s) => indexOf(frIndex, s)) }));
    total = addCounts(total, countMatches(predicted, gold));
  }
  return total;
}

export interface ThroughputResult {
  enSentences: number;
  frSentences: number;
  milliseconds: number;
  sentencesPerSecond: number;
  /** Cells of the widest band the search used (9 bytes each) and the search passes it took. */
  bandCells: number;
  passes: number;
  /** Bytes of the typed arrays of the widest pass, and of the sentences' anchor features. */
  searchBytes: number;
  anchorBytes: number;
}

/** The novels' gold beads concatenated (repeating the books) until the English side has `n` sentences. */
export function syntheticText(novels: readonly Novel[], n: number): { en: string[]; fr: string[] } {
  const en: string[] = [];
  const fr: string[] = [];
  for (;;) {
    for (const novel of novels) {
      for (const [es, fs] of novel.beads) {
        for (const i of es) en.push(novel.en[i]!);
        for (const j of fs) fr.push(novel.fr[j]!);
        if (en.length >= n) return { en, fr };
      }
    }
  }
}

export function measureThroughput(novels: readonly Novel[], n: number, runs = 3): ThroughputResult {
  const { en, fr } = syntheticText(novels, n);
  alignSentences({ sentences: en }, { sentences: fr }); // warm the JIT
  let best = Infinity;
  let bandCells = 0;
  let searchBytes = 0;
  let passes = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    passes = 0;
    alignSentences({ sentences: en }, { sentences: fr }, {
      onPass: ({ cells, bytes }) => {
        passes++;
        bandCells = Math.max(bandCells, cells);
        searchBytes = Math.max(searchBytes, bytes);
      },
    });
    best = Math.min(best, performance.now() - start);
  }
  const anchors = new AnchorIndex(en, fr);
  const anchorBytes = [anchors.en, anchors.fr].reduce((sum, v) => sum + v.offsets.byteLength + v.ids.byteLength + v.mass.byteLength, anchors.en.weights.byteLength);
  return { enSentences: en.length, frSentences: fr.length, milliseconds: best, sentencesPerSecond: ((en.length + fr.length) / best) * 1000, bandCells, passes, searchBytes, anchorBytes };
}

const f = (value: number) => value.toFixed(3);
const row = (name: string, s: Scores, baseline?: Scores) =>
  `| ${name} | ${f(s.strict.precision)} | ${f(s.strict.recall)} | **${f(s.strict.f1)}** | ${f(s.lax.precision)} | ${f(s.lax.recall)} | ${f(s.lax.f1)} | ${baseline ? `${f(baseline.strict.f1)} / ${f(baseline.lax.f1)}` : '-'} |`;

function main(): void {
  if (!existsSync(NOVELS_FOLDER)) {
    console.error(`eval:align needs the gold-aligned novels in ${NOVELS_FOLDER} (../shared/data beside the repository).`);
    process.exitCode = 1;
    return;
  }
  const novels = loadNovels();
  const results = evaluateNovels(novels);
  console.log('| book | strict P | strict R | strict F1 | lax P | lax R | lax F1 | Gale-Church strict / lax F1 |');
  console.log('|---|---|---|---|---|---|---|---|');
  let aligner = NO_COUNTS;
  let baseline = NO_COUNTS;
  for (const result of results) {
    console.log(row(result.book, scores(result.aligner), scores(result.baseline)));
    aligner = addCounts(aligner, result.aligner);
    baseline = addCounts(baseline, result.baseline);
  }
  console.log(row(`micro-average (${aligner.gold} gold beads)`, scores(aligner), scores(baseline)));
  const jd = evaluateJobDescriptions();
  console.log(row(`job descriptions (${JOB_DESCRIPTION_GOLD.length} documents, ${jd.gold} gold beads)`, scores(jd)));
  console.log('\n| English + French sentences | time (best of 3) | sentences / s | search passes | band cells (per English sentence) | search arrays | anchor arrays |');
  console.log('|---|---|---|---|---|---|---|');
  for (const n of THROUGHPUT_SIZES) {
    const t = measureThroughput(novels, n);
    console.log(
      `| ${t.enSentences} + ${t.frSentences} | ${t.milliseconds.toFixed(0)} ms | ${Math.round(t.sentencesPerSecond)} | ${t.passes} | ${t.bandCells} (${(t.bandCells / t.enSentences).toFixed(0)}) | ${(t.searchBytes / 2 ** 20).toFixed(2)} MiB | ${(t.anchorBytes / 2 ** 20).toFixed(2)} MiB |`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
