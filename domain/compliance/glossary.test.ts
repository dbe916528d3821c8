// Bilingual equivalence, terminology (bilingual.glossary): an approved English term whose French
// section lacks the approved equivalent, or uses a forbidden one, is a warning naming the
// expected term; French elision, plurals, feminines and repeated articles still count as using it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GlossaryTerm } from '../tm/glossary.ts';
import { readTbx } from '../tm/tbx.ts';
import { checkTexts } from './check.ts';
import { englishPlural, glossaryConsistency, glossaryRule, termsFromTbx } from './glossary.ts';
import { addLine, findingsOf, pairText, replaceIn } from './testing.ts';

const term = (termEn: string, termFr: string, status: GlossaryTerm['status'] = 'approved'): GlossaryTerm => ({ id: `${termEn}/${termFr}`, termEn, termFr, status, organizationId: null });

describe('bilingual.glossary', () => {
  it('passes the correct pair (« titulaire », « subventions et de contributions »)', () => {
    assert.deepEqual(findingsOf(glossaryConsistency), []);
  });

  it('reports an approved English term whose French section lacks its equivalent, with the expected term as fix', () => {
    const { en, fr } = pairText({ fr: [replaceIn('Responsabilité', 'La personne titulaire du poste répond', 'L’employé répond')] });
    const found = checkTexts(en, fr, [glossaryConsistency]);
    assert.deepEqual(found.map((f) => [f.id, f.severity, f.lang, f.section, f.text, f.fix]), [['bilingual.glossary', 'warning', 'both', 'responsibility', 'incumbent', 'titulaire']]);
    assert.match(found[0]!.message.en, /« titulaire », the approved equivalent of “incumbent”/);
    assert.match(found[0]!.message.fr, /n’emploie pas « titulaire », l’équivalent approuvé de “incumbent”/);
  });

  it('reports the English words as written (capitals kept)', () => {
    assert.deepEqual(
      findingsOf(glossaryConsistency, { en: [addLine('Effort', 'Preparing a Briefing Note for senior management is frequent.')], fr: [addLine('Effort', 'La préparation de résumés pour la haute direction est fréquente.')] }),
      ['both effort: Briefing Note'],
    );
  });

  it('accepts French elision, plurals and feminines of the approved term', () => {
    const rule = glossaryRule([term('briefing note', 'note d’information'), term('active offer', 'offre active'), term('program officer', 'agent de programme')]);
    assert.deepEqual(
      findingsOf(rule, {
        en: [addLine('Effort', 'Writes briefing notes, makes the active offer of service and trains each program officer.')],
        fr: [addLine('Effort', "Rédige des notes d'information, fait l'offre active de service et forme les agentes de programme.")],
      }),
      [],
    );
  });

  it('finds the English term in the plural too ("site visits" for "site visit")', () => {
    assert.deepEqual([englishPlural('site visit'), englishPlural('policy'), englishPlural('approach'), englishPlural('key'), englishPlural('Deputy Minister')], ['site visits', 'policies', 'approaches', 'keys', 'Deputy Ministers']);
    const rule = glossaryRule([term('site visit', 'visite de terrain')]);
    assert.deepEqual(findingsOf(rule), ['both key-activities: site visits'], 'the pair says « visites sur place »');
    assert.deepEqual(findingsOf(glossaryRule([term('site visit', 'visite sur place')])), [], '« visites sur place » is the plural of the approved term');
  });

  it('reports a forbidden French term (a calque) used for the English term, with the approved equivalent', () => {
    const rule = glossaryRule([term('opportunity', 'occasion'), term('opportunity', 'opportunité', 'forbidden')]);
    const { en, fr } = pairText({ en: [addLine('Effort', 'Each opportunity to improve service is documented.')], fr: [addLine('Effort', 'Chaque opportunité d’améliorer le service est documentée.')] });
    const found = checkTexts(en, fr, [rule]);
    assert.deepEqual(found.map((f) => [f.lang, f.section, f.text, f.fix]), [['fr', 'effort', 'opportunité', 'occasion']]);
    assert.match(found[0]!.message.fr, /« opportunité » n’est pas une traduction acceptable de “opportunity”.*employez « occasion »/);
  });

  it('passes the approved French equivalent, and a forbidden-looking word the English does not call for', () => {
    const rule = glossaryRule([term('opportunity', 'occasion'), term('eventually', 'éventuellement', 'forbidden')]);
    assert.deepEqual(
      findingsOf(rule, {
        en: [addLine('Effort', 'Each opportunity to improve service is documented; files may be reviewed if needed.')],
        fr: [addLine('Effort', 'Chaque occasion d’améliorer le service est documentée; les dossiers peuvent éventuellement être examinés.')],
      }),
      [],
    );
  });

  it('reads only section bodies: a heading ("Responsibility") triggers nothing', () => {
    const rule = glossaryRule([term('responsibility', 'imputabilité')]);
    assert.deepEqual(findingsOf(rule), []);
  });

  it('ignores pending terms (nobody approved them yet)', () => {
    const rule = glossaryRule([term('incumbent', 'occupant', 'pending')]);
    assert.deepEqual(findingsOf(rule), []);
  });

  it('takes its glossary from a TBX file', () => {
    const tbx = `<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry><langSet xml:lang="en"><tig><term>incumbent</term></tig></langSet>
<langSet xml:lang="fr"><tig><term>titulaire</term></tig><tig><term>occupant</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet></termEntry>
</body></text></martif>`;
    const rule = glossaryRule(termsFromTbx(readTbx(tbx).entries));
    assert.deepEqual(findingsOf(rule, { fr: [replaceIn('Responsabilité', 'La personne titulaire du poste répond', 'L’occupant du poste répond')] }), ['fr responsibility: occupant']);
    assert.deepEqual(findingsOf(rule), []);
  });
});
