import { clampMessagingAutoEndSeconds, inboxConfig, offerTimeoutMs } from './config.js';
import { capacitySlot, hasRequiredSkills, isInGrace, isRoutableAgent, type TSlot } from './eligibility.js';
import {
  agentConditionHolds,
  compileItemCondition,
  isAgentCondition,
  scorePair,
  type TAgentCondition,
  type TBoostScore,
  type TItemCondition,
} from './people-match.js';
import {
  CHANNEL_GROUP,
  GROUP_TIER,
  PEOPLE_MATCH_GROUPS,
  type TAgentSnapshot,
  type TBoostRule,
  type TChannelGroup,
  type TDecision,
  type TInboxRoutingConfig,
  type TRejection,
  type TRoutingConfig,
  type TRoutingSnapshot,
  type TWorkItem,
} from './routing-types.js';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const GROUPS: readonly TChannelGroup[] = ['VOICE', 'MESSAGING', 'MAIL', 'TASK'];
const GROUP_INDEX: Readonly<Record<TChannelGroup, number>> = { VOICE: 0, MESSAGING: 1, MAIL: 2, TASK: 3 };

// Whether any rejection is recent enough to keep its agent from the item (the test isInGrace() applies per agent).
function anyInGrace(rejections: readonly TRejection[], now: number, graceSeconds: number): boolean {
  const graceMs = graceSeconds * 1000;
  for (let k = 0; k < rejections.length; k++) if (now - (rejections[k] as TRejection).at < graceMs) return true;
  return false;
}
const NO_LEVELS: readonly TLevel[] = [];
const AUTO_SLOT: TSlot = { viaNext: false, consumesAutoPush: false };

// Rough relative cost of evaluating an item condition, to try cheap ones first.
const CONDITION_COST: Readonly<Record<TItemCondition['kind'], number>> = {
  TRANSFER_STATUS: 0,
  DUE: 0,
  WAIT_TIME: 0,
  CHANNEL: 1,
  INBOX: 1,
  TOPICS: 2,
  NUMBER_ATTRIBUTE: 3,
  STRING_ATTRIBUTE: 4,
};

// Decisions are returned in a fixed order (expiries, session ends, then offers by priority) and depend only on
// the snapshot's contents, never on the order of its arrays.
export function decide(snapshot: TRoutingSnapshot, now: number): TDecision[] {
  const configs = configCache(snapshot.config);
  const decisions = expireOffers(snapshot, now);
  for (const decision of endSilentSessions(snapshot, now, configs)) decisions.push(decision);
  for (const decision of matchWork(snapshot, now, configs)) decisions.push(decision);
  return decisions;
}

// inboxConfig() is pure but allocates when an inbox has overrides; resolve each inbox once per decide.
function configCache(config: TRoutingConfig): (inboxId: string) => TInboxRoutingConfig {
  const cache = new Map<string, TInboxRoutingConfig>();
  return (inboxId) => {
    let resolved = cache.get(inboxId);
    if (resolved === undefined) {
      resolved = inboxConfig(config, inboxId);
      cache.set(inboxId, resolved);
    }
    return resolved;
  };
}

function expireOffers(snapshot: TRoutingSnapshot, now: number): TDecision[] {
  const decisions: TDecision[] = [];
  // Filtering before sorting gives the same order as sorting everything (the sort is stable).
  const expiring = snapshot.agents.filter((agent) => agent.pendingOffer && now >= agent.pendingOffer.expiresAt);
  for (const agent of expiring.sort((a, b) => byString(a.id, b.id))) {
    const offer = agent.pendingOffer;
    if (offer) {
      decisions.push({
        type: 'EXPIRE_OFFER',
        offerId: offer.offerId,
        itemId: offer.itemId,
        agentId: agent.id,
        reason: 'MISSED',
      });
    }
  }
  return decisions;
}

