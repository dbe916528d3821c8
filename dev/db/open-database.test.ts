import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from './open-database.js';
import { applyPlatform, platformDir } from './platform.js';

describe('openDatabase', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'jd-open-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('creates the database under <dataDir>/pgdata, then reopens it as not fresh', async () => {
    const dataDir = join(root, 'nested', 'data');
    const first = await openDatabase({ dataDir });
    assert.equal(first.fresh, true);
    await first.pg.exec('create table public.kept (id int); insert into public.kept values (7);');
    await first.pg.close();
    assert.ok(existsSync(join(dataDir, 'pgdata', 'PG_VERSION')));

    const second = await openDatabase({ dataDir });
    try {
      assert.equal(second.fresh, false);
      const { rows } = await second.pg.query<{ id: number }>('select id from public.kept');
      assert.deepEqual(rows, [{ id: 7 }]);
    } finally {
      await second.pg.close();
    }
  });

  it('applies the platform: extensions, roles, search_path, and it is safe to apply again', async () => {
    const { pg, fresh } = await openDatabase({ dataDir: 'memory' });
    try {
      assert.equal(fresh, true);
      const files = await applyPlatform(pg);
      assert.equal(files[0], '00-platform.sql');
      const { rows } = await pg.query<{ ext: string; schema: string }>(
        `select extname as ext, extnamespace::regnamespace::text as schema from pg_extension
          where extname in ('vector', 'pg_trgm') order by extname`,
      );
      assert.deepEqual(rows, [
        { ext: 'pg_trgm', schema: 'extensions' },
        { ext: 'vector', schema: 'extensions' },
      ]);
      const path = await pg.query<{ search_path: string }>(`select current_setting('search_path') as search_path`);
      assert.equal(path.rows[0]!.search_path, '"$user", public, extensions');
    } finally {
      await pg.close();
    }
  });

  it('loads pgTAP only when asked', async () => {
    const { pg } = await openDatabase({ dataDir: 'memory', withPgTap: true });
    try {
      await pg.exec('create extension pgtap with schema extensions');
      const { rows } = await pg.query<{ plan: string }>('select plan(1) as plan');
      assert.equal(rows[0]!.plan, '1..1');
    } finally {
      await pg.close();
    }
  });

  it('applies platform files in file-name order and names a failing one', async () => {
    const dir = join(root, 'platform');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir);
    await writeFile(join(dir, '10-second.sql'), 'create table probe.t (id int);');
    await writeFile(join(dir, '00-first.sql'), 'create schema if not exists probe;');
    await writeFile(join(dir, '20-broken.sql'), 'select 1;\nselect nope;');
    const { pg } = await openDatabase({ dataDir: 'memory' });
    try {
      await assert.rejects(
        applyPlatform(pg, dir),
        /^Error: platform file 20-broken\.sql failed: column "nope" does not exist .*line 2/,
      );
      const { rows } = await pg.query(`select to_regclass('probe.t') as t`);
      assert.deepEqual(rows, [{ t: 'probe.t' }], '00 ran before 10');
      assert.ok(platformDir.endsWith('/dev/db/platform/'));
    } finally {
      await pg.close();
    }
  });
});
