import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { alignPasted, openBench, rows, shape, withBench, WRONG_EN, WRONG_FR } from './test-support.js';
import type { JdAlignmentWorkbench } from './workbench.js';

const root = (bench: JdAlignmentWorkbench) => bench.shadowRoot!;
/** Presses `key` with `modifiers` held. */
async function chord(modifiers: string[], key: string): Promise<void> {
  for (const modifier of modifiers) await sendKeys({ down: modifier });
  await sendKeys({ press: key });
  for (const modifier of [...modifiers].reverse()) await sendKeys({ up: modifier });
}
const message = (bench: JdAlignmentWorkbench) => root(bench).querySelector('[part=message]')?.textContent?.trim() ?? '';

/** Focuses pair `index`'s row (document order), as a click on it would. */
async function focusPair(bench: JdAlignmentWorkbench, index: number): Promise<void> {
  const row = rows(bench).find((r) => r.dataset['index'] === String(index))!;
  row.focus();
  await waitUntil(() => root(bench).activeElement === row, `pair ${index + 1} focused`);
}

/** What the database holds for an alignment's pairs, read as the signed-in user. */
async function storedPairs(bench: JdAlignmentWorkbench) {
  const { data, error } = await bench.session!.client!.from('alignment_pairs').select('position, source_text, target_text, bead, status').eq('alignment_id', bench.work.current!.id).order('position');
  if (error) throw new Error(error.message);
  return data;
}

const OFFICE_EN = ['Works in an office.', 'Occasional travel to regional offices across the country is required.'];
const OFFICE_FR = ['Travail de bureau avec déplacements.'];

