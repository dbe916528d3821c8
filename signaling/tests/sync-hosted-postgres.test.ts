// Issue 18, item 4: two standalone servers (signaling/main.ts, as an operator runs them) with
// Redis against Debian's PostgreSQL, the database set up as on hosted Supabase, where
// `postgres` is NOT a superuser (signaling/tests/support/hosted-supabase-roles.ts): the
// platform files as `supabase_admin` (the bootstrap superuser), every migration and the seed
// as `postgres` (pgvector-free when the server lacks it, as dev/tests/migrations-pg15.test.ts),
// and both sync servers connected as `postgres` too, the role of a hosted project's connection
// string (DATABASE_URL). Stock y-websocket clients on different instances converge, every
// update is stored, and a SIGKILLed instance, restarted, serves everything it acknowledged.
// Without a PostgreSQL server installed this fails with the reason (CI installs `postgresql`).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import postgres from 'postgres';
import * as Y from 'yjs';
import { applySupabaseSchema } from '../../dev/tests/support/supabase-schema.js';
import { freePort, startChild, type Child } from './support/child-process.js';
import { connectClient, synced, textOf, waitFor, type TestClient } from './support/clients.js';
import { HOSTED_OWNER, HOSTED_SUPERUSER, hostedSupabaseRoles, urlAs } from './support/hosted-supabase-roles.js';
import { startPostgres, type PostgresServer } from './support/postgres-server.js';
import { startRedis } from './support/redis-server.js';
import { ESDC_DOCUMENT, hs256AccessToken, SEEDED_USERS, type SeededUser } from './support/supabase-access-tokens.js';

const mainEntry = join(import.meta.dirname, '..', 'main.ts');
const JWT_SECRET = 'hosted-postgres-test-secret-with-at-least-32-characters';
const tokenFor = (user: SeededUser) => hs256AccessToken(user, JWT_SECRET);