function endSilentSessions(
  snapshot: TRoutingSnapshot,
  now: number,
  configs: (inboxId: string) => TInboxRoutingConfig,
): TDecision[] {
  const decisions: TDecision[] = [];
  // Filtering before sorting gives the same order as sorting everything (the sort is stable).
  const silent = snapshot.sessions.filter(
    (session) =>
      session.awaitingCustomerSince !== null &&
      now - session.awaitingCustomerSince >=
        clampMessagingAutoEndSeconds(configs(session.inboxId).messagingAutoEndSeconds) * 1000,
  );
  for (const session of silent.sort((a, b) => byString(a.conversationId, b.conversationId))) {
    decisions.push({
      type: 'END_SESSION',
      conversationId: session.conversationId,
      agentId: session.agentId,
      reason: 'CUSTOMER_NO_REPLY',
    });
  }
  return decisions;
}

// The free agents of one (inbox, channel group) with a capacity slot, in fairness order (least recently served,
// then id). `head` only moves past agents already used in this decide, so each list is walked about once.
interface TPool {
  agents: number[];
  slots: TSlot[];
  head: number;
}

// Agents of one pool that satisfy the same boosts' agent parts (skills): People Match points of a pair depend only
// on the item and on this class.
interface TClass extends TPool {
  agentPart: Uint8Array;
}

// Everything about one (inbox, channel group): its agents, their classes, and the items waiting for them, kept as a
// binary heap by (points, item key) — the tier is the same for the whole pool.
interface TGroupPools {
  all: TPool;
  classes: TClass[];
  classByKey: Map<number | string, TClass>;
  tier: number;
  graceSeconds: number;
  // Boosts every class satisfies on the agent side (their points depend on the item only), and boosts only some
  // classes satisfy; boosts no class satisfies give no pair of this pool points.
  uniformRules: number[];
  varyingRules: number[];
  // For each set of varying boosts whose item part holds (the key), the classes grouped by the points they give.
  levelsByKey: Map<number | string, TLevel[]>;
  buckets: Map<readonly TLevel[], TBucket>;
}

// Items of one pool that choose agents alike: the same levels, and no item-specific restriction (required skills,
// a decline or miss in grace) — or a single item that has one. `items` is a heap by (uniform points, item key); the
// front item is the bucket's candidate, `agent` its best free eligible agent when last computed.
interface TBucket {
  pool: TGroupPools;
  levels: readonly TLevel[];
  checked: boolean;
  graceSeconds: number;
  items: number[];
  agent: number;
  slot: TSlot;
  levelPoints: number;
}

// Classes that give an item the same points; levels are kept from the most points down.
interface TLevel {
  points: number;
  classes: TClass[];
}

/*
 * Matching. The specified order is greedy over all eligible (item, agent) pairs sorted by: tier; People Match
 * points; due date; enqueuedAt; item id; least recently served agent; agent id — the first pair whose item and agent
 * are both still free wins (decide-reference.ts does exactly that and is the oracle of decide.differential.test.ts).
 * That scan accepts, each time, the smallest pair among pairs whose item and agent are both free. Item keys are unique
 * and come before agent keys, so an item's smallest free pair is its best points, then its fairest agent.
 *
 * No pair is materialised:
 * - Pools: each (inbox, group) lists its free agents with a capacity slot in fairness order, split into classes by
 *   the boosts whose agent part (skills; every other condition is about the item) they satisfy. A boost every class
 *   satisfies is "uniform" (its points depend on the item only); the others are "varying". For a set of varying
 *   boosts holding on the item side, the classes group into levels by points: an item's best free agent is the
 *   fairest free agent of the highest level that has one. Heads skip used agents for good.
 * - Buckets: items of a pool with the same varying boosts and no item-specific restriction choose agents alike, so
 *   they share one bucket, a heap by (uniform points desc, item key); an item with required skills or a decline/miss
 *   in grace is a bucket of its own. A pool with no free agent at the start is skipped without scoring its items.
 * - A heap of buckets by (tier, front item's total points desc, front item key) gives the next pair. A bucket's best
 *   agent can only get worse as agents are used, so a popped bucket whose cached agent is still free is the true
 *   minimum (lazy re-evaluation); otherwise it is re-evaluated and goes back.
 * Work: O(agents × inboxes + items × boosts + decisions × log buckets + re-evaluations), no object per pair.
 */
