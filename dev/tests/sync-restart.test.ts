// The stack's sync server stops and starts again on the same port, and extra instances
// (what the browser tests' `jd-stack-sync` command uses) stop without touching it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningStack } from '../stack.js';
import { startTestStack } from './stack-fixture.js';

let stack: RunningStack;
before(async () => {
  stack = await startTestStack();
});
after(async () => {
  await stack?.stop();
});

/** The server's /healthz status, or 'refused' when nothing listens. */
async function health(wsUrl: string): Promise<number | 'refused'> {
  try {
    const response = await fetch(`${wsUrl.replace(/^ws/, 'http')}/healthz`);
    await response.body?.cancel();
    return response.status;
  } catch {
    return 'refused';
  }
}

test('stack.sync stops and starts again at the same URL', async () => {
  assert.equal(stack.sync.url, stack.syncUrl);
  assert.equal(await health(stack.syncUrl), 200);
  await stack.sync.stop();
  assert.equal(stack.sync.running, false);
  assert.equal(await health(stack.syncUrl), 'refused');
  await stack.sync.stop(); // already stopped: nothing to do
  await stack.sync.start();
  assert.equal(stack.sync.running, true);
  assert.equal(stack.sync.url, stack.syncUrl);
  assert.equal(await health(stack.syncUrl), 200);
});

test('an extra instance has its own port; stopping it leaves the stack\'s server running', async () => {
  const instance = await stack.startSyncInstance();
  assert.notEqual(instance.port, stack.sync.port);
  assert.equal(await health(instance.url), 200);
  // Issued together: the start waits for the stop to free the port.
  await Promise.all([instance.stop(), instance.start()]);
  assert.equal(await health(instance.url), 200);
  await instance.stop();
  assert.equal(await health(instance.url), 'refused');
  assert.equal(await health(stack.syncUrl), 200);
  await instance.start(); // left running: the stack's stop() stops it
  assert.equal(await health(instance.url), 200);
});
