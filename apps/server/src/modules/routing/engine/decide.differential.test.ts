// Differential test: the fast decide() must return exactly what the reference algorithm (every eligible pair
// materialised and sorted, decide-reference.ts) returns — same decisions, same fields, same order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRoutingEngine, decide } from './decide.js';
import { decideReference } from './decide-reference.js';
import {
  CHANNEL_GROUP,
  type TAgentSnapshot,
  type TBoostCondition,
  type TBoostRule,
  type TChannel,
  type TChannelGroup,
  type TInboxRoutingConfig,
  type TRoutingSnapshot,
  type TWorkItem,
} from './routing-types.js';
import { config, SEC, T0 } from './test-builders.js';

const now = T0;
const INBOXES = ['i1', 'i2', 'i3'];
const SKILLS = ['s1', 's2', 's3', 's4'];
const GROUPS: TChannelGroup[] = ['VOICE', 'MESSAGING', 'MAIL', 'TASK'];
const CHANNELS = Object.keys(CHANNEL_GROUP) as TChannel[];

// Few distinct times, so that due dates, enqueue times and fairness timestamps tie often.
const time = fc.oneof(
  fc.constantFrom(-60, -30, 0, 30).map((s) => now + s * SEC),
  fc.integer({ min: -3600, max: 3600 }).map((s) => now + s * SEC),
);
const maybeTime = fc.option(time, { nil: null });
const rejections = (agentCount: number) =>
  fc.array(
    fc.record({
      agentId: fc.nat({ max: agentCount - 1 }).map((n) => `a${n}`),
      at: fc.integer({ min: -90, max: 5 }).map((s) => now + s * SEC),
    }),
    { maxLength: 3 },
  );

function agentArb(id: string, itemIds: string[]): fc.Arbitrary<TAgentSnapshot> {
  const offer =
    itemIds.length === 0
      ? fc.constant(null)
      : fc.option(
          fc.record({
            offerId: fc.constant(`o-${id}`),
            itemId: fc.constantFrom(...itemIds, 'gone'),
            offeredAt: time,
            expiresAt: fc.integer({ min: -5, max: 5 }).map((s) => now + s * SEC),
          }),
          { nil: null, freq: 4 },
        );
  return fc.record({
    id: fc.constant(id),
    loggedIn: fc.integer({ min: 0, max: 7 }).map((n) => n !== 0),
    status: fc.constantFrom('ACTIVE' as const, 'ACTIVE' as const, 'ACTIVE' as const, 'AWAY' as const),
    availableFor: fc.oneof(fc.constant(GROUPS), fc.subarray(GROUPS)),
    // Duplicates on purpose: an agent listed twice in an inbox is still one candidate.
    inboxIds: fc.array(fc.constantFrom(...INBOXES), { maxLength: 4 }),
    skills: fc.subarray(SKILLS),
    load: fc.record({
      voice: fc.nat({ max: 1 }),
      messaging: fc.nat({ max: 4 }),
      mail: fc.nat({ max: 3 }),
      tasks: fc.nat({ max: 3 }),
    }),
    pendingOffer: offer,
    messagingCapacity: fc.record({ standard: fc.nat({ max: 3 }), maximum: fc.nat({ max: 5 }) }),
    focusMode: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
    nextRequests: fc.nat({ max: 2 }),
    mailTaskAutoPushPending: fc.boolean(),
    lastOfferedAt: maybeTime,
    lastAssignedAt: maybeTime,
    lastMessagingAssignedAt: fc.option(
      fc.integer({ min: -30, max: 0 }).map((s) => now + s * SEC),
      { nil: null },
    ),
  });
}

function itemArb(id: string, agentCount: number): fc.Arbitrary<TWorkItem> {
  return fc.record({
    id: fc.constant(id),
    kind: fc.constant('CONVERSATION' as const),
    inboxId: fc.constantFrom(...INBOXES),
    channel: fc.constantFrom(...CHANNELS),
    customerAttributes: fc.record({
      tier: fc.constantFrom('gold', 'silver', 'Gold member'),
      ltv: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant('42'), fc.constant(null)),
    }),
    topicIds: fc.subarray(['t1', 't2', 't3']),
    dueAt: maybeTime,
    enqueuedAt: time,
    transferred: fc.boolean(),
    requiredSkills: fc.option(fc.subarray(SKILLS, { maxLength: 2 }), { nil: undefined, freq: 2 }),
    declinedBy: rejections(agentCount),
    missedBy: rejections(agentCount),
  });
}