function matchWork(
  snapshot: TRoutingSnapshot,
  now: number,
  configs: (inboxId: string) => TInboxRoutingConfig,
): TDecision[] {
  const items = snapshot.items;
  const offeredItemIds = new Set<string>();
  for (const agent of snapshot.agents) if (agent.pendingOffer) offeredItemIds.add(agent.pendingOffer.itemId);

  // Boosts in id order, so that matchReasons do not depend on the order of the input array.
  const boosts = [...snapshot.boosts].sort((a, b) => byString(a.id, b.id));
  const ruleCount = boosts.length;
  const rulePoints = boosts.map((rule) => rule.points);
  const agentConditions: TAgentCondition[][] = [];
  const itemTests: ((item: TWorkItem) => boolean)[][] = [];
  for (const rule of boosts) {
    const agentPart: TAgentCondition[] = [];
    const itemPart: TItemCondition[] = [];
    for (const condition of rule.conditions) {
      if (isAgentCondition(condition)) agentPart.push(condition);
      else itemPart.push(condition);
    }
    agentConditions.push(agentPart);
    // Conditions are pure, so their order inside a rule does not change its result: cheap checks first.
    itemTests.push(
      itemPart
        .sort((a, b) => CONDITION_COST[a.kind] - CONDITION_COST[b.kind])
        .map((condition) => compileItemCondition(condition, now)),
    );
  }

  // Routable agents ranked by fairness; an agent's rank is its index, so a smaller index is a fairer agent.
  const ranked = rankAgents(snapshot.agents.filter(isRoutableAgent));
  const used = new Uint8Array(ranked.length);
  const skillRules: number[] = [];
  for (let r = 0; r < ruleCount; r++) if ((agentConditions[r] as TAgentCondition[]).length > 0) skillRules.push(r);
  const agentPartHolds = (r: number, agent: TAgentSnapshot): boolean => {
    const conditions = agentConditions[r] as TAgentCondition[];
    for (let c = 0; c < conditions.length; c++) {
      if (!agentConditionHolds(conditions[c] as TAgentCondition, agent)) return false;
    }
    return true;
  };

  const poolsByInbox = new Map<string, (TGroupPools | undefined)[]>();
  const allPools: TGroupPools[] = [];
  const slots: (TSlot | null)[] = [null, null, null, null];
  for (let a = 0; a < ranked.length; a++) {
    const agent = ranked[a] as TAgentSnapshot;
    let classKey: number | string | null = null;
    // Only the messaging slot depends on the inbox (its next-message delay); the others are the agent's own.
    let any = false;
    for (let g = 0; g < GROUPS.length; g++) {
      slots[g] = g === 1 ? null : capacitySlot(agent, GROUPS[g] as TChannelGroup, now, 0);
      if (slots[g]) any = true;
    }
    // Whatever the delay, messaging needs a free standard slot or a Next request with a free maximum slot.
    const { standard, maximum } = agent.messagingCapacity;
    const messagingLoad = agent.load.messaging;
    const messagingPossible =
      agent.availableFor.includes('MESSAGING') &&
      (messagingLoad < standard || (agent.nextRequests > 0 && messagingLoad < Math.max(standard, maximum)));
    if (!any && !messagingPossible) continue;
    let messagingDelayMs: number | undefined;
    let messagingSlot: TSlot | null = null;
    const inboxIds = agent.inboxIds;
    for (let n = 0; n < inboxIds.length; n++) {
      const inboxId = inboxIds[n] as string;
      if (inboxIds.indexOf(inboxId) !== n) continue; // listed twice: one candidate
      if (!messagingPossible) {
        messagingSlot = null;
      } else {
        const delayMs = configs(inboxId).nextMessageDelaySeconds * 1000;
        if (messagingDelayMs === undefined || !Object.is(delayMs, messagingDelayMs)) {
          messagingDelayMs = delayMs;
          messagingSlot = capacitySlot(agent, 'MESSAGING', now, delayMs);
        }
      }
      slots[1] = messagingSlot;
      let pools = poolsByInbox.get(inboxId);
      if (!pools) {
        pools = [undefined, undefined, undefined, undefined];
        poolsByInbox.set(inboxId, pools);
      }
      for (let g = 0; g < GROUPS.length; g++) {
        const group = GROUPS[g] as TChannelGroup;
        const slot = slots[g];
        if (!slot) continue;
        let groupPools = pools[g];
        if (!groupPools) {
          groupPools = {
            all: { agents: [], slots: [], head: 0 },
            classes: [],
            classByKey: new Map(),
            tier: GROUP_TIER[group],
            graceSeconds: configs(inboxId).declineGraceSeconds,
            uniformRules: [],
            varyingRules: [],
            levelsByKey: new Map(),
            buckets: new Map(),
          };
          pools[g] = groupPools;
          allPools.push(groupPools);
        }
        groupPools.all.agents.push(a);
        groupPools.all.slots.push(slot);
        if (ruleCount === 0 || !PEOPLE_MATCH_GROUPS.has(group)) continue;
        if (classKey === null) {
          // Only boosts with skill conditions tell agents apart; the key is which of them the agent satisfies.
          let mask = 0;
          let bits = '';
          for (let j = 0; j < skillRules.length; j++) {
            const holds = agentPartHolds(skillRules[j] as number, agent);
            if (skillRules.length <= 30) {
              if (holds) mask |= 1 << j;
            } else bits += holds ? '1' : '0';
          }
          classKey = skillRules.length <= 30 ? mask : bits;
        }
        let cls = groupPools.classByKey.get(classKey);
        if (!cls) {
          const agentPart = new Uint8Array(ruleCount);
          for (let r = 0; r < ruleCount; r++) agentPart[r] = agentPartHolds(r, agent) ? 1 : 0;
          cls = { agents: [], slots: [], head: 0, agentPart };
          groupPools.classByKey.set(classKey, cls);
          groupPools.classes.push(cls);
        }
        cls.agents.push(a);
        cls.slots.push(slot);
      }
    }
  }

  // Integer points (the API allows 1, 3, 5, 10) add up exactly in any order, so a pair's points can be split into
  // the item's "uniform" part (boosts every class of the pool satisfies on the agent side) plus its class's part.
  // With other values, every active boost is treated as varying, which keeps scorePair()'s order of additions.
  const integerPoints = rulePoints.every((points) => Number.isInteger(points) && Math.abs(points) < 2 ** 40);
  for (const pool of allPools) {
    for (let r = 0; r < ruleCount; r++) {
      let some = false;
      let every = true;
      for (const cls of pool.classes) {
        if (cls.agentPart[r] === 1) some = true;
        else every = false;
      }
      if (!some) continue;
      if (every && integerPoints) pool.uniformRules.push(r);
      else pool.varyingRules.push(r);
    }
  }

  // Builds the levels for items for which the varying boosts `holding` hold on the item side: points per class
  // (summed in rule order), classes grouped by points, most points first.
  const buildLevels = (pool: TGroupPools, holding: readonly number[]): TLevel[] => {
    const byPoints = new Map<number, TClass[]>();
    for (const cls of pool.classes) {
      let p = 0;
      for (const r of holding) if (cls.agentPart[r] === 1) p += rulePoints[r] as number;
      const list = byPoints.get(p);
      if (list) list.push(cls);
      else byPoints.set(p, [cls]);
    }
    return [...byPoints].map(([points, classes]) => ({ points, classes })).sort((a, b) => b.points - a.points);
  };

  const holdsForItem = (r: number, item: TWorkItem): boolean => {
    const tests = itemTests[r] as ((item: TWorkItem) => boolean)[];
    for (let c = 0; c < tests.length; c++) if (!(tests[c] as (item: TWorkItem) => boolean)(item)) return false;
    return true;
  };

  // Per item: the uniform points and the item key, as numbers for fast comparison.
  // Every field is written for each item that is read back, so the scratch arrays need no clearing.
  const { uniformPoints, dueNull, due, enqueued } = scratchFor(items.length);
  const groupOf: TChannelGroup[] = new Array(items.length);

  // Same order as comparing (due date, none last; enqueuedAt; id) with compareDue() and subtraction.
  const compareItemIndex = (i: number, j: number): number => {
    const ni = dueNull[i] as number;
    const nj = dueNull[j] as number;
    if (ni !== nj) return ni - nj;
    if (ni === 0) {
      const d = (due[i] as number) - (due[j] as number);
      if (d) return d;
    }
    const e = (enqueued[i] as number) - (enqueued[j] as number);
    if (e) return e;
    return byString((items[i] as TWorkItem).id, (items[j] as TWorkItem).id);
  };
  // Inside a bucket every item gets the same class points, so the order is uniform points, then the item key.
  const beforeInBucket = (i: number, j: number): boolean =>
    ((uniformPoints[j] as number) - (uniformPoints[i] as number) || compareItemIndex(i, j)) < 0;

  // Position in pool of its first free agent, or -1; moves the pool's head past used agents for good.
  const firstFreeAny = (pool: TPool): number => {
    const list = pool.agents;
    let h = pool.head;
    while (h < list.length && used[list[h] as number] === 1) h++;
    pool.head = h;
    return h < list.length ? h : -1;
  };

  // Position in pool of the first free agent that may take the item (skills, decline grace), or -1.
  const firstFree = (pool: TPool, item: TWorkItem, checked: boolean, graceSeconds: number): number => {
    const h = firstFreeAny(pool);
    if (h < 0 || !checked) return h;
    const list = pool.agents;
    for (let k = h; k < list.length; k++) {
      const a = list[k] as number;
      if (used[a] === 1) continue;
      const agent = ranked[a] as TAgentSnapshot;
      if (hasRequiredSkills(item, agent) && !isInGrace(item, agent.id, now, graceSeconds)) return k;
    }
    return -1;
  };

  // The bucket's best free eligible agent for its front item; false when there is none (or no item) left.
  const findBest = (bucket: TBucket): boolean => {
    if (bucket.items.length === 0) return false;
    const pool = bucket.pool;
    const all = pool.all;
    if (firstFreeAny(all) < 0) return false;
    const item = items[bucket.items[0] as number] as TWorkItem;
    const { checked, graceSeconds, levels } = bucket;
    if (levels.length === 0) {
      // No varying boost holds for these items: every class gives the same points, the fairest agent wins.
      const k = firstFree(all, item, checked, graceSeconds);
      if (k < 0) return false;
      bucket.agent = all.agents[k] as number;
      bucket.slot = all.slots[k] as TSlot;
      bucket.levelPoints = 0;
      return true;
    }
    // The level with the most points that still has a free eligible agent; within it, the fairest such agent.
    for (const level of levels) {
      let agent = -1;
      let slot: TSlot | undefined;
      for (const cls of level.classes) {
        const k = firstFree(cls, item, checked, graceSeconds);
        if (k < 0) continue;
        const a = cls.agents[k] as number;
        if (agent < 0 || a < agent) {
          agent = a;
          slot = cls.slots[k];
        }
      }
      if (agent >= 0) {
        bucket.agent = agent;
        bucket.slot = slot as TSlot;
        bucket.levelPoints = level.points;
        return true;
      }
    }
    return false;
  };

  // Sort items into buckets: items of one pool for which the same varying boosts hold share the agent choice.
  // Items with required skills or a decline/miss still in grace have agents of their own: one bucket each.
  const buckets: TBucket[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as TWorkItem;
    if (offeredItemIds.has(item.id)) continue;
    const group = CHANNEL_GROUP[item.channel];
    if (group === undefined) continue;
    const pool = poolsByInbox.get(item.inboxId)?.[GROUP_INDEX[group]];
    // A pool without a free agent now never gets one in this decide.
    if (!pool || firstFreeAny(pool.all) < 0) continue;
    groupOf[i] = group;
    const dueAt = item.dueAt;
    dueNull[i] = dueAt === null ? 1 : 0;
    due[i] = dueAt === null ? 0 : dueAt;
    enqueued[i] = item.enqueuedAt;

    let uniform = 0;
    for (const r of pool.uniformRules) if (holdsForItem(r, item)) uniform += rulePoints[r] as number;
    uniformPoints[i] = uniform;
    let levels = NO_LEVELS;
    const varying = pool.varyingRules;
    if (varying.length > 0) {
      const small = varying.length <= 30;
      let mask = 0;
      let holding: number[] | null = null;
      for (let j = 0; j < varying.length; j++) {
        const r = varying[j] as number;
        if (!holdsForItem(r, item)) continue;
        if (small) mask |= 1 << j;
        if (holding === null) holding = [];
        holding.push(r);
      }
      if (holding !== null) {
        const key = small ? mask : holding.join(',');
        let built = pool.levelsByKey.get(key);
        if (built === undefined) {
          built = buildLevels(pool, holding);
          pool.levelsByKey.set(key, built);
        }
        levels = built;
      }
    }

    const graceSeconds = pool.graceSeconds;
    const checked =
      (item.requiredSkills !== undefined && item.requiredSkills.length > 0) ||
      anyInGrace(item.declinedBy, now, graceSeconds) ||
      anyInGrace(item.missedBy, now, graceSeconds);
    if (checked) {
      buckets.push({ pool, levels, checked, graceSeconds, items: [i], agent: -1, slot: AUTO_SLOT, levelPoints: 0 });
      continue;
    }
    let bucket = pool.buckets.get(levels);
    if (!bucket) {
      bucket = { pool, levels, checked, graceSeconds: 0, items: [], agent: -1, slot: AUTO_SLOT, levelPoints: 0 };
      pool.buckets.set(levels, bucket);
      buckets.push(bucket);
    }
    bucket.items.push(i);
  }

  // Bucket order: tier, then the front item's points (highest first), then its item key.
  const beforeBucket = (x: number, y: number): boolean => {
    const bx = buckets[x] as TBucket;
    const by = buckets[y] as TBucket;
    const ix = bx.items[0] as number;
    const iy = by.items[0] as number;
    const byKey =
      bx.pool.tier - by.pool.tier ||
      (uniformPoints[iy] as number) + by.levelPoints - ((uniformPoints[ix] as number) + bx.levelPoints) ||
      compareItemIndex(ix, iy);
    return byKey < 0;
  };
  const heap: number[] = [];
  for (let b = 0; b < buckets.length; b++) {
    const bucket = buckets[b] as TBucket;
    if (bucket.items.length > 1) heapify(bucket.items, beforeInBucket);
    if (findBest(bucket)) heap.push(b);
  }
  heapify(heap, beforeBucket);

  const boostsForScore: readonly TBoostRule[] = boosts;
  const decisions: TDecision[] = [];
  while (heap.length > 0) {
    const b = heapPop(heap, beforeBucket);
    const bucket = buckets[b] as TBucket;
    const a = bucket.agent;
    if (used[a] === 1) {
      if (findBest(bucket)) heapPush(heap, b, beforeBucket);
      continue;
    }
    used[a] = 1;
    const i = heapPop(bucket.items, beforeInBucket);
    const item = items[i] as TWorkItem;
    const agent = ranked[a] as TAgentSnapshot;
    const group = groupOf[i] as TChannelGroup;
    const score: TBoostScore = PEOPLE_MATCH_GROUPS.has(group)
      ? scorePair(boostsForScore, item, agent, now)
      : { points: 0, ruleIds: [], reasons: [] };
    decisions.push(toDecision(snapshot, configs, item, agent, group, bucket.slot, score, now));
    if (findBest(bucket)) heapPush(heap, b, beforeBucket);
  }
  return decisions;
}

