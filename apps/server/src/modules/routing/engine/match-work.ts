import type { TAgentIndex } from './agent-index.js';
import { GROUPS, levelsFor, SLOTS, type TBucket, type TGroupPools, type TLevel, type TPool } from './agent-pools.js';
import type { TCompiledBoosts } from './boost-rules.js';
import { resolvedOfferTimeoutMs } from './config.js';
import type { TSlot } from './eligibility.js';
import { heapify, heapPop, heapPushPop, heapSiftTop, type TBefore } from './heap.js';
import { compareFacts, type TItemFacts, type TItemList, type TStream } from './item-facts.js';
import type { TItemIndex } from './item-index.js';
import {
  PEOPLE_MATCH_GROUPS,
  type TAgentSnapshot,
  type TChannelGroup,
  type TDecision,
  type TInboxRoutingConfig,
  type TRejection,
  type TRoutingSnapshot,
} from './routing-types.js';

const NO_LEVELS: readonly TLevel[] = [];
const AUTO_SLOT: TSlot = { viaNext: false, consumesAutoPush: false };
/** The offers and assignments of one decide, and the agents with a pending offer (decide.ts expires them). */
export interface TMatch {
  decisions: TDecision[];
  pending: readonly TAgentSnapshot[];
}

/** Arrays one engine reuses from decide to decide (they would be garbage otherwise). */
export interface TMatchScratch {
  offered: string[];
  buckets: TBucket[];
  heap: TBucket[];
  /** `inbox:<id>` match reasons by inbox id (the same string for every decision of the inbox). */
  inboxReasons: Map<string, string>;
}

export function createMatchScratch(): TMatchScratch {
  return { offered: [], buckets: [], heap: [], inboxReasons: new Map() };
}

// Decides so far (any engine): tells a bucket kept on its pool whether it is already in this decide's list.
let decides = 0;

/*
 * Matching. The specified order is greedy over all eligible (item, agent) pairs sorted by: tier; People Match
 * points; due date; enqueuedAt; item id; least recently served agent; agent id — the first pair whose item and agent
 * are both still free wins (decide-reference.ts does exactly that and is the oracle of decide.differential.test.ts).
 * That scan accepts, each time, the smallest pair among pairs whose item and agent are both free. Item keys are unique
 * and come before agent keys, so an item's smallest free pair is its best points, then its fairest agent.
 *
 * No pair is materialised:
 * - Pools (agent-pools.ts): each (inbox, group) lists its free agents with a capacity slot in fairness order, split
 *   into classes by the boosts whose agent part (skills) they satisfy. A boost every class satisfies is "uniform" (its
 *   points depend on the item only); the others are "varying". For a set of varying boosts holding on the item side,
 *   the classes group into levels by points: an item's best free agent is the fairest free agent of the highest level
 *   that has one. Heads skip used agents for good.
 * - Streams and buckets: the item index keeps, across decides, the items of each (inbox, group) with the same boosts
 *   holding on the item side in one list sorted by item key (one stream). Streams of a pool with the same varying
 *   boosts holding choose agents alike and share a bucket, a heap of streams by (uniform points desc, front key); an
 *   item with required skills or a decline/miss in grace is a bucket of its own. A pool with no free agent is skipped
 *   without looking at its lists.
 * - A heap of buckets by (tier, candidate's points desc, candidate's item key) gives the next pair. A bucket's best
 *   agent can only get worse as agents are used, so a popped bucket whose cached agent is still free is the true
 *   minimum (lazy re-evaluation); otherwise it is re-evaluated and goes back.
 * Work: O(items looked up + agents × inboxes + changed items × boosts + decisions × log + re-evaluations).
 */
