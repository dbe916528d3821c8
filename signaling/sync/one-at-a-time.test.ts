import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OneAtATime } from './one-at-a-time.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('OneAtATime', () => {
  it('runs the work it is handed one piece at a time, in order, and passes on results and failures', async () => {
    const lane = new OneAtATime();
    const log: string[] = [];
    let running = 0;
    const piece = (name: string, ms: number, fail = false) =>
      lane.run(async () => {
        running += 1;
        assert.equal(running, 1, `${name} starts while another piece runs`);
        log.push(`${name} start`);
        await sleep(ms);
        log.push(`${name} end`);
        running -= 1;
        if (fail) throw new Error(`${name} failed`);
        return name;
      });
    const results = await Promise.allSettled([piece('a', 20), piece('b', 5, true), piece('c', 1)]);
    assert.deepEqual(log, ['a start', 'a end', 'b start', 'b end', 'c start', 'c end'], 'a failure does not hold up the next piece');
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
      ['a', 'b failed', 'c'],
    );
  });

  it('lets the event loop take a turn between pieces whose work never leaves the microtask queue', async () => {
    const lane = new OneAtATime();
    const log: string[] = [];
    // Work that resolves in microtasks only, as PGlite's does.
    const piece = (name: string) => lane.run(async () => {
      for (let i = 0; i < 100; i++) await Promise.resolve();
      log.push(name);
    });
    const done = Promise.all([piece('a'), piece('b'), piece('c')]);
    setImmediate(() => log.push('a turn of the loop'));
    await done;
    const turn = log.indexOf('a turn of the loop');
    assert.ok(turn >= 0 && turn < log.indexOf('c'), `the loop got no turn until the lane was done: ${log.join(', ')}`);
  });
});
