import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import type { TAgentSnapshot, TChannel, TWorkItem } from './routing-types.js';
import { agent, config, item, SEC, snapshot, T0 } from './test-builders.js';

const now = T0;

function routedTo(agents: TAgentSnapshot[], items: TWorkItem[], extra: Parameters<typeof snapshot>[0] = {}) {
  return decide(snapshot({ agents, items, ...extra }), now)
    .filter((d) => d.type === 'OFFER' || d.type === 'ASSIGN')
    .map((d) => `${d.itemId}->${d.agentId}`);
}

describe('decide: who may receive work', () => {
  it.each<{ name: string; agentOverride: Partial<TAgentSnapshot>; itemOverride?: Partial<TWorkItem>; routed: boolean }>(
    [
      { name: 'active, logged in, member, available', agentOverride: {}, routed: true },
      { name: 'away', agentOverride: { status: 'AWAY' }, routed: false },
      { name: 'logged out', agentOverride: { loggedIn: false }, routed: false },
      { name: 'focus mode', agentOverride: { focusMode: true }, routed: false },
      {
        name: 'focus mode even with Next requested',
        agentOverride: { focusMode: true, nextRequests: 3 },
        routed: false,
      },
      { name: 'not a member of the inbox', agentOverride: { inboxIds: ['other'] }, routed: false },
      { name: 'member of several inboxes', agentOverride: { inboxIds: ['other', 'inbox-1'] }, routed: true },
      {
        name: 'not available for messaging',
        agentOverride: { availableFor: ['VOICE', 'MAIL', 'TASK'] },
        routed: false,
      },
      { name: 'available for messaging only', agentOverride: { availableFor: ['MESSAGING'] }, routed: true },
      { name: 'available for nothing', agentOverride: { availableFor: [] }, routed: false },
      {
        name: 'already holds a pending offer',
        agentOverride: { pendingOffer: { offerId: 'o', itemId: 'x', offeredAt: now - SEC, expiresAt: now + 40 * SEC } },
        routed: false,
      },
      {
        name: 'has every required skill',
        agentOverride: { skills: ['es', 'billing'] },
        itemOverride: { requiredSkills: ['es', 'billing'] },
        routed: true,
      },
      {
        name: 'lacks one required skill',
        agentOverride: { skills: ['es'] },
        itemOverride: { requiredSkills: ['es', 'billing'] },
        routed: false,
      },
      { name: 'empty required skills', agentOverride: {}, itemOverride: { requiredSkills: [] }, routed: true },
    ],
  )('$name -> routed: $routed', ({ agentOverride, itemOverride, routed }) => {
    expect(routedTo([agent('a1', agentOverride)], [item('c1', itemOverride)])).toEqual(routed ? ['c1->a1'] : []);
  });

  it.each<{ channel: TChannel; group: 'VOICE' | 'MESSAGING' | 'MAIL' | 'TASK' }>([
    { channel: 'PHONE_CALL', group: 'VOICE' },
    { channel: 'CHAT', group: 'MESSAGING' },
    { channel: 'SMS', group: 'MESSAGING' },
    { channel: 'FB_MESSENGER', group: 'MESSAGING' },
    { channel: 'INSTAGRAM_DIRECT', group: 'MESSAGING' },
    { channel: 'WHATSAPP', group: 'MESSAGING' },
    { channel: 'CUSTOM_CHANNEL', group: 'MESSAGING' },
    { channel: 'EMAIL', group: 'MAIL' },
    { channel: 'VOICEMAIL', group: 'MAIL' },
    { channel: 'TASK', group: 'TASK' },
  ])('$channel needs availability for $group', ({ channel, group }) => {
    const others = (['VOICE', 'MESSAGING', 'MAIL', 'TASK'] as const).filter((g) => g !== group);
    expect(routedTo([agent('a1', { availableFor: [group] })], [item('c1', { channel })])).toEqual(['c1->a1']);
    expect(routedTo([agent('a1', { availableFor: others })], [item('c1', { channel })])).toEqual([]);
  });
});

