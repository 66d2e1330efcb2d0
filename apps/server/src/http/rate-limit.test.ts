import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it.each([
    { name: 'allows the burst up to the limit', takes: 10, gapMs: 0, allowedCount: 10 },
    { name: 'refuses the eleventh within a second', takes: 11, gapMs: 0, allowedCount: 10 },
    { name: 'refills over time', takes: 20, gapMs: 100, allowedCount: 20 },
    // 10 to start, then half a token per 50 ms step: 19 in a row, then every other one.
    { name: 'refills partially', takes: 30, gapMs: 50, allowedCount: 24 },
  ])('$name', ({ takes, gapMs, allowedCount }) => {
    const limiter = new RateLimiter(10);
    let allowed = 0;
    for (let i = 0; i < takes; i++) if (limiter.take('org:GET', 1_000_000 + i * gapMs).allowed) allowed++;
    expect(allowed).toBe(allowedCount);
  });

  it('keeps orgs and methods apart', () => {
    const limiter = new RateLimiter(1);
    expect(limiter.take('a:GET', 0).allowed).toBe(true);
    expect(limiter.take('a:GET', 0).allowed).toBe(false);
    expect(limiter.take('a:POST', 0).allowed).toBe(true);
    expect(limiter.take('b:GET', 0).allowed).toBe(true);
  });

  it('reports what remains', () => {
    const limiter = new RateLimiter(3);
    expect(limiter.take('k', 0).remaining).toBe(2);
    expect(limiter.take('k', 0).remaining).toBe(1);
    expect(limiter.take('k', 0).remaining).toBe(0);
    expect(limiter.take('k', 0)).toEqual({ allowed: false, remaining: 0 });
  });
});