describe('two sync servers with Redis on PostgreSQL as hosted Supabase sets it up (postgres is not a superuser)', () => {
  let server: PostgresServer | null = null;
  let redis: Awaited<ReturnType<typeof startRedis>> | null = null;
  /** The superuser's connection, for reading back what the servers stored. */
  let admin: postgres.Sql | null = null;
  let ownerUrl = '';
  let seededAt: Date;
  const instances: Child[] = [];
  const clients: TestClient[] = [];
  let errorsReported = 0;

  async function startInstance(databaseUrl = ownerUrl): Promise<{ child: Child; url: string }> {
    const child = await startChild(mainEntry, [], {
      DATABASE_URL: databaseUrl,
      SUPABASE_URL: '',
      SUPABASE_JWT_SECRET: JWT_SECRET,
      SUPABASE_HS256_USER_TOKENS: 'true',
      SUPABASE_JWKS_FILE: '',
      SUPABASE_JWKS_URL: '',
      REDIS_URL: redis!.url,
      JD_SYNC_PORT: '0',
      JD_SIGNALING_PORT: String(await freePort()),
    });
    instances.push(child);
    return { child, url: `ws://127.0.0.1:${child.port}` };
  }

  async function connect(url: string, user: SeededUser) {
    const client = connectClient(url, ESDC_DOCUMENT, await tokenFor(user));
    clients.push(client);
    await synced(client);
    return client;
  }

  /** Errors main.ts only logs (a write the role may not make, say) fail the test they happen in. */
  function checkServerLogs() {
    const errors = instances.flatMap((i) => i.output).filter((line) => line.includes('"level":"error"'));
    const fresh = errors.slice(errorsReported);
    errorsReported = errors.length;
    assert.deepEqual(fresh, [], 'main.ts logged errors');
  }
  const until = (condition: () => boolean | Promise<boolean>, what: string, timeoutMs?: number) =>
    waitFor(() => {
      checkServerLogs();
      return condition();
    }, what, timeoutMs);
  afterEach(checkServerLogs);

  /** What public.doc_snapshots and public.doc_updates hold for the document, as one Y.Doc's text. */
  async function storedText() {
    const doc = new Y.Doc();
    const [snapshot] = await admin!<{ state: Buffer }[]>`select state from public.doc_snapshots where document_id = ${ESDC_DOCUMENT}`;
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    for (const row of await admin!<{ update: Buffer }[]>`select update from public.doc_updates where document_id = ${ESDC_DOCUMENT} order by seq`) {
      Y.applyUpdate(doc, row.update);
    }
    const text = textOf(doc);
    doc.destroy();
    return text;
  }

  before(async () => {
    server = await startPostgres({ superuser: HOSTED_SUPERUSER });
    const ownerPassword = randomBytes(18).toString('base64url');
    await applySupabaseSchema(server, hostedSupabaseRoles(ownerPassword));
    ownerUrl = urlAs(server.url, HOSTED_OWNER, ownerPassword);
    admin = postgres(server.url, { max: 2, onnotice: () => {} });
    [{ seededAt }] = await admin<[{ seededAt: Date }]>`select max(updated_at) as "seededAt" from public.document_sections`;
    redis = await startRedis();
  });

  after(async () => {
    for (const client of clients) client.destroy();
    for (const instance of instances) {
      if (instance.process.exitCode === null && instance.process.signalCode === null) {
        instance.process.kill('SIGKILL');
        await instance.exited;
      }
    }
    await redis?.stop();
    await admin?.end({ timeout: 5 });
    server?.stop();
  });

  it('is set up like a hosted project: postgres owns what the migrations made and is no superuser', async () => {
    const [role] = await admin!<[{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean }]>`
      select rolsuper, rolbypassrls, rolcreaterole from pg_roles where rolname = ${HOSTED_OWNER}`;
    assert.deepEqual({ ...role }, { rolsuper: false, rolbypassrls: true, rolcreaterole: true });
    const owners = await admin!<{ owner: string }[]>`
      select distinct tableowner as owner from pg_tables where schemaname in ('public', 'private')`;
    assert.deepEqual(owners.map((o) => o.owner), [HOSTED_OWNER], 'the migrations ran as postgres');
    const [{ usersOwner }] = await admin!<[{ usersOwner: string }]>`select tableowner as "usersOwner" from pg_tables where schemaname = 'auth' and tablename = 'users'`;
    assert.equal(usersOwner, HOSTED_SUPERUSER, 'auth belongs to the platform');
  });

  it('refuses to start, naming the grant, when DATABASE_URL\'s role cannot act as the API roles (instead of closing every client with 1011)', async () => {
    const password = randomBytes(18).toString('base64url');
    await admin!.unsafe(`create role jd_sync_without_api_roles login password '${password}'`);
    await assert.rejects(
      startInstance(urlAs(server!.url, 'jd_sync_without_api_roles', password)),
      /DATABASE_URL's role "jd_sync_without_api_roles" cannot act as anon \(permission denied to set role "anon"\), authenticated .*, service_role .*grant anon, authenticated, service_role to "jd_sync_without_api_roles";/,
    );
  });

  let editorOnA: TestClient;
  let translatorOnB: TestClient;
  let urlA = '';
  let instanceB: Child;

  it('converges across instances and stores every update (seq without gaps, each row naming its author)', async () => {
    urlA = (await startInstance()).url;
    const b = await startInstance();
    instanceB = b.child;
    const urlB = b.url;
    editorOnA = await connect(urlA, SEEDED_USERS.editor);
    translatorOnB = await connect(urlB, SEEDED_USERS.translator);
    editorOnA.doc.getText('body').insert(0, 'Provides advice. ');
    translatorOnB.doc.getText('body').insert(0, 'Fournit des conseils. ');
    await until(() => textOf(editorOnA.doc) === textOf(translatorOnB.doc) && textOf(editorOnA.doc).length === 39, 'the two instances\' clients to converge');
    for (let i = 0; i < 20; i++) translatorOnB.doc.getText('body').insert(textOf(translatorOnB.doc).length, `[b${i}]`);
    await until(() => textOf(editorOnA.doc) === textOf(translatorOnB.doc), 'B\'s edits to reach A');

    // Each stored seq with its author (a merged row covers seq..seq_end, with each seq's author in authors).
    const rows = await admin!<{ seq: string; created_by: string | null }[]>`
      select g as seq, case when u.authors is null then u.created_by else u.authors[g - u.seq + 1] end as created_by
        from public.doc_updates u, generate_series(u.seq, coalesce(u.seq_end, u.seq)) as g
       where u.document_id = ${ESDC_DOCUMENT} order by g`;
    assert.deepEqual(rows.map((r) => Number(r.seq)), rows.map((_r, i) => i + 1), 'seqs 1, 2, … without gaps');
    const authors = new Set(rows.map((r) => r.created_by).filter((author) => author !== null));
    assert.deepEqual(authors, new Set([SEEDED_USERS.editor.id, SEEDED_USERS.translator.id]), 'each edit\'s row names its author');
    assert.equal(await storedText(), textOf(editorOnA.doc), 'the stored updates rebuild the document');
    const sessions = await admin!<{ usename: string }[]>`
      select distinct usename from pg_stat_activity where backend_type = 'client backend' and usename <> ${HOSTED_SUPERUSER}`;
    assert.deepEqual(sessions.map((s) => s.usename), [HOSTED_OWNER], 'the sync servers are connected as postgres');
  });

  it('projects the sections into public.document_sections and compacts the log into public.doc_snapshots as postgres', async () => {
    await until(
      async () => (await admin!`select 1 from public.document_sections where document_id = ${ESDC_DOCUMENT} and updated_at > ${seededAt}`).length > 0,
      'the projection to be written',
      20_000,
    );
    const body = editorOnA.doc.getText('body');
    for (let i = 0; i < 520; i++) body.insert(body.length, i % 10 === 9 ? '\n' : 'x');
    const expected = textOf(editorOnA.doc);
    await until(() => textOf(translatorOnB.doc) === expected, 'the 520 updates to reach B', 30_000);
    await until(async () => (await admin!`select 1 from public.doc_snapshots where document_id = ${ESDC_DOCUMENT}`).length === 1, 'a snapshot', 30_000);
    const [snapshot] = await admin!<[{ last_seq: string }]>`select last_seq from public.doc_snapshots where document_id = ${ESDC_DOCUMENT}`;
    const [{ folded }] = await admin!<[{ folded: number }]>`
      select count(*)::int as folded from public.doc_updates where document_id = ${ESDC_DOCUMENT} and seq <= ${snapshot.last_seq}`;
    assert.ok(Number(snapshot.last_seq) >= 500, `the snapshot covers seq ${snapshot.last_seq}`);
    assert.equal(folded, 0, 'the folded updates are deleted');
    assert.equal(await storedText(), expected, 'snapshot and tail rebuild the document');
  });

  it('loses nothing when an instance is SIGKILLed and restarted: it serves everything acknowledged, and relays again', async () => {
    const b = instanceB;
    // Acknowledged: relayed to A's client, which B does only after committing.
    for (let i = 0; i < 10; i++) translatorOnB.doc.getText('body').insert(0, `<${i}>`);
    await until(() => textOf(editorOnA.doc) === textOf(translatorOnB.doc), 'the last edits on B to reach A');
    const acknowledged = textOf(editorOnA.doc);
    translatorOnB.provider.disconnect();
    b.process.kill('SIGKILL');
    await b.exited;

    const restarted = await startInstance();
    const reviewerOnB = await connect(restarted.url, SEEDED_USERS.reviewer);
    await until(() => textOf(reviewerOnB.doc) === acknowledged, 'the restarted instance to serve the whole document');
    assert.equal(await storedText(), acknowledged, 'the database holds everything acknowledged');

    // The restarted instance is back in the Redis fan-out: an edit on it reaches A, and one on A reaches it.
    const translatorAgain = await connect(restarted.url, SEEDED_USERS.translator);
    translatorAgain.doc.getText('body').insert(0, 'After the restart. ');
    editorOnA.doc.getText('body').insert(textOf(editorOnA.doc).length, ' Last words.');
    await until(
      () => [editorOnA, reviewerOnB, translatorAgain].every((c) => textOf(c.doc) === textOf(editorOnA.doc)) && textOf(editorOnA.doc).startsWith('After the restart. ') && textOf(editorOnA.doc).endsWith(' Last words.'),
      'both instances to converge after the restart',
    );
    await until(async () => (await storedText()) === textOf(editorOnA.doc), 'the new edits to be stored');
  });
});
