// The offline compliance review: rewrites from the rules' own fixes, the mechanical equivalence
// checks per section, and a group-fit item that says it was not assessed; all advisory, in the
// UI language, as JSON lines the function parses like a model's answer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReview } from '../prompts/index.ts';
import { reviewInput } from '../review-input.ts';
import { assistRequest, REVIEW_IDENTIFICATION, REVIEW_SECTIONS } from '../testing.ts';
import { createOfflineProvider, offlineAnswer } from './index.ts';

const review = reviewInput(REVIEW_IDENTIFICATION, REVIEW_SECTIONS);
const request = (from: 'en' | 'fr') => assistRequest({ task: 'compliance-review', text: '', from, to: from === 'en' ? 'fr' : 'en', review });

describe('compliance-review offline', () => {
  it('rewrites each finding that has a fix with that fix, mapped to its words, section and language', () => {
    const items = parseReview(offlineAnswer(request('en')).text);
    const rewrites = items.filter((i) => i.kind === 'rewrite');
    const withFix = review.findings.filter((f) => f.fix !== undefined && f.fix !== f.text);
    assert.equal(rewrites.length, withFix.length, 'one rewrite per finding with a fix');
    assert.ok(review.findings.some((f) => f.fix === undefined), 'findings without a fix get no rewrite');
    const pronoun = rewrites.find((i) => i.finding_rule === 'inclusive.generic-pronoun');
    assert.deepEqual(pronoun && { section: pronoun.section, lang: pronoun.lang, text: pronoun.text, suggestion: pronoun.suggestion }, { section: 'client-service-results', lang: 'en', text: 'he', suggestion: 'they' });
    assert.ok(rewrites.some((i) => i.finding_rule === 'identifiers.classification-format' && i.suggestion === 'PM-04'));
  });

  it('reports per section only the mechanical equivalence checks, and says meaning was not compared', () => {
    const items = parseReview(offlineAnswer(request('en')).text).filter((i) => i.kind === 'equivalence');
    const amount = items.find((i) => i.section === 'client-service-results');
    assert.match(amount!.message, /Only in the English version \(number, amount, date or code\): "\$4\.3M"/);
    assert.ok(!items.some((i) => i.section === 'key-activities'), 'a section whose versions agree mechanically has no item');
    assert.ok(items.some((i) => i.section === null && /Meaning was not compared/.test(i.message)));
  });

  it('says plainly that group fit was not assessed offline, naming the group, in either language', () => {
    const [en] = parseReview(offlineAnswer(request('en')).text).filter((i) => i.kind === 'group-fit');
    assert.match(en!.message, /Whether the duties fit the group PM-04 \(Programme Administration\) was not assessed offline/);
    const [fr] = parseReview(offlineAnswer(request('fr')).text).filter((i) => i.kind === 'group-fit');
    assert.match(fr!.message, /La correspondance des fonctions avec le groupe PM-04 \(Administration des programmes\) n’a pas été évaluée hors ligne/);
    const frRewrite = parseReview(offlineAnswer(request('fr')).text).find((i) => i.kind === 'rewrite');
    assert.match(frRewrite!.message, /^Correction proposée par la règle : /);
  });

  it('marks everything advisory, cites its rules, and streams exactly its text', async () => {
    const answer = offlineAnswer(request('en'));
    const items = parseReview(answer.text);
    assert.ok(items.length >= 4 && items.every((i) => i.advisory === true));
    assert.ok(answer.sources.some((s) => s.kind === 'rule' && s.id === 'offline.group-fit-not-assessed'));
    assert.ok(answer.sources.some((s) => s.kind === 'rule' && s.id === 'inclusive.generic-pronoun'));
    let streamed = '';
    for await (const event of createOfflineProvider().generate(request('en'), { system: '', user: '', maxTokens: 1 }, new AbortController().signal)) {
      if (event.type === 'delta') streamed += event.text;
    }
    assert.equal(streamed, answer.text);
  });
});