export function matchWork(
  snapshot: TRoutingSnapshot,
  now: number,
  configs: (inboxId: string) => TInboxRoutingConfig,
  boosts: TCompiledBoosts,
  index: TItemIndex,
  agentIndex: TAgentIndex,
  scratch: TMatchScratch = createMatchScratch(),
): TMatch {
  const pools = agentIndex.pools(snapshot.agents, now, configs, boosts, snapshot.config);
  const pending = pools.pending ?? snapshot.agents;
  // Scratch arrays are written by index and cut to length: emptying one (length = 0) would drop its storage.
  const offeredItemIds = scratch.offered;
  let offered = 0;
  for (const agent of pending) if (agent.pendingOffer) offeredItemIds[offered++] = agent.pendingOffer.itemId;
  offeredItemIds.length = offered;
  const checkedItems = index.refresh(snapshot.items, now, boosts, snapshot.config, offeredItemIds);
  const { ranked, used } = pools;
  const points = boosts.points;

  // Position in pool of its first free agent, or -1; moves the pool's head past used agents for good.
  const firstFreeAny = (pool: TPool): number => {
    const list = pool.agents;
    const length = pool.length;
    let h = pool.head;
    while (h < length && used[list[h] as number] === 1) h++;
    pool.head = h;
    return h < length ? h : -1;
  };

  // Position in pool of the first free agent that may take the item (skills, decline grace), or -1.
  const firstFree = (pool: TPool, facts: TItemFacts, checked: boolean, graceSeconds: number): number => {
    const h = firstFreeAny(pool);
    if (h < 0 || !checked) return h;
    const list = pool.agents;
    for (let k = h; k < pool.length; k++) {
      const a = list[k] as number;
      if (used[a] === 1) continue;
      const agent = ranked[a] as TAgentSnapshot;
      if (hasSkills(facts.requiredSkills, agent) && !inGrace(facts, agent.id, now, graceSeconds)) return k;
    }
    return -1;
  };

  const decide = ++decides;
  const buckets = scratch.buckets;
  let bucketCount = 0;
  const candidateOf = (bucket: TBucket): TStream => bucket.streams[0] as TStream;

  // A list stream's next item: live in this snapshot, not held by a pending offer, not routed on its own.
  const advance = (stream: TStream): void => {
    const list = stream.list;
    if (list === null) {
      stream.front = null;
      return;
    }
    const entries = list.entries;
    let k = stream.position;
    while (k < entries.length) {
      const facts = entries[k] as TItemFacts;
      if (index.isLive(list, k) && !index.isChecked(facts) && !index.isOffered(facts)) break;
      k++;
    }
    stream.position = k;
    stream.front = k < entries.length ? (entries[k] as TItemFacts) : null;
  };
  // Inside a bucket every item gets the same class points, so streams go by uniform points, then front item key.
  const beforeStream: TBefore<TStream> = (x, y) => {
    return (y.uniform - x.uniform || compareFacts(x.front as TItemFacts, y.front as TItemFacts)) < 0;
  };

  // The bucket's best free eligible agent for its candidate; false when there is none (or no item) left.
  const findBest = (bucket: TBucket): boolean => {
    if (bucket.streams.length === 0) return false;
    const pool = bucket.pool;
    const all = pool.all;
    if (firstFreeAny(all) < 0) return false;
    const candidate = candidateOf(bucket);
    const front = candidate.front as TItemFacts;
    const { checked, levels } = bucket;
    const graceSeconds = pool.graceSeconds;
    if (levels.length === 0) {
      // No varying boost holds for these items: every class gives the same points, the fairest agent wins.
      const k = firstFree(all, front, checked, graceSeconds);
      if (k < 0) return false;
      bucket.agent = all.agents[k] as number;
      bucket.slot = SLOTS[all.slots[k] as number] as TSlot;
      bucket.points = candidate.uniform;
      return true;
    }
    // The level with the most points that still has a free eligible agent; within it, the fairest such agent.
    for (const level of levels) {
      let agent = -1;
      let slot: TSlot | undefined;
      for (const cls of level.classes) {
        if (cls.head >= cls.length) continue; // no agent (left) in this class now (pools keep their classes)
        const k = firstFree(cls, front, checked, graceSeconds);
        if (k < 0) continue;
        const a = cls.agents[k] as number;
        if (agent < 0 || a < agent) {
          agent = a;
          slot = SLOTS[cls.slots[k] as number];
        }
      }
      if (agent >= 0) {
        bucket.agent = agent;
        bucket.slot = slot as TSlot;
        bucket.points = candidate.uniform + level.points;
        return true;
      }
    }
    return false;
  };

  // Uniform points and levels of the items for which exactly the boosts `holding` hold on the item side.
  // Lists whose bit sets agree on the pool's uniform and varying rules rank alike: their ranking is computed once.
  const rankingFor = (pool: TGroupPools, list: TItemList) => {
    if (list.mask < 0 || pool.uniformBits < 0) return computeRanking(pool, list.holding);
    const key = list.mask & (pool.uniformBits | pool.varyingBits);
    let ranking = pool.rankings.get(key);
    if (ranking === undefined) {
      ranking = computeRanking(pool, list.holding);
      pool.rankings.set(key, ranking);
    }
    return ranking;
  };
  const computeRanking = (pool: TGroupPools, holding: readonly number[]) => {
    let uniform = 0;
    const varying: number[] = [];
    for (const r of holding) {
      const kind = pool.ruleKind[r];
      if (kind === 1) uniform += points[r] as number;
      else if (kind === 2) varying.push(r);
    }
    if (varying.length === 0) return { uniform, levels: NO_LEVELS };
    const key = varying.join(',');
    let levels = pool.levelsByKey.get(key);
    if (levels === undefined) {
      levels = levelsFor(pool, varying, points);
      pool.levelsByKey.set(key, levels);
    }
    return { uniform, levels };
  };
  const newBucket = (pool: TGroupPools, levels: readonly TLevel[], checked: boolean): TBucket => ({
    pool,
    levels,
    checked,
    streams: [],
    count: 0,
    agent: -1,
    slot: AUTO_SLOT,
    tier: pool.tier,
    points: 0,
    decide: 0,
  });

  for (const pool of pools.all) {
    // A pool without a free agent now never gets one in this decide.
    if (firstFreeAny(pool.all) < 0) continue;
    for (const list of index.listsOf(pool.inboxId, pool.groupIndex) ?? []) {
      // Each list belongs to one pool: its stream is used once per decide.
      const stream = list.stream;
      stream.position = index.start(list);
      // The first live entry is most often the front (advance() would check it again, reading the list's arrays).
      const first = list.headFacts;
      if (first !== null && !index.isChecked(first) && !index.isOffered(first)) stream.front = first;
      else advance(stream);
      if (stream.front === null) continue;
      let bucket = stream.bucket;
      if (bucket === null || stream.partition !== pool.partition) {
        const { uniform, levels } = rankingFor(pool, list);
        stream.uniform = uniform;
        bucket = pool.buckets.get(levels) ?? null;
        if (bucket === null) {
          bucket = newBucket(pool, levels, false);
          pool.buckets.set(levels, bucket);
        }
        stream.bucket = bucket;
        stream.partition = pool.partition;
      }
      if (bucket.decide !== decide) {
        bucket.decide = decide;
        bucket.count = 0;
        buckets[bucketCount++] = bucket;
      }
      bucket.streams[bucket.count++] = stream;
    }
  }
  for (let b = 0; b < bucketCount; b++) {
    const bucket = buckets[b] as TBucket;
    bucket.streams.length = bucket.count;
  }
  for (const facts of checkedItems) {
    const pool = pools.byInbox.get(facts.inboxId)?.[facts.groupIndex];
    if (!pool || firstFreeAny(pool.all) < 0 || index.isOffered(facts)) continue;
    const { uniform, levels } = rankingFor(pool, facts.list as TItemList);
    const bucket = newBucket(pool, levels, true);
    bucket.streams.push({ list: null, position: 0, front: facts, uniform, bucket, partition: 0 });
    buckets[bucketCount++] = bucket;
  }
  buckets.length = bucketCount;

  // Bucket order: tier, then the candidate's points (highest first), then its item key.
  const beforeBucket: TBefore<TBucket> = (bx, by) => {
    const byKey =
      bx.tier - by.tier ||
      by.points - bx.points ||
      compareFacts(candidateOf(bx).front as TItemFacts, candidateOf(by).front as TItemFacts);
    return byKey < 0;
  };
  const heap = scratch.heap;
  let heapCount = 0;
  for (const bucket of buckets) {
    if (bucket.streams.length > 1) heapify(bucket.streams, beforeStream);
    if (findBest(bucket)) heap[heapCount++] = bucket;
  }
  heap.length = heapCount;
  heapify(heap, beforeBucket);

  // The bucket just served (or re-evaluated) goes back and the next minimum comes out in one sift (heapPushPop).
  const decisions: TDecision[] = [];
  let bucket = heap.length > 0 ? heapPop(heap, beforeBucket) : null;
  while (bucket !== null) {
    const a = bucket.agent;
    if (used[a] !== 1) {
      used[a] = 1;
      const stream = bucket.streams[0] as TStream;
      const facts = stream.front as TItemFacts;
      stream.position++;
      advance(stream);
      if (stream.front !== null) heapSiftTop(bucket.streams, beforeStream);
      else heapPop(bucket.streams, beforeStream);
      const agent = ranked[a] as TAgentSnapshot;
      const group = GROUPS[bucket.pool.groupIndex] as TChannelGroup;
      // The facts' holding set is the one valid now (item-index.ts): the points and reasons are those of
      // scorePair(boosts.rules, item, agent, now).
      const scored = PEOPLE_MATCH_GROUPS.has(group) ? boosts : null;
      decisions.push(toDecision(configs, facts, agent, group, bucket.slot, scored, now, scratch.inboxReasons));
    }
    if (findBest(bucket)) bucket = heapPushPop(heap, bucket, beforeBucket);
    else bucket = heap.length > 0 ? heapPop(heap, beforeBucket) : null;
  }
  return { decisions, pending };
}

