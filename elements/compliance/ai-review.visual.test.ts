// Screenshot comparisons of <jd-compliance>'s AI review results (issue 15 item 3): the heading,
// the provider and model, and one item of each kind, each labelled advisory, a rewrite with its
// "Apply rewrite" button; in English and in French, as an 18rem side panel at 1366 px and as the
// whole screen at 390 px. The review is a fixed answer set on the panel's controller, so the
// picture depends on the rendering only. Baselines: screenshots/baseline/compliance-ai-review-*.png.
import { waitUntil } from '@open-wc/testing';
import './define.js';
import type { ReviewItem } from '../../domain/ai/assist-types.js';
import { editorOn, expectScreenshot, NARROW, PEOPLE, screenshotsOfFixture, settle, useWidth, WIDE } from '../core/test-screenshots.js';

const ITEMS: Record<'en' | 'fr', ReviewItem[]> = {
  en: [
    { kind: 'equivalence', section: 'key-activities', lang: 'fr', message: 'The French leaves out "and recommends their approval or rejection".', suggestion: 'Évalue les propositions et recommande leur approbation ou leur rejet.', advisory: true },
    { kind: 'group-fit', section: null, lang: null, message: 'The duties (assessing proposals, negotiating agreements) fit the PM group; the scope of advice to management suits level 04.', advisory: true },
    { kind: 'rewrite', section: 'key-activities', lang: 'en', finding_rule: 'inclusive.generic-pronoun', text: 'he', message: 'Use "they" for whoever holds the position.', suggestion: 'they', advisory: true },
  ],
  fr: [
    { kind: 'equivalence', section: 'key-activities', lang: 'fr', message: 'Le français omet « and recommends their approval or rejection ».', suggestion: 'Évalue les propositions et recommande leur approbation ou leur rejet.', advisory: true },
    { kind: 'group-fit', section: null, lang: null, message: 'Les fonctions (évaluer des propositions, négocier des accords) correspondent au groupe PM; la portée des conseils à la direction convient au niveau 04.', advisory: true },
    { kind: 'rewrite', section: 'key-activities', lang: 'fr', finding_rule: 'inclusive.generic-pronoun', text: 'il', message: 'Employez une formulation neutre pour la personne titulaire.', suggestion: 'la personne titulaire', advisory: true },
  ],
};

describe('<jd-compliance> AI review screenshots', () => {
  const fixtureId = screenshotsOfFixture();

  for (const lang of ['en', 'fr'] as const) {
    for (const width of [NARROW, WIDE]) {
      it(`AI review results, ${lang.toUpperCase()}, ${width} px`, async function () {
        this.timeout(30_000);
        await useWidth(width);
        const editor = await editorOn(fixtureId(), PEOPLE.editor.email, { lang });
        const el = document.createElement('jd-compliance');
        el.documentId = fixtureId();
        if (width === WIDE) el.style.width = '18rem';
        editor.closest('jd-session')!.append(el);
        await waitUntil(() => el.checkRuns > 0 && el.linkedEditor === editor, 'the first check shown beside the editor', { timeout: 15_000 });
        editor.style.display = 'none';
        el.aiReview.state = { phase: 'done', items: ITEMS[lang], provider: 'anthropic', model: 'claude-sonnet-4-5', notice: null };
        el.requestUpdate();
        await settle(el);
        await expectScreenshot(el.shadowRoot!.querySelector('[part=ai-review]')!, `compliance-ai-review-${lang}-${width}`);
      });
    }
  }
});
