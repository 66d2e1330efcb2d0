import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import {
  CHANNEL_GROUP,
  GROUP_TIER,
  type TAgentSnapshot,
  type TBoostRule,
  type TChannel,
  type TChannelGroup,
  type TDecision,
  type TRoutingSnapshot,
  type TWorkItem,
} from './routing-types.js';
import { config, SEC, T0 } from './test-builders.js';

const now = T0;
const GRACE_SECONDS = 30;
const DELAY_SECONDS = 10;
const INBOXES = ['i1', 'i2', 'i3'];
const SKILLS = ['s1', 's2', 's3'];
const GROUPS: TChannelGroup[] = ['VOICE', 'MESSAGING', 'MAIL', 'TASK'];
const CHANNELS = Object.keys(CHANNEL_GROUP) as TChannel[];

const time = fc.integer({ min: -120, max: 120 }).map((s) => now + s * SEC);
const maybeTime = fc.option(time, { nil: null });
const subset = <T>(values: T[]) => fc.subarray(values);
const rejections = (agentCount: number) =>
  fc.array(fc.record({ agentId: fc.nat({ max: agentCount - 1 }).map((n) => `a${n}`), at: time }), { maxLength: 2 });

function agentArb(id: string, itemIds: string[]): fc.Arbitrary<TAgentSnapshot> {
  const offer =
    itemIds.length === 0
      ? fc.constant(null)
      : fc.option(
          fc.record({
            offerId: fc.constant(`o-${id}`),
            itemId: fc.constantFrom(...itemIds),
            offeredAt: time,
            expiresAt: time,
          }),
          { nil: null, freq: 4 },
        );
  return fc.record({
    id: fc.constant(id),
    loggedIn: fc.boolean(),
    status: fc.constantFrom('ACTIVE' as const, 'ACTIVE' as const, 'AWAY' as const),
    availableFor: subset(GROUPS),
    inboxIds: subset(INBOXES),
    skills: subset(SKILLS),
    load: fc.record({
      voice: fc.nat({ max: 1 }),
      messaging: fc.nat({ max: 4 }),
      mail: fc.nat({ max: 3 }),
      tasks: fc.nat({ max: 3 }),
    }),
    pendingOffer: offer,
    messagingCapacity: fc.record({ standard: fc.nat({ max: 3 }), maximum: fc.nat({ max: 5 }) }),
    focusMode: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    nextRequests: fc.nat({ max: 2 }),
    mailTaskAutoPushPending: fc.boolean(),
    lastOfferedAt: maybeTime,
    lastAssignedAt: maybeTime,
    lastMessagingAssignedAt: maybeTime,
  });
}

function itemArb(id: string, agentCount: number): fc.Arbitrary<TWorkItem> {
  return fc.record({
    id: fc.constant(id),
    kind: fc.constant('CONVERSATION' as const),
    inboxId: fc.constantFrom(...INBOXES),
    channel: fc.constantFrom(...CHANNELS),
    customerAttributes: fc.record({ tier: fc.constantFrom('gold', 'silver'), ltv: fc.integer({ min: 0, max: 100 }) }),
    topicIds: subset(['t1', 't2']),
    dueAt: maybeTime,
    enqueuedAt: time,
    transferred: fc.boolean(),
    requiredSkills: subset(SKILLS).map((s) => s.slice(0, 1)),
    declinedBy: rejections(agentCount),
    missedBy: rejections(agentCount),
  });
}

const boostsArb: fc.Arbitrary<TBoostRule[]> = fc.subarray([
  { id: 'b-s1', points: 5, conditions: [{ kind: 'SKILLS', match: 'ANY', skills: ['s1'] }] },
  { id: 'b-rematch', points: 10, conditions: [{ kind: 'TRANSFER_STATUS', status: 'REMATCHING' }] },
  {
    id: 'b-gold',
    points: 3,
    conditions: [{ kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'CONTAINS', mode: 'ANY', values: ['gold'] }],
  },
  { id: 'b-i1', points: 1, conditions: [{ kind: 'INBOX', op: 'INCLUDES', inboxIds: ['i1'] }] },
]);

const snapshotArb: fc.Arbitrary<TRoutingSnapshot> = fc
  .record({ agentCount: fc.integer({ min: 1, max: 8 }), itemCount: fc.integer({ min: 0, max: 12 }) })
  .chain(({ agentCount, itemCount }) => {
    const itemIds = Array.from({ length: itemCount }, (_, i) => `c${i}`);
    return fc.record({
      agents: fc.tuple(...Array.from({ length: agentCount }, (_, i) => agentArb(`a${i}`, itemIds))),
      items: itemCount === 0 ? fc.constant([]) : fc.tuple(...itemIds.map((id) => itemArb(id, agentCount))),
      sessions: fc.uniqueArray(
        fc.record({
          conversationId: fc.string({ minLength: 1, maxLength: 3 }).map((s) => `s-${s}`),
          agentId: fc.constantFrom(...Array.from({ length: agentCount }, (_, i) => `a${i}`)),
          awaitingCustomerSince: fc.option(
            fc.integer({ min: -2000, max: 0 }).map((s) => now + s * SEC),
            { nil: null },
          ),
          inboxId: fc.constantFrom(...INBOXES),
        }),
        { maxLength: 3, selector: (s) => s.conversationId },
      ),
      boosts: boostsArb,
      autoAssign: fc.boolean(),
    });
  })
  .map(({ agents, items, sessions, boosts, autoAssign }) => ({
    agents,
    items,
    sessions,
    boosts,
    config: config({
      declineGraceSeconds: GRACE_SECONDS,
      nextMessageDelaySeconds: DELAY_SECONDS,
      messagingAutoAssign: autoAssign,
    }),
  }));