// hasRequiredSkills() of eligibility.ts, from the facts' copy of the item's required skills.
function hasSkills(required: readonly string[] | undefined, agent: TAgentSnapshot): boolean {
  if (required === undefined) return true;
  for (let k = 0; k < required.length; k++) if (!agent.skills.includes(required[k] as string)) return false;
  return true;
}

// isInGrace() of eligibility.ts, from the facts' copies of the item's declines and misses.
function inGrace(facts: TItemFacts, agentId: string, now: number, graceSeconds: number): boolean {
  const graceMs = graceSeconds * 1000;
  for (let list = 0; list < 2; list++) {
    const rejections = list === 0 ? facts.declinedBy : facts.missedBy;
    for (let k = 0; k < rejections.length; k++) {
      const rejection = rejections[k] as TRejection;
      if (rejection.agentId === agentId && now - rejection.at < graceMs) return true;
    }
  }
  return false;
}

// decide-reference.ts builds its decisions with its own copy of this function on purpose: the oracle shares no code
// with the engine it checks.
function toDecision(
  configs: (inboxId: string) => TInboxRoutingConfig,
  facts: TItemFacts,
  agent: TAgentSnapshot,
  group: TChannelGroup,
  slot: TSlot,
  boosts: TCompiledBoosts | null,
  now: number,
  inboxReasons: Map<string, string>,
): TDecision {
  const inboxId = facts.inboxId;
  let inboxReason = inboxReasons.get(inboxId);
  if (inboxReason === undefined) {
    inboxReason = `inbox:${inboxId}`;
    inboxReasons.set(inboxId, inboxReason);
  }
  const matchReasons = [inboxReason];
  const skills = facts.requiredSkills;
  if (skills !== undefined) for (const skill of skills) matchReasons.push(`skill:${skill}`);
  const points = boosts === null ? 0 : boosts.addReasons(facts.holding, agent, matchReasons);
  matchReasons.push(facts.dueNull === 0 ? 'oldest-due' : 'oldest-queued');
  if (slot.viaNext) matchReasons.push('next');
  const { viaNext, consumesAutoPush } = slot;
  const config = configs(inboxId);
  const itemId = facts.id;
  const agentId = agent.id;
  if (group === 'MESSAGING' && config.messagingAutoAssign) {
    return { type: 'ASSIGN', itemId, agentId, group, viaNext, consumesAutoPush, points, matchReasons };
  }
  const expiresAt = now + resolvedOfferTimeoutMs(config, group);
  const declinable = group !== 'MAIL';
  return {
    type: 'OFFER',
    itemId,
    agentId,
    group,
    viaNext,
    consumesAutoPush,
    points,
    matchReasons,
    expiresAt,
    declinable,
  };
}
