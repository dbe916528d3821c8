// The hand-built update frame must be byte for byte what y-protocols' encoder writes (the stock
// client reads it with lib0's decoder), for every length class of the varuint length prefix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType, updateFrame } from './protocol.js';

function reference(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

describe('updateFrame', () => {
  it('equals the y-protocols encoding for lengths around every varuint boundary', () => {
    for (const length of [0, 1, 2, 127, 128, 129, 16_383, 16_384, 16_385, 2_097_151, 2_097_152]) {
      const update = new Uint8Array(length).map((_, i) => (i * 31 + 7) & 0xff);
      assert.deepEqual(updateFrame(update), reference(update), `length ${length}`);
    }
  });

  it('copies out of a view into a larger buffer without taking the bytes around it', () => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    const view = backing.subarray(2, 5);
    assert.deepEqual(updateFrame(view), reference(view));
  });
});
