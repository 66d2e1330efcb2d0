// One engine over several decides, for what it caches to skip work (engine/README.md, "Performance"): the agents it
// passes over in the refill (next-message delay, no slot), the agents with a pending offer, the first live entry of
// each item list, and each list's bucket. Each case decides two or more times on one engine; the last decide must
// equal the reference algorithm's and a fresh decide()'s, and route (or expire) as expected.
import { describe, expect, it } from 'vitest';
import { createRoutingEngine, decide } from './decide.js';
import { decideReference } from './decide-reference.js';
import type { TAgentSnapshot, TBoostRule, TDecision, TRoutingSnapshot } from './routing-types.js';
import { agent, config, item, MIN, SEC, snapshot, T0 } from './test-builders.js';

type TStep = { snapshot: TRoutingSnapshot; at: number };

const outcome = (decisions: TDecision[]) =>
  decisions.map((d) =>
    d.type === 'EXPIRE_OFFER'
      ? `expire:${d.offerId}`
      : d.type === 'END_SESSION'
        ? `end:${d.conversationId}`
        : `${d.itemId}->${d.agentId}${d.viaNext ? ':next' : ''}`,
  );

function expectLastDecide(steps: TStep[], expected: string[]): void {
  const engine = createRoutingEngine();
  let decisions: TDecision[] = [];
  for (const { snapshot: s, at } of steps) decisions = engine.decide(s, at);
  const last = steps[steps.length - 1] as TStep;
  expect(decisions).toEqual(decideReference(last.snapshot, last.at));
  expect(decisions).toEqual(decide(last.snapshot, last.at));
  expect(outcome(decisions)).toEqual(expected);
}

const chatOnly = { availableFor: ['MESSAGING'] as TAgentSnapshot['availableFor'], mailTaskAutoPushPending: false };
// a1 got a chat at T0: in a 10 s next-message delay (inbox-1), 2 s in inbox-2.
const inDelay = agent('a1', { ...chatOnly, inboxIds: ['inbox-1', 'inbox-2'], lastMessagingAssignedAt: T0 });
const delays = config({ nextMessageDelaySeconds: 10 }, { 'inbox-2': { nextMessageDelaySeconds: 2 } });
const chat1 = item('c1', { enqueuedAt: T0 - 2 * MIN });
const chat2 = item('c2', { inboxId: 'inbox-2' });
const mail = item('m1', { channel: 'EMAIL' });
const twoInboxes = (agents: TAgentSnapshot[], extra: Partial<TRoutingSnapshot> = {}) =>
  snapshot({ agents, items: [chat1, chat2], config: delays, ...extra });

const offer = (offerId: string, itemId: string, expiresAt: number) => ({
  offerId,
  itemId,
  offeredAt: T0 - MIN,
  expiresAt,
});
const holding = agent('a1', { pendingOffer: offer('o1', 'c1', T0 + 10 * SEC) });
const free2 = agent('a2', { lastOfferedAt: T0 - MIN });

// Nine chats of one list, enqueued 9..1 s before T0, so that one newcomer is inserted in place (not merged).
const queue = Array.from({ length: 9 }, (_, k) => item(`q${k}`, { enqueuedAt: T0 - (9 - k) * SEC }));
const older = item('q-older', { enqueuedAt: T0 - MIN });

const gold = item('g1', { customerAttributes: { tier: 'gold' } });
const goldSkill: TBoostRule = {
  id: 'gold-s1',
  points: 10,
  conditions: [
    { kind: 'SKILLS', match: 'ANY', skills: ['s1'] },
    { kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'CONTAINS', mode: 'ONLY', values: ['gold'] },
  ],
};

