// Compliance findings kept current for the stored text (issue 15, criterion 4): on the debounced
// projection, right after the sections projection stored the text, the compliance rules run on
// the same Y.Doc (its sections and its `meta` identification fields, written in the check's text
// format by domain/compliance/document-text.ts, so the findings are the CLI's for that text) and
// the document's rule findings in compliance_findings are replaced by them:
//  * each finding has a stable key (rule, language, section, the words, and which occurrence of
//    those words it is); a row whose key is found again is kept (its status, and a dismissal with
//    its reason, survive) and only its wording is refreshed; rows whose key is no longer found
//    are deleted; new ones are inserted;
//  * rows without a key (AI findings, rows an editor added) are never touched;
//  * a document with no section in either language (never initialised) is left alone, like the
//    sections projection does; unchanged text is not checked again.
import { createHash } from 'node:crypto';
import { checkTexts } from '../../domain/compliance/check.js';
import type { Finding } from '../../domain/compliance/types.js';
import { documentTexts, MAX_KEY, readableFindingKeys } from '../../domain/compliance/ydoc-texts.js';
import type { SyncDatabase } from '../db/sql-access.js';
import type { RoomHook, RoomHookContext } from './room-hook.js';

export { documentTexts };

/** A compliance_findings row as the hook writes it. */
export interface FindingRow {
  finding_key: string;
  rule_id: string;
  severity: Finding['severity'];
  /** null: both languages. */
  lang: 'en' | 'fr' | null;
  section_id: string;
  message_en: string;
  message_fr: string;
  suggestion: string | null;
  excerpt: string;
}

/** The column limits of compliance_findings. */
const MAX_SECTION = 200;
const MAX_TEXT = 10_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The rows for `findings`: the n-th finding with the same rule, language, section and words gets occurrence n. */
export function findingRows(findings: readonly Finding[]): FindingRow[] {
  const keys = readableFindingKeys(findings);
  return findings.map((f, index) => {
    const { readable, occurrence } = keys[index]!;
    return {
      finding_key: readable.length <= MAX_KEY ? readable : `${f.id}|${f.lang}|sha256:${sha256(`${f.section}\u0000${f.text}`)}|${occurrence}`,
      rule_id: f.id,
      severity: f.severity,
      lang: f.lang === 'both' ? null : f.lang,
      section_id: f.section.slice(0, MAX_SECTION),
      message_en: f.message.en.slice(0, MAX_TEXT),
      message_fr: f.message.fr.slice(0, MAX_TEXT),
      suggestion: f.fix === undefined ? null : f.fix.slice(0, MAX_TEXT),
      excerpt: f.text.slice(0, MAX_TEXT),
    };
  });
}

/** Replaces the document's keyed findings with `rows` in one transaction (see the file comment). */
export async function writeFindings(db: SyncDatabase, documentId: string, rows: readonly FindingRow[]): Promise<void> {
  const json = JSON.stringify(rows);
  await db.asService(async (tx) => {
    await tx.query(
      `delete from public.compliance_findings
        where document_id = $1::uuid and finding_key is not null
          and finding_key not in (select f ->> 'finding_key' from jsonb_array_elements($2::jsonb) f)`,
      [documentId, json],
    );
    if (rows.length === 0) return;
    // The organization from the document (a deleted document inserts nothing); a row already
    // there keeps its status and dismissal, and is rewritten only when its wording changed.
    await tx.query(
      `insert into public.compliance_findings
              (document_id, organization_id, rule_id, severity, lang, section_id, message_en, message_fr, suggestion, finding_key, excerpt, source)
       select jd.id, jd.organization_id, f.rule_id, f.severity, f.lang, f.section_id, f.message_en, f.message_fr, f.suggestion, f.finding_key, f.excerpt, 'rules'
         from jsonb_to_recordset($2::jsonb) as f (finding_key text, rule_id text, severity text, lang text, section_id text, message_en text, message_fr text, suggestion text, excerpt text)
         join public.job_descriptions jd on jd.id = $1::uuid
       on conflict (document_id, finding_key) where finding_key is not null do update
          set rule_id = excluded.rule_id, severity = excluded.severity, lang = excluded.lang, section_id = excluded.section_id,
              message_en = excluded.message_en, message_fr = excluded.message_fr, suggestion = excluded.suggestion, excerpt = excluded.excerpt
        where (compliance_findings.rule_id, compliance_findings.severity, compliance_findings.lang, compliance_findings.section_id,
               compliance_findings.message_en, compliance_findings.message_fr, compliance_findings.suggestion, compliance_findings.excerpt)
              is distinct from
              (excluded.rule_id, excluded.severity, excluded.lang, excluded.section_id,
               excluded.message_en, excluded.message_fr, excluded.suggestion, excluded.excerpt)`,
      [documentId, json],
    );
  });
}

/** The room hook: registered in default-hooks after the sections projection. */
export function complianceHook(room: RoomHookContext): RoomHook {
  /** The texts last written, so a change elsewhere (comments, presence of meta only) does not re-check. */
  let lastChecked: string | null = null;
  return {
    name: 'compliance',
    async onProject() {
      if (room.destroyed) return;
      const texts = documentTexts(room.doc);
      if (!texts) return;
      const signature = `${texts.en}\u0000${texts.fr}`;
      if (signature === lastChecked) return;
      try {
        const started = performance.now();
        const rows = findingRows(checkTexts(texts.en, texts.fr));
        await writeFindings(room.db, room.documentId, rows);
        lastChecked = signature;
        room.log.debug({ findings: rows.length, ms: Math.round(performance.now() - started) }, 'compliance findings stored');
      } catch (error) {
        room.metrics.errors.inc({ kind: 'compliance-projection' });
        room.log.error({ error }, 'writing compliance_findings failed');
      }
    },
  };
}
