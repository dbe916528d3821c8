// How <jd-concordance> draws its results: the glossary terms of the query, fuzzy matches (score,
// band, the words that differ from the query marked, the translation, where it comes from) and
// concordance segments (the phrase marked). Marks carry a visually hidden explanation, so the
// difference is not told by colour alone.
import { html, nothing, type TemplateResult } from 'lit';
import type { Lang } from '../../domain/sections.js';
import { compareSegments } from '../../domain/tm/fuzzy-score.js';
import { matchBand, type MatchBand } from '../../domain/tm/adjusted-score.js';
import { normalizeText, normalizeTraced } from '../../domain/tm/normalize.js';
import type { Span } from '../../domain/tm/traced-text.js';
import type { MatchWarning } from '../../domain/tm/ranked-matches.js';
import { localeOf, type MessageId } from '../core/i18n.js';
import type { GlossaryHitRow } from '../core/data-access.js';

export type Translate = (id: MessageId, values?: Record<string, string | number>) => string;

/** `text` with the stretches `spans` marked, each mark followed by `explanation` for screen readers. */
export function markSpans(text: string, spans: readonly Span[], explanation: string): (string | TemplateResult)[] {
  const parts: (string | TemplateResult)[] = [];
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < cursor || span.end <= span.start) continue;
    parts.push(text.slice(cursor, span.start));
    parts.push(html`<mark>${text.slice(span.start, span.end)}<span class="visually-hidden"> ${explanation}</span></mark>`);
    cursor = span.end;
  }
  parts.push(text.slice(cursor));
  return parts;
}

/** The words of a match's source that differ from the query (changed, or not in the query), as stretches of the source. */
export function differingSpans(query: string, source: string): Span[] {
  try {
    return compareSegments(query, source)
      .candidate.filter((word) => word.change !== 'same')
      .map((word) => word.span);
  } catch {
    // Past the scorer's word limit: shown unmarked rather than not at all.
    return [];
  }
}

/** Where a phrase occurs in a text, compared as the database compares it (normalised: case, accents kept, punctuation dropped). */
export function phraseSpans(text: string, phrase: string): Span[] {
  const needle = normalizeText(phrase);
  if (!needle) return [];
  const traced = normalizeTraced(text);
  const spans: Span[] = [];
  for (let at = traced.text.indexOf(needle); at >= 0; at = traced.text.indexOf(needle, at + needle.length)) spans.push(traced.spanOf(at, at + needle.length));
  return spans;
}

const BAND_LABELS: Record<MatchBand, string> = {
  context: '101 %',
  exact: '100 %',
  '95-99': '95–99 %',
  '85-94': '85–94 %',
  '75-84': '75–84 %',
  '50-74': '50–74 %',
  low: '< 50 %',
};

/** The band of a score, as a translator reads it. */
export const bandLabel = (score: number) => BAND_LABELS[matchBand(score)];

const PROVENANCES = ['document', 'import', 'alignment', 'user'] as const;

