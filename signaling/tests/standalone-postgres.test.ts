// Acceptance (issue #5): the standalone entry `signaling/main.ts`, run as an operator runs it
// (`node --import tsx signaling/main.ts`) against a real PostgreSQL server holding the project's
// platform files, migrations and seed, with the legacy HS256 secret of a Supabase project that
// still signs user tokens with it (SUPABASE_JWT_SECRET, SUPABASE_HS256_USER_TOKENS=true) and
// tokens carrying the claims Supabase Auth puts in access tokens; and, as a project with
// asymmetric keys runs it, with the project's JWKS (SUPABASE_JWKS_FILE) for user tokens.
// The stock y-websocket client and a y-webrtc-style signaling client talk to it; what it stores
// is read back with a plain postgres.js connection.
// Without a PostgreSQL server installed this fails with the reason (CI installs `postgresql`).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import postgres from 'postgres';
import * as Y from 'yjs';
import { applySupabaseSchema } from '../../dev/tests/support/supabase-schema.js';
import { anchorInText } from '../../domain/comment-anchors.js';
import { createThread } from '../../domain/comment-model.js';
import { initialContentUpdate, initialMetaUpdate, seedsFromRows } from '../../domain/document-init.js';
import { freePort, startChild, type Child } from './support/child-process.js';
import { connectClient, sleep, synced, textOf, waitFor, type TestClient } from './support/clients.js';
import { startPostgres, type PostgresServer } from './support/postgres-server.js';
import { messagesOf, openSignaling, type SignalingPeer } from './support/signaling-client.js';
import { ESDC_IDENTIFICATION } from './support/seeded-identification.js';
import { accessTokenClaims, ESDC_DOCUMENT, hs256AccessToken, SEEDED_USERS, TC_DOCUMENT, type SeededUser } from './support/supabase-access-tokens.js';

const mainEntry = join(import.meta.dirname, '..', 'main.ts');
const JWT_SECRET = 'standalone-test-secret-with-at-least-32-characters';
const USERS = SEEDED_USERS;
type User = SeededUser;

/** An access token as Supabase Auth issues it with the legacy HS256 secret. */
const tokenFor = (user: User, options: { expiresIn?: number; secret?: string } = {}) =>
  hs256AccessToken(user, options.secret ?? JWT_SECRET, options.expiresIn);

interface SectionRow {
  lang: string;
  section_id: string;
  kind: string;
  position: number;
  heading: string;
  body: string;
}

interface Standalone {
  child: Child;
  syncUrl: string;
  httpUrl: string;
  signalingUrl: string;
  signalingHttpUrl: string;
}

