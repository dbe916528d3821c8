// The gateway remembers verified tokens until they expire (dev/gateway/verified-token-cache.ts):
// on the real stack (the project's schema and seed) with supabase-js, what it must still refuse
// and keep apart once tokens are remembered.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import ws from 'ws';
import { startStack, type RunningStack } from '../stack.js';
import { clientFor, signInDemoUser } from './stack-fixture.js';

const ESDC = 'e5dc0000-0000-4000-a000-000000000001';
const TRANSPORT_CANADA = '7c000000-0000-4000-a000-000000000002';

let stack: RunningStack;

before(async () => {
  stack = await startStack({ dataDir: 'memory', apiPort: 0, dbPort: 0, syncPort: 0, signalingPort: 0, log: () => {} });
});
after(async () => {
  await stack?.stop();
});

/** supabase-js sending the token of our choosing. */
function clientWithToken(token: string): SupabaseClient {
  return createClient(stack.apiUrl, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { Authorization: `Bearer ${token}` } },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
}

async function organizationIds(client: SupabaseClient): Promise<string[]> {
  const { data, error } = await client.from('organizations').select('id').order('id');
  if (error) throw new Error(`organizations: ${error.message}`);
  return data.map((row: { id: string }) => row.id);
}

/** Resolves once the clock has reached `epochSeconds` (polls the clock; no fixed sleep). */
async function clockReaches(epochSeconds: number): Promise<void> {
  while (Date.now() < epochSeconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('verified tokens remembered by the gateway', () => {
  test('a token accepted (and so remembered) is refused with PGRST303 once its exp has passed', { timeout: 30_000 }, async () => {
    const { token } = await signInDemoUser(stack, 'translator@esdc.example');
    const exp = Math.floor(Date.now() / 1000) + 2;
    const shortLived = await stack.signAccessToken({ ...decodeJwt(token), exp });
    const client = clientWithToken(shortLived);
    assert.deepEqual(await organizationIds(client), [ESDC]);
    assert.deepEqual(await organizationIds(client), [ESDC]);

    await clockReaches(exp);
    const { data, error, status } = await client.from('organizations').select('id');
    assert.equal(data, null);
    assert.equal(status, 401);
    assert.equal(error?.code, 'PGRST303');
    assert.equal(error?.message, 'JWT expired');
  });

  test('a remembered token with one character of its signature changed is refused (PGRST301)', async () => {
    const { token } = await signInDemoUser(stack, 'translator@esdc.example');
    assert.deepEqual(await organizationIds(clientWithToken(token)), [ESDC]);
    const at = token.length - 10; // inside the signature; the last character may carry only padding bits
    const tampered = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    const { data, error, status } = await clientWithToken(tampered).from('organizations').select('id');
    assert.equal(data, null);
    assert.equal(status, 401);
    assert.equal(error?.code, 'PGRST301');
  });

  test('concurrent requests of two users and the anon key each run as their own caller', { timeout: 60_000 }, async () => {
    const esdc = await signInDemoUser(stack, 'translator@esdc.example');
    const tc = await signInDemoUser(stack, 'editor@tc.example');
    const anon = clientFor(stack);
    const rounds = 20;
    const requests = Array.from({ length: rounds }, () => [
      organizationIds(esdc.supabase).then((ids) => ({ who: 'esdc', ids })),
      organizationIds(tc.supabase).then((ids) => ({ who: 'tc', ids })),
      anon.from('organizations').select('id').then(({ data, error }) => ({ who: 'anon', ids: data === null ? [`error ${error?.code}`] : data.map((r: { id: string }) => r.id) })),
    ]).flat();
    const answers = await Promise.all(requests);
    const expected: Record<string, string[]> = { esdc: [ESDC], tc: [TRANSPORT_CANADA] };
    const anonAnswer = answers.find((a) => a.who === 'anon')!.ids;
    // The anon key reads no organization (no row, or no privilege), never a user's.
    assert.ok(!anonAnswer.includes(ESDC) && !anonAnswer.includes(TRANSPORT_CANADA), `anon read ${anonAnswer.join(', ')}`);
    for (const answer of answers) {
      assert.deepEqual(answer.ids, answer.who === 'anon' ? anonAnswer : expected[answer.who], `${answer.who} read ${answer.ids.join(', ')}`);
    }
  });
});