/** Department or shared, how the segment came in, which document, when last used and how often (when known). */
export function provenance(
  lang: Lang,
  t: Translate,
  row: { shared: boolean; provenance: string; usage_count?: number; document_id?: string | null; last_used_at?: string | null },
  documentId: string,
): string {
  // A segment taken from a job description names which one (this one or another); others say how they came in.
  const kind = row.document_id
    ? t(row.document_id === documentId ? 'tm.thisDocument' : 'tm.otherDocument')
    : (PROVENANCES as readonly string[]).includes(row.provenance)
      ? t(`tm.provenance.${row.provenance}` as MessageId)
      : t('tm.provenance.other', { provenance: row.provenance });
  const parts = [t(row.shared ? 'tm.shared' : 'tm.department'), kind];
  if (row.last_used_at) {
    const date = new Date(row.last_used_at);
    if (!Number.isNaN(date.getTime())) parts.push(t('tm.lastUsed', { date: new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium' }).format(date) }));
  }
  // Semantic matches do not carry the usage count: nothing is said rather than "not used yet".
  if (row.usage_count !== undefined) parts.push(row.usage_count > 0 ? t('tm.uses', { count: row.usage_count }) : t('tm.unused'));
  return parts.join(' · ');
}

/** One glossary term: the term, its translation, and its status (a forbidden one with what to use instead). */
export function glossaryItem(t: Translate, hit: GlossaryHitRow): TemplateResult {
  const status = hit.status === 'forbidden' ? 'forbidden' : hit.status === 'approved' ? 'approved' : 'pending';
  const label = t(status === 'forbidden' ? 'tm.forbidden' : status === 'approved' ? 'tm.approved' : 'tm.pending');
  return html`<li part="term term-${status}" data-status=${status}>
    <span part="term-status">${label}</span>
    <span><strong>${hit.term}</strong> → ${status === 'forbidden' ? html`<s>${hit.translation}</s>` : hit.translation}</span>
    ${status === 'forbidden' && hit.approved_equivalents.length > 0 ? html`<span part="term-instead">${t('tm.useInstead', { terms: hit.approved_equivalents.join(', ') })}</span>` : nothing}
    ${hit.notes ? html`<span part="term-notes">${hit.notes}</span>` : nothing}
  </li>`;
}

/**
 * A fuzzy match's score (the database's raw score, the adjusted one it is ranked by, the
 * differences that cost it points) or a semantic match's similarity (0–100).
 */
export type ResultScore = { raw: number; adjusted: number; warnings: MatchWarning[] } | { similarity: number };

const WARNING_MESSAGES: Record<MatchWarning['kind'], MessageId> = { number: 'tm.warning.number', code: 'tm.warning.code', placeable: 'tm.warning.placeable' };

/** "Number differs: 4 → 5": what the sentence has against what the match has. */
export function warningText(t: Translate, warning: MatchWarning): string {
  const none = t('tm.warning.none');
  return t(WARNING_MESSAGES[warning.kind], { from: warning.inQuery || none, to: warning.inMatch || none });
}

function scoreLine(t: Translate, score: ResultScore): TemplateResult {
  if ('similarity' in score)
    return html`<p part="score similarity" data-band="semantic">
      <span aria-hidden="true">≈ ${score.similarity} %</span><span class="visually-hidden">${t('tm.similarity', { similarity: score.similarity })}</span>
    </p>`;
  const { raw, adjusted, warnings } = score;
  return html`<p part="score" data-band=${matchBand(raw)}>
      <span aria-hidden="true">${raw} %</span><span class="visually-hidden">${t('tm.score', { score: raw })}</span>
      <span part="band">${t('tm.band', { band: bandLabel(raw) })}</span>
      ${adjusted === raw ? nothing : html`<span part="raw-score">${t('tm.rawScore', { score: raw, adjusted })}</span>`}
    </p>
    ${warnings.map((warning) => html`<p part="warning" data-kind=${warning.kind}><span aria-hidden="true">⚠ </span>${warningText(t, warning)}</p>`)}`;
}

/** What one result shows above its Insert button: score (fuzzy: raw score, band, warnings; semantic: similarity), source with marks, translation, provenance. */
export function resultBody(
  lang: Lang,
  t: Translate,
  result: { source: string; target: string; score?: ResultScore; marks: Span[]; markLabel: string; sourceLang: Lang; provenance: string },
  id: string,
): TemplateResult {
  const targetLang = result.sourceLang === 'en' ? 'fr' : 'en';
  return html`${result.score === undefined ? nothing : scoreLine(t, result.score)}
    <p part="source" lang=${localeOf(result.sourceLang)}><span class="visually-hidden">${t('tm.source')}: </span>${markSpans(result.source, result.marks, result.markLabel)}</p>
    <p part="target" id=${id} lang=${localeOf(targetLang)}><span class="visually-hidden">${t('tm.target')}: </span>${result.target}</p>
    <p part="provenance" lang=${localeOf(lang)}>${result.provenance}</p>`;
}
