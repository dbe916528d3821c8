import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WireResponseTracker } from './wire-response-tracker.js';

/** A backend message: type byte, int32 length (counting itself), body. */
function message(type: string, body: Uint8Array | string): Uint8Array {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const out = new Uint8Array(5 + bytes.length);
  out[0] = type.charCodeAt(0);
  new DataView(out.buffer).setInt32(1, 4 + bytes.length);
  out.set(bytes, 5);
  return out;
}

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
const readyForQuery = (status: string) => message('Z', status);

describe('WireResponseTracker', () => {
  it('reports the status of a final ReadyForQuery, however the bytes are split', () => {
    const response = concat(message('C', 'SELECT 1\0'), readyForQuery('T'));
    for (let split = 0; split <= response.length; split++) {
      const tracker = new WireResponseTracker();
      tracker.push(response.subarray(0, split));
      tracker.push(response.subarray(split));
      assert.equal(tracker.readyForQuery, 'T', `split at ${split}`);
    }
  });

  it('collects the notifications of the response (channel and payload), however the bytes are split', () => {
    const notification = (pid: number, channel: string, payload: string) => {
      const text = new TextEncoder().encode(`${channel}\0${payload}\0`);
      const body = new Uint8Array(4 + text.length);
      new DataView(body.buffer).setInt32(0, pid);
      body.set(text, 4);
      return message('A', body);
    };
    const response = concat(
      message('C', 'COMMIT\0'),
      notification(42, 'pgrst', 'reload schema'),
      notification(42, 'other', 'été'),
      readyForQuery('I'),
    );
    for (let split = 0; split <= response.length; split++) {
      const tracker = new WireResponseTracker();
      tracker.push(response.subarray(0, split));
      tracker.push(response.subarray(split));
      assert.deepEqual(
        tracker.notifications,
        [
          { channel: 'pgrst', payload: 'reload schema' },
          { channel: 'other', payload: 'été' },
        ],
        `split at ${split}`,
      );
      assert.equal(tracker.readyForQuery, 'I');
    }
  });

  it('does not report one when the response ends with another message or mid-message', () => {
    const parseComplete = new WireResponseTracker();
    parseComplete.push(message('1', ''));
    assert.equal(parseComplete.readyForQuery, undefined);

    // Row data that ends with the bytes of a ReadyForQuery is still row data.
    const lookalike = new WireResponseTracker();
    lookalike.push(concat(readyForQuery('I'), message('D', readyForQuery('I'))));
    assert.equal(lookalike.readyForQuery, undefined);

    const partial = new WireResponseTracker();
    partial.push(readyForQuery('I').subarray(0, 5));
    assert.equal(partial.readyForQuery, undefined);
  });

  it('keeps the message of the first ErrorResponse', () => {
    const tracker = new WireResponseTracker();
    tracker.push(message('E', 'SERROR\0C42P01\0Mrelation "x" does not exist\0\0'));
    tracker.push(message('E', 'SERROR\0Msecond\0\0'));
    tracker.push(readyForQuery('E'));
    assert.equal(tracker.firstError, 'relation "x" does not exist');
    assert.equal(tracker.readyForQuery, 'E');
  });
});
