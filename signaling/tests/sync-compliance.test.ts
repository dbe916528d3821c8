// Issue 15, criterion 4: the sync server keeps compliance_findings current for the stored text.
// A stock y-websocket client edits a job description; after the debounced projection the
// document's findings are in compliance_findings (a reviewer sees them without opening the
// editor); a finding dismissed with a reason stays dismissed through later edits; a finding whose
// words are gone is deleted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Y from 'yjs';
import { cleanJobDescription } from '../../domain/compliance/testing.js';
import { initialContentUpdate, seedsFromRows } from '../../domain/document-init.js';
import { STANDARD_SECTIONS } from '../../domain/sections.js';
import { silentLogger } from '../ops/logger.js';
import { startSyncServer, type RunningSyncServer } from '../sync-server.js';
import { connectClient, synced, syncErrorCount, waitFor, type TestClient } from './support/clients.js';
import { DOCUMENTS, startTestDatabase, USERS, type TestDatabase } from './support/test-database.js';

interface Row {
  id: string;
  rule_id: string;
  lang: string | null;
  section_id: string;
  excerpt: string;
  status: string;
  dismissed_reason: string | null;
}

/** The first paragraph's text of section `sectionId` in `lang`. */
function paragraphText(doc: Y.Doc, lang: 'en' | 'fr', sectionId: string): Y.XmlText {
  const section = doc.getXmlFragment(lang).toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('sectionId') === sectionId) as Y.XmlElement;
  const paragraph = section.toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph') as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

describe('sync server: compliance findings', () => {
  let database: TestDatabase;
  let server: RunningSyncServer;
  let client: TestClient;

  const findings = async () =>
    (
      await database.pg.query<Row>(
        `select id, rule_id, lang, section_id, excerpt, status, dismissed_reason from public.compliance_findings
          where document_id = $1 and finding_key is not null order by rule_id, excerpt`,
        [DOCUMENTS.esdc],
      )
    ).rows;
  const find = async (rule: string, excerpt: string) => (await findings()).find((r) => r.rule_id === rule && r.excerpt === excerpt);

  before(async () => {
    database = await startTestDatabase();
    server = await startSyncServer({ database: database.db, tokens: database.keys, port: 0, log: silentLogger, room: { projectionDelayMs: 50, projectionMaxWaitMs: 200 } });
    client = connectClient(server.url, DOCUMENTS.esdc, await database.token(USERS.editor));
    await synced(client);
  });
  after(async () => {
    client?.destroy();
    await server?.stop();
    await database?.close();
  });

  it('stores the findings of the text a client typed, and keeps a dismissal through later edits', async () => {
    const rows = (['en', 'fr'] as const).flatMap((lang) =>
      cleanJobDescription(lang).sections.map(([heading, lines], i) => ({ lang, section_id: STANDARD_SECTIONS[i]!.sectionId, kind: STANDARD_SECTIONS[i]!.kind, heading, body: lines.join('\n') })),
    );
    Y.applyUpdate(client.doc, initialContentUpdate(seedsFromRows(rows)));
    const skill = paragraphText(client.doc, 'en', 'skill');
    skill.insert(skill.length, ' He reviews the files.');

    await waitFor(async () => (await find('inclusive.generic-pronoun', 'He')) !== undefined, 'the finding on "He" to be stored');
    const he = (await find('inclusive.generic-pronoun', 'He'))!;
    assert.deepEqual([he.lang, he.section_id, he.status], ['en', 'skill', 'open']);
    assert.ok((await findings()).some((r) => r.rule_id === 'structure.identification-field-missing'), 'the identification fields the document lacks');

    await database.pg.query(`update public.compliance_findings set status = 'dismissed', dismissed_reason = 'Quotes the Minister.' where id = $1`, [he.id]);

    const frSkill = paragraphText(client.doc, 'fr', 'skill');
    frSkill.insert(frSkill.length, ' Il examine les dossiers.');
    await waitFor(async () => (await find('inclusive.generic-pronoun', 'Il')) !== undefined, 'the finding on « Il » to be stored');
    assert.deepEqual(await find('inclusive.generic-pronoun', 'He'), { ...he, status: 'dismissed', dismissed_reason: 'Quotes the Minister.' }, 'same row, still dismissed, with its reason');

    frSkill.delete(frSkill.length - ' Il examine les dossiers.'.length, ' Il examine les dossiers.'.length);
    await waitFor(async () => (await find('inclusive.generic-pronoun', 'Il')) === undefined, 'the finding on « Il » to be deleted once the words are gone');
    assert.equal((await find('inclusive.generic-pronoun', 'He'))?.status, 'dismissed');
    assert.equal(await syncErrorCount(server.url, 'compliance-projection'), 0);
  });
});
