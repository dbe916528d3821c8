// Numbers, amounts, percentages, dates and classification codes of a text, normalized so that
// the English and French versions compare equal: "$4.3M" = « 4,3 M$ » = 4300000,
// "April 1" = « 1er avril » = date 04-01, "1,200" = « 1 200 », "five" = « cinq ».
import type { Lang } from '../sections.ts';

export interface Quantity {
  /** Normalized value: `n:4300000`, `date:04-01`, `code:AS-02`. */
  key: string;
  /** The words as written. */
  text: string;
  index: number;
}

const MONTHS: Record<Lang, readonly string[]> = {
  en: ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
};

/** Number words from two to twenty ("one"/« un » are also pronouns and articles: left out). */
const NUMBER_WORDS: Record<Lang, readonly string[]> = {
  en: ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'],
  fr: ['deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize', 'dix-sept', 'dix-huit', 'dix-neuf', 'vingt'],
};

const SCALE: Record<string, number> = { k: 1e3, K: 1e3, thousand: 1e3, M: 1e6, million: 1e6, millions: 1e6, B: 1e9, G: 1e9, billion: 1e9, milliard: 1e9, milliards: 1e9 };

const CODE = String.raw`\b[A-Z]{2,3}(?:-[A-Z]{2,4})?-\d{2}\b`;
const monthAlternation = (lang: Lang) => MONTHS[lang].join('|');

/** One pattern per language; the first alternative that matches at a position wins. */
function pattern(lang: Lang): RegExp {
  const months = monthAlternation(lang);
  if (lang === 'en') {
    return new RegExp(
      [
        `(?<code>${CODE})`,
        String.raw`(?<month>\b(?:${months}))\s+(?<day>\d{1,2})(?:st|nd|rd|th)?\b`,
        String.raw`(?<day2>\b\d{1,2})\s+(?<month2>(?:${months}))\b`,
        // Times of day: "4 p.m." is « 16 h », "8:30 a.m." is « 8 h 30 ».
        String.raw`(?<hour>\b\d{1,2})(?::(?<minute>\d{2}))?\s?(?<ampm>[ap])\.?m\b\.?`,
        String.raw`\$\s?(?<money>\d[\d,]*(?:\.\d+)?)(?:\s?(?<mscale>[kKMB]\b|thousand\b|million\b|billion\b))?`,
        String.raw`(?<num>\b\d{1,3}(?:,\d{3})+(?:\.\d+)?|\b\d+(?:\.\d+)?)(?:\s?(?<scale>million|billion)\b)?`,
        String.raw`(?<word>\b(?:${NUMBER_WORDS.en.join('|')})\b)`,
        // "twice a month" is « deux fois par mois ».
        String.raw`(?<twice>\btwice\b)`,
      ].join('|'),
      'giu',
    );
  }
  return new RegExp(
    [
      `(?<code>${CODE})`,
      String.raw`(?<day>\b\d{1,2})(?:er|re)?\s+(?<month>(?:${months}))(?![\p{L}])`,
      String.raw`(?<hour>\b\d{1,2})\s?h(?:\s?(?<minute>\d{2}))?(?![\p{L}])`,
      String.raw`(?<money>\b\d{1,3}(?:[\s\u00a0\u202f]\d{3})+(?:,\d+)?|\b\d+(?:,\d+)?)\s?(?<mscale>k|M|G|millions?|milliards?)?\s?(?:\$|de dollars\b)`,
      String.raw`(?<num>\b\d{1,3}(?:[\s\u00a0\u202f]\d{3})+(?:,\d+)?|\b\d+(?:,\d+)?)(?:\s?(?<scale>millions?|milliards?)\b)?`,
      // « les deux » is "both", which English does not count.
      String.raw`(?<word>(?<![\p{L}-])(?<!(?:les|des|aux)\s)(?:${NUMBER_WORDS.fr.join('|')})(?![\p{L}-]))`,
    ].join('|'),
    'gu',
  );
}

const PATTERNS: Record<Lang, RegExp> = { en: pattern('en'), fr: pattern('fr') };

function toNumber(digits: string, lang: Lang): number {
  const plain = lang === 'en' ? digits.replace(/,/g, '') : digits.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return Number(plain);
}

const keyOfNumber = (value: number) => `n:${Math.round(value * 1000) / 1000}`;

/** The quantities of `text`, in order. */
export function quantities(text: string, lang: Lang): Quantity[] {
  const re = PATTERNS[lang];
  re.lastIndex = 0;
  const found: Quantity[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const g = m.groups!;
    let key: string;
    if (g.code) key = `code:${g.code}`;
    else if (g.hour) {
      const hour = Number(g.hour) % 12 + (g.ampm?.toLowerCase() === 'p' ? 12 : 0);
      key = `time:${String(g.ampm ? hour : Number(g.hour)).padStart(2, '0')}:${g.minute ?? '00'}`;
    }
    else if (g.month || g.month2) {
      const month = MONTHS[lang].indexOf((g.month ?? g.month2)!.toLowerCase()) + 1;
      key = `date:${String(month).padStart(2, '0')}-${String(Number(g.day ?? g.day2)).padStart(2, '0')}`;
    } else if (g.money) key = keyOfNumber(toNumber(g.money, lang) * (SCALE[g.mscale ?? ''] ?? 1));
    else if (g.num) key = keyOfNumber(toNumber(g.num, lang) * (SCALE[g.scale ?? ''] ?? 1));
    else if (g.twice) key = keyOfNumber(2);
    else key = keyOfNumber(NUMBER_WORDS[lang].indexOf(g.word!.toLowerCase()) + 2);
    found.push({ key, text: m[0].trim(), index: m.index });
  }
  return found;
}

/** The quantities of `a` left when each quantity of `b` cancels one of `a` with the same key. */
function minus(a: readonly Quantity[], b: readonly Quantity[]): Quantity[] {
  const counts = new Map<string, number>();
  for (const q of b) counts.set(q.key, (counts.get(q.key) ?? 0) + 1);
  return a.filter((q) => {
    const left = counts.get(q.key) ?? 0;
    if (left === 0) return true;
    counts.set(q.key, left - 1);
    return false;
  });
}

/** What one side has that the other lacks, as multisets of keys; the quantities keep their words as written. */
export function unmatched(a: readonly Quantity[], b: readonly Quantity[]): { onlyA: Quantity[]; onlyB: Quantity[] } {
  return { onlyA: minus(a, b), onlyB: minus(b, a) };
}
