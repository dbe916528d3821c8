// supabase/database.types.ts must be what `supabase gen types typescript` prints for the
// migrations: regenerated in memory and compared, and shown to catch a migration that adds a
// column without regenerating.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeStaleness, generateDatabaseTypes, migrationsDir, readCommittedTypes } from './generate-database-types.js';

describe('supabase/database.types.ts', { timeout: 240_000 }, () => {
  let committed: string;
  let extraMigrations: string;

  before(async () => {
    committed = await readCommittedTypes();
    extraMigrations = await mkdtemp(join(tmpdir(), 'jd-types-'));
  });
  after(() => rm(extraMigrations, { recursive: true, force: true }));

  it('matches what the generator prints for the migrations', async () => {
    const stale = describeStaleness(await generateDatabaseTypes(), committed);
    assert.equal(stale, null, stale ?? '');
  });

  it('is reported stale when a migration adds a column and the file is not regenerated', async () => {
    // A version after every real migration, so it applies last whatever arrives meanwhile.
    await writeFile(
      join(extraMigrations, '99991231235959_unregenerated_column.sql'),
      'alter table public.job_descriptions add column x text;',
    );
    const generated = await generateDatabaseTypes([migrationsDir, extraMigrations]);
    const stale = describeStaleness(generated, committed);
    assert.ok(stale, 'the extra column must make the committed file stale');
    assert.match(stale, /^supabase\/database\.types\.ts is stale: run npm run gen:types\n/);
    // The new column is in Row, Insert and Update of job_descriptions, typed as the CLI types text.
    const jobDescriptions = /\n {6}"job_descriptions": \{\n([\s\S]*?)\n {6}\};/.exec(generated)?.[1] ?? '';
    assert.deepEqual(
      jobDescriptions.match(/"x"\??: .*;/g),
      ['"x": string | null;', '"x"?: string | null;', '"x"?: string | null;'],
    );
  });

  it('names the first differing line, and a missing file is stale too', () => {
    assert.equal(describeStaleness('a\nb\n', 'a\nb\n'), null);
    assert.equal(
      describeStaleness('a\nb\nc\n', 'a\nB\nc\n'),
      'supabase/database.types.ts is stale: run npm run gen:types\n' +
        '  first difference at line 2\n  committed: B\n  generated: b',
    );
    assert.match(describeStaleness('a\n', '') ?? '', /line 1\n {2}committed: \n {2}generated: a/);
  });
});
