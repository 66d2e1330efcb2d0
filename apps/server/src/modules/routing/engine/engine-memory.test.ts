// One engine over several decides: what it keeps about the queue (item-index.ts) must follow every change of the
// items, the boosts, the config and the clock. Each case runs two decides on one engine and checks the second
// against a fresh decide() of the same snapshot and against the expected routing.
import { describe, expect, it } from 'vitest';
import { createRoutingEngine, decide } from './decide.js';
import { decideReference } from './decide-reference.js';
import type { TAgentSnapshot, TBoostRule, TDecision, TRoutingSnapshot } from './routing-types.js';
import { agent, config, item, MIN, SEC, snapshot, T0 } from './test-builders.js';

const routed = (decisions: TDecision[]) =>
  decisions.filter((d) => d.type === 'OFFER' || d.type === 'ASSIGN').map((d) => `${d.itemId}->${d.agentId}`);

const boost = (id: string, condition: TBoostRule['conditions'][number]): TBoostRule => ({
  id,
  points: 10,
  conditions: [condition],
});
const dueSoonBoost = boost('due-soon', { kind: 'DUE', op: 'DUE_IN', seconds: 60 });
const waitBoost = boost('wait', { kind: 'WAIT_TIME', op: 'LONGER_THAN', seconds: 600 });
const tierBoost = (tier: string) =>
  boost('tier', { kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'CONTAINS', mode: 'ONLY', values: [tier] });

const declinedByA1 = item('c1', { declinedBy: [{ agentId: 'a1', at: T0 - 10 * SEC }] });
// c2 is due first; only a boost puts c1 before it.
const dueLater = item('c1', { dueAt: T0 + 10 * MIN, enqueuedAt: T0 - 9 * MIN, customerAttributes: { tier: 'silver' } });
const dueFirst = item('c2', { dueAt: T0 + 5 * MIN, enqueuedAt: T0 - 2 * MIN, customerAttributes: { tier: 'gold' } });
const nobodyFree = [agent('a9', { inboxIds: [] })];
// Agent a1 free, c1 declined by a1 10 s ago, a 60 s grace: c1 must not go to a1.
const a1WithLongGrace = {
  snapshot: snapshot({ agents: [agent('a1')], items: [declinedByA1], config: config({ declineGraceSeconds: 60 }) }),
  at: T0,
};

/** One engine through the decides: the last one's decisions are the reference's, and route as expected. */
function expectLastDecide(decides: { snapshot: TRoutingSnapshot; at: number }[], expected: string[]): void {
  const engine = createRoutingEngine();
  let decisions: TDecision[] = [];
  for (const { snapshot: s, at } of decides) decisions = engine.decide(s, at);
  const last = decides[decides.length - 1] as { snapshot: TRoutingSnapshot; at: number };
  expect(decisions).toEqual(decide(last.snapshot, last.at));
  expect(routed(decisions)).toEqual(expected);
}