describe('a routing engine kept between decides: what it caches to skip work', () => {
  it.each<{ name: string; steps: TStep[]; expected: string[] }>([
    {
      name: 'an agent in its delay everywhere gets no chat',
      steps: [
        { snapshot: twoInboxes([inDelay]), at: T0 },
        { snapshot: twoInboxes([inDelay]), at: T0 + SEC },
      ],
      expected: [],
    },
    {
      name: 'past the shorter delay of one of its inboxes, the same agent object gets that inbox chat',
      steps: [
        { snapshot: twoInboxes([inDelay]), at: T0 + SEC },
        { snapshot: twoInboxes([inDelay]), at: T0 + 5 * SEC },
      ],
      expected: ['c2->a1'],
    },
    {
      name: 'the delay ends exactly at lastMessagingAssignedAt + delay',
      steps: [
        { snapshot: twoInboxes([{ ...inDelay, inboxIds: ['inbox-1'] }], { items: [chat1] }), at: T0 + 9 * SEC },
        { snapshot: twoInboxes([{ ...inDelay, inboxIds: ['inbox-1'] }], { items: [chat1] }), at: T0 + 10 * SEC },
      ],
      expected: ['c1->a1'],
    },
    {
      name: 'an agent in its delay replaced with a Next request gets the chat at once',
      steps: [
        { snapshot: twoInboxes([inDelay]), at: T0 },
        { snapshot: twoInboxes([{ ...inDelay, nextRequests: 1 }]), at: T0 + SEC },
      ],
      expected: ['c1->a1:next'],
    },
    {
      name: 'an agent in its messaging delay still gets its automatic mail push',
      steps: [
        {
          snapshot: twoInboxes([{ ...inDelay, availableFor: ['MESSAGING', 'MAIL'], mailTaskAutoPushPending: true }], {
            items: [chat1, mail],
          }),
          at: T0 + SEC,
        },
        {
          snapshot: twoInboxes([{ ...inDelay, availableFor: ['MESSAGING', 'MAIL'], mailTaskAutoPushPending: true }], {
            items: [chat1, mail],
          }),
          at: T0 + 3 * SEC,
        },
      ],
      expected: ['m1->a1'],
    },
    {
      name: 'a NaN delay in one inbox never delays (the shortest delay is NaN then)',
      steps: [
        {
          snapshot: twoInboxes([inDelay], {
            config: config({ nextMessageDelaySeconds: 10 }, { 'inbox-2': { nextMessageDelaySeconds: Number.NaN } }),
          }),
          at: T0 + SEC,
        },
      ],
      expected: ['c2->a1'],
    },
    {
      name: 'a new config that shortens the delay routes the same agent object',
      steps: [
        { snapshot: twoInboxes([inDelay], { config: config({ nextMessageDelaySeconds: 60 }) }), at: T0 + 4 * SEC },
        { snapshot: twoInboxes([inDelay], { config: config({ nextMessageDelaySeconds: 3 }) }), at: T0 + 5 * SEC },
      ],
      expected: ['c1->a1'],
    },
    {
      name: 'an agent whose load fell (new object) past its delay gets the chat',
      steps: [
        { snapshot: twoInboxes([{ ...inDelay, load: { ...inDelay.load, messaging: 2 } }]), at: T0 + 20 * SEC },
        { snapshot: twoInboxes([inDelay]), at: T0 + 20 * SEC },
      ],
      expected: ['c1->a1'],
    },
    {
      name: 'an agent replaced as served at the same time as another ranks by id among them',
      steps: [
        { snapshot: snapshot({ agents: [agent('a1'), free2], items: [chat1] }), at: T0 },
        { snapshot: snapshot({ agents: [agent('a1', { lastOfferedAt: T0 - MIN }), free2], items: [chat1] }), at: T0 },
      ],
      expected: ['c1->a1'],
    },
    {
      name: 'an offer is expired on the same agent object once due, and its item stays held',
      steps: [
        { snapshot: snapshot({ agents: [holding, free2], items: [chat1] }), at: T0 },
        { snapshot: snapshot({ agents: [holding, free2], items: [chat1] }), at: T0 + 10 * SEC },
      ],
      expected: ['expire:o1'],
    },
    {
      name: 'an agent replaced without its offer is not expired and takes the item',
      steps: [
        { snapshot: snapshot({ agents: [holding, free2], items: [chat1] }), at: T0 },
        { snapshot: snapshot({ agents: [{ ...holding, pendingOffer: null }, free2], items: [chat1] }), at: T0 + MIN },
      ],
      expected: ['c1->a1'],
    },
    {
      name: 'an agent that left with its offer is not expired, and its item is free again',
      steps: [
        { snapshot: snapshot({ agents: [holding, free2], items: [chat1] }), at: T0 },
        { snapshot: snapshot({ agents: [free2], items: [chat1] }), at: T0 + MIN },
      ],
      expected: ['c1->a2'],
    },
    {
      name: 'an agent replaced with another offer (all else equal) expires and holds the new one',
      steps: [
        { snapshot: snapshot({ agents: [holding, free2], items: [chat1, chat2] }), at: T0 },
        {
          snapshot: snapshot({
            agents: [{ ...holding, pendingOffer: offer('o2', 'c2', T0 + 5 * SEC) }, free2],
            items: [chat1, chat2],
          }),
          at: T0 + 5 * SEC,
        },
      ],
      expected: ['expire:o2', 'c1->a2'],
    },
    {
      name: 'an older chat arriving in a long list goes before its first item',
      steps: [
        { snapshot: snapshot({ agents: [agent('a9', { inboxIds: [] })], items: queue }), at: T0 },
        { snapshot: snapshot({ agents: [agent('a1')], items: [...queue, older] }), at: T0 },
      ],
      expected: ['q-older->a1'],
    },
    {
      name: 'an older chat arriving in a short list goes before its first item',
      steps: [
        { snapshot: snapshot({ agents: [agent('a1')], items: queue.slice(0, 2) }), at: T0 },
        { snapshot: snapshot({ agents: [agent('a1')], items: [...queue.slice(0, 2), older] }), at: T0 },
      ],
      expected: ['q-older->a1'],
    },
    {
      name: 'the first item of a list replaced with a later due date gives way to the next',
      steps: [
        { snapshot: snapshot({ agents: [agent('a1')], items: queue }), at: T0 },
        {
          snapshot: snapshot({
            agents: [agent('a1')],
            items: [{ ...(queue[0] as (typeof queue)[number]), dueAt: T0 + 90 * MIN }, ...queue.slice(1)],
          }),
          at: T0,
        },
      ],
      expected: ['q1->a1'],
    },
    {
      name: 'the first item of a list, freed from its pending offer, is first again',
      steps: [
        { snapshot: snapshot({ agents: [holding, free2], items: [chat1, item('c3')] }), at: T0 },
        {
          snapshot: snapshot({ agents: [{ ...holding, pendingOffer: null }, free2], items: [chat1, item('c3')] }),
          at: T0,
        },
      ],
      expected: ['c1->a1', 'c3->a2'],
    },
    {
      name: 'an item replaced by an equal object with a decline (same config) is kept from that agent',
      steps: [
        { snapshot: snapshot({ agents: [agent('a9', { inboxIds: [] })], items: [chat1] }), at: T0 },
        {
          snapshot: snapshot({
            agents: [agent('a1')],
            items: [{ ...chat1, declinedBy: [{ agentId: 'a1', at: T0 }] }],
          }),
          at: T0 + SEC,
        },
      ],
      expected: [],
    },
    {
      name: 'an item replaced by an equal object with required skills goes only to an agent with them',
      steps: [
        { snapshot: snapshot({ agents: [agent('a1'), agent('a2', { skills: ['fr'] })], items: [chat1] }), at: T0 },
        {
          snapshot: snapshot({
            agents: [agent('a1'), agent('a2', { skills: ['fr'] })],
            items: [{ ...chat1, requiredSkills: ['fr'] }],
          }),
          at: T0 + SEC,
        },
      ],
      expected: ['c1->a2'],
    },
    {
      name: 'an agent with a rewarded skill joining a pool re-ranks its lists (a new class)',
      steps: [
        { snapshot: snapshot({ agents: [agent('a1')], items: [gold], boosts: [goldSkill] }), at: T0 },
        {
          snapshot: snapshot({
            agents: [agent('a1'), agent('a3', { skills: ['s1'], lastOfferedAt: T0 - SEC })],
            items: [gold],
            boosts: [goldSkill],
          }),
          at: T0,
        },
      ],
      expected: ['g1->a3'],
    },
  ])('$name', ({ steps, expected }) => expectLastDecide(steps, expected));

  it('lists emptied long enough are forgotten, and items of their kind are routed when they come back', () => {
    const nobody = [agent('a9', { inboxIds: [] })];
    const empty = Array.from({ length: 150 }, (_, k) => ({ snapshot: snapshot({ agents: nobody }), at: T0 + k * SEC }));
    const back = { snapshot: snapshot({ agents: [agent('a1')], items: [chat1, ...queue] }), at: T0 + 200 * SEC };
    expectLastDecide(
      [{ snapshot: snapshot({ agents: nobody, items: [chat1, ...queue] }), at: T0 }, ...empty, back],
      ['c1->a1'],
    );
  });
});
