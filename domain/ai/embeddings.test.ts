// The embeddings request policy (batching, input normalisation, retryable statuses, ordering and
// the dimension check). node:test and assert run in Node and, through Deno's Node compatibility,
// in `deno test` too (npm run test:deno).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EMBEDDING_BATCH_SIZE,
  EMBEDDING_DIMENSIONS,
  estimatedCost,
  inBatches,
  isRetryableStatus,
  normalizeEmbeddingInput,
  orderedEmbeddings,
} from './embeddings.ts';

const vector = (fill: number) => new Array<number>(EMBEDDING_DIMENSIONS).fill(fill);

describe('embeddings policy', () => {
  it('cuts inputs into batches of at most 96, in order', () => {
    const texts = Array.from({ length: 200 }, (_, i) => `t${i}`);
    const batches = inBatches(texts);
    assert.deepEqual(batches.map((b) => b.length), [96, 96, 8]);
    assert.deepEqual(batches.flat(), texts);
    assert.equal(EMBEDDING_BATCH_SIZE, 96);
    assert.deepEqual(inBatches([]), []);
    assert.throws(() => inBatches([1], 0), /batch size must be a positive integer \(got 0\)/);
  });

  it('folds whitespace and refuses blank text', () => {
    assert.equal(normalizeEmbeddingInput('  Manages\n\tthe   team '), 'Manages the team');
    assert.equal(normalizeEmbeddingInput(' \n '), null);
  });

  it('retries 408, 409, 429 and 5xx, nothing else', () => {
    assert.deepEqual([400, 401, 404, 408, 409, 422, 429, 500, 503].filter(isRetryableStatus), [408, 409, 429, 500, 503]);
  });

  it('puts embeddings back in input order and checks their size', () => {
    const ordered = orderedEmbeddings([{ index: 1, embedding: vector(2) }, { index: 0, embedding: vector(1) }], 2);
    assert.deepEqual(ordered.map((e) => e[0]), [1, 2]);
    assert.throws(() => orderedEmbeddings([{ index: 0, embedding: [1, 2, 3] }], 1), /answered with 3 dimensions; 1536 are needed/);
    assert.throws(() => orderedEmbeddings([{ index: 0, embedding: vector(1) }], 2), /returned 1 embeddings for 2 inputs/);
    assert.throws(
      () => orderedEmbeddings([{ index: 0, embedding: vector(1) }, { index: 0, embedding: vector(1) }], 2),
      /bad or repeated index \(0\)/,
    );
  });

  it('prices tokens at US$0.02 per million', () => {
    assert.equal(estimatedCost(1_000_000), 0.02);
    assert.equal(estimatedCost(0), 0);
  });
});
