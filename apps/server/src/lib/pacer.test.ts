import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pacer } from './pacer.js';

describe('Pacer', () => {
  let now = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    now = 1_000;
  });
  afterEach(() => vi.useRealTimers());

  // A millisecond at a time, so a timer sees the clock at its own moment.
  const advance = (ms: number) => {
    for (let i = 0; i < ms; i++) {
      now += 1;
      vi.advanceTimersByTime(1);
    }
  };

  // Each case: requests at the given times (ms after the first), and the times the job started.
  const cases: { name: string; requests: number[]; starts: number[] }[] = [
    { name: 'a first request starts at once', requests: [0], starts: [0] },
    { name: 'requests an interval apart each start at once', requests: [0, 20, 45], starts: [0, 20, 45] },
    { name: 'a request inside the interval waits for its end', requests: [0, 5], starts: [0, 20] },
    { name: 'many requests inside the interval fold into one run', requests: [0, 1, 2, 3, 19], starts: [0, 20] },
    { name: 'the folded run starts the next interval', requests: [0, 5, 25, 30], starts: [0, 20, 40] },
    { name: 'a quiet spell resets it', requests: [0, 5, 100], starts: [0, 20, 100] },
  ];

  it.each(cases)('$name', ({ requests, starts }) => {
    const pacer = new Pacer(20, () => now);
    const started: number[] = [];
    const origin = now;
    let at = 0;
    for (const request of requests) {
      advance(request - at);
      at = request;
      pacer.request(() => started.push(now - origin));
    }
    advance(1_000);
    expect(started).toEqual(starts);
  });

  it('cancel drops the waiting run', () => {
    const pacer = new Pacer(20, () => now);
    const started: number[] = [];
    pacer.request(() => started.push(now));
    pacer.request(() => started.push(now));
    expect(pacer.waiting).toBe(true);
    pacer.cancel();
    advance(100);
    expect(started).toHaveLength(1);
    expect(pacer.waiting).toBe(false);
  });
});
