// One engine over several decides: what it keeps about the queue (item-index.ts) must follow every change of the
// items, the boosts, the config and the clock. Each case runs two decides on one engine and checks the second
// against a fresh decide() of the same snapshot and against the expected routing.
import { describe, expect, it } from 'vitest';
import { createRoutingEngine, decide } from './decide.js';
import type { TBoostRule, TDecision, TRoutingSnapshot } from './routing-types.js';
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
  ])('$name', ({ decides, routed: expected }) => {
    const engine = createRoutingEngine();
    let decisions: TDecision[] = [];
    for (const { snapshot: s, at } of decides) decisions = engine.decide(s, at);
    const last = decides[decides.length - 1] as { snapshot: TRoutingSnapshot; at: number };
    expect(decisions).toEqual(decide(last.snapshot, last.at));
    expect(routed(decisions)).toEqual(expected);
  });
});