// Per-item numbers, reused across calls (decide is synchronous and never re-entered), so that a large queue does
// not allocate fresh typed arrays on every call.
interface TScratch {
  size: number;
  uniformPoints: Float64Array;
  dueNull: Uint8Array;
  due: Float64Array;
  enqueued: Float64Array;
}
let scratch: TScratch = newScratch(0);

function newScratch(size: number): TScratch {
  return {
    size,
    uniformPoints: new Float64Array(size),
    dueNull: new Uint8Array(size),
    due: new Float64Array(size),
    enqueued: new Float64Array(size),
  };
}

function scratchFor(size: number): TScratch {
  if (scratch.size < size) scratch = newScratch(Math.max(size, scratch.size * 2, 1024));
  return scratch;
}

// Binary min-heap helpers over item indices.
function heapify(heap: number[], before: (i: number, j: number) => boolean): void {
  for (let k = (heap.length >> 1) - 1; k >= 0; k--) siftDown(heap, k, heap[k] as number, before);
}

function heapPush(heap: number[], i: number, before: (i: number, j: number) => boolean): void {
  let k = heap.length;
  heap.push(i);
  while (k > 0) {
    const parent = (k - 1) >> 1;
    const p = heap[parent] as number;
    if (!before(i, p)) break;
    heap[k] = p;
    k = parent;
  }
  heap[k] = i;
}