describe('a routing engine kept between decides', () => {
  it.each<{ name: string; decides: { snapshot: TRoutingSnapshot; at: number }[]; routed: string[] }>([
    {
      name: 'a longer decline grace in the config keeps the agent away from the same item object',
      decides: [
        {
          snapshot: snapshot({ agents: nobodyFree, items: [declinedByA1], config: config({ declineGraceSeconds: 0 }) }),
          at: T0,
        },
        a1WithLongGrace,
      ],
      routed: [],
    },
    {
      name: 'an item replaced by a new object with a decline is kept from that agent',
      decides: [{ snapshot: snapshot({ agents: nobodyFree, items: [item('c1')] }), at: T0 }, a1WithLongGrace],
      routed: [],
    },
    {
      name: 'the clock entering a due-in window turns the boost on for the same item object',
      decides: [
        { snapshot: snapshot({ agents: nobodyFree, items: [dueLater, dueFirst], boosts: [dueSoonBoost] }), at: T0 },
        {
          snapshot: snapshot({ agents: [agent('a1')], items: [dueLater, dueFirst], boosts: [dueSoonBoost] }),
          at: T0 + 9 * MIN + 30 * SEC,
        },
      ],
      routed: ['c1->a1'],
    },
    {
      name: 'the clock passing a wait time turns the boost on for the same item object',
      decides: [
        { snapshot: snapshot({ agents: nobodyFree, items: [dueLater, dueFirst], boosts: [waitBoost] }), at: T0 },
        {
          snapshot: snapshot({ agents: [agent('a1')], items: [dueLater, dueFirst], boosts: [waitBoost] }),
          at: T0 + 2 * MIN,
        },
      ],
      routed: ['c1->a1'],
    },
    {
      name: 'a boost changed under the same id ranks by its new conditions',
      decides: [
        {
          snapshot: snapshot({ agents: nobodyFree, items: [dueLater, dueFirst], boosts: [tierBoost('gold')] }),
          at: T0,
        },
        {
          snapshot: snapshot({ agents: [agent('a1')], items: [dueLater, dueFirst], boosts: [tierBoost('silver')] }),
          at: T0,
        },
      ],
      routed: ['c1->a1'],
    },
    {
      name: 'an item that left the queue and comes back is routed again',
      decides: [
        { snapshot: snapshot({ agents: nobodyFree, items: [dueFirst] }), at: T0 },
        { snapshot: snapshot({ agents: nobodyFree, items: [] }), at: T0 },
        { snapshot: snapshot({ agents: [agent('a1')], items: [dueFirst] }), at: T0 },
      ],
      routed: ['c2->a1'],
    },
    {
      name: 'an item that left while its list stayed and was compacted is routed again when it comes back',
      decides: [
        { snapshot: snapshot({ agents: nobodyFree, items: [dueFirst, dueLater] }), at: T0 },
        { snapshot: snapshot({ agents: nobodyFree, items: [dueLater, item('c3')] }), at: T0 },
        { snapshot: snapshot({ agents: [agent('a1')], items: [dueFirst, dueLater, item('c3')] }), at: T0 },
      ],
      routed: ['c2->a1'],
    },
    {
      name: 'an item replaced by a new object with a later due date ranks by the new one',
      decides: [
        { snapshot: snapshot({ agents: nobodyFree, items: [dueFirst, dueLater] }), at: T0 },
        {
          snapshot: snapshot({ agents: [agent('a1')], items: [{ ...dueFirst, dueAt: T0 + 30 * MIN }, dueLater] }),
          at: T0,
        },
      ],
      routed: ['c1->a1'],
    },
    {
      name: 'a clock that goes back turns a wait boost off again',
      decides: [
        {
          snapshot: snapshot({ agents: nobodyFree, items: [dueLater, dueFirst], boosts: [waitBoost] }),
          at: T0 + 2 * MIN,
        },
        { snapshot: snapshot({ agents: [agent('a1')], items: [dueLater, dueFirst], boosts: [waitBoost] }), at: T0 },
      ],
      routed: ['c2->a1'],
    },
  ])('$name', ({ decides, routed: expected }) => expectLastDecide(decides, expected));
});

// The agent side kept between decides (agent-index.ts): agents are values, an unchanged agent is the same object (or
// an equal copy), a changed one a new object with the same id. Each case decides twice (or more) on one engine; the
// last decide must match a fresh decide() and the expected routing.
const a1 = agent('a1');
// Served a minute ago: a1 (never served) comes first in fairness order.
const a2 = agent('a2', { lastOfferedAt: T0 - MIN });
const a3 = agent('a3', { lastOfferedAt: T0 - 2 * MIN });
const chat = item('c1');
const chat2 = item('c2', { enqueuedAt: T0 - 30 * SEC });
const withAgents = (agents: TAgentSnapshot[], extra: Partial<TRoutingSnapshot> = {}) =>
  snapshot({ agents, items: [chat], ...extra });
const skillBoost = boost('s1', { kind: 'SKILLS', match: 'ANY', skills: ['s1'] });
const delayed = config({ nextMessageDelaySeconds: 10 });
const justServed = { ...a1, lastMessagingAssignedAt: T0 };

