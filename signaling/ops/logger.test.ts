// The one structured logger (pino): JSON lines with level names and ISO times, fields bound to
// children, errors serialized with their message and stack, and a silent logger for tests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger, loggerFrom, silentLogger } from './logger.js';

describe('logger', () => {
  it('writes one JSON object per call, with the level by name, an ISO time, bound fields and the message', () => {
    const lines: string[] = [];
    const log = createLogger((line) => lines.push(line), { server: 'sync' }).child({ documentId: 'd1' });
    log.info({ seq: 3 }, 'compacted');
    log.warn('plain');
    assert.equal(lines.length, 2);
    assert.ok(lines.every((line) => !line.includes('\n')), 'no newline handed to the writer');
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(first!['level'], 'info');
    assert.match(String(first!['time']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual([first!['server'], first!['documentId'], first!['seq'], first!['msg']], ['sync', 'd1', 3, 'compacted']);
    assert.equal(second!['level'], 'warn');
    assert.equal('pid' in first!, false, 'no pid/hostname on every line');
  });

  it('serializes an `error` field with its type, message and stack', () => {
    const lines: string[] = [];
    createLogger((line) => lines.push(line)).error({ error: new TypeError('bad input') }, 'failed');
    const entry = JSON.parse(lines[0]!) as { level: string; error: { type: string; message: string; stack: string } };
    assert.equal(entry.level, 'error');
    assert.equal(entry.error.type, 'TypeError');
    assert.equal(entry.error.message, 'bad input');
    assert.match(entry.error.stack, /TypeError: bad input/);
  });

  it('takes a logger or a line writer, and can be silenced', () => {
    const lines: string[] = [];
    loggerFrom((line) => lines.push(line), { server: 'signaling' }).info('a');
    loggerFrom(createLogger((line) => lines.push(line)), { server: 'sync' }).info('b');
    assert.deepEqual(lines.map((line) => (JSON.parse(line) as { server: string }).server), ['signaling', 'sync']);
    loggerFrom(() => {}, {}).error('quiet');
    silentLogger.error('nothing');
    silentLogger.child({ a: 1 }).error('nothing either');
  });
});
