// Starts the real local stack in this process for a test file: in memory, on free ports, with
// the contract fixtures as its migrations and the fixture functions as its edge functions.
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import ws from 'ws';
import { startStack, type RunningStack } from '../stack.js';

export const fixturesDir = join(import.meta.dirname, 'fixtures');

export async function startTestStack(): Promise<RunningStack> {
  return startStack({
    dataDir: 'memory',
    apiPort: 0,
    dbPort: 0,
    syncPort: 0,
    signalingPort: 0,
    migrationsDir: join(fixturesDir, 'migrations'),
    seedFile: join(fixturesDir, 'no-seed.sql'),
    functionsDir: join(fixturesDir, 'functions'),
    log: () => {},
  });
}

/** The real supabase-js as a Node app would create it (Node 20 needs the ws transport). */
export function clientFor(stack: RunningStack, key = stack.anonKey): SupabaseClient {
  return createClient(stack.apiUrl, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
}

/** A seeded demo account (supabase/seed.sql) signed in with its own client: client, access token and user id. */
export async function signInDemoUser(stack: RunningStack, email: string) {
  const supabase = clientFor(stack);
  const { data, error } = await supabase.auth.signInWithPassword({ email, password: 'demo-password-1' });
  if (error) throw new Error(`${email} could not sign in: ${error.message}`);
  return { supabase, token: data.session.access_token, userId: data.user.id };
}

let counter = 0;
/** A fresh signed-in user with its own client. */
export async function signedInUser(stack: RunningStack) {
  const client = clientFor(stack);
  const email = `user${Date.now()}-${counter++}@example.test`;
  const { data, error } = await client.auth.signUp({ email, password: 'a-long-password' });
  if (error || !data.session || !data.user) throw new Error(`sign-up failed: ${error?.message ?? 'no session'}`);
  return { client, email, user: data.user, session: data.session };
}
