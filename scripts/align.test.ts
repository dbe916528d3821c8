// The alignment CLI, run as a user runs it (`npm run --silent align -- ...`) on small files.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { goldText, JOB_DESCRIPTION_GOLD } from '../domain/align/fixtures/job-descriptions.ts';
import { projectRoot } from './run-command.js';

const exec = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'align-cli-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

async function align(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('npm', ['run', '--silent', 'align', '--', ...args], { cwd: projectRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('npm run align', () => {
  it('prints the beads of two plain texts as JSON, in document order, every sentence once', async () => {
    const [document] = JOB_DESCRIPTION_GOLD;
    const result = await align(file('en.txt', goldText(document!, 0)), file('fr.txt', goldText(document!, 1)));
    assert.equal(result.code, 0, result.stderr);
    const beads = JSON.parse(result.stdout) as { en: string[]; fr: string[]; score: number }[];
    assert.deepEqual(
      beads.map((b) => [b.en, b.fr]),
      document!.sections.flat(2).map(([en, fr]) => [en, fr]),
    );
    for (const bead of beads) assert.ok(bead.score >= 0 && bead.score <= 1, `score ${bead.score}`);
  });

  it('--sentences: one sentence a line, blank lines as paragraph breaks, beads of line indices', async () => {
    const en = file('en-lines.txt', 'Skill\nKnowledge of SQL is required.\nIt is used every day.\n\nEffort\nSustained concentration is required.\n');
    const fr = file('fr-lines.txt', 'Compétences\nLa connaissance de SQL est requise et elle sert chaque jour.\n\nEffort\nUne concentration soutenue est requise.\n');
    const result = await align('--sentences', en, fr);
    assert.equal(result.code, 0, result.stderr);
    const beads = JSON.parse(result.stdout) as { en: number[]; fr: number[]; score: number }[];
    assert.deepEqual(
      beads.map((b) => [b.en, b.fr]),
      [
        [[0], [0]],
        [[1, 2], [1]],
        [[3], [2]],
        [[4], [3]],
      ],
    );
  });

  it('exits with code 2 and a clear message on unreadable input', async () => {
    const en = file('ok.txt', 'Skill\n');
    const missing = await align(en, join(folder, 'missing.txt'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the French file .*missing\.txt: no such file/);
    const directory = await align(folder, en);
    assert.equal(directory.code, 2);
    assert.match(directory.stderr, /cannot read the English file .*: it is a directory/);
    const binary = await align(en, file('binary.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x01])));
    assert.equal(binary.code, 2);
    assert.match(binary.stderr, /the French file .*binary\.docx is not UTF-8 text/);
    const usage = await align(en);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /expected two files, got 1\nusage: npm run --silent align/);
    assert.equal(missing.stdout + directory.stdout + binary.stdout + usage.stdout, '');
  });

  it('warns on stderr and still aligns when one side is empty', async () => {
    const result = await align(file('en-only.txt', 'Skill\nKnowledge of SQL.\n'), file('empty.txt', ''));
    assert.equal(result.code, 0);
    assert.match(result.stderr, /align: warning: The French text is empty/);
    assert.deepEqual(JSON.parse(result.stdout), [
      { en: ['Skill'], fr: [], score: 0 },
      { en: ['Knowledge of SQL.'], fr: [], score: 0 },
    ]);
  });
});
