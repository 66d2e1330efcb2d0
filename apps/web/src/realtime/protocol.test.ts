import type { TRealtimeEvent, TRealtimeOffer } from '@hearth/shared';
import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  PING_INTERVAL_MS,
  parseServerMessage,
  RealtimeProtocol,
  SEEN_LIMIT,
  STALE_AFTER_MS,
  type TRealtimeAction,
} from './protocol';

const ev = (seq: string, type = 'CONVERSATION/CREATED'): TRealtimeEvent => ({
  seq,
  id: `e${seq}`,
  type,
  timestamp: '2026-01-01T00:00:00.000Z',
  initiator: { id: 'u', type: 'AGENT' },
  content: { customerId: 'c1', conversationId: 'v1' },
});

const sends = (actions: TRealtimeAction[]) =>
  actions.filter((a) => a.kind === 'send').map((a) => (a as { message: unknown }).message);
const events = (actions: TRealtimeAction[]) =>
  actions.filter((a) => a.kind === 'event').map((a) => (a as { event: TRealtimeEvent }).event.seq);
const persisted = (actions: TRealtimeAction[]) =>
  actions.filter((a) => a.kind === 'persist').map((a) => (a as { cursor: unknown }).cursor);

/** A protocol that has connected and said hello as user u1; `actions` are those of open and hello together. */
function connected(stored: { userId: string; lastSeq: string } | null = null, serverSeq = '100') {
  const p = new RealtimeProtocol(stored);
  const actions = [...p.opened(0), ...p.received({ type: 'hello', userId: 'u1', lastSeq: serverSeq }, 0)];
  return { p, actions };
}

describe('backoffDelay', () => {
  // attempt, random, expected (base 500, cap 30 s, jitter 0.5)
  it.each([
    [0, 0, 500],
    [1, 0, 1000],
    [2, 0, 2000],
    [5, 0, 16_000],
    [6, 0, 30_000],
    [20, 0, 30_000],
    [0, 0.999999, 250],
    [3, 0.5, 3000],
  ])('attempt %i, random %d → %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, random, DEFAULT_BACKOFF)).toBe(expected);
  });

  it('never exceeds the cap and never goes below half of it once capped', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      for (const r of [0, 0.25, 0.5, 0.75, 0.9999]) {
        const d = backoffDelay(attempt, r);
        expect(d).toBeLessThanOrEqual(30_000);
        expect(d).toBeGreaterThanOrEqual(250);
      }
    }
  });
});

describe('RealtimeProtocol: hello and resume', () => {
  it('a fresh tab adopts the server lastSeq, persists it, and sends no resume', () => {
    const { p, actions } = connected(null, '100');
    expect(sends(actions)).toEqual([]);
    expect(persisted(actions)).toEqual([{ userId: 'u1', lastSeq: '100' }]);
    expect(p.lastSeq).toBe('100');
    expect(p.status).toBe('live');
  });

  it('a tab with a stored cursor resumes from it as soon as the socket opens, before hello', () => {
    const p = new RealtimeProtocol({ userId: 'u1', lastSeq: '42' });
    expect(sends(p.opened(0))).toEqual([{ type: 'resume', afterSeq: '42' }]);
    expect(p.isResuming).toBe(true);
    const hello = p.received({ type: 'hello', userId: 'u1', lastSeq: '100' }, 0);
    expect(sends(hello)).toEqual([]);
    expect(p.lastSeq).toBe('42');
  });

  it("keeps the position of another user's cursor but stores it under the new user", () => {
    const { p, actions } = connected({ userId: 'someone-else', lastSeq: '42' }, '100');
    expect(sends(actions)).toEqual([{ type: 'resume', afterSeq: '42' }]);
    expect(persisted(actions)).toEqual([{ userId: 'u1', lastSeq: '42' }]);
    expect(p.lastSeq).toBe('42');
  });

  it('replayed events advance lastSeq; resumed complete:true does not invalidate everything', () => {
    const { p } = connected({ userId: 'u1', lastSeq: '42' });
    const a1 = p.received({ type: 'event', event: ev('43') }, 1);
    const a2 = p.received({ type: 'event', event: ev('44') }, 2);
    expect(events([...a1, ...a2])).toEqual(['43', '44']);
    const done = p.received({ type: 'resumed', lastSeq: '44', complete: true }, 3);
    expect(done.some((a) => a.kind === 'invalidateAll')).toBe(false);
    expect(p.isResuming).toBe(false);
    expect(p.lastSeq).toBe('44');
  });

  it('handles an `events` message as its events in order: each delivered once, the last one persisted', () => {
    const { p } = connected({ userId: 'u1', lastSeq: '42' });
    p.received({ type: 'event', event: ev('43') }, 1);
    const actions = p.received({ type: 'events', events: [ev('43'), ev('45'), ev('44')] }, 2);
    expect(events(actions)).toEqual(['45', '44']);
    expect(persisted(actions).at(-1)).toEqual({ userId: 'u1', lastSeq: '44' });
    expect(p.lastSeq).toBe('44');
  });

  it('resumed complete:false asks to refetch everything and jumps to the server lastSeq', () => {
    const { p } = connected({ userId: 'u1', lastSeq: '42' });
    const done = p.received({ type: 'resumed', lastSeq: '9000', complete: false }, 3);
    expect(done[0]).toEqual({ kind: 'invalidateAll' });
    expect(persisted(done)).toEqual([{ userId: 'u1', lastSeq: '9000' }]);
    expect(p.lastSeq).toBe('9000');
  });

  it('a reconnect resumes from the last event seen on the previous socket', () => {
    const { p } = connected(null, '100');
    p.received({ type: 'event', event: ev('101') }, 1);
    p.received({ type: 'event', event: ev('105') }, 2);
    p.closed(0);
    expect(sends(p.opened(10))).toEqual([{ type: 'resume', afterSeq: '105' }]);
  });
});