describe('signaling/main.ts against PostgreSQL (platform files, migrations, seed)', () => {
  let server: PostgresServer | null = null;
  let sql: postgres.Sql | null = null;
  let main: Standalone | null = null;
  const clients: TestClient[] = [];
  const peers: SignalingPeer[] = [];
  let seededSections: SectionRow[] = [];
  let seededAt: Date;

  /** The output of every main.ts started, and how many of its error lines a test has answered for. */
  const outputs: string[][] = [];
  let errorsReported = 0;

  /** main.ts with nothing but the environment an operator gives it (by default, a legacy HS256 project). */
  async function startMain(tokenEnv: NodeJS.ProcessEnv = { SUPABASE_JWT_SECRET: JWT_SECRET, SUPABASE_HS256_USER_TOKENS: 'true' }): Promise<Standalone> {
    const signalingPort = await freePort();
    const child = await startChild(mainEntry, [], {
      DATABASE_URL: server!.url,
      SUPABASE_URL: '', // no JWKS to fetch unless tokenEnv names one
      SUPABASE_JWT_SECRET: '',
      SUPABASE_HS256_USER_TOKENS: '',
      SUPABASE_JWKS_FILE: '',
      SUPABASE_JWKS_URL: '',
      ...tokenEnv,
      REDIS_URL: '', // single instance
      JD_SYNC_PORT: '0',
      JD_SIGNALING_PORT: String(signalingPort),
    });
    outputs.push(child.output);
    return {
      child,
      syncUrl: `ws://127.0.0.1:${child.port}`,
      httpUrl: `http://127.0.0.1:${child.port}`,
      signalingUrl: `ws://127.0.0.1:${signalingPort}`,
      signalingHttpUrl: `http://127.0.0.1:${signalingPort}`,
    };
  }

  function connect(documentId: string, token: string | null) {
    const client = connectClient(main!.syncUrl, documentId, token);
    clients.push(client);
    return client;
  }

  async function signal(token: string | null) {
    const peer = await openSignaling(main!.signalingUrl, token);
    peers.push(peer);
    return peer;
  }

  /** What public.doc_snapshots and public.doc_updates hold for the document, as one Y.Doc's text. */
  async function storedText(documentId: string) {
    const doc = new Y.Doc();
    const [snapshot] = await sql!<{ state: Buffer }[]>`select state from public.doc_snapshots where document_id = ${documentId}`;
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    for (const row of await sql!<{ update: Buffer }[]>`select update from public.doc_updates where document_id = ${documentId} order by seq`) {
      Y.applyUpdate(doc, row.update);
    }
    const text = textOf(doc);
    doc.destroy();
    return text;
  }

  const sectionsOf = (documentId: string) => sql!<SectionRow[]>`
    select lang, section_id, kind, position, heading, body from public.document_sections where document_id = ${documentId} order by lang, position`;

  before(async () => {
    // Throws (the tests fail, they do not skip) when no PostgreSQL server is installed.
    server = await startPostgres();
    await applySupabaseSchema(server);
    sql = postgres(server.url, { max: 2, onnotice: () => {} });
    seededSections = [...(await sectionsOf(ESDC_DOCUMENT))];
    assert.ok(seededSections.length >= 12, 'the seed has sections in both languages');
    [{ seededAt }] = await sql<[{ seededAt: Date }]>`select max(updated_at) as "seededAt" from public.document_sections`;
    main = await startMain();
  });

  after(async () => {
    for (const client of clients) client.destroy();
    for (const peer of peers) peer.ws.terminate();
    if (main && main.child.process.exitCode === null) {
      main.child.process.kill('SIGKILL');
      await main.child.exited;
    }
    await sql?.end({ timeout: 5 });
    server?.stop();
  });

  /**
   * Failures main.ts only logs (a projection the database refused, say) fail the test during
   * which they happen: checked after each test and while waiting, so a wait ends with the reason.
   */
  function checkServerLog() {
    const errors = outputs.flat().filter((line) => line.includes('"level":"error"'));
    const fresh = errors.slice(errorsReported);
    errorsReported = errors.length;
    assert.deepEqual(fresh, [], 'main.ts logged errors');
  }
  const until = (condition: () => boolean | Promise<boolean>, what: string, timeoutMs?: number) =>
    waitFor(
      () => {
        checkServerLog();
        return condition();
      },
      what,
      timeoutMs,
    );
  afterEach(checkServerLog);

  it('answers /healthz (with the database) and /metrics on the sync port, /healthz on the signaling port', async () => {
    const health = await fetch(`${main!.httpUrl}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', database: true, connections: 0, documents: 0 });
    const metrics = await fetch(`${main!.httpUrl}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(await metrics.text(), /^jd_sync_connections 0$/m);
    const signalingHealth = await fetch(`${main!.signalingHttpUrl}/healthz`);
    assert.equal(signalingHealth.status, 200);
    assert.equal(((await signalingHealth.json()) as { status: string }).status, 'ok');
  });

  it('refuses without a token (4401), with a token of another secret (4401), another department (4403), an unknown document (4403 too)', async () => {
    assert.equal(await connect(ESDC_DOCUMENT, null).closed, 4401);
    assert.equal(await connect(ESDC_DOCUMENT, await tokenFor(USERS.editor, { secret: 'another-secret-with-at-least-32-characters' })).closed, 4401);
    assert.equal(await connect(ESDC_DOCUMENT, await tokenFor(USERS.editor, { expiresIn: -10 })).closed, 4401);
    assert.equal(await connect(ESDC_DOCUMENT, await tokenFor(USERS.tcEditor)).closed, 4403);
    assert.equal(await connect(TC_DOCUMENT, await tokenFor(USERS.editor)).closed, 4403);
    assert.equal(await connect('00000000-0000-4000-a000-00000000dead', await tokenFor(USERS.editor)).closed, 4403);
  });

  let editor: TestClient;
  let translator: TestClient;
  const fragments = (client: TestClient) => `${client.doc.getXmlFragment('en').toString()}|${client.doc.getXmlFragment('fr').toString()}`;

  it('lets two ESDC clients converge, and stores every update in public.doc_updates first', async () => {
    editor = connect(ESDC_DOCUMENT, await tokenFor(USERS.editor));
    await synced(editor);
    // A document nobody has opened yet: the server gives it its first content from the seeded
    // sections, the same bytes jd-editor would compute (so a client seeding too adds nothing).
    const seeded = new Y.Doc();
    Y.applyUpdate(seeded, initialContentUpdate(seedsFromRows(seededSections)));
    assert.equal(fragments(editor), fragments({ doc: seeded } as TestClient));
    const before = fragments(editor);
    Y.applyUpdate(editor.doc, initialContentUpdate(seedsFromRows(seededSections)));
    assert.equal(fragments(editor), before, 'seeding again on the client changes nothing');
    // And its identification fields from its row (supabase/seed.sql), which a client seeding too does not duplicate.
    assert.deepEqual(editor.doc.getMap('meta').toJSON(), ESDC_IDENTIFICATION);
    const stateBefore = Y.encodeStateVector(editor.doc);
    Y.applyUpdate(editor.doc, initialMetaUpdate(ESDC_IDENTIFICATION));
    assert.deepEqual(Y.encodeStateVector(editor.doc), stateBefore, 'seeding meta again on the client changes nothing');
    translator = connect(ESDC_DOCUMENT, await tokenFor(USERS.translator));
    await synced(translator);
    editor.doc.getText('body').insert(0, 'Provides advice. ');
    translator.doc.getText('body').insert(0, 'Fournit des conseils. ');
    await until(() => textOf(editor.doc) === textOf(translator.doc) && textOf(editor.doc).length === 39, 'the two clients to converge');
    assert.equal(fragments(translator), fragments(editor));

    // Each stored seq with its author and its row's bytes (a merged row covers seq..seq_end, with each seq's author in authors).
    const rows = await sql!<{ seq: string; created_by: string | null; bytes: number }[]>`
      select g as seq, case when u.authors is null then u.created_by else u.authors[g - u.seq + 1] end as created_by,
             octet_length(u.update) as bytes
        from public.doc_updates u, generate_series(u.seq, coalesce(u.seq_end, u.seq)) as g
       where u.document_id = ${ESDC_DOCUMENT} order by g`;
    assert.deepEqual(rows.map((r) => Number(r.seq)), rows.map((_r, i) => i + 1), 'seqs 1, 2, … without gaps');
    // Then the seeded public.comments rows as threads (signaling/db/comment-seed.ts).
    assert.deepEqual(rows.slice(0, 3).map((r) => r.created_by), [null, null, null], 'the first content, the identification and the seeded comment threads are the server\'s');
    assert.deepEqual(new Set(rows.slice(3).map((r) => r.created_by)), new Set([USERS.editor.id, USERS.translator.id]), 'each later row names its author');
    assert.ok(rows.every((r) => r.bytes > 0));
    assert.equal(await storedText(ESDC_DOCUMENT), textOf(editor.doc), 'the stored updates rebuild the document');
  });

  it('projects the sections into public.document_sections and comment threads into public.comments', async () => {
    // The seeded rows are replaced by the projection of the Y.Doc, which was made from them.
    await until(
      async () => (await sql!`select 1 from public.document_sections where document_id = ${ESDC_DOCUMENT} and updated_at > ${seededAt}`).length > 0,
      'the projection to be written',
    );
    assert.deepEqual([...(await sectionsOf(ESDC_DOCUMENT))], seededSections);

    // A reviewer (view access) may comment; the thread reaches public.comments.
    const reviewer = connect(ESDC_DOCUMENT, await tokenFor(USERS.reviewer));
    await synced(reviewer);
    await until(() => fragments(reviewer) === fragments(editor), 'the reviewer to receive the document');
    const section = reviewer.doc.getXmlFragment('en').get(0) as Y.XmlElement;
    const paragraph = section.get(1) as Y.XmlElement;
    const threadId = createThread(reviewer.doc, {
      lang: 'en',
      anchor: anchorInText(paragraph.get(0) as Y.XmlText, 0, 8),
      quote: 'Delivers',
      author: { id: USERS.reviewer.id, name: 'Rachel Reviewer' },
      body: 'Which programs?',
    });
    await until(async () => (await sql!`select 1 from public.comments where id = ${threadId}`).length === 1, 'the thread in public.comments', 20_000);
    const [comment] = await sql!`select author_id, section_id, lang, anchor_text, body from public.comments where id = ${threadId}`;
    assert.deepEqual({ ...comment }, {
      author_id: USERS.reviewer.id,
      section_id: section.getAttribute('sectionId'),
      lang: 'en',
      anchor_text: 'Delivers',
      body: 'Which programs?',
    });
    reviewer.destroy();
  });

  it("keeps a viewer read-only: the viewer's edit is neither relayed nor stored", async () => {
    const viewer = connect(ESDC_DOCUMENT, await tokenFor(USERS.viewer));
    await synced(viewer);
    await until(() => textOf(viewer.doc) === textOf(editor.doc), 'the viewer to receive the document');
    viewer.doc.getText('body').insert(0, 'VIEWER WAS HERE ');
    // The server handles a connection's messages in order: once the viewer's awareness (sent
    // after the edit) reaches the editor, the edit has been judged.
    viewer.provider.awareness.setLocalStateField('marker', 'after-the-edit');
    await until(
      () => [...editor.provider.awareness.getStates().values()].some((state) => state['marker'] === 'after-the-edit'),
      "the viewer's awareness to reach the editor",
    );
    editor.doc.getText('body').insert(textOf(editor.doc).length, 'Last words.');
    await until(() => textOf(viewer.doc).endsWith('Last words.'), 'a later edit to reach the viewer');
    assert.ok(!textOf(editor.doc).includes('VIEWER'), 'not relayed');
    assert.ok(!textOf(translator.doc).includes('VIEWER'), 'not relayed');
    const [{ n }] = await sql!<[{ n: number }]>`
      select count(*)::int as n from public.doc_updates u, unnest(coalesce(u.authors, array[u.created_by])) as author where author = ${USERS.viewer.id}`;
    assert.equal(n, 0, 'no row from the viewer');
    assert.ok(!(await storedText(ESDC_DOCUMENT)).includes('VIEWER'), 'not stored');
    assert.deepEqual(viewer.closes, [], 'the viewer stays connected');
  });

  it("refuses the TC user's subscription to the ESDC room on the signaling server; members signal each other", async () => {
    assert.equal(await (await signal(null)).closed, 4401, 'no token');
    const outsider = await signal(await tokenFor(USERS.tcEditor));
    outsider.send({ type: 'subscribe', topics: [ESDC_DOCUMENT, TC_DOCUMENT] });
    const member = await signal(await tokenFor(USERS.editor));
    const reader = await signal(await tokenFor(USERS.viewer));
    member.send({ type: 'subscribe', topics: [ESDC_DOCUMENT] });
    reader.send({ type: 'subscribe', topics: [ESDC_DOCUMENT] });
    reader.send({ type: 'ping' });
    await until(() => messagesOf(reader, 'pong').length === 1, 'pong');
    await until(() => messagesOf(outsider, 'refused').length === 1, 'the refusal');
    assert.deepEqual(messagesOf(outsider, 'refused').map((m) => [m['topic'], m['code']]), [[ESDC_DOCUMENT, 4403]]);

    outsider.send({ type: 'publish', topic: ESDC_DOCUMENT, data: { type: 'announce', from: 'intruder' } });
    member.send({ type: 'publish', topic: ESDC_DOCUMENT, data: { type: 'announce', from: 'member' } });
    await until(() => messagesOf(reader, 'publish').length === 1, "the member's signal");
    await sleep(100);
    assert.deepEqual(messagesOf(reader, 'publish').map((m) => [m['data'], m['clients']]), [[{ type: 'announce', from: 'member' }, 2]]);
    assert.deepEqual(messagesOf(outsider, 'publish'), [], 'the outsider hears nothing');
  });

  it('compacts the log into public.doc_snapshots after 500 updates', async () => {
    const body = editor.doc.getText('body');
    for (let i = 0; i < 520; i++) body.insert(body.length, i % 10 === 9 ? '\n' : 'x');
    const expected = textOf(editor.doc);
    await until(() => textOf(translator.doc) === expected, 'the 520 updates to reach the translator', 30_000);
    await until(async () => (await sql!`select 1 from public.doc_snapshots where document_id = ${ESDC_DOCUMENT}`).length === 1, 'a snapshot', 30_000);
    const [snapshot] = await sql!<[{ last_seq: string }]>`select last_seq from public.doc_snapshots where document_id = ${ESDC_DOCUMENT}`;
    const [{ folded }] = await sql!<[{ folded: number }]>`
      select count(*)::int as folded from public.doc_updates where document_id = ${ESDC_DOCUMENT} and seq <= ${snapshot.last_seq}`;
    assert.ok(Number(snapshot.last_seq) >= 500, `the snapshot covers seq ${snapshot.last_seq}`);
    assert.equal(folded, 0, 'the folded updates are deleted');
    assert.equal(await storedText(ESDC_DOCUMENT), expected, 'snapshot and tail rebuild the document');
    assert.ok(main!.child.output.some((line) => line.includes('"msg":"compacted"')), 'the compaction is logged');
  });

  it('stops on SIGTERM with exit code 0, closing its clients with 1012', async () => {
    editor.doc.getText('body').insert(0, 'After the snapshot. ');
    await until(() => textOf(translator.doc) === textOf(editor.doc), 'the edit to be relayed (so it is stored)');
    const child = main!.child;
    child.process.kill('SIGTERM');
    assert.equal(await child.exited, 0, child.output.join('\n'));
    assert.equal(await editor.closed, 1012);
    assert.equal(await translator.closed, 1012);
    assert.ok(child.output.some((line) => line.includes('"msg":"stopping"')));
  });

  it('serves the stored state (snapshot and tail) to a new client after a restart', async () => {
    const expected = textOf(editor.doc);
    for (const client of clients.splice(0)) client.destroy();
    const [{ tail }] = await sql!<[{ tail: number }]>`select count(*)::int as tail from public.doc_updates where document_id = ${ESDC_DOCUMENT}`;
    assert.ok(tail >= 1, 'an update after the snapshot');
    main = await startMain();
    const reviewer = connect(ESDC_DOCUMENT, await tokenFor(USERS.reviewer));
    await synced(reviewer);
    await until(() => textOf(reviewer.doc) === expected, 'the new client to receive the whole document');
    assert.ok(textOf(reviewer.doc).startsWith('After the snapshot. '));
    assert.equal(fragments(reviewer), fragments(editor));
  });

  it('takes a removed member off the document and its signaling topic at once (LISTEN on PostgreSQL through postgres.js)', async () => {
    const token = await tokenFor(USERS.reviewer);
    const reviewer = connect(ESDC_DOCUMENT, token);
    await synced(reviewer);
    const peer = await signal(token);
    peer.send({ type: 'subscribe', topics: [ESDC_DOCUMENT] });
    peer.send({ type: 'ping' });
    await until(() => messagesOf(peer, 'pong').length === 1, 'the subscription');
    const [membership] = await sql!<[{ organization_id: string; role: string }]>`
      select organization_id, role from public.memberships where user_id = ${USERS.reviewer.id}`;
    await sql!`delete from public.memberships where user_id = ${USERS.reviewer.id}`;
    try {
      await until(() => reviewer.closes.length > 0, 'the reviewer to be closed');
      assert.deepEqual(reviewer.closes, [4403]);
      await until(() => messagesOf(peer, 'refused').some((m) => m['topic'] === ESDC_DOCUMENT && m['code'] === 4403), 'the topic to be taken away');
    } finally {
      await sql!`insert into public.memberships (organization_id, user_id, role) values (${membership.organization_id}, ${USERS.reviewer.id}, ${membership.role})`;
    }
  });

  it('writes an approved document\'s sentence pairs to the translation memory at once (LISTEN on jd_tm_harvest through postgres.js)', async () => {
    /** One statement as the user, as PostgREST runs an RPC. */
    const asUser = (user: User, statement: string) =>
      sql!.begin(async (tx) => {
        await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify({ sub: user.id, role: 'authenticated' })}, true)`;
        await tx.unsafe(statement, [ESDC_DOCUMENT]);
      });
    await asUser(USERS.editor, 'select public.submit_for_review($1::uuid)');
    await asUser(USERS.reviewer, `select public.decide_approval($1::uuid, 'approved')`);
    // Sooner than the 30 s sweep: the notification woke the worker.
    await until(async () => {
      const jobs = await sql!<{ state: string }[]>`select state from private.tm_harvest_jobs where document_id = ${ESDC_DOCUMENT}`;
      return jobs.length === 1 && jobs[0]!.state === 'done';
    }, 'the approved document to be harvested');
    const heading = await sql!<{ usage_count: number; provenance: string; document_id: string }[]>`
      select usage_count, provenance, document_id from public.tm_segments
       where source_text = 'Key Activities' and target_text = 'Activités principales' and document_id = ${ESDC_DOCUMENT}`;
    assert.deepEqual([...heading], [{ usage_count: 1, provenance: 'document', document_id: ESDC_DOCUMENT }]);
  });

  it('with asymmetric user tokens (JWKS) and the legacy secret for API keys only, refuses HS256 user tokens with 4401', async () => {
    // Where the project's signing key would be: a key pair of our own, its public half as the JWKS file.
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const kid = randomUUID();
    const folder = await mkdtemp(join(tmpdir(), 'jd-jwks-'));
    const jwksFile = join(folder, 'jwks.json');
    await writeFile(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] }));
    const previous = main!.child;
    previous.process.kill('SIGTERM');
    assert.equal(await previous.exited, 0);
    try {
      // The legacy secret alone cannot verify users without the operator saying so: main.ts refuses to start.
      await assert.rejects(startMain({ SUPABASE_JWT_SECRET: JWT_SECRET }), /SUPABASE_JWT_SECRET alone verifies only the anon\/service_role API keys/);

      main = await startMain({ SUPABASE_JWKS_FILE: jwksFile, SUPABASE_JWT_SECRET: JWT_SECRET });
      const es256 = await new SignJWT(accessTokenClaims(USERS.reviewer)).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(privateKey);
      await synced(connect(ESDC_DOCUMENT, es256));
      assert.equal(await connect(ESDC_DOCUMENT, await tokenFor(USERS.editor)).closed, 4401);
      const peer = await signal(await tokenFor(USERS.editor));
      assert.equal(await peer.closed, 4401);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
