import { describe, expect, it } from 'vitest';
import { boostNamesOf } from './apply-decisions.js';
import { agent, config, item, MIN, SEC, session, snapshot, T0 } from './engine/test-builders.js';
import { nextDeadline } from './routing-service.js';

describe('nextDeadline', () => {
  const offer = (expiresAt: number) => ({ offerId: 'o1', itemId: 'i1', offeredAt: T0 - 10 * SEC, expiresAt });

  it.each([
    ['nothing time-driven', snapshot({ agents: [agent('a1')], items: [item('i1')] }), null],
    [
      'a pending offer expiry',
      snapshot({ agents: [agent('a1', { pendingOffer: offer(T0 + 30 * SEC) })] }),
      T0 + 30 * SEC,
    ],
    [
      'an expiry already past is not a future deadline',
      snapshot({ agents: [agent('a1', { pendingOffer: offer(T0) })] }),
      null,
    ],
    [
      'a messaging auto-end (inbox setting)',
      snapshot({
        sessions: [session('c1', { awaitingCustomerSince: T0 - MIN })],
        config: config({ messagingAutoEndSeconds: 600 }),
      }),
      T0 + 9 * MIN,
    ],
    [
      'a session the customer is waiting on never ends by itself',
      snapshot({ sessions: [session('c1', { awaitingCustomerSince: null })] }),
      null,
    ],
    [
      'the end of the next-message delay',
      snapshot({
        agents: [agent('a1', { lastMessagingAssignedAt: T0 - 5 * SEC })],
        config: config({ nextMessageDelaySeconds: 20 }),
      }),
      T0 + 15 * SEC,
    ],
    [
      'the end of a decline grace',
      snapshot({
        items: [item('i1', { declinedBy: [{ agentId: 'a1', at: T0 - 10 * SEC }] })],
        config: config({ declineGraceSeconds: 30 }),
      }),
      T0 + 20 * SEC,
    ],
    [
      'the earliest of several',
      snapshot({
        agents: [agent('a1', { pendingOffer: offer(T0 + 40 * SEC) })],
        items: [item('i2', { missedBy: [{ agentId: 'a2', at: T0 - 25 * SEC }] })],
        config: config({ declineGraceSeconds: 30 }),
      }),
      T0 + 5 * SEC,
    ],
  ])('%s', (_name, snap, expected) => {
    expect(nextDeadline(snap, T0)).toBe(expected);
  });
});

describe('boostNamesOf', () => {
  it('turns the engine boost reasons into boost names and drops the other reasons', () => {
    const names = new Map([
      ['b1', 'VIP customers'],
      ['b:2', 'Spanish'],
    ]);
    expect(boostNamesOf(['inbox:x', 'boost:b1:+10', 'boost:b:2:+3', 'boost:gone:+1', 'oldest-due'], names)).toEqual([
      'VIP customers',
      'Spanish',
      'gone',
    ]);
  });
});