describe('RealtimeProtocol: dedupe by seq', () => {
  it.each([
    // events in arrival order → seqs delivered. The server sends in commit order, so a lower seq may follow a
    // higher one and must not be dropped; only a seq received before is a duplicate.
    [
      ['101', '102', '103'],
      ['101', '102', '103'],
    ],
    [
      ['101', '101', '102'],
      ['101', '102'],
    ],
    [
      ['102', '101', '103'],
      ['102', '101', '103'],
    ],
    [
      ['102', '101', '102', '101'],
      ['102', '101'],
    ],
    [
      ['999', '1000', '1000'],
      ['999', '1000'],
    ],
  ])('%j → %j', (arrivals, delivered) => {
    const { p } = connected(null, '100');
    const got = arrivals.flatMap((seq, i) => events(p.received({ type: 'event', event: ev(seq) }, i)));
    expect(got).toEqual(delivered);
  });

  it('persists the seq of the last event received (a position, not the maximum) and nothing for duplicates', () => {
    const { p } = connected(null, '100');
    expect(persisted(p.received({ type: 'event', event: ev('105') }, 1))).toEqual([{ userId: 'u1', lastSeq: '105' }]);
    expect(persisted(p.received({ type: 'event', event: ev('103') }, 2))).toEqual([{ userId: 'u1', lastSeq: '103' }]);
    expect(persisted(p.received({ type: 'event', event: ev('105') }, 3))).toEqual([]);
    expect(p.lastSeq).toBe('103');
  });

  it('forgets the oldest seqs beyond SEEN_LIMIT', () => {
    const { p } = connected(null, '0');
    for (let i = 1; i <= SEEN_LIMIT + 1; i++) p.received({ type: 'event', event: ev(String(i)) }, i);
    // seq 1 was forgotten, seq 2 is still remembered
    expect(events(p.received({ type: 'event', event: ev('1') }, 0))).toEqual(['1']);
    expect(events(p.received({ type: 'event', event: ev('3') }, 0))).toEqual([]);
  });
});

describe('RealtimeProtocol: offers and presence', () => {
  const offer = { offerId: 'o1', expiresAt: '2026-01-01T00:00:30.000Z' } as TRealtimeOffer;
  it('passes offers, offer ends and presence pokes through', () => {
    const { p } = connected();
    expect(p.received({ type: 'offer', offer }, 1)).toEqual([{ kind: 'offer', offer }]);
    expect(p.received({ type: 'offer_ended', offerId: 'o1', reason: 'MISSED' }, 2)).toEqual([
      { kind: 'offerEnded', offerId: 'o1', reason: 'MISSED' },
    ]);
    expect(p.received({ type: 'presence', userId: 'u1' }, 3)).toEqual([{ kind: 'presence', userId: 'u1' }]);
    expect(p.received({ type: 'pong' }, 4)).toEqual([]);
  });
});