// An independent statement of the rules, to check the engine against.
function mayReceive(agent: TAgentSnapshot, item: TWorkItem): boolean {
  const group = CHANNEL_GROUP[item.channel];
  const inGrace = [...item.declinedBy, ...item.missedBy].some(
    (r) => r.agentId === agent.id && now - r.at < GRACE_SECONDS * SEC,
  );
  if (!agent.loggedIn || agent.status !== 'ACTIVE' || agent.focusMode || agent.pendingOffer) return false;
  if (!agent.availableFor.includes(group) || !agent.inboxIds.includes(item.inboxId) || inGrace) return false;
  if (!(item.requiredSkills ?? []).every((s) => agent.skills.includes(s))) return false;
  return hasCapacity(agent, group);
}

function hasCapacity(agent: TAgentSnapshot, group: TChannelGroup): boolean {
  const { standard, maximum } = agent.messagingCapacity;
  const delayed = agent.lastMessagingAssignedAt !== null && now < agent.lastMessagingAssignedAt + DELAY_SECONDS * SEC;
  if (group === 'VOICE') return agent.load.voice === 0;
  if (group === 'MESSAGING') {
    return (
      (agent.load.messaging < standard && !delayed) ||
      (agent.nextRequests > 0 && agent.load.messaging < Math.max(standard, maximum))
    );
  }
  return agent.mailTaskAutoPushPending || agent.nextRequests > 0;
}

const routings = (decisions: TDecision[]) => decisions.filter((d) => d.type === 'OFFER' || d.type === 'ASSIGN');

describe('decide: invariants over random snapshots', () => {
  it('never two offers to one agent, never an item twice, never beyond capacity or to an ineligible agent', () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        const routed = routings(decide(snapshot, now));
        const agents = new Map(snapshot.agents.map((a) => [a.id, a]));
        const items = new Map(snapshot.items.map((i) => [i.id, i]));
        const pendingItems = new Set(snapshot.agents.flatMap((a) => (a.pendingOffer ? [a.pendingOffer.itemId] : [])));
        expect(new Set(routed.map((d) => d.agentId)).size).toBe(routed.length);
        expect(new Set(routed.map((d) => d.itemId)).size).toBe(routed.length);
        for (const decision of routed) {
          const agent = agents.get(decision.agentId)!;
          const item = items.get(decision.itemId)!;
          expect(pendingItems.has(item.id)).toBe(false);
          expect(mayReceive(agent, item)).toBe(true);
          if (decision.viaNext) expect(agent.nextRequests).toBeGreaterThan(0);
          if (decision.type === 'OFFER') expect(decision.expiresAt).toBeGreaterThan(now);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no routable item with a free, eligible agent, and never serves a lower tier ahead of a higher one', () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        const routed = routings(decide(snapshot, now));
        const usedAgents = new Set(routed.map((d) => d.agentId));
        const usedItems = new Set(routed.map((d) => d.itemId));
        const pendingItems = new Set(snapshot.agents.flatMap((a) => (a.pendingOffer ? [a.pendingOffer.itemId] : [])));
        const tierOf = new Map(snapshot.items.map((i) => [i.id, GROUP_TIER[CHANNEL_GROUP[i.channel]]]));
        for (const item of snapshot.items) {
          if (usedItems.has(item.id) || pendingItems.has(item.id)) continue;
          for (const agent of snapshot.agents) {
            if (!mayReceive(agent, item)) continue;
            expect(usedAgents.has(agent.id)).toBe(true);
            const got = routed.find((d) => d.agentId === agent.id)!;
            expect(tierOf.get(got.itemId)!).toBeLessThanOrEqual(GROUP_TIER[CHANNEL_GROUP[item.channel]]);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('expires exactly the offers past their deadline, and ends exactly the sessions silent past the limit', () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        const decisions = decide(snapshot, now);
        const expired = decisions.flatMap((d) => (d.type === 'EXPIRE_OFFER' ? [d.agentId] : []));
        expect(expired).toEqual(
          snapshot.agents
            .filter((a) => a.pendingOffer && a.pendingOffer.expiresAt <= now)
            .map((a) => a.id)
            .sort(),
        );
        const ended = decisions.flatMap((d) => (d.type === 'END_SESSION' ? [d.conversationId] : []));
        const silent = snapshot.sessions.filter(
          (s) => s.awaitingCustomerSince !== null && now - s.awaitingCustomerSince >= 900 * SEC,
        );
        expect([...ended].sort()).toEqual(silent.map((s) => s.conversationId).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and independent of the order of the input arrays', () => {
    fc.assert(
      fc.property(snapshotArb, fc.infiniteStream(fc.nat()), (snapshot, randoms) => {
        const shuffle = <T>(values: readonly T[]): T[] => {
          const copy = [...values];
          for (let i = copy.length - 1; i > 0; i--) {
            const j = randoms.next().value % (i + 1);
            [copy[i], copy[j]] = [copy[j]!, copy[i]!];
          }
          return copy;
        };
        const shuffled: TRoutingSnapshot = {
          ...snapshot,
          agents: shuffle(snapshot.agents).map((a) => ({
            ...a,
            inboxIds: shuffle(a.inboxIds),
            skills: shuffle(a.skills),
          })),
          items: shuffle(snapshot.items),
          sessions: shuffle(snapshot.sessions),
          boosts: shuffle(snapshot.boosts),
        };
        const expected = decide(snapshot, now);
        expect(decide(snapshot, now)).toEqual(expected);
        expect(decide(shuffled, now)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
