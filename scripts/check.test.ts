// The `check` command run as a user runs it (`npm run --silent check -- EN FR`): JSON findings
// and exit 0 with findings, exit 2 and a clear message on input it cannot read.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { projectRoot } from './run-command.js';

const run = promisify(execFile);
const fixtures = join(projectRoot, 'domain/compliance/fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'jd-check-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

async function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'check', '--', ...args], { cwd: projectRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run check', () => {
  it('prints the findings as a JSON array and exits 0', async () => {
    const { code, stdout, stderr } = await check(join(fixtures, '02-administrative-assistant.en.txt'), join(fixtures, '02-administrative-assistant.fr.txt'));
    assert.equal(code, 0, stderr);
    const findings = JSON.parse(stdout) as Record<string, unknown>[];
    assert.ok(Array.isArray(findings));
    assert.deepEqual(findings[0], {
      id: 'identifiers.classification-letter-for-digit',
      family: 'identifiers',
      severity: 'error',
      lang: 'en',
      section: 'identification',
      text: 'AS-O1',
      message: {
        en: 'The level of the classification contains the letter O or I where a digit 0 or 1 is meant.',
        fr: 'Le niveau de la classification contient la lettre O ou I au lieu du chiffre 0 ou 1.',
      },
      fix: 'AS-01',
      source: findings[0]!.source,
    });
    for (const f of findings) {
      assert.match(String(f.family), /^(structure|identifiers|bilingual|inclusive|plain)$/);
      assert.match(String(f.lang), /^(en|fr|both)$/);
    }
  });

  it('prints an empty array for the correct pair without errors or warnings', async () => {
    const { code, stdout } = await check(join(fixtures, '00-program-officer-clean.en.txt'), join(fixtures, '00-program-officer-clean.fr.txt'));
    assert.equal(code, 0);
    assert.deepEqual((JSON.parse(stdout) as { severity: string }[]).filter((f) => f.severity !== 'info'), []);
  });

  it('exits 2 naming the file it cannot read', async () => {
    const missing = join(scratch, 'missing.txt');
    const result = await check(join(fixtures, '00-program-officer-clean.en.txt'), missing);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, new RegExp(`check: cannot read FR_FILE ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no such file`));
  });

  it('exits 2 on a file that is not UTF-8 text, and on a directory', async () => {
    const latin1 = join(scratch, 'latin1.txt');
    writeFileSync(latin1, Buffer.from('Titre : Économiste\n', 'latin1'));
    const result = await check(latin1, latin1);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /cannot read EN_FILE .*latin1\.txt: not valid UTF-8 text/);
    const dir = await check(scratch, latin1);
    assert.equal(dir.code, 2);
    assert.match(dir.stderr, /cannot read EN_FILE .*: is a directory/);
  });

  it('exits 2 with the usage on a wrong number of arguments', async () => {
    const result = await check(join(fixtures, '00-program-officer-clean.en.txt'));
    assert.equal(result.code, 2);
    assert.match(result.stderr, /expected two files.*\nusage: npm run --silent check -- EN_FILE FR_FILE/);
  });

  it('takes the terminology rule\'s glossary from a TBX file with --glossary', async () => {
    const tbx = join(scratch, 'glossary.tbx');
    writeFileSync(
      tbx,
      `<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry><langSet xml:lang="en"><tig><term>site visit</term></tig></langSet>
<langSet xml:lang="fr"><tig><term>visite de terrain</term></tig></langSet></termEntry>
</body></text></martif>
`,
    );
    const pair = [join(fixtures, '00-program-officer-clean.en.txt'), join(fixtures, '00-program-officer-clean.fr.txt')];
    const { code, stdout, stderr } = await check(...pair, '--glossary', tbx);
    assert.equal(code, 0, stderr);
    const glossary = (JSON.parse(stdout) as { id: string; lang: string; section: string; text: string; fix?: string }[]).filter((f) => f.id === 'bilingual.glossary');
    // This organization's glossary wants « visite de terrain » where the pair says « visites sur place ».
    assert.deepEqual(glossary.map((f) => [f.lang, f.section, f.text, f.fix]), [['both', 'key-activities', 'site visits', 'visite de terrain']]);
  });

  it('exits 2 naming the line of a glossary that is not TBX', async () => {
    const bad = join(scratch, 'bad.tbx');
    writeFileSync(bad, '<martif>\n<text><body>\n<termEntry>\n');
    const pair = [join(fixtures, '00-program-officer-clean.en.txt'), join(fixtures, '00-program-officer-clean.fr.txt')];
    const result = await check(...pair, '--glossary', bad);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /check: the glossary .*bad\.tbx is not a usable TBX file: line \d+: /);
    const missing = await check(...pair, '--glossary', join(scratch, 'none.tbx'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /check: cannot read the glossary .*none\.tbx: no such file/);
    const unknown = await check(...pair, '--terms', bad);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /check: Unknown option '--terms'/);
  });
});