describe('RealtimeProtocol: backoff and status', () => {
  it('grows the delay on consecutive failures and resets after a hello', () => {
    const p = new RealtimeProtocol();
    const delays = [0, 1, 2, 3].map(() => p.closed(0).delayMs);
    expect(delays).toEqual([500, 1000, 2000, 4000]);
    expect(p.status).toBe('offline');
    p.opened(0);
    p.received({ type: 'hello', userId: 'u1', lastSeq: '1' }, 0);
    expect(p.status).toBe('live');
    expect(p.closed(0).delayMs).toBe(500);
    expect(p.status).toBe('reconnecting');
  });

  it('a socket that opens but never says hello keeps backing off', () => {
    const p = new RealtimeProtocol();
    p.closed(0);
    p.opened(0);
    expect(p.closed(0).delayMs).toBe(1000);
  });
});

describe('RealtimeProtocol: ping and staleness', () => {
  it('pings with active=false, then true after activity, then false again', () => {
    const { p } = connected();
    expect(p.tick(PING_INTERVAL_MS).ping).toEqual({ type: 'ping', active: false });
    p.markActive();
    p.received({ type: 'pong' }, PING_INTERVAL_MS + 5);
    expect(p.tick(2 * PING_INTERVAL_MS).ping).toEqual({ type: 'ping', active: true });
    p.received({ type: 'pong' }, 2 * PING_INTERVAL_MS + 5);
    expect(p.tick(3 * PING_INTERVAL_MS).ping).toEqual({ type: 'ping', active: false });
  });

  it('does not ping while closed', () => {
    const p = new RealtimeProtocol();
    expect(p.tick(1)).toEqual({ ping: null, stale: false });
  });

  it('reports a socket silent for longer than STALE_AFTER_MS as stale', () => {
    const { p } = connected();
    expect(p.tick(STALE_AFTER_MS).stale).toBe(false);
    expect(p.tick(STALE_AFTER_MS + 1).stale).toBe(true);
  });
});

describe('RealtimeProtocol: viewing', () => {
  it('queues the view until the socket opens, then sends the union of all viewers, once per change', () => {
    const p = new RealtimeProtocol();
    expect(p.setViewing('a', { conversationIds: ['v2'], customerIds: ['c1'] })).toEqual([]);
    expect(sends(p.opened(0))).toEqual([{ type: 'view', conversationIds: ['v2'], customerIds: ['c1'] }]);
    p.received({ type: 'hello', userId: 'u1', lastSeq: '1' }, 0);
    expect(sends(p.setViewing('b', { conversationIds: ['v1'], customerIds: ['c1'] }))).toEqual([
      { type: 'view', conversationIds: ['v1', 'v2'], customerIds: ['c1'] },
    ]);
    expect(p.setViewing('b', { conversationIds: ['v1'], customerIds: ['c1'] })).toEqual([]);
    p.setViewing('a', null);
    expect(sends(p.setViewing('b', null))).toEqual([{ type: 'view', conversationIds: [], customerIds: [] }]);
  });

  it('re-sends the view after a reconnect, after the resume', () => {
    const { p } = connected();
    p.setViewing('a', { conversationIds: ['v1'], customerIds: [] });
    p.closed(0);
    expect(sends(p.opened(1))).toEqual([
      { type: 'resume', afterSeq: '100' },
      { type: 'view', conversationIds: ['v1'], customerIds: [] },
    ]);
  });
});

describe('parseServerMessage', () => {
  it.each([
    ['{"type":"pong"}', { type: 'pong' }],
    ['not json', null],
    ['[1,2]', null],
    ['{"no":"type"}', null],
    ['null', null],
  ])('%s', (raw, expected) => {
    expect(parseServerMessage(raw)).toEqual(expected);
  });

  it('rejects non-string frames', () => {
    expect(parseServerMessage(new ArrayBuffer(2))).toBeNull();
  });
});
