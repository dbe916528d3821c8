// Acceptance: the stack started the way a newcomer starts it keeps data across a clean
// restart, applies a migration added between runs exactly once, and is healthy quickly.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import { fixturesDir } from './stack-fixture.js';
import { freeStackPorts, LOCAL_ANON_KEY, startStackProcess, stopStackProcess, type StackProcess } from './support/stack-process.js';

async function stopWithSigterm(stack: StackProcess) {
  assert.equal(await stopStackProcess(stack), 0, `clean shutdown:\n${stack.output()}`);
}

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups) await cleanup();
});

test('restart keeps users, rows and applies a new migration once', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'jd-restart-'));
  const migrationsDir = await mkdtemp(join(tmpdir(), 'jd-migrations-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }), () => rm(migrationsDir, { recursive: true, force: true }));
  await copyFile(
    join(fixturesDir, 'migrations/20260101000000_contract_fixtures.sql'),
    join(migrationsDir, '20260101000000_contract_fixtures.sql'),
  );
  const ports = await freeStackPorts();
  const apiUrl = `http://127.0.0.1:${ports.apiPort}`;
  const env = {
    JD_DATA_DIR: dataDir,
    JD_MIGRATIONS_DIR: migrationsDir,
    JD_SEED_FILE: join(fixturesDir, 'no-seed.sql'),
  };
  const client = () =>
    createClient(apiUrl, LOCAL_ANON_KEY, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: ws as unknown as typeof WebSocket },
    });

  const first = await startStackProcess(ports, env);
  cleanups.push(async () => void first.child.kill('SIGKILL'));
  console.log(`first start: healthy after ${first.secondsToHealthy.toFixed(2)} s`);
  assert.ok(first.secondsToHealthy < 20, `healthy within 20 s (took ${first.secondsToHealthy.toFixed(1)} s)`);
  assert.match(first.output(), /anon key\s+eyJ/);

  const writer = client();
  const email = 'restart@example.test';
  assert.equal((await writer.auth.signUp({ email, password: 'survives-restart' })).error, null);
  assert.equal((await writer.from('notes').insert({ body: 'written before the restart' })).error, null);
  await stopWithSigterm(first);

  // A migration that arrives between the two runs.
  await writeFile(
    join(migrationsDir, '20260201000000_add_counter.sql'),
    'create table public.migration_runs (id serial primary key);\ninsert into public.migration_runs default values;\n' +
      'grant select on public.migration_runs to anon, authenticated;\n',
  );

  const second = await startStackProcess(ports, env);
  cleanups.push(async () => void second.child.kill('SIGKILL'));
  console.log(`restart: healthy after ${second.secondsToHealthy.toFixed(2)} s`);
  const reader = client();
  const signIn = await reader.auth.signInWithPassword({ email, password: 'survives-restart' });
  assert.equal(signIn.error, null, 'the user can still sign in');
  const notes = await reader.from('notes').select('body');
  assert.deepEqual(notes.data, [{ body: 'written before the restart' }]);
  const runs = await reader.from('migration_runs').select('id');
  assert.equal(runs.data?.length, 1, 'the new migration ran');
  await stopWithSigterm(second);

  // A third start must not apply it again.
  const third = await startStackProcess(ports, env);
  cleanups.push(async () => void third.child.kill('SIGKILL'));
  const again = await client().from('migration_runs').select('id');
  assert.equal(again.data?.length, 1, 'the migration was applied once');
  await stopWithSigterm(third);
});
