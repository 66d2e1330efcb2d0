import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import type { TPendingOffer } from './routing-types.js';
import { agent, config, item, MIN, SEC, session, snapshot, T0 } from './test-builders.js';

const now = T0;
const offer = (itemId: string, expiresAt: number): TPendingOffer => ({
  offerId: `o-${itemId}`,
  itemId,
  offeredAt: expiresAt - 45 * SEC,
  expiresAt,
});

describe('decide: offers and their timeout', () => {
  it.each([
    { group: 'VOICE', channel: 'PHONE_CALL' as const, declinable: true },
    { group: 'MESSAGING', channel: 'CHAT' as const, declinable: true },
    { group: 'MAIL', channel: 'EMAIL' as const, declinable: false },
    { group: 'TASK', channel: 'TASK' as const, declinable: true },
  ])('a $group offer expires after the 45 s default; declinable: $declinable', ({ group, channel, declinable }) => {
    const [decision] = decide(snapshot({ agents: [agent('a1')], items: [item('c1', { channel })] }), now);
    expect(decision).toMatchObject({
      type: 'OFFER',
      itemId: 'c1',
      agentId: 'a1',
      group,
      expiresAt: now + 45 * SEC,
      declinable,
    });
  });

  it('uses the per-inbox, per-group timeout', () => {
    const cfg = config({}, { fast: { offerTimeoutSeconds: { VOICE: 15, MESSAGING: 30, MAIL: 45, TASK: 45 } } });
    const agents = [agent('a1', { inboxIds: ['fast'] })];
    const [call] = decide(
      snapshot({ agents, items: [item('v', { inboxId: 'fast', channel: 'PHONE_CALL' })], config: cfg }),
      now,
    );
    const [chat] = decide(snapshot({ agents, items: [item('c', { inboxId: 'fast' })], config: cfg }), now);
    expect(call).toMatchObject({ expiresAt: now + 15 * SEC });
    expect(chat).toMatchObject({ expiresAt: now + 30 * SEC });
  });

  it.each([
    { name: 'not yet expired', expiresAt: now + SEC, expired: false },
    { name: 'expires exactly now', expiresAt: now, expired: true },
    { name: 'expired a while ago', expiresAt: now - MIN, expired: true },
  ])('pending offer $name', ({ expiresAt, expired }) => {
    const decisions = decide(
      snapshot({ agents: [agent('a1', { pendingOffer: offer('c1', expiresAt) })], items: [item('c1')] }),
      now,
    );
    expect(decisions).toEqual(
      expired ? [{ type: 'EXPIRE_OFFER', offerId: 'o-c1', itemId: 'c1', agentId: 'a1', reason: 'MISSED' }] : [],
    );
  });

  it('an item with a pending offer is not offered to anyone else, even after the offer expired', () => {
    const agents = [agent('a1', { pendingOffer: offer('c1', now - SEC) }), agent('a2')];
    const decisions = decide(snapshot({ agents, items: [item('c1'), item('c2', { dueAt: now + 999 * MIN })] }), now);
    expect(
      decisions.map((d) =>
        d.type === 'EXPIRE_OFFER' ? `expire:${d.itemId}` : d.type === 'OFFER' ? `OFFER:${d.itemId}` : d.type,
      ),
    ).toEqual(['expire:c1', 'OFFER:c2']);
  });

  it('after the caller applies the miss, the item is re-routed to another agent (not the one who missed)', () => {
    const agents = [agent('a1'), agent('a2', { lastOfferedAt: now - SEC })];
    const items = [item('c1', { missedBy: [{ agentId: 'a1', at: now }] })];
    const [decision] = decide(snapshot({ agents, items }), now + SEC);
    expect(decision).toMatchObject({ type: 'OFFER', itemId: 'c1', agentId: 'a2' });
  });
});

describe('decide: messaging auto-assign', () => {
  it.each([
    {
      name: 'org setting on: chat is assigned',
      cfg: config({ messagingAutoAssign: true }),
      channel: 'CHAT' as const,
      type: 'ASSIGN',
    },
    {
      name: 'org setting on: email is still offered',
      cfg: config({ messagingAutoAssign: true }),
      channel: 'EMAIL' as const,
      type: 'OFFER',
    },
    {
      name: 'org setting on: call is still offered',
      cfg: config({ messagingAutoAssign: true }),
      channel: 'PHONE_CALL' as const,
      type: 'OFFER',
    },
    { name: 'org setting off', cfg: config(), channel: 'SMS' as const, type: 'OFFER' },
    {
      name: 'inbox override on',
      cfg: config({}, { 'inbox-1': { messagingAutoAssign: true } }),
      channel: 'SMS' as const,
      type: 'ASSIGN',
    },
    {
      name: 'inbox override off',
      cfg: config({ messagingAutoAssign: true }, { 'inbox-1': { messagingAutoAssign: false } }),
      channel: 'SMS' as const,
      type: 'OFFER',
    },
  ])('$name -> $type', ({ cfg, channel, type }) => {
    const [decision] = decide(snapshot({ agents: [agent('a1')], items: [item('c1', { channel })], config: cfg }), now);
    expect(decision?.type).toBe(type);
    if (decision?.type === 'ASSIGN') expect(decision).not.toHaveProperty('expiresAt');
  });
});

