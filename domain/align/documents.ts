// Aligning two plain texts (what the CLI and the Edge Function receive): split both into
// sections, paragraphs and sentences, align EN section k with FR section k when the section
// counts agree, otherwise the whole texts with every section break as a paragraph break (and a
// warning). Beads carry the sentences themselves.
import type { AlignOptions, AlignSide, Bead } from './aligner.ts';
import { alignSentences } from './aligner.ts';
import { splitText, type SplitText } from './sentences.ts';

export interface TextBead {
  en: string[];
  fr: string[];
  score: number;
}

export interface TextAlignment {
  beads: TextBead[];
  warnings: string[];
}

/** Sentences in document order with a paragraph id each ("section.paragraph"). */
export function flatten(sections: SplitText): { sentences: string[]; paragraphs: string[]; sectionOf: number[] } {
  const sentences: string[] = [];
  const paragraphs: string[] = [];
  const sectionOf: number[] = [];
  sections.forEach((section, s) =>
    section.forEach((paragraph, p) =>
      paragraph.forEach((sentence) => {
        sentences.push(sentence);
        paragraphs.push(`${s}.${p}`);
        sectionOf.push(s);
      }),
    ),
  );
  return { sentences, paragraphs, sectionOf };
}

export function alignTexts(enText: string, frText: string, options: AlignOptions = {}): TextAlignment {
  const en = splitText(enText, 'en');
  const fr = splitText(frText, 'fr');
  const warnings: string[] = [];
  if (en.length === 0) warnings.push('The English text is empty: every French sentence is left unaligned.');
  if (fr.length === 0) warnings.push('The French text is empty: every English sentence is left unaligned.');
  const enFlat = flatten(en);
  const frFlat = flatten(fr);
  let beads: Bead[];
  if (en.length === fr.length) {
    beads = alignBySection({ sentences: enFlat.sentences, paragraphs: enFlat.paragraphs }, enFlat.sectionOf, { sentences: frFlat.sentences, paragraphs: frFlat.paragraphs }, frFlat.sectionOf, en.length, options);
  } else {
    if (en.length > 0 && fr.length > 0) warnings.push(`The English text has ${en.length} sections and the French text ${fr.length}: aligned as one text, section by section where the sentences agree.`);
    beads = alignSentences({ sentences: enFlat.sentences, paragraphs: enFlat.paragraphs }, { sentences: frFlat.sentences, paragraphs: frFlat.paragraphs }, options);
  }
  return {
    beads: beads.map((bead) => ({ en: bead.en.map((i) => enFlat.sentences[i]!), fr: bead.fr.map((j) => frFlat.sentences[j]!), score: bead.score })),
    warnings,
  };
}

/** Aligns section k with section k; bead indices stay global. */
export function alignBySection(en: AlignSide, enSection: readonly number[], fr: AlignSide, frSection: readonly number[], sections: number, options: AlignOptions = {}): Bead[] {
  const beads: Bead[] = [];
  let ei = 0;
  let fj = 0;
  for (let s = 0; s < sections; s++) {
    const enEnd = nextSection(enSection, ei, s);
    const frEnd = nextSection(frSection, fj, s);
    const part = alignSentences(slice(en, ei, enEnd), slice(fr, fj, frEnd), options);
    for (const bead of part) beads.push({ en: bead.en.map((i) => i + ei), fr: bead.fr.map((j) => j + fj), score: bead.score });
    ei = enEnd;
    fj = frEnd;
  }
  return beads;
}

function nextSection(sectionOf: readonly number[], from: number, section: number): number {
  let end = from;
  while (end < sectionOf.length && sectionOf[end] === section) end++;
  return end;
}

function slice(side: AlignSide, from: number, to: number): AlignSide {
  return { sentences: side.sentences.slice(from, to), paragraphs: side.paragraphs?.slice(from, to) };
}