describe('<jd-alignment-workbench> in <jd-concordance>', () => {
  it('fixes a wrong pair by split and merge and another by split, confirms them into the memory, and concordance search finds them', async function () {
    this.timeout(60_000);
    await withBench('translator@esdc.example', async ({ panel, bench }) => {
      await alignPasted(bench, WRONG_EN, WRONG_FR);
      // What the aligner made of it: two pairs wrong.
      expect(shape(bench)).to.deep.equal([
        [['Plans the work of the unit.', 'Works in an office.'], ["Planifie le travail de l'unité."]],
        [['Occasional travel to regional offices across the country is required.'], OFFICE_FR],
        [['Supervises three employees.'], ['Supervise trois employés.']],
        [['Other duties as assigned.', 'Prepares briefing notes for senior management.'], ["Prépare des notes d'information pour la haute direction."]],
      ]);
      expect(rows(bench)[0]!.querySelector('[part=confidence]')!.textContent).to.match(/\d+ %\s+high confidence/);

      // Keyboard: S splits the first pair, ↓ moves on, M merges the office sentence with the travel one.
      await focusPair(bench, 0);
      await sendKeys({ press: 's' });
      await waitUntil(() => bench.pairs.length === 5, 'split');
      expect(shape(bench).slice(0, 2)).to.deep.equal([
        [['Plans the work of the unit.'], ["Planifie le travail de l'unité."]],
        [['Works in an office.'], []],
      ]);
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => root(bench).activeElement === rows(bench)[1], 'pair 2 focused');
      await sendKeys({ press: 'm' });
      await waitUntil(() => bench.pairs.length === 4, 'merged');
      expect(shape(bench)[1]).to.deep.equal([OFFICE_EN, OFFICE_FR]);
      expect(rows(bench)[1]!.dataset['band'], 'a pair made by hand').to.equal('manual');

      // Mouse: a click on the last pair shows its buttons; its Split leaves "Other duties" on its own.
      expect(rows(bench)[3]!.querySelector('[part=actions]'), 'buttons on the pair with the tab stop only').to.equal(null);
      await focusPair(bench, 3);
      await bench.updateComplete;
      rows(bench)[3]!.querySelector<HTMLButtonElement>('[part=actions] button:nth-child(2)')!.click();
      await waitUntil(() => bench.pairs.length === 5, 'split by the mouse');
      expect(shape(bench).slice(3)).to.deep.equal([
        [['Other duties as assigned.'], []],
        [['Prepares briefing notes for senior management.'], ["Prépare des notes d'information pour la haute direction."]],
      ]);

      // Enter confirms the fixed pair; the button confirms "Supervises".
      await focusPair(bench, 1);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => bench.pairs[1]!.status === 'confirmed', 'confirmed by Enter');
      await focusPair(bench, 2);
      await bench.updateComplete;
      rows(bench)[2]!.querySelector<HTMLButtonElement>('[part=actions] button:last-child')!.click();
      await waitUntil(() => bench.pairs[2]!.status === 'confirmed', 'confirmed by the button');
      await bench.whenSaved();
      expect(bench.work.failure).to.equal(null);
      expect(message(bench)).to.equal('1 pair confirmed into the translation memory.');
      // Saved as fixed, in order, with their beads.
      expect((await storedPairs(bench)).map((p) => [p.bead, p.status])).to.deep.equal([
        ['1-1', 'pending'],
        ['2-1', 'confirmed'],
        ['1-1', 'confirmed'],
        ['1-0', 'pending'],
        ['1-1', 'pending'],
      ]);

      // Concordance search (the Search tab) finds the fixed pair, English and French as confirmed.
      panel.shadowRoot!.querySelector<HTMLButtonElement>('#tm-tab-search')!.click();
      await panel.search('regional offices', { mode: 'phrase' });
      expect(panel.searchState.phase).to.equal('done');
      const hits = panel.searchState.phase === 'done' ? panel.searchState.segments : [];
      const hit = hits.find((h) => h.source === OFFICE_EN.join(' '));
      expect(hit, JSON.stringify(hits)).to.not.equal(undefined);
      expect(hit!.target).to.equal(OFFICE_FR[0]);
      expect(hit!.provenance).to.equal('alignment');
      await panel.updateComplete;
      expect(panel.shadowRoot!.querySelector('[part=results]')!.textContent).to.contain('Travail de bureau avec déplacements.');
    });
  });

  it('undo (Ctrl+Z and the button) brings back the pairs as they were, and an undone confirmation leaves the memory', async function () {
    this.timeout(60_000);
    await withBench('translator@esdc.example', async ({ panel, bench }) => {
      await alignPasted(bench, WRONG_EN, WRONG_FR);
      const aligned = shape(bench);
      await focusPair(bench, 1);
      await sendKeys({ press: 'm' });
      await waitUntil(() => bench.pairs.length === 3, 'merged');
      await chord(['Control'], 'z');
      await waitUntil(() => bench.pairs.length === 4, 'merge undone');
      expect(shape(bench)).to.deep.equal(aligned);
      expect(message(bench)).to.equal('Last step undone.');

      // Re-link with Alt+↓: the last French sentence of pair 2 goes to pair 3; the Undo button brings it back.
      await focusPair(bench, 1);
      await chord(['Alt'], 'ArrowDown');
      await waitUntil(() => bench.pairs[2]!.fr.length === 2, 'moved');
      expect(bench.pairs[1]!.fr).to.deep.equal([]);
      root(bench).querySelector<HTMLButtonElement>('[part=toolbar] button[aria-keyshortcuts="Control+Z"]')!.click();
      await waitUntil(() => bench.pairs[2]!.fr.length === 1, 'move undone');
      expect(shape(bench)).to.deep.equal(aligned);

      // The uncorrected last pair (only this test confirms it as it is) confirmed, then undone: the memory no longer has it.
      const last = { en: 'Other duties as assigned. Prepares briefing notes for senior management.', fr: "Prépare des notes d'information pour la haute direction." };
      const concordance = async () => {
        await panel.search('Other duties as assigned', { mode: 'phrase', sourceLang: 'en' });
        return panel.searchState.phase === 'done' ? panel.searchState.segments.filter((s) => s.source === last.en && s.target === last.fr).length : -1;
      };
      expect(await concordance()).to.equal(0);
      await focusPair(bench, 3);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => bench.pairs[3]!.status === 'confirmed', 'confirmed');
      await bench.whenSaved();
      expect(await concordance()).to.equal(1);
      await focusPair(bench, 3);
      await chord(['Control'], 'z');
      await waitUntil(() => bench.pairs[3]!.status === 'pending', 'confirmation undone');
      await bench.whenSaved();
      expect(bench.work.failure).to.equal(null);
      expect(await concordance()).to.equal(0);
      expect((await storedPairs(bench)).every((p) => p.status === 'pending')).to.equal(true);
    });
  });

  it('shows the least confident first when asked, and confirms every pending pair at or above a threshold', async function () {
    this.timeout(60_000);
    await withBench('translator@esdc.example', async ({ bench }) => {
      await alignPasted(bench, WRONG_EN, WRONG_FR);
      const scores = bench.pairs.map((p) => p.score!);
      root(bench).querySelector<HTMLInputElement>('[part=toolbar] input[type=checkbox]')!.click();
      await bench.updateComplete;
      const shown = rows(bench).map((r) => scores[Number(r.dataset['index'])]!);
      expect(shown).to.deep.equal([...scores].sort((a, b) => a - b));
      // Threshold above every score but one: only that one is confirmed.
      const best = Math.max(...scores);
      const threshold = Math.floor(best * 100);
      const input = root(bench).querySelector<HTMLInputElement>('#wb-threshold')!;
      input.value = String(threshold);
      input.dispatchEvent(new Event('input'));
      root(bench).querySelector<HTMLButtonElement>('.threshold button')!.click();
      await bench.whenSaved();
      expect(bench.pairs.map((p) => p.status === 'confirmed')).to.deep.equal(scores.map((s) => s * 100 >= threshold));
      expect(bench.work.failure).to.equal(null);
    });
  });

  it('lists the alignments the user can read and opens a stored one with its sentences, beads and confirmations', async function () {
    this.timeout(60_000);
    await withBench('translator@esdc.example', async ({ session, bench }) => {
      // An alignment stored by someone else's tool (the align function, say), French first.
      const client = session.client!;
      const created = await client
        .from('alignments')
        .insert({ organization_id: 'e5dc0000-0000-4000-a000-000000000001', source_lang: 'fr', target_lang: 'en', source_name: 'Poste FR', target_name: 'Position EN' })
        .select('id')
        .single();
      expect(created.error).to.equal(null);
      const saved = await client.rpc('alignment_save_pairs', {
        alignment: created.data!.id,
        pairs: [
          { source_text: 'Dirige l’équipe. Gère le budget.', target_text: 'Leads the team and manages the budget.', bead: '2-1', score: 0.42 },
          { source_text: 'Rédige des rapports.', target_text: 'Writes reports.', bead: '1-1', score: 0.97, status: 'confirmed' },
        ],
      });
      expect(saved.error).to.equal(null);
      await bench.work.refresh();
      await bench.updateComplete;
      const select = root(bench).querySelector<HTMLSelectElement>('#wb-alignment')!;
      const option = Array.from(select.options).find((o) => o.value === created.data!.id)!;
      expect(option.textContent).to.contain('Poste FR ↔ Position EN');
      select.value = option.value;
      select.dispatchEvent(new Event('change'));
      await waitUntil(() => bench.work.current?.id === created.data!.id && bench.work.phase === 'ready', 'opened');
      await bench.updateComplete;
      expect(shape(bench)).to.deep.equal([
        [['Leads the team and manages the budget.'], ['Dirige l’équipe.', 'Gère le budget.']],
        [['Writes reports.'], ['Rédige des rapports.']],
      ]);
      const [first, second] = rows(bench);
      expect(first!.dataset['band']).to.equal('low');
      expect(first!.querySelector('[part=confidence]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('42 % low confidence');
      expect(second!.dataset['status']).to.equal('confirmed');
    });
  });

  it("Transport Canada's editor sees none of ESDC's alignments, and cannot save into one", async function () {
    this.timeout(60_000);
    const esdc = await openBench('translator@esdc.example');
    let alignmentId = '';
    try {
      await alignPasted(esdc.bench, WRONG_EN, WRONG_FR);
      alignmentId = esdc.bench.work.current!.id;
    } finally {
      esdc.session.remove();
    }
    const tc = await openBench('editor@tc.example');
    try {
      await waitUntil(() => root(tc.bench).querySelector('#wb-alignment option'), 'list read');
      await tc.bench.work.refresh();
      expect(tc.bench.work.alignments.map((a) => a.id)).to.not.include(alignmentId);
      const client = tc.session.client!;
      const pairs = await client.from('alignment_pairs').select('id').eq('alignment_id', alignmentId);
      expect(pairs.data).to.deep.equal([]);
      const saved = await client.rpc('alignment_save_pairs', { alignment: alignmentId, pairs: [{ source_text: 'A.', target_text: 'B.', bead: '1-1', status: 'confirmed' }] });
      expect(saved.error?.message).to.contain('does not exist or is not yours');
    } finally {
      tc.session.remove();
    }
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`is accessible with pairs shown, and stacks the columns in an 18rem panel (${lang.toUpperCase()})`, async function () {
      this.timeout(60_000);
      await withBench(
        'translator@esdc.example',
        async ({ panel, bench }) => {
          await expect(panel).to.be.accessible();
          await alignPasted(bench, WRONG_EN, WRONG_FR);
          const first = rows(bench)[0]!;
          const en = first.querySelector('[part=en]')!.getBoundingClientRect();
          const fr = first.querySelector('[part=fr]')!.getBoundingClientRect();
          expect(fr.top, 'French under English').to.be.at.least(en.bottom);
          expect(bench.scrollWidth).to.be.at.most(bench.clientWidth + 1);
          if (lang === 'fr') expect(root(bench).querySelector('h3')!.textContent).to.equal('Atelier d’alignement');
          root(bench).querySelector<HTMLDetailsElement>('[part=help]')!.open = true;
          await expect(panel).to.be.accessible();
        },
        { lang, width: '18rem' },
      );
    });
  }
});