describe('decide: transfers', () => {
  it('a transferred item is routed on its recomputed due date and in its new inbox only', () => {
    const agents = [agent('old', { inboxIds: ['sales'] }), agent('new', { inboxIds: ['support'] })];
    const items = [item('c1', { inboxId: 'support', transferred: true, dueAt: now + 5 * MIN })];
    expect(decide(snapshot({ agents, items }), now)).toMatchObject([{ type: 'OFFER', itemId: 'c1', agentId: 'new' }]);
  });
});

describe('decide: messaging session auto-end', () => {
  it.each([
    { name: 'customer wrote last', since: null, setting: 900, ends: false },
    { name: '14:59 silent, 15 min default', since: now - (15 * MIN - SEC), setting: 900, ends: false },
    { name: '15:00 silent, 15 min default', since: now - 15 * MIN, setting: 900, ends: true },
    { name: '5 min setting', since: now - 5 * MIN, setting: 300, ends: true },
    { name: '2-day setting is capped at 24 h: 23 h silent', since: now - 23 * 60 * MIN, setting: 172_800, ends: false },
    { name: '2-day setting is capped at 24 h: 24 h silent', since: now - 24 * 60 * MIN, setting: 172_800, ends: true },
    { name: 'non-positive setting means the default', since: now - 15 * MIN, setting: 0, ends: true },
  ])('$name -> ends: $ends', ({ since, setting, ends }) => {
    const decisions = decide(
      snapshot({
        sessions: [session('c9', { awaitingCustomerSince: since })],
        config: config({ messagingAutoEndSeconds: setting }),
      }),
      now,
    );
    expect(decisions).toEqual(
      ends ? [{ type: 'END_SESSION', conversationId: 'c9', agentId: 'a1', reason: 'CUSTOMER_NO_REPLY' }] : [],
    );
  });

  it('uses the session inbox setting', () => {
    const cfg = config({}, { quick: { messagingAutoEndSeconds: 60 } });
    const sessions = [
      session('q', { inboxId: 'quick', awaitingCustomerSince: now - MIN }),
      session('s', { awaitingCustomerSince: now - MIN }),
    ];
    expect(
      decide(snapshot({ sessions, config: cfg }), now).map((d) => d.type === 'END_SESSION' && d.conversationId),
    ).toEqual(['q']);
  });

  it('frees capacity only once the caller applied the end (the same decide stays conservative)', () => {
    const full = agent('a1', { load: { voice: 0, messaging: 2, mail: 0, tasks: 0 } });
    const sessions = [session('c9', { awaitingCustomerSince: now - 20 * MIN })];
    const decisions = decide(snapshot({ agents: [full], items: [item('c1')], sessions }), now);
    expect(decisions.map((d) => d.type)).toEqual(['END_SESSION']);
    const freed = agent('a1', { load: { voice: 0, messaging: 1, mail: 0, tasks: 0 } });
    expect(decide(snapshot({ agents: [freed], items: [item('c1')] }), now).map((d) => d.type)).toEqual(['OFFER']);
  });
});

describe('decide: output order', () => {
  it('lists expiries, then session ends, then offers, each sorted deterministically', () => {
    const decisions = decide(
      snapshot({
        agents: [
          agent('b', { pendingOffer: offer('x', now) }),
          agent('a', { pendingOffer: offer('y', now) }),
          agent('c'),
        ],
        items: [item('c1')],
        sessions: [
          session('s2', { awaitingCustomerSince: now - 99 * MIN }),
          session('s1', { awaitingCustomerSince: now - 99 * MIN }),
        ],
      }),
      now,
    );
    expect(
      decisions.map((d) => (d.type === 'END_SESSION' ? `end:${d.conversationId}` : `${d.type}:${d.agentId}`)),
    ).toEqual(['EXPIRE_OFFER:a', 'EXPIRE_OFFER:b', 'end:s1', 'end:s2', 'OFFER:c']);
  });
});
