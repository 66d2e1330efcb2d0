import { describe, expect, it } from 'vitest';
import { compareOutboxPositions } from './outbox-horizon.js';

describe('compareOutboxPositions', () => {
  // [a, b, sign of compare(a, b)] as xid:seq; numbers past 2^53 and of different lengths included.
  const cases: [string, string, number][] = [
    ['0:0', '0:0', 0],
    ['0:0', '1:0', -1],
    ['9:5', '10:1', -1],
    ['10:1', '9:5', 1],
    ['100:7', '100:7', 0],
    ['100:7', '100:10', -1],
    ['100:10', '100:9', 1],
    ['9007199254740993:1', '9007199254740992:1', 1],
    ['18446744073709551615:2', '18446744073709551615:11', -1],
    ['123456789012:99', '123456789013:1', -1],
  ];
  it.each(cases)('%s vs %s → %i', (a, b, sign) => {
    const [xa = '', sa = ''] = a.split(':');
    const [xb = '', sb = ''] = b.split(':');
    expect(Math.sign(compareOutboxPositions({ xid: xa, seq: sa }, { xid: xb, seq: sb }))).toBe(sign);
    // The same as comparing the numbers themselves.
    const bigSign =
      BigInt(xa) === BigInt(xb) ? Math.sign(Number(BigInt(sa) - BigInt(sb))) : BigInt(xa) < BigInt(xb) ? -1 : 1;
    expect(sign).toBe(bigSign);
  });
});
