// The compliance hook against the real schema (supabase/migrations and the seed in PGlite): the
// findings of a document's text are stored as the service, read by its organization only; a
// dismissal with its reason survives recomputation; fixed findings go, new ones come; rows the
// hook did not write (AI findings) are left alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Y from 'yjs';
import type { PGlite } from '@electric-sql/pglite';
import { checkTexts } from '../../domain/compliance/check.js';
import { cleanJobDescription, render } from '../../domain/compliance/testing.js';
import { initialContentUpdate, initialMetaUpdate, seedsFromRows } from '../../domain/document-init.js';
import { STANDARD_SECTIONS } from '../../domain/sections.js';
import type { SyncDatabase } from '../db/sql-access.js';
import { openProjectDatabase } from '../tests/support/project-database.js';
import { documentTexts, findingRows, writeFindings } from './compliance-hook.js';

const DOC = 'e5dc0000-0000-4000-a000-00000000d001';
const REVIEWER = 'e5dc0000-0000-4000-a000-000000000104';
const TC_EDITOR = '7c000000-0000-4000-a000-000000000102';

/** The well-written pair of the rules' tests as a Y.Doc, the way the editor holds it. */
function cleanDocument(): Y.Doc {
  const rows = (['en', 'fr'] as const).flatMap((lang) =>
    cleanJobDescription(lang).sections.map(([heading, lines], i) => ({ lang, section_id: STANDARD_SECTIONS[i]!.sectionId, kind: STANDARD_SECTIONS[i]!.kind, heading, body: lines.join('\n') })),
  );
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initialContentUpdate(seedsFromRows(rows)));
  Y.applyUpdate(doc, initialMetaUpdate({ title_en: 'Program Officer', title_fr: 'Agente ou agent de programme', classification: 'PM-04', noc_code: '41407', language_profile: 'CBC/CBC', position_number: '00045231' }));
  return doc;
}

/** Appends `words` to the first paragraph of section `sectionId` in `lang`. */
function append(doc: Y.Doc, lang: 'en' | 'fr', sectionId: string, words: string): void {
  const section = doc.getXmlFragment(lang).toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('sectionId') === sectionId) as Y.XmlElement;
  const paragraph = section.toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph') as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  text.insert(text.length, words);
}

describe('compliance hook', () => {
  let pg: PGlite;
  let db: SyncDatabase;
  before(async () => ({ pg, db } = await openProjectDatabase()));
  after(() => pg.close());

  const project = async (doc: Y.Doc) => {
    const texts = documentTexts(doc)!;
    await writeFindings(db, DOC, findingRows(checkTexts(texts.en, texts.fr)));
  };
  const asUser = async <T>(userId: string, sql: string, params: unknown[] = [DOC]) =>
    db.asUser('authenticated', { sub: userId, role: 'authenticated' }, async (tx) => (await tx.query(sql, params)).rows as T[]);
  const keyed = () =>
    asUser<{ id: string; rule_id: string; lang: string | null; section_id: string; excerpt: string; status: string; dismissed_reason: string | null; resolved_by: string | null }>(
      REVIEWER,
      `select id, rule_id, lang, section_id, excerpt, status, dismissed_reason, resolved_by from public.compliance_findings
        where document_id = $1 and finding_key is not null and severity <> 'info' order by rule_id, excerpt`,
    );

  it('writes the text the check sees exactly as the CLI format of the same pair', () => {
    const texts = documentTexts(cleanDocument())!;
    const clean = { en: render(cleanJobDescription('en'), 'en'), fr: render(cleanJobDescription('fr'), 'fr') };
    assert.deepEqual(checkTexts(texts.en, texts.fr), checkTexts(clean.en, clean.fr));
    assert.equal(documentTexts(new Y.Doc()), null, 'a document without sections is not checked');
  });

  it('keeps the stored findings current, and a dismissal survives recomputation', async () => {
    await pg.query(
      `insert into public.compliance_findings (document_id, rule_id, severity, message_en, message_fr, source) values ($1, 'ai.equivalence', 'warning', 'AI says', 'L’IA dit', 'ai')`,
      [DOC],
    );
    const doc = cleanDocument();
    await project(doc);
    assert.deepEqual(await keyed(), [], 'the well-written pair: no error, no warning');

    append(doc, 'en', 'skill', ' He reviews the files of clients.');
    append(doc, 'fr', 'skill', ' Il examine les dossiers.');
    await project(doc);
    let rows = await keyed();
    assert.deepEqual(rows.map((r) => `${r.rule_id} ${r.lang ?? 'both'} ${r.section_id}: ${r.excerpt}`), [
      'inclusive.generic-pronoun en skill: He',
      'inclusive.generic-pronoun fr skill: Il',
    ]);

    const he = rows.find((r) => r.excerpt === 'He')!;
    const dismissed = await asUser<{ status: string }>(REVIEWER, 'select status from public.dismiss_compliance_finding($1, $2)', [he.id, 'Quotes the incumbent’s former supervisor.']);
    assert.deepEqual(dismissed, [{ status: 'dismissed' }]);

    // The French is fixed, the English gains a new finding; "He" stays.
    const fr = (doc.getXmlFragment('fr').toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('sectionId') === 'skill') as Y.XmlElement);
    const frText = ((fr.toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph') as Y.XmlElement).get(0) as Y.XmlText);
    frText.delete(frText.length - ' Il examine les dossiers.'.length, ' Il examine les dossiers.'.length);
    frText.insert(frText.length, ' Elle ou il examine les dossiers des clients et en rend compte à la gestionnaire.');
    append(doc, 'en', 'effort', ' The incumbent must be able to lift 20 kg.');
    append(doc, 'fr', 'effort', ' La personne titulaire doit pouvoir soulever 20 kg.');
    await project(doc);
    rows = await keyed();
    assert.ok(rows.some((r) => r.id === he.id && r.status === 'dismissed' && r.dismissed_reason === 'Quotes the incumbent’s former supervisor.' && r.resolved_by === REVIEWER), 'the dismissed finding kept its row, reason and author');
    assert.ok(!rows.some((r) => r.excerpt === 'Il'), 'the fixed finding is gone');
    assert.ok(rows.some((r) => r.rule_id === 'inclusive.ability-requirement' && r.status === 'open'), `a new finding: ${JSON.stringify(rows)}`);

    const ai = await asUser<{ n: number }>(REVIEWER, "select count(*)::int as n from public.compliance_findings where document_id = $1 and source = 'ai'");
    assert.deepEqual(ai, [{ n: 1 }], 'the AI finding is not the hook’s to delete');
    const other = await asUser<{ n: number }>(TC_EDITOR, 'select count(*)::int as n from public.compliance_findings where document_id = $1');
    assert.deepEqual(other, [{ n: 0 }], 'another organization reads none');
  });

  it('rewrites nothing when the findings did not change', async () => {
    const doc = cleanDocument();
    append(doc, 'en', 'skill', ' He reviews files.');
    await project(doc);
    const stamp = async () => (await pg.query<{ t: string }>("select max(updated_at)::text as t from public.compliance_findings where document_id = $1 and finding_key is not null", [DOC])).rows[0]!.t;
    const audit = async () => (await pg.query<{ n: number }>("select count(*)::int as n from public.audit_log where table_name = 'compliance_findings'")).rows[0]!.n;
    const [t, a] = [await stamp(), await audit()];
    await project(doc);
    assert.deepEqual([await stamp(), await audit()], [t, a]);
  });
});
