// The functions runner against real Deno processes running the fixture functions.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fixtureFunctionsDir, fixtureRunner, isRunning, readEvents, waitUntilGone } from './test-support.js';

interface EchoAnswer {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
  hasAuthorization: boolean;
  supabaseUrl: string | null;
  pid: number;
}

const echo = async (response: Response) => {
  assert.equal(response.status, 200);
  return (await response.json()) as EchoAnswer;
};

describe('a JSON function', () => {
  const { runner, env } = fixtureRunner();
  after(() => runner.stop());

  test('receives method, path, query, headers and body, and answers JSON', async () => {
    const answer = await echo(
      await runner.invoke(
        'echo',
        new Request('http://gateway/echo/items/7?lang=fr', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer token', 'x-client-info': 'test' },
          body: JSON.stringify({ hello: 'world' }),
        }),
      ),
    );
    assert.equal(answer.method, 'POST');
    assert.equal(answer.path, '/echo/items/7');
    assert.deepEqual(answer.query, { lang: 'fr' });
    assert.deepEqual(answer.body, { hello: 'world' });
    assert.equal(answer.hasAuthorization, true);
    assert.equal(answer.headers['x-client-info'], 'test');
  });

  test('sees the environment as it is when the process starts, and stays warm', async () => {
    // Set after the runner was created, as the stack does with the gateway's URL.
    env['SUPABASE_URL'] = 'http://127.0.0.1:9';
    const first = await echo(await runner.invoke('public-echo', new Request('http://gateway/public-echo')));
    const second = await echo(await runner.invoke('public-echo', new Request('http://gateway/public-echo')));
    assert.equal(first.supabaseUrl, 'http://127.0.0.1:9');
    assert.equal(second.pid, first.pid, 'the second call is served by the same process');
  });
});

describe('which functions exist', () => {
  const { runner } = fixtureRunner();
  after(() => runner.stop());

  test('folders and config.toml entries exist; disabled, shared and odd names do not', async () => {
    for (const name of ['echo', 'public-echo', 'ticker', 'slow-boot']) assert.equal(runner.exists(name), true, name);
    for (const name of ['nope', 'switched-off', '_shared', '..', 'echo/..', '']) assert.equal(runner.exists(name), false, name);
  });

  test('an unknown function answers Supabase 404', async () => {
    const response = await runner.invoke('nope', new Request('http://gateway/nope'));
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { code: 'NOT_FOUND', message: 'Requested function was not found' });
  });

  test('verify_jwt comes from config.toml and defaults to true', () => {
    assert.equal(runner.verifyJwt('echo'), true);
    assert.equal(runner.verifyJwt('slow-boot'), true, 'not in config.toml');
    assert.equal(runner.verifyJwt('public-echo'), false);
    assert.equal(runner.verifyJwt('ticker'), false);
  });
});

describe('a streaming function', () => {
  const { runner } = fixtureRunner();
  after(() => runner.stop());

  test('its events reach the caller as they are written, not at the end', async () => {
    await runner.invoke('ticker', new Request('http://gateway/ticker?n=1')).then((r) => r.text()); // warm up
    const since = performance.now();
    const response = await runner.invoke('ticker', new Request('http://gateway/ticker?n=5'));
    const headersAt = performance.now() - since;
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const events = await readEvents(response, since);

    assert.deepEqual(events.map((e) => e.data), [0, 1, 2, 3, 4].map((n) => ({ n })));
    // The function writes them 150 ms apart (600 ms from first to last). A buffered body would
    // deliver them together; half the spread leaves room for a slow machine.
    const spread = events.at(-1)!.at - events[0]!.at;
    assert.ok(spread >= 300, `first and last event arrived ${spread.toFixed(0)} ms apart`);
    assert.ok(headersAt < events.at(-1)!.at, 'the response was handed over before the stream ended');
    for (let i = 1; i < events.length; i++) assert.ok(events[i]!.at >= events[i - 1]!.at);
  });
});

