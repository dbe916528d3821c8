// The sign-in limiter's windows on a clock of our own: when a limit starts, what it covers and
// when it ends. (auth-hardening.test.ts shows the 429 through the gateway with supabase-js.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuthFailure } from './errors.js';
import { SignInLimiter } from './sign-in-limiter.js';

const limits = { failuresPerAccount: 2, failuresPerAddress: 3, windowSeconds: 60 };
const isLimited = (limiter: SignInLimiter, email: string, address: string) => {
  try {
    limiter.check(email, address);
    return false;
  } catch (error) {
    assert.ok(error instanceof AuthFailure && error.status === 429 && error.code === 'over_request_rate_limit');
    return true;
  }
};

describe('SignInLimiter', () => {
  it('limits an account after its failures, from any address, until the window ends', () => {
    let now = 0;
    const limiter = new SignInLimiter(limits, () => now);
    limiter.recordFailure('a@example.test', '10.0.0.1');
    assert.equal(isLimited(limiter, 'a@example.test', '10.0.0.2'), false);
    limiter.recordFailure('a@example.test', '10.0.0.2');
    assert.equal(isLimited(limiter, 'a@example.test', '10.0.0.3'), true);
    assert.equal(isLimited(limiter, 'b@example.test', '10.0.0.3'), false);
    now = 59_999;
    assert.equal(isLimited(limiter, 'a@example.test', '10.0.0.3'), true);
    now = 60_000;
    assert.equal(isLimited(limiter, 'a@example.test', '10.0.0.3'), false);
    limiter.recordFailure('a@example.test', '10.0.0.3');
    assert.equal(isLimited(limiter, 'a@example.test', '10.0.0.3'), false, 'a new window starts from one failure');
  });

  it('limits an address after failures across accounts', () => {
    const limiter = new SignInLimiter(limits, () => 0);
    for (const email of ['a@example.test', 'b@example.test', 'c@example.test']) limiter.recordFailure(email, '10.0.0.1');
    assert.equal(isLimited(limiter, 'd@example.test', '10.0.0.1'), true);
    assert.equal(isLimited(limiter, 'd@example.test', '10.0.0.2'), false);
  });

  it('does not limit when a limit is 0', () => {
    const limiter = new SignInLimiter({ failuresPerAccount: 0, failuresPerAddress: 0, windowSeconds: 60 }, () => 0);
    for (let i = 0; i < 100; i += 1) limiter.recordFailure('a@example.test', '10.0.0.1');
    assert.equal(isLimited(limiter, 'a@example.test', '10.0.0.1'), false);
  });
});
