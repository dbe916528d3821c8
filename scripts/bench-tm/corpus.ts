// bench:tm's translation memory: segments generated from real sentence patterns, deterministic
// (a seeded generator), so runs and sizes are comparable.
//
// The bases are real EN/FR sentence pairs of two kinds: the seed's job-description memory and
// the TransRead novels' one-to-one gold beads (../shared/data/align/transread-en-fr/, 5 to 40
// words). Each segment recombines a base with job-description phrasing: most get a qualifier
// (region, deadline, policy, a count of programs or clients...) and many a collaboration prefix,
// both in EN and FR. Segments are spread over ESDC (45 %), Transport Canada (45 %) and the shared
// memory (10 %); 15 % were built FR -> EN. The stream never repeats a segment, so the first n of
// it are the memory of size n (sizes load one after the other).
import { loadNovels, type Novel } from '../eval-align.js';

export const ESDC = 'e5dc0000-0000-4000-a000-000000000001';
export const TRANSPORT_CANADA = '7c000000-0000-4000-a000-000000000002';
/** translator@esdc.example: reads ESDC's memory and the shared one. */
export const TRANSLATOR = 'e5dc0000-0000-4000-a000-000000000103';

export type Pair = readonly [en: string, fr: string];

/** One row of tm_segments as the bench loads it. */
export interface GeneratedSegment {
  organization: string | null;
  source: string;
  target: string;
  sourceLang: 'en' | 'fr';
  targetLang: 'en' | 'fr';
  provenance: 'import' | 'alignment' | 'document' | 'user';
  usageCount: number;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pickWith = (random: () => number) => <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const QUALIFIERS: readonly Pair[] = [
  ['within established deadlines', 'dans les délais établis'],
  ['in accordance with departmental policies', 'conformément aux politiques ministérielles'],
  ['as required', 'au besoin'],
  ['on a regular basis', 'de façon régulière'],
  ['for the regional office', 'pour le bureau régional'],
  ['in both official languages', 'dans les deux langues officielles'],
  ['under the direction of the manager', 'sous la direction du gestionnaire'],
  ['with minimal supervision', 'avec un minimum de supervision'],
  ['during peak periods', 'pendant les périodes de pointe'],
  ['for the national headquarters', "pour l'administration centrale"],
  ['in a timely manner', 'en temps opportun'],
  ['using departmental systems', "à l'aide des systèmes ministériels"],
  ['in the Atlantic region', "dans la région de l'Atlantique"],
  ['in the Quebec region', 'dans la région du Québec'],
  ['in the Ontario region', "dans la région de l'Ontario"],
  ['in the Western region', "dans la région de l'Ouest"],
  ['in the Northern region', 'dans la région du Nord'],
  ['each fiscal year', 'à chaque exercice financier'],
  ['each quarter', 'chaque trimestre'],
  ['at the request of senior management', 'à la demande de la haute direction'],
  ['in support of the branch priorities', "à l'appui des priorités de la direction générale"],
];
/** Qualifiers with a count: job descriptions size the work with numbers. */
const COUNTED: readonly ((n: number) => Pair)[] = [
  (n) => [`for up to ${n} programs`, `pour un maximum de ${n} programmes`],
  (n) => [`for more than ${n} clients`, `pour plus de ${n} clients`],
  (n) => [`with a team of ${n} employees`, `avec une équipe de ${n} employés`],
];
const PREFIXES: readonly Pair[] = [
  ['In collaboration with regional offices, ', 'En collaboration avec les bureaux régionaux, '],
  ['In consultation with stakeholders, ', 'En consultation avec les intervenants, '],
  ['As a member of a multidisciplinary team, ', "À titre de membre d'une équipe multidisciplinaire, "],
  ['Under general direction, ', 'Sous une direction générale, '],
  ['With other program officers, ', "Avec d'autres agents de programme, "],
  ['When required, ', 'Au besoin, '],
  ['In the absence of the manager, ', "En l'absence du gestionnaire, "],
  ['On behalf of the director, ', 'Au nom du directeur, '],
  ['Working with partners, ', 'En travaillant avec les partenaires, '],
  ['As the subject-matter expert, ', "À titre d'expert en la matière, "],
];

/** Sentences no memory holds (queries that should find nothing much). */
export const UNRELATED: readonly string[] = [
  'The weather forecast calls for snow in the mountains tomorrow.',
  'Please bring your own lunch to the annual picnic.',
  'The hockey game went into triple overtime last night.',
  'Quantum computers use qubits instead of classical bits.',
  'La recette demande trois tasses de farine et deux œufs.',
];

/** The novels are tokenised ("Baron 's sister ,"): put punctuation and clitics back in place. */
export function detokenize(sentence: string): string {
  return sentence
    .replace(/\\_/g, '')
    .replace(/ ([,.;:!?)\]])/g, '$1')
    .replace(/([([]) /g, '$1')
    .replace(/ ('s|n't|'ll|'re|'ve|'d|'m)\b/gi, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const MIN_WORDS = 5;
const MAX_WORDS = 40;
const MAX_CHARACTERS = 300;

function usable(sentence: string): boolean {
  const words = sentence.split(' ').length;
  return words >= MIN_WORDS && words <= MAX_WORDS && sentence.length <= MAX_CHARACTERS;
}

/** The one-to-one gold beads of the novels, detokenised, of sentence length. */
export function novelPairs(novels: readonly Novel[] = loadNovels()): Pair[] {
  const pairs: Pair[] = [];
  for (const novel of novels) {
    for (const [en, fr] of novel.beads) {
      if (en.length !== 1 || fr.length !== 1) continue;
      const pair: Pair = [detokenize(novel.en[en[0]!]!), detokenize(novel.fr[fr[0]!]!)];
      if (usable(pair[0]) && usable(pair[1])) pairs.push(pair);
    }
  }
  return pairs;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const withoutStop = (s: string) => s.replace(/[.!?]\s*$/, '');

/**
 * The segment stream: `jobDescriptionPairs` (the seed's memory) and `novels` recombined with
 * job-description phrasing, each segment once. Half the bases are job-description sentences.
 */
export function* segmentStream(jobDescriptionPairs: readonly Pair[], novels: readonly Pair[], seed = 20261206): Generator<GeneratedSegment> {
  const random = seededRandom(seed);
  const pick = pickWith(random);
  const seen = new Set<string>();
  for (;;) {
    let [en, fr] = random() < 0.5 || novels.length === 0 ? pick(jobDescriptionPairs) : pick(novels);
    const r = random();
    if (r < 0.85) {
      const [qEn, qFr] = r < 0.7 ? pick(QUALIFIERS) : pick(COUNTED)(2 + Math.floor(random() * 98));
      en = `${withoutStop(en)} ${qEn}.`;
      fr = `${withoutStop(fr)} ${qFr}.`;
    }
    if (random() < 0.6) {
      const [pEn, pFr] = pick(PREFIXES);
      en = pEn + lowerFirst(en);
      fr = pFr + lowerFirst(fr);
    }
    const o = random();
    const organization = o < 0.45 ? ESDC : o < 0.9 ? TRANSPORT_CANADA : null;
    const key = `${organization}|${en}|${fr}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Usage is skewed: most segments were never reused, a few often.
    const usageCount = Math.floor(-Math.log(1 - random()) * 1.5);
    yield random() < 0.15 // some memories were built FR -> EN
      ? { organization, source: fr, target: en, sourceLang: 'fr', targetLang: 'en', provenance: 'import', usageCount }
      : { organization, source: en, target: fr, sourceLang: 'en', targetLang: 'fr', provenance: pick(['import', 'alignment', 'document', 'user'] as const), usageCount };
  }
}

/** A query sentence made from a stored one: exact, case and punctuation changed, a word dropped or replaced. */
export function perturb(sentence: string, random: () => number): string {
  const pick = pickWith(random);
  const words = sentence.split(' ');
  const r = random();
  if (r < 0.2 || words.length < 4) return sentence;
  if (r < 0.3) return sentence.toUpperCase().replace(/\.$/, '');
  const i = 1 + Math.floor(random() * (words.length - 2));
  if (r < 0.65) words.splice(i, 1);
  else words[i] = pick(['new', 'key', 'several', 'nouveaux', 'principaux', 'various']);
  return words.join(' ');
}

/** A concordance term from a stored text: two or three consecutive words of it (words with a letter or digit). */
export function phraseOf(sentence: string, random: () => number): string {
  const words = sentence.replace(/[.,;:!?"()«»]/g, ' ').split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w));
  const length = Math.min(words.length, 2 + Math.floor(random() * 2));
  const start = Math.floor(random() * (words.length - length + 1));
  return words.slice(start, start + length).join(' ');
}