describe('decide: capacity', () => {
  const load = (l: Partial<TAgentSnapshot['load']>) => ({ voice: 0, messaging: 0, mail: 0, tasks: 0, ...l });

  it.each<{
    name: string;
    channel: TChannel;
    agentOverride: Partial<TAgentSnapshot>;
    routed: boolean;
    viaNext?: boolean;
  }>([
    { name: 'voice: free', channel: 'PHONE_CALL', agentOverride: {}, routed: true },
    { name: 'voice: on a call', channel: 'PHONE_CALL', agentOverride: { load: load({ voice: 1 }) }, routed: false },
    {
      name: 'voice: Next does not exceed 1 call',
      channel: 'PHONE_CALL',
      agentOverride: { load: load({ voice: 1 }), nextRequests: 2 },
      routed: false,
    },
    {
      name: 'voice: messaging load does not block calls',
      channel: 'PHONE_CALL',
      agentOverride: { load: load({ messaging: 4, mail: 3 }) },
      routed: true,
    },
    {
      name: 'messaging: below standard',
      channel: 'CHAT',
      agentOverride: { load: load({ messaging: 1 }) },
      routed: true,
      viaNext: false,
    },
    { name: 'messaging: at standard', channel: 'CHAT', agentOverride: { load: load({ messaging: 2 }) }, routed: false },
    {
      name: 'messaging: at standard with Next',
      channel: 'CHAT',
      agentOverride: { load: load({ messaging: 2 }), nextRequests: 1 },
      routed: true,
      viaNext: true,
    },
    {
      name: 'messaging: below maximum with Next',
      channel: 'SMS',
      agentOverride: { load: load({ messaging: 3 }), nextRequests: 1 },
      routed: true,
      viaNext: true,
    },
    {
      name: 'messaging: at maximum with Next',
      channel: 'CHAT',
      agentOverride: { load: load({ messaging: 4 }), nextRequests: 5 },
      routed: false,
    },
    {
      name: 'messaging: standard 0 needs Next',
      channel: 'CHAT',
      agentOverride: { messagingCapacity: { standard: 0, maximum: 1 } },
      routed: false,
    },
    {
      name: 'messaging: standard 0 with Next',
      channel: 'CHAT',
      agentOverride: { messagingCapacity: { standard: 0, maximum: 1 }, nextRequests: 1 },
      routed: true,
      viaNext: true,
    },
    {
      name: 'messaging: maximum below standard acts as standard',
      channel: 'CHAT',
      agentOverride: { messagingCapacity: { standard: 3, maximum: 1 }, load: load({ messaging: 2 }) },
      routed: true,
      viaNext: false,
    },
    {
      name: 'messaging: a call in progress does not block chats',
      channel: 'CHAT',
      agentOverride: { load: load({ voice: 1 }) },
      routed: true,
    },
    {
      name: 'mail: automatic push pending',
      channel: 'EMAIL',
      agentOverride: { mailTaskAutoPushPending: true },
      routed: true,
      viaNext: false,
    },
    {
      name: 'mail: push used, no Next',
      channel: 'EMAIL',
      agentOverride: { mailTaskAutoPushPending: false },
      routed: false,
    },
    {
      name: 'mail: push used, one Next',
      channel: 'EMAIL',
      agentOverride: { mailTaskAutoPushPending: false, nextRequests: 1 },
      routed: true,
      viaNext: true,
    },
    {
      name: 'mail: unlimited load with Next',
      channel: 'VOICEMAIL',
      agentOverride: { mailTaskAutoPushPending: false, nextRequests: 1, load: load({ mail: 50 }) },
      routed: true,
      viaNext: true,
    },
    {
      name: 'task: automatic push pending',
      channel: 'TASK',
      agentOverride: { mailTaskAutoPushPending: true },
      routed: true,
      viaNext: false,
    },
    {
      name: 'task: push used, no Next',
      channel: 'TASK',
      agentOverride: { mailTaskAutoPushPending: false },
      routed: false,
    },
    {
      name: 'task: push used, Next',
      channel: 'TASK',
      agentOverride: { mailTaskAutoPushPending: false, nextRequests: 1, load: load({ tasks: 9 }) },
      routed: true,
      viaNext: true,
    },
  ])('$name -> routed: $routed', ({ channel, agentOverride, routed, viaNext }) => {
    const decisions = decide(snapshot({ agents: [agent('a1', agentOverride)], items: [item('c1', { channel })] }), now);
    const offers = decisions.filter((d) => d.type === 'OFFER');
    expect(offers.map((d) => `${d.itemId}->${d.agentId}`)).toEqual(routed ? ['c1->a1'] : []);
    if (viaNext !== undefined) expect(offers[0]?.viaNext).toBe(viaNext);
  });

  it('an automatic mail push is marked as consuming the push, a Next pull as consuming a Next', () => {
    const [pushed] = decide(snapshot({ agents: [agent('a1')], items: [item('m', { channel: 'EMAIL' })] }), now);
    expect(pushed).toMatchObject({ type: 'OFFER', consumesAutoPush: true, viaNext: false });
    const [pulled] = decide(
      snapshot({
        agents: [agent('a1', { mailTaskAutoPushPending: false, nextRequests: 1 })],
        items: [item('m', { channel: 'EMAIL' })],
      }),
      now,
    );
    expect(pulled).toMatchObject({ type: 'OFFER', consumesAutoPush: false, viaNext: true });
    expect(pulled?.type === 'OFFER' && pulled.matchReasons.includes('next')).toBe(true);
  });

  it('an agent with capacity for many items still gets one offer per decide', () => {
    const items = ['c1', 'c2', 'c3'].map((id) => item(id));
    expect(routedTo([agent('a1', { messagingCapacity: { standard: 5, maximum: 5 } })], items)).toEqual(['c1->a1']);
  });
});

