/// <reference types="mocha" />
// Acceptance: the unmodified supabase-js in Chromium works against the gateway across origins
// (CORS preflights, exposed headers), for auth, rpc, tables and streaming functions.
import { expect } from '@open-wc/testing';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';

// Served by the web-test-runner config, which starts the real stack for the browser tests.
const stackModule: string = '/__jd-stack.js';
const { apiUrl, anonKey } = (await import(stackModule)) as { apiUrl: string; anonKey: string };

let clients = 0;
// A storage key per client: several GoTrue clients in one page must not share a session.
const client = (): SupabaseClient =>
  createClient(apiUrl, anonKey, { auth: { persistSession: false, autoRefreshToken: false, storageKey: `contract-${clients++}` } });

describe('supabase-js in Chromium against the local gateway', () => {
  it('signs up, refreshes, reads the user and signs out', async () => {
    const supabase = client();
    const email = `browser-${Date.now()}@example.test`;
    const signUp = await supabase.auth.signUp({ email, password: 'browser-password' });
    expect(signUp.error).to.equal(null);
    const refreshed = await supabase.auth.refreshSession();
    expect(refreshed.error).to.equal(null);
    expect(refreshed.data.session?.refresh_token).to.not.equal(signUp.data.session?.refresh_token);
    const user = await supabase.auth.getUser();
    expect(user.data.user?.email).to.equal(email);
    expect((await supabase.auth.signOut()).error).to.equal(null);
  });

  it('reads auth error codes (needs X-Supabase-Api-Version exposed)', async () => {
    const { error } = await client().auth.signInWithPassword({ email: 'nobody@example.test', password: 'whatever-password' });
    expect(error?.status).to.equal(400);
    expect(error?.code).to.equal('invalid_credentials');
  });

  it('calls a scalar and a setof rpc, with counts (needs Content-Range exposed)', async () => {
    const supabase = client();
    const scalar = await supabase.rpc('add_numbers', { a: 20, b: 22 });
    expect(scalar.data).to.equal(42);
    const things = await supabase.from('things').select('name', { count: 'exact' }).eq('kind', 'letter').order('id').limit(2);
    expect(things.error).to.equal(null);
    expect(things.data).to.deep.equal([{ name: 'alpha' }, { name: 'beta' }]);
    expect(things.count).to.equal(3);
  });

  it('maps .single() on two rows to 406 PGRST116', async () => {
    const { error, status } = await client().from('things').select('name').eq('kind', 'letter').single();
    expect(status).to.equal(406);
    expect(error?.code).to.equal('PGRST116');
  });

  it('streams a function response chunk by chunk', async () => {
    const { data, error } = await client().functions.invoke('ticker?n=3', { method: 'GET' });
    expect(error).to.equal(null);
    const reader = (data as Response).body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    let reads = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      reads += 1;
      text += value;
    }
    expect(text.match(/data: /g)?.length).to.equal(3);
    expect(reads).to.be.greaterThan(1);
  });
});