const conditionArb: fc.Arbitrary<TBoostCondition> = fc.oneof(
  fc.record({
    kind: fc.constant('SKILLS' as const),
    match: fc.constantFrom('ALL' as const, 'ANY' as const),
    skills: fc.subarray(SKILLS, { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ kind: fc.constant('CHANNEL' as const), channels: fc.subarray(CHANNELS, { minLength: 1, maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('INBOX' as const),
    op: fc.constantFrom('INCLUDES' as const, 'EXCLUDES' as const),
    inboxIds: fc.subarray(INBOXES, { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('TRANSFER_STATUS' as const),
    status: fc.constantFrom('INITIAL' as const, 'REMATCHING' as const),
  }),
  fc.record({
    kind: fc.constant('DUE' as const),
    op: fc.constantFrom('DUE_IN' as const, 'OVERDUE' as const, 'OVERDUE_BY' as const),
    seconds: fc.constantFrom(0, 30, 600),
  }),
  fc.record({
    kind: fc.constant('WAIT_TIME' as const),
    op: fc.constantFrom('LONGER_THAN' as const, 'SHORTER_THAN' as const),
    seconds: fc.constantFrom(0, 30, 600),
  }),
  fc.record({
    kind: fc.constant('TOPICS' as const),
    match: fc.constantFrom('ANY' as const, 'ALL' as const),
    topicIds: fc.subarray(['t1', 't2', 't3'], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('STRING_ATTRIBUTE' as const),
    key: fc.constantFrom('tier', 'missing'),
    op: fc.constantFrom('CONTAINS' as const, 'NOT_CONTAINS' as const),
    mode: fc.constantFrom('ANY' as const, 'ONLY' as const, 'REGEX' as const, 'WORDS' as const),
    values: fc.subarray(['gold', 'silver', '^g', 'member', '('], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('NUMBER_ATTRIBUTE' as const),
    key: fc.constantFrom('ltv', 'tier'),
    negate: fc.boolean(),
    comparator: fc.constantFrom('EQ' as const, 'GT' as const, 'GTE' as const, 'LT' as const, 'LTE' as const),
    value: fc.constantFrom(0, 42, 50),
  }),
);

const boostsArb: fc.Arbitrary<TBoostRule[]> = fc.uniqueArray(
  fc.record({
    id: fc.constantFrom('b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7'),
    points: fc.constantFrom(1 as const, 3 as const, 5 as const, 10 as const),
    conditions: fc.array(conditionArb, { maxLength: 3 }),
  }),
  { maxLength: 6, selector: (rule) => rule.id },
);

const inboxOverrideArb: fc.Arbitrary<Partial<TInboxRoutingConfig>> = fc.record(
  {
    messagingAutoAssign: fc.boolean(),
    nextMessageDelaySeconds: fc.constantFrom(0, 10, 60),
    declineGraceSeconds: fc.constantFrom(0, 30, 60),
    messagingAutoEndSeconds: fc.constantFrom(0, 60, 900),
  },
  { requiredKeys: [] },
);

const snapshotArb: fc.Arbitrary<TRoutingSnapshot> = fc
  .record({ agentCount: fc.integer({ min: 1, max: 12 }), itemCount: fc.integer({ min: 0, max: 30 }) })
  .chain(({ agentCount, itemCount }) => {
    const itemIds = Array.from({ length: itemCount }, (_, i) => `c${i}`);
    const agentIds = Array.from({ length: agentCount }, (_, i) => `a${i}`);
    return fc.record({
      agents: fc.tuple(...agentIds.map((id) => agentArb(id, itemIds))),
      items: itemCount === 0 ? fc.constant([]) : fc.tuple(...itemIds.map((id) => itemArb(id, agentCount))),
      sessions: fc.uniqueArray(
        fc.record({
          conversationId: fc.string({ minLength: 1, maxLength: 3 }).map((s) => `s-${s}`),
          agentId: fc.constantFrom(...agentIds),
          awaitingCustomerSince: fc.option(
            fc.integer({ min: -2000, max: 0 }).map((s) => now + s * SEC),
            { nil: null },
          ),
          inboxId: fc.constantFrom(...INBOXES),
        }),
        { maxLength: 4, selector: (s) => s.conversationId },
      ),
      boosts: boostsArb,
      defaults: fc.record({
        messagingAutoAssign: fc.boolean(),
        nextMessageDelaySeconds: fc.constantFrom(0, 10),
        declineGraceSeconds: fc.constantFrom(0, 30),
      }),
      inboxes: fc.dictionary(fc.constantFrom(...INBOXES), inboxOverrideArb, { maxKeys: 3 }),
    });
  })
  .map(({ agents, items, sessions, boosts, defaults, inboxes }) => ({
    agents,
    items,
    sessions,
    boosts,
    config: config(defaults, inboxes),
  }));

describe('decide: identical to the reference algorithm', () => {
  it('returns the same decisions in the same order for random snapshots', () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        expect(decide(snapshot, now)).toEqual(decideReference(snapshot, now));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees on crowded snapshots: many agents per inbox, one skill-dependent boost class each', () => {
    // Larger worlds with fewer inboxes, so that many agents compete for many items and boosts split the agents.
    const crowdedArb = fc
      .record({ agentCount: fc.integer({ min: 10, max: 40 }), itemCount: fc.integer({ min: 10, max: 80 }) })
      .chain(({ agentCount, itemCount }) => {
        const itemIds = Array.from({ length: itemCount }, (_, i) => `c${String(i).padStart(3, '0')}`);
        return fc.record({
          agents: fc.tuple(...Array.from({ length: agentCount }, (_, i) => agentArb(`a${i}`, itemIds))),
          items: fc.tuple(...itemIds.map((id) => itemArb(id, agentCount))),
          boosts: boostsArb,
        });
      })
      .map(({ agents, items, boosts }) => ({
        agents: agents.map((a) => ({ ...a, inboxIds: a.inboxIds.length ? a.inboxIds : ['i1'] })),
        items,
        sessions: [],
        boosts,
        config: config({ nextMessageDelaySeconds: 10, declineGraceSeconds: 30 }),
      }));
    fc.assert(
      fc.property(crowdedArb, (snapshot) => {
        expect(decide(snapshot, now)).toEqual(decideReference(snapshot, now));
      }),
      { numRuns: 300 },
    );
  });

  it('stays identical over a simulated loop of decides (offers accepted, declined and missed)', () => {
    // A deterministic mini version of bench/routing: decisions are applied and fed back into the next snapshot.
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
    let agents: TAgentSnapshot[] = Array.from({ length: 60 }, (_, i) => ({
      id: `a${String(i).padStart(2, '0')}`,
      loggedIn: true,
      status: 'ACTIVE',
      availableFor: random() < 0.6 ? ['MESSAGING', 'MAIL', 'TASK', 'VOICE'] : ['MESSAGING'],
      inboxIds: [pick(INBOXES), pick(INBOXES)],
      skills: SKILLS.filter(() => random() < 0.3),
      load: { voice: 0, messaging: 0, mail: 0, tasks: 0 },
      pendingOffer: null,
      messagingCapacity: { standard: 2, maximum: 3 },
      focusMode: false,
      nextRequests: 0,
      mailTaskAutoPushPending: true,
      lastOfferedAt: null,
      lastAssignedAt: null,
      lastMessagingAssignedAt: null,
    }));
    let items: TWorkItem[] = Array.from({ length: 400 }, (_, i) => {
      const enqueuedAt = now - Math.floor(random() * 3600) * SEC;
      return {
        id: `c${String(i).padStart(3, '0')}`,
        kind: 'CONVERSATION',
        inboxId: pick(INBOXES),
        channel: pick(['CHAT', 'SMS', 'EMAIL', 'EMAIL', 'PHONE_CALL', 'TASK'] as const),
        customerAttributes: { tier: pick(['gold', 'silver']) },
        topicIds: random() < 0.5 ? ['t1'] : [],
        dueAt: random() < 0.9 ? enqueuedAt + pick([15, 60]) * 60 * SEC : null,
        enqueuedAt,
        transferred: random() < 0.1,
        declinedBy: [],
        missedBy: [],
      };
    });
    const boosts: TBoostRule[] = [
      { id: 'vip', points: 10, conditions: [{ kind: 'SKILLS', match: 'ALL', skills: ['s1'] }] },
      {
        id: 'gold',
        points: 3,
        conditions: [{ kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'CONTAINS', mode: 'ONLY', values: ['gold'] }],
      },
      {
        id: 'topic',
        points: 5,
        conditions: [
          { kind: 'SKILLS', match: 'ANY', skills: ['s2', 's3'] },
          { kind: 'TOPICS', match: 'ANY', topicIds: ['t1'] },
        ],
      },
      { id: 'late', points: 1, conditions: [{ kind: 'DUE', op: 'OVERDUE', seconds: 0 }] },
    ];
    const cfg = config({ nextMessageDelaySeconds: 5, declineGraceSeconds: 20 }, { i2: { messagingAutoAssign: true } });
    const loadKey = { VOICE: 'voice', MESSAGING: 'messaging', MAIL: 'mail', TASK: 'tasks' } as const;
    let t = now;
    let routedTotal = 0;
    // One engine for the whole loop, as the service keeps one per org. Items and agents are values: a decline or miss
    // replaces the item with a new object (same id), a changed agent is a new object; the engine must notice both.
    const engine = createRoutingEngine();
    const reject = (itemId: string, field: 'declinedBy' | 'missedBy', agentId: string) => {
      items = items.map((i) => (i.id === itemId ? { ...i, [field]: [...i[field], { agentId, at: t }] } : i));
    };
    for (let step = 0; step < 40; step++) {
      const snapshot: TRoutingSnapshot = { agents, items, sessions: [], boosts, config: cfg };
      const expected = decideReference(snapshot, t);
      expect(engine.decide(snapshot, t)).toEqual(expected);
      const itemById = new Map(items.map((i) => [i.id, i]));
      const done = new Set<string>();
      // The agent's object of this step, safe to change: a copy of the last snapshot's (made once per step).
      agents = [...agents];
      const copies = new Set<TAgentSnapshot>();
      const edit = (agentId: string): TAgentSnapshot => {
        const k = agents.findIndex((a) => a.id === agentId);
        const old = agents[k] as TAgentSnapshot;
        if (copies.has(old)) return old;
        const copy = { ...old, load: { ...old.load } };
        copies.add(copy);
        agents[k] = copy;
        return copy;
      };
      for (const d of expected) {
        const a = edit(d.agentId);
        if (d.type === 'EXPIRE_OFFER') {
          reject(d.itemId, 'missedBy', a.id);
          a.pendingOffer = null;
        } else if (d.type === 'OFFER' || d.type === 'ASSIGN') {
          routedTotal++;
          if (d.viaNext) a.nextRequests -= 1;
          if (d.consumesAutoPush) a.mailTaskAutoPushPending = false;
          a.lastOfferedAt = t;
          if (d.type === 'ASSIGN') {
            a.load[loadKey[d.group]] += 1;
            if (d.group === 'MESSAGING') a.lastMessagingAssignedAt = t;
            done.add(d.itemId);
          } else {
            a.pendingOffer = { offerId: `o-${d.itemId}`, itemId: d.itemId, offeredAt: t, expiresAt: d.expiresAt };
          }
        }
      }
      for (const current of agents) {
        if (!current.pendingOffer || current.pendingOffer.offeredAt === t) continue;
        const r = random();
        const it = itemById.get(current.pendingOffer.itemId) as TWorkItem;
        const a = r < 0.85 ? edit(current.id) : current;
        if (r < 0.6) {
          a.load[loadKey[CHANNEL_GROUP[it.channel]]] += 1;
          a.lastAssignedAt = t;
          done.add(it.id);
          a.pendingOffer = null;
        } else if (r < 0.85) {
          reject(it.id, 'declinedBy', a.id);
          a.pendingOffer = null;
        }
      }
      for (const current of agents) {
        if (random() < 0.1) edit(current.id).nextRequests += 1;
        if (current.load.messaging > 0 && random() < 0.2) edit(current.id).load.messaging -= 1;
        if (current.load.voice > 0 && random() < 0.3) edit(current.id).load.voice -= 1;
      }
      items = items.filter((i) => !done.has(i.id));
      t += 2 * SEC + Math.floor(random() * 20) * SEC;
    }
    expect(routedTotal).toBeGreaterThan(100);
  });

  it('agrees with 30 boosts or more (rule sets no longer fit a 30-bit mask)', () => {
    const manyBoosts = fc.uniqueArray(
      fc.record({
        id: fc.integer({ min: 0, max: 99 }).map((n) => `b${String(n).padStart(2, '0')}`),
        points: fc.constantFrom(1 as const, 3 as const, 5 as const, 10 as const),
        conditions: fc.array(conditionArb, { maxLength: 2 }),
      }),
      { minLength: 30, maxLength: 40, selector: (rule) => rule.id },
    );
    fc.assert(
      fc.property(snapshotArb, manyBoosts, (snapshot, boosts) => {
        const many = { ...snapshot, boosts };
        expect(decide(many, now)).toEqual(decideReference(many, now));
      }),
      { numRuns: 150 },
    );
  });

  it('one engine over a sequence of decides agrees at every step (items and agents kept, cloned, edited, gone and back)', () => {
    // What the engine carries between decides (item facts, sorted lists) must never change an answer: items are
    // passed again as the same objects, as equal copies, with one routing field edited, with other contents under
    // the same ids, partly, or as they were two decides ago; boosts stay or change; the clock jumps across due-date
    // and wait-time thresholds (conditions use 0, 30 and 600 s), stands still, or even goes back.
    const stepArb = fc.record({
      snapshot: snapshotArb,
      items: fc.constantFrom('same', 'copies', 'edited', 'new', 'half', 'earlier'),
      agents: fc.constantFrom('same', 'copies', 'edited', 'new', 'half', 'reversed', 'earlier'),
      keepBoosts: fc.boolean(),
      advanceSeconds: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 1300 }),
        fc.integer({ min: -40, max: -1 }),
      ),
    });
    const copy = (i: TWorkItem): TWorkItem => ({
      ...i,
      customerAttributes: { ...i.customerAttributes },
      topicIds: [...i.topicIds],
    });
    // One routing field of the item taken from another item (the generated one of the same position).
    const FIELDS = [
      'inboxId',
      'channel',
      'dueAt',
      'enqueuedAt',
      'transferred',
      'topicIds',
      'customerAttributes',
    ] as const;
    const edit = (i: TWorkItem, k: number, other: TWorkItem | undefined): TWorkItem =>
      other === undefined
        ? copy(i)
        : { ...copy(i), [FIELDS[k % FIELDS.length] as string]: other[FIELDS[k % FIELDS.length] as keyof TWorkItem] };
    // Agents too: kept, equal copies, one field taken from the generated agent of the same position (load, presence,
    // skills, inboxes, availability, fairness, capacity, Next requests, pending offer), replaced, partly gone, in
    // another order, or as they were two decides ago.
    const copyAgent = (a: TAgentSnapshot): TAgentSnapshot => ({
      ...a,
      load: { ...a.load },
      messagingCapacity: { ...a.messagingCapacity },
      availableFor: [...a.availableFor],
      inboxIds: [...a.inboxIds],
      skills: [...a.skills],
    });
    const AGENT_FIELDS = [
      'load',
      'status',
      'skills',
      'inboxIds',
      'availableFor',
      'lastOfferedAt',
      'lastAssignedAt',
      'messagingCapacity',
      'nextRequests',
      'pendingOffer',
      'loggedIn',
      'focusMode',
      'mailTaskAutoPushPending',
      'lastMessagingAssignedAt',
    ] as const;
    const editAgent = (a: TAgentSnapshot, k: number, other: TAgentSnapshot | undefined): TAgentSnapshot => {
      const field = AGENT_FIELDS[k % AGENT_FIELDS.length] as keyof TAgentSnapshot;
      return other === undefined ? copyAgent(a) : { ...copyAgent(a), [field]: other[field] };
    };
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 2, maxLength: 7 }), (steps) => {
        const engine = createRoutingEngine();
        let t = now;
        const past: TRoutingSnapshot[] = [];
        for (const [n, step] of steps.entries()) {
          t += step.advanceSeconds * SEC;
          let snapshot = step.snapshot;
          const previous = past[past.length - 1];
          if (previous !== undefined) {
            const fresh = snapshot.items;
            const kept = previous.items;
            const items = {
              same: kept,
              copies: kept.map(copy),
              edited: kept.map((i, k) => edit(i, k + n, fresh[k])),
              new: fresh,
              half: kept.filter((_, k) => k % 2 === n % 2),
              earlier: (past[past.length - 2] ?? previous).items,
            }[step.items];
            const freshAgents = snapshot.agents;
            const keptAgents = previous.agents;
            const agents = {
              same: keptAgents,
              copies: keptAgents.map(copyAgent),
              edited: keptAgents.map((a, k) => (k % 2 === n % 2 ? editAgent(a, k + n, freshAgents[k]) : a)),
              new: freshAgents,
              half: keptAgents.filter((_, k) => k % 2 === n % 2),
              reversed: [...keptAgents].reverse(),
              earlier: (past[past.length - 2] ?? previous).agents,
            }[step.agents];
            snapshot = { ...snapshot, items, agents, boosts: step.keepBoosts ? previous.boosts : snapshot.boosts };
          }
          expect(engine.decide(snapshot, t)).toEqual(decideReference(snapshot, t));
          past.push(snapshot);
        }
      }),
      { numRuns: 800 },
    );
  });
});