function heapPop(heap: number[], before: (i: number, j: number) => boolean): number {
  const top = heap[0] as number;
  const last = heap.pop() as number;
  if (heap.length > 0) siftDown(heap, 0, last, before);
  return top;
}

function siftDown(heap: number[], from: number, value: number, before: (i: number, j: number) => boolean): void {
  const n = heap.length;
  let k = from;
  for (;;) {
    const left = 2 * k + 1;
    if (left >= n) break;
    const right = left + 1;
    let child = left;
    if (right < n && before(heap[right] as number, heap[left] as number)) child = right;
    const c = heap[child] as number;
    if (!before(c, value)) break;
    heap[k] = c;
    k = child;
  }
  heap[k] = value;
}

function rankAgents(agents: TAgentSnapshot[]): TAgentSnapshot[] {
  const lastServed = new Float64Array(agents.length);
  const order: number[] = new Array(agents.length);
  for (let a = 0; a < agents.length; a++) {
    const agent = agents[a] as TAgentSnapshot;
    lastServed[a] = Math.max(agent.lastOfferedAt ?? -Infinity, agent.lastAssignedAt ?? -Infinity);
    order[a] = a;
  }
  order.sort(
    (a, b) =>
      compareNumbers(lastServed[a] as number, lastServed[b] as number) ||
      byString((agents[a] as TAgentSnapshot).id, (agents[b] as TAgentSnapshot).id),
  );
  return order.map((a) => agents[a] as TAgentSnapshot);
}

// Never-served agents carry -Infinity; subtraction would give NaN when both do.
function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toDecision(
  snapshot: TRoutingSnapshot,
  configs: (inboxId: string) => TInboxRoutingConfig,
  item: TWorkItem,
  agent: TAgentSnapshot,
  group: TChannelGroup,
  slot: TSlot,
  score: TBoostScore,
  now: number,
): TDecision {
  const matchReasons = [
    `inbox:${item.inboxId}`,
    ...(item.requiredSkills ?? []).map((skill) => `skill:${skill}`),
    ...score.reasons,
    item.dueAt !== null ? 'oldest-due' : 'oldest-queued',
  ];
  if (slot.viaNext) matchReasons.push('next');
  const common = {
    itemId: item.id,
    agentId: agent.id,
    group,
    viaNext: slot.viaNext,
    consumesAutoPush: slot.consumesAutoPush,
    points: score.points,
    matchReasons,
  };
  if (group === 'MESSAGING' && configs(item.inboxId).messagingAutoAssign) {
    return { type: 'ASSIGN', ...common };
  }
  return {
    type: 'OFFER',
    ...common,
    expiresAt: now + offerTimeoutMs(snapshot.config, item.inboxId, group),
    declinable: group !== 'MAIL',
  };
}
