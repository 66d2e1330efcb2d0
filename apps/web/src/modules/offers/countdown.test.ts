import { describe, expect, it } from 'vitest';
import { formatCountdown, fractionLeft } from './countdown';

describe('formatCountdown', () => {
  it.each([
    [45_000, '0:45'],
    [44_001, '0:45'],
    [44_000, '0:44'],
    [60_000, '1:00'],
    [61_000, '1:01'],
    [600_000, '10:00'],
    [3_723_000, '1:02:03'],
    [500, '0:01'],
    [1, '0:01'],
    [0, '0:00'],
    [-5_000, '0:00'],
    [Number.NaN, '0:00'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});

describe('fractionLeft', () => {
  const offered = '2026-01-01T00:00:00.000Z';
  const expires = '2026-01-01T00:00:40.000Z';
  const t0 = Date.parse(offered);
  it.each([
    [t0, 1],
    [t0 + 10_000, 0.75],
    [t0 + 20_000, 0.5],
    [t0 + 40_000, 0],
    [t0 + 50_000, 0],
    [t0 - 5_000, 1],
  ])('at %d → %d', (now, fraction) => {
    expect(fractionLeft(offered, expires, now)).toBeCloseTo(fraction);
  });

  it('is 0 for a malformed window', () => {
    expect(fractionLeft('nope', expires, t0)).toBe(0);
    expect(fractionLeft(expires, offered, t0)).toBe(0);
  });
});