describe('decide: decline grace and the next-message delay', () => {
  const grace = config({ declineGraceSeconds: 60 });

  it.each<{ name: string; itemOverride: Partial<TWorkItem>; routed: string[] }>([
    {
      name: 'declined 10 s ago goes to the other agent',
      itemOverride: { declinedBy: [{ agentId: 'a1', at: now - 10 * SEC }] },
      routed: ['c1->a2'],
    },
    {
      name: 'missed 59 s ago goes to the other agent',
      itemOverride: { missedBy: [{ agentId: 'a1', at: now - 59 * SEC }] },
      routed: ['c1->a2'],
    },
    {
      name: 'declined exactly 60 s ago is offered again',
      itemOverride: { declinedBy: [{ agentId: 'a1', at: now - 60 * SEC }] },
      routed: ['c1->a1'],
    },
    {
      name: 'declined by both within grace stays queued',
      itemOverride: {
        declinedBy: [
          { agentId: 'a1', at: now - SEC },
          { agentId: 'a2', at: now - SEC },
        ],
      },
      routed: [],
    },
    {
      name: 'a decline by another agent does not matter',
      itemOverride: { declinedBy: [{ agentId: 'zz', at: now }] },
      routed: ['c1->a1'],
    },
    {
      name: 'an old decline and a recent miss by the same agent',
      itemOverride: {
        declinedBy: [{ agentId: 'a1', at: now - 600 * SEC }],
        missedBy: [{ agentId: 'a1', at: now - SEC }],
      },
      routed: ['c1->a2'],
    },
  ])('$name', ({ itemOverride, routed }) => {
    expect(
      routedTo([agent('a1'), agent('a2', { lastOfferedAt: now - SEC })], [item('c1', itemOverride)], { config: grace }),
    ).toEqual(routed);
  });

  it('grace is per inbox', () => {
    const cfg = config({ declineGraceSeconds: 60 }, { fast: { declineGraceSeconds: 5 } });
    const declined = { declinedBy: [{ agentId: 'a1', at: now - 10 * SEC }] };
    expect(
      routedTo([agent('a1', { inboxIds: ['fast'] })], [item('c1', { ...declined, inboxId: 'fast' })], { config: cfg }),
    ).toEqual(['c1->a1']);
    expect(routedTo([agent('a1')], [item('c1', declined)], { config: cfg })).toEqual([]);
  });

  it.each<{ name: string; lastMessagingAssignedAt: number | null; nextRequests: number; routed: boolean }>([
    { name: 'never assigned', lastMessagingAssignedAt: null, nextRequests: 0, routed: true },
    { name: 'assigned 5 s ago, delay 20 s', lastMessagingAssignedAt: now - 5 * SEC, nextRequests: 0, routed: false },
    { name: 'assigned 20 s ago, delay 20 s', lastMessagingAssignedAt: now - 20 * SEC, nextRequests: 0, routed: true },
    {
      name: 'assigned 5 s ago but Next clicked',
      lastMessagingAssignedAt: now - 5 * SEC,
      nextRequests: 1,
      routed: true,
    },
  ])('next-message delay: $name', ({ lastMessagingAssignedAt, nextRequests, routed }) => {
    const a = agent('a1', {
      lastMessagingAssignedAt,
      nextRequests,
      load: { voice: 0, messaging: 1, mail: 0, tasks: 0 },
    });
    expect(routedTo([a], [item('c1')], { config: config({ nextMessageDelaySeconds: 20 }) })).toEqual(
      routed ? ['c1->a1'] : [],
    );
  });

  it('the next-message delay does not hold back calls or mail', () => {
    const a = agent('a1', { lastMessagingAssignedAt: now - SEC });
    const cfg = config({ nextMessageDelaySeconds: 20 });
    expect(routedTo([a], [item('v', { channel: 'PHONE_CALL' })], { config: cfg })).toEqual(['v->a1']);
    expect(routedTo([a], [item('m', { channel: 'EMAIL' })], { config: cfg })).toEqual(['m->a1']);
  });
});
