// The comparison of two versions (or a version and the live text) as the editor shows it: one
// block per section, English and French side by side, added words in <ins> and removed words in
// <del> (underlined and struck through, and named for screen readers: not by colour alone).
import { html, nothing } from 'lit';
import { msg, localeOf } from '../core/i18n.js';
import { LANGS, type Lang } from '../../domain/sections.js';
import type { SectionComparison, WordRun } from '../../domain/version-compare.js';

export interface Comparison {
  /** What is compared, as the heading names it ("version 2 (Before review)", "the current text"). */
  from: string;
  to: string;
  sections: SectionComparison[];
}

function renderRuns(runs: readonly WordRun[], lang: Lang) {
  const spoken = (id: 'compare.added' | 'compare.removed' | 'compare.addedEnd' | 'compare.removedEnd') =>
    html`<span class="visually-hidden" lang=${localeOf(lang)}>${msg(lang, id)}</span>`;
  return runs.map((run) =>
    run.kind === 'same'
      ? run.text
      : run.kind === 'added'
        ? html`<ins>${spoken('compare.added')}${run.text}${spoken('compare.addedEnd')}</ins>`
        : html`<del>${spoken('compare.removed')}${run.text}${spoken('compare.removedEnd')}</del>`,
  );
}

function renderSection(section: SectionComparison, lang: Lang, index: number) {
  const id = `compare-section-${index}`;
  const presence = section.presence === 'added' ? msg(lang, 'compare.sectionAdded') : section.presence === 'removed' ? msg(lang, 'compare.sectionRemoved') : null;
  return html`<article class="compare-section" data-section-id=${section.sectionId} aria-labelledby=${id}>
    <h3 id=${id}>${section.title[lang] || section.title.en || section.title.fr}${presence ? html` <span class="presence">(${presence})</span>` : nothing}</h3>
    ${section.changed
      ? html`<div class="compare-langs">
          ${LANGS.map(
            (textLang) => html`<div class="compare-lang" data-lang=${textLang}>
              <h4>${msg(lang, textLang === 'en' ? 'editor.english' : 'editor.french')}</h4>
              <div lang=${localeOf(textLang)} class="compare-text">
                ${section.langs[textLang].heading.some((r) => r.kind !== 'same') ? html`<p class="compare-heading">${renderRuns(section.langs[textLang].heading, lang)}</p>` : nothing}
                <p>${renderRuns(section.langs[textLang].body, lang)}</p>
              </div>
            </div>`,
          )}
        </div>`
      : html`<p class="unchanged">${msg(lang, 'compare.unchanged')}</p>`}
  </article>`;
}

export function renderComparison(comparison: Comparison, lang: Lang, close: () => void) {
  const changed = comparison.sections.filter((s) => s.changed).length;
  return html`<section part="version-compare" aria-labelledby="version-compare-heading">
    <div class="bar">
      <h2 id="version-compare-heading">${msg(lang, 'compare.heading', { from: comparison.from, to: comparison.to })}</h2>
      <button type="button" @click=${close}>${msg(lang, 'compare.close')}</button>
    </div>
    <p class="legend">${msg(lang, 'compare.legend')}</p>
    <p class="legend">${msg(lang, 'compare.summary', { count: changed, total: comparison.sections.length })}</p>
    ${comparison.sections.map((section, i) => renderSection(section, lang, i))}
  </section>`;
}