describe('failures', () => {
  const { runner, logs } = fixtureRunner({ startupTimeoutMs: 1500 });
  after(() => runner.stop());

  test('a crash answers WORKER_ERROR and the next call runs in a new process', async () => {
    const before = await echo(await runner.invoke('public-echo', new Request('http://gateway/public-echo')));
    const crashed = await runner.invoke('public-echo', new Request('http://gateway/public-echo?exit=1'));
    assert.equal(crashed.status, 500);
    assert.deepEqual(await crashed.json(), {
      code: 'WORKER_ERROR',
      message: 'Function exited due to an error (please check logs)',
    });
    assert.equal(isRunning(before.pid), false);

    const after = await echo(await runner.invoke('public-echo', new Request('http://gateway/public-echo')));
    assert.notEqual(after.pid, before.pid);
  });

  test('a caller that gives up does not take the function down', async () => {
    const before = await echo(await runner.invoke('public-echo', new Request('http://gateway/public-echo')));
    const giveUp = new AbortController();
    const abandoned = runner.invoke('public-echo', new Request('http://gateway/public-echo?delay=2000', { signal: giveUp.signal }));
    setTimeout(() => giveUp.abort(), 100);
    await abandoned;
    const after = await echo(await runner.invoke('public-echo', new Request('http://gateway/public-echo')));
    assert.equal(after.pid, before.pid);
  });

  test('a function that throws while loading answers BOOT_ERROR with the reason', async () => {
    const response = await runner.invoke('boot-error', new Request('http://gateway/boot-error'));
    assert.equal(response.status, 503);
    const body = (await response.json()) as { code: string; message: string };
    assert.equal(body.code, 'BOOT_ERROR');
    assert.match(body.message, /this function cannot start/);
  });

  test('a function that does not listen in time answers BOOT_ERROR and is killed', async () => {
    const started = performance.now();
    const response = await runner.invoke('slow-boot', new Request('http://gateway/slow-boot'));
    assert.ok(performance.now() - started < 10_000);
    assert.equal(response.status, 503);
    const body = (await response.json()) as { code: string; message: string };
    assert.equal(body.code, 'BOOT_ERROR');
    assert.match(body.message, /did not start listening within 1500 ms/);

    const printed = logs.find((entry) => String(entry['line']).startsWith('slow-boot pid '));
    const pid = Number(String(printed?.['line']).split(' ').at(-1));
    assert.ok(pid > 0, 'the fixture printed its pid');
    assert.equal(await waitUntilGone(pid), true, `process ${pid} is still running`);
  });
});

describe('stopping', () => {
  test('stop() ends every function process, also in the middle of a stream', async () => {
    const { runner, logs } = fixtureRunner();
    await runner.invoke('public-echo', new Request('http://gateway/public-echo'));
    const streaming = await runner.invoke('ticker', new Request('http://gateway/ticker?n=100'));
    const reading = streaming.text().catch(() => 'cut off');
    const pids = logs.filter((entry) => entry['msg'] === 'function started').map((entry) => Number(entry['pid']));
    assert.equal(pids.length, 2);
    for (const pid of pids) assert.ok(isRunning(pid));

    await runner.stop();
    for (const pid of pids) assert.equal(isRunning(pid), false, `process ${pid} is still running`);
    await reading;
    assert.equal((await runner.invoke('echo', new Request('http://gateway/echo'))).status, 503);
  });

  test('functions exit when the process that runs them dies without stopping them', async () => {
    // A separate Node process starts a function and prints its pid; then we SIGKILL it.
    const script = `
      import { fixtureRunner } from ${JSON.stringify(join(import.meta.dirname, 'test-support.ts'))};
      const { runner } = fixtureRunner();
      const answer = await (await runner.invoke('public-echo', new Request('http://gateway/public-echo'))).json();
      console.log(answer.pid);
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fixtureFunctionsDir,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      parent.once('exit', (code) => reject(new Error(`the runner process exited early (${code})`)));
    });
    assert.ok(isRunning(pid));
    parent.kill('SIGKILL');
    assert.equal(await waitUntilGone(pid), true, `function process ${pid} outlived its runner`);
  });
});