describe('a routing engine kept between decides, on the agent side', () => {
  it.each<{ name: string; decides: { snapshot: TRoutingSnapshot; at: number }[]; routed: string[] }>([
    {
      name: 'agents kept as the same objects keep their fairness order',
      decides: [
        { snapshot: withAgents([a3, a2]), at: T0 },
        { snapshot: withAgents([a3, a2]), at: T0 + SEC },
      ],
      routed: ['c1->a3'],
    },
    {
      name: 'an agent replaced with a later lastOfferedAt moves behind the others',
      decides: [
        { snapshot: withAgents([a1, a2]), at: T0 },
        { snapshot: withAgents([{ ...a1, lastOfferedAt: T0 }, a2]), at: T0 + SEC },
      ],
      routed: ['c1->a2'],
    },
    {
      name: 'an agent replaced with an earlier lastAssignedAt moves ahead of the others',
      decides: [
        { snapshot: withAgents([a2, a3]), at: T0 },
        { snapshot: withAgents([{ ...a2, lastOfferedAt: null, lastAssignedAt: T0 - 3 * MIN }, a3]), at: T0 },
      ],
      routed: ['c1->a2'],
    },
    {
      name: 'an agent replaced with a full messaging load gets no chat',
      decides: [
        { snapshot: withAgents([a1, a2]), at: T0 },
        { snapshot: withAgents([{ ...a1, load: { ...a1.load, messaging: 2 } }, a2]), at: T0 },
      ],
      routed: ['c1->a2'],
    },
    {
      name: 'an agent replaced with a free messaging slot again gets the chat',
      decides: [
        { snapshot: withAgents([{ ...a1, load: { ...a1.load, messaging: 2 } }, a2]), at: T0 },
        { snapshot: withAgents([a1, a2]), at: T0 },
      ],
      routed: ['c1->a1'],
    },
    {
      name: 'a full agent replaced with a Next request gets the chat beyond its standard capacity',
      decides: [
        { snapshot: withAgents([{ ...a1, load: { ...a1.load, messaging: 2 } }]), at: T0 },
        { snapshot: withAgents([{ ...a1, load: { ...a1.load, messaging: 2 }, nextRequests: 1 }]), at: T0 },
      ],
      routed: ['c1->a1'],
    },
    {
      name: 'an agent replaced as away gets nothing, and comes back when active again',
      decides: [
        { snapshot: withAgents([a1, a2]), at: T0 },
        { snapshot: withAgents([{ ...a1, status: 'AWAY' }, a2]), at: T0 },
        { snapshot: withAgents([a1, a2]), at: T0 },
      ],
      routed: ['c1->a1'],
    },
    {
      name: 'an agent replaced as away gets nothing',
      decides: [
        { snapshot: withAgents([a1, a2]), at: T0 },
        { snapshot: withAgents([{ ...a1, status: 'AWAY' }, a2]), at: T0 },
      ],
      routed: ['c1->a2'],
    },
    {
      name: 'an agent replaced with a pending offer gets nothing else',
      decides: [
        { snapshot: withAgents([a1, a2]), at: T0 },
        {
          snapshot: withAgents([
            { ...a1, pendingOffer: { offerId: 'o9', itemId: 'c9', offeredAt: T0, expiresAt: T0 + MIN } },
            a2,
          ]),
          at: T0,
        },
      ],
      routed: ['c1->a2'],
    },
    {
      name: 'an agent replaced with a skill a boost rewards wins the chat',
      decides: [
        { snapshot: withAgents([a1, { ...a2, skills: ['s1'] }], { boosts: [skillBoost] }), at: T0 },
        {
          snapshot: withAgents(
            [
              { ...a1, lastOfferedAt: T0 - 30 * SEC, skills: ['s2'] },
              { ...a2, skills: [] },
            ],
            {
              boosts: [skillBoost],
            },
          ),
          at: T0,
        },
        {
          snapshot: withAgents(
            [
              { ...a1, lastOfferedAt: T0 - 30 * SEC, skills: ['s1'] },
              { ...a2, skills: [] },
            ],
            {
              boosts: [skillBoost],
            },
          ),
          at: T0,
        },
      ],
      routed: ['c1->a1'],
    },
    {
      name: 'an agent replaced without the rewarded skill loses the chat to a less fair agent with it',
      decides: [
        { snapshot: withAgents([{ ...a1, skills: ['s1'] }, a2], { boosts: [skillBoost] }), at: T0 },
        { snapshot: withAgents([a1, { ...a2, skills: ['s1'] }], { boosts: [skillBoost] }), at: T0 },
      ],
      routed: ['c1->a2'],
    },
    {
      name: 'an agent replaced as unavailable for messaging gets no chat',
      decides: [
        { snapshot: withAgents([a1, a2]), at: T0 },
        { snapshot: withAgents([{ ...a1, availableFor: ['MAIL', 'TASK'] }, a2]), at: T0 },
      ],
      routed: ['c1->a2'],
    },
    {
      name: 'an agent replaced as available for messaging again gets the chat',
      decides: [
        { snapshot: withAgents([{ ...a1, availableFor: ['MAIL', 'TASK'] }, a2]), at: T0 },
        { snapshot: withAgents([a1, a2]), at: T0 },
      ],
      routed: ['c1->a1'],
    },
    {
      name: 'an agent replaced as a member of another inbox only gets no chat of this one',
      decides: [
        { snapshot: withAgents([a1, a2]), at: T0 },
        { snapshot: withAgents([{ ...a1, inboxIds: ['inbox-2'] }, a2]), at: T0 },
      ],
      routed: ['c1->a2'],
    },
    {
      name: 'an agent replaced as a member of the inbox gets its chat',
      decides: [
        { snapshot: withAgents([{ ...a1, inboxIds: ['inbox-2'] }, a2]), at: T0 },
        { snapshot: withAgents([a1, a2]), at: T0 },
      ],
      routed: ['c1->a1'],
    },
    {
      name: 'an agent that left the snapshot is not offered',
      decides: [
        { snapshot: withAgents([a1, a2]), at: T0 },
        { snapshot: withAgents([a2]), at: T0 },
      ],
      routed: ['c1->a2'],
    },
    {
      name: 'an agent that joins the snapshot is offered',
      decides: [
        { snapshot: withAgents([a2]), at: T0 },
        { snapshot: withAgents([a2, a1]), at: T0 },
      ],
      routed: ['c1->a1'],
    },
    {
      name: 'an agent that left and comes back as the same object is offered again',
      decides: [
        { snapshot: withAgents([a1, a2]), at: T0 },
        { snapshot: withAgents([a2]), at: T0 },
        { snapshot: withAgents([a1, a2]), at: T0 },
      ],
      routed: ['c1->a1'],
    },
    {
      name: 'the same agents in another order route alike',
      decides: [
        { snapshot: withAgents([a1, a2, a3], { items: [chat, chat2] }), at: T0 },
        { snapshot: withAgents([a2, a3, a1], { items: [chat, chat2] }), at: T0 },
      ],
      routed: ['c1->a1', 'c2->a3'],
    },
    {
      name: 'equal copies of the agents (fresh objects, as the service builds) route alike',
      decides: [
        { snapshot: withAgents([a1, a2], { items: [chat, chat2] }), at: T0 },
        { snapshot: withAgents([{ ...a1, load: { ...a1.load } }, { ...a2 }], { items: [chat, chat2] }), at: T0 },
      ],
      routed: ['c1->a1', 'c2->a2'],
    },
    {
      name: 'the next-message delay ends for the same agent object as the clock moves',
      decides: [
        { snapshot: withAgents([justServed, a2], { config: delayed }), at: T0 + 5 * SEC },
        { snapshot: withAgents([justServed, a2], { config: delayed }), at: T0 + 11 * SEC },
      ],
      routed: ['c1->a1'],
    },
    {
      name: 'the next-message delay still holds for the same agent object a second later',
      decides: [
        { snapshot: withAgents([justServed, a2], { config: delayed }), at: T0 + 4 * SEC },
        { snapshot: withAgents([justServed, a2], { config: delayed }), at: T0 + 5 * SEC },
      ],
      routed: ['c1->a2'],
    },
    {
      name: 'a new config lengthens the next-message delay for the same agent object',
      decides: [
        { snapshot: withAgents([{ ...a1, lastMessagingAssignedAt: T0 - 6 * SEC }, a2]), at: T0 },
        {
          snapshot: withAgents([{ ...a1, lastMessagingAssignedAt: T0 - 6 * SEC }, a2], { config: delayed }),
          at: T0,
        },
      ],
      routed: ['c1->a2'],
    },
  ])('$name', ({ decides, routed: expected }) => expectLastDecide(decides, expected));

  it('an agent id twice in one snapshot (outside the contract) decides as a fresh engine, and the next ones too', () => {
    const engine = createRoutingEngine();
    // a1 is served in the snapshot with the duplicate: after it, a2 is the fairer agent.
    const served = { ...a1, lastOfferedAt: T0 };
    const twice = [served, a2, { ...served, inboxIds: ['inbox-2'] }];
    const items = [chat, chat2, item('c3', { inboxId: 'inbox-2' })];
    for (const agents of [[a1, a2], twice, [served, a2], twice, [a2, served]]) {
      const s = withAgents(agents, { items });
      const decisions = engine.decide(s, T0);
      expect(decisions).toEqual(decide(s, T0));
      if (agents !== twice) expect(decisions).toEqual(decideReference(s, T0));
    }
    expect(routed(engine.decide(withAgents([served, a2]), T0))).toEqual(['c1->a2']);
  });
});
