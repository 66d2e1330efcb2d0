import { buildAgentPools, GROUPS, levelsFor, type TGroupPools, type TLevel, type TPool } from './agent-pools.js';
import type { TCompiledBoosts } from './boost-rules.js';
import { resolvedOfferTimeoutMs } from './config.js';
import { hasRequiredSkills, isInGrace, type TSlot } from './eligibility.js';
import { heapify, heapPop, heapPushPop, heapSiftTop, type TBefore } from './heap.js';
import { compareFacts, type TItemFacts, type TItemList } from './item-facts.js';
import type { TItemIndex } from './item-index.js';
import type { TBoostScore } from './people-match.js';
import {
  PEOPLE_MATCH_GROUPS,
  type TAgentSnapshot,
  type TChannelGroup,
  type TDecision,
  type TInboxRoutingConfig,
  type TRoutingSnapshot,
  type TWorkItem,
} from './routing-types.js';

const NO_LEVELS: readonly TLevel[] = [];
const NO_SCORE: TBoostScore = { points: 0, ruleIds: [], reasons: [] };
const AUTO_SLOT: TSlot = { viaNext: false, consumesAutoPush: false };

// A stream of candidate items: one list of the item index (items that rank alike, walked from `position`), or a
// single item with a restriction of its own (required skills, a decline or miss in grace). `front` is its next item.
interface TStream {
  list: TItemList | null;
  position: number;
  front: TItemFacts | null;
  /** Points of its items that do not depend on the agent's class (boosts every class of the pool satisfies). */
  uniform: number;
}

// The streams of one pool whose items choose agents alike (same levels; a restricted item is a bucket of its own),
// as a heap by (uniform points desc, front item key): the bucket's candidate is the top stream's front item, `agent`
// its best free eligible agent when last computed.
interface TBucket {
  pool: TGroupPools;
  levels: readonly TLevel[];
  checked: boolean;
  streams: number[];
  agent: number;
  slot: TSlot;
  // The bucket's key in the heap of buckets, kept up to date by findBest(): tier, then the candidate's points.
  tier: number;
  points: number;
}

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
): TDecision[] {
  const offeredItemIds: string[] = [];
  for (const agent of snapshot.agents) if (agent.pendingOffer) offeredItemIds.push(agent.pendingOffer.itemId);
  const checkedItems = index.refresh(snapshot.items, now, boosts, snapshot.config, offeredItemIds);
  const pools = buildAgentPools(snapshot.agents, now, configs, boosts);
  const { ranked, used } = pools;
  const points = boosts.points;

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

  const streams: TStream[] = [];
  const buckets: TBucket[] = [];
  const candidateOf = (bucket: TBucket): TStream => streams[bucket.streams[0] as number] as TStream;

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
  const beforeStream: TBefore = (i, j) => {
    const x = streams[i] as TStream;
    const y = streams[j] as TStream;
    return (y.uniform - x.uniform || compareFacts(x.front as TItemFacts, y.front as TItemFacts)) < 0;
  };

  // The bucket's best free eligible agent for its candidate; false when there is none (or no item) left.
  const findBest = (bucket: TBucket): boolean => {
    if (bucket.streams.length === 0) return false;
    const pool = bucket.pool;
    const all = pool.all;
    if (firstFreeAny(all) < 0) return false;
    const candidate = candidateOf(bucket);
    const item = (candidate.front as TItemFacts).item;
    const { checked, levels } = bucket;
    const graceSeconds = pool.graceSeconds;
    if (levels.length === 0) {
      // No varying boost holds for these items: every class gives the same points, the fairest agent wins.
      const k = firstFree(all, item, checked, graceSeconds);
      if (k < 0) return false;
      bucket.agent = all.agents[k] as number;
      bucket.slot = all.slots[k] as TSlot;
      bucket.points = candidate.uniform;
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
  const newBucket = (pool: TGroupPools, levels: readonly TLevel[], checked: boolean): TBucket => {
    const bucket = { pool, levels, checked, streams: [], agent: -1, slot: AUTO_SLOT, tier: pool.tier, points: 0 };
    buckets.push(bucket);
    return bucket;
  };

  for (const pool of pools.all) {
    // A pool without a free agent now never gets one in this decide.
    if (firstFreeAny(pool.all) < 0) continue;
    const shared = new Map<readonly TLevel[], TBucket>();
    for (const list of index.listsOf(pool.inboxId, pool.groupIndex) ?? []) {
      const stream: TStream = { list, position: index.start(list), front: null, uniform: 0 };
      advance(stream);
      if (stream.front === null) continue;
      const { uniform, levels } = rankingFor(pool, list);
      stream.uniform = uniform;
      let bucket = shared.get(levels);
      if (bucket === undefined) {
        bucket = newBucket(pool, levels, false);
        shared.set(levels, bucket);
      }
      bucket.streams.push(streams.push(stream) - 1);
    }
  }
  for (const facts of checkedItems) {
    const pool = pools.byInbox.get(facts.item.inboxId)?.[facts.groupIndex];
    if (!pool || firstFreeAny(pool.all) < 0 || index.isOffered(facts)) continue;
    const { uniform, levels } = rankingFor(pool, facts.list as TItemList);
    newBucket(pool, levels, true).streams.push(streams.push({ list: null, position: 0, front: facts, uniform }) - 1);
  }

  // Bucket order: tier, then the candidate's points (highest first), then its item key.
  const beforeBucket: TBefore = (x, y) => {
    const bx = buckets[x] as TBucket;
    const by = buckets[y] as TBucket;
    const byKey =
      bx.tier - by.tier ||
      by.points - bx.points ||
      compareFacts(candidateOf(bx).front as TItemFacts, candidateOf(by).front as TItemFacts);
    return byKey < 0;
  };
  const heap: number[] = [];
  for (let b = 0; b < buckets.length; b++) {
    const bucket = buckets[b] as TBucket;
    if (bucket.streams.length > 1) heapify(bucket.streams, beforeStream);
    if (findBest(bucket)) heap.push(b);
  }
  heapify(heap, beforeBucket);

  // The bucket just served (or re-evaluated) goes back and the next minimum comes out in one sift (heapPushPop).
  const decisions: TDecision[] = [];
  let b = heap.length > 0 ? heapPop(heap, beforeBucket) : -1;
  while (b >= 0) {
    const bucket = buckets[b] as TBucket;
    const a = bucket.agent;
    if (used[a] !== 1) {
      used[a] = 1;
      const stream = streams[bucket.streams[0] as number] as TStream;
      const facts = stream.front as TItemFacts;
      stream.position++;
      advance(stream);
      if (stream.front !== null) heapSiftTop(bucket.streams, beforeStream);
      else heapPop(bucket.streams, beforeStream);
      const agent = ranked[a] as TAgentSnapshot;
      const group = GROUPS[bucket.pool.groupIndex] as TChannelGroup;
      // The facts' holding set is the one valid now (item-index.ts): this is scorePair(boosts.rules, item, agent, now).
      const score = PEOPLE_MATCH_GROUPS.has(group) ? boosts.scoreWith(facts.holding, agent) : NO_SCORE;
      decisions.push(toDecision(configs, facts.item, agent, group, bucket.slot, score, now));
    }
    if (findBest(bucket)) b = heapPushPop(heap, b, beforeBucket);
    else b = heap.length > 0 ? heapPop(heap, beforeBucket) : -1;
  }
  return decisions;
}

// decide-reference.ts builds its decisions with its own copy of this function on purpose: the oracle shares no code
// with the engine it checks.
function toDecision(
  configs: (inboxId: string) => TInboxRoutingConfig,
  item: TWorkItem,
  agent: TAgentSnapshot,
  group: TChannelGroup,
  slot: TSlot,
  score: TBoostScore,
  now: number,
): TDecision {
  const matchReasons = [`inbox:${item.inboxId}`];
  const skills = item.requiredSkills;
  if (skills !== undefined) for (const skill of skills) matchReasons.push(`skill:${skill}`);
  for (const reason of score.reasons) matchReasons.push(reason);
  matchReasons.push(item.dueAt !== null ? 'oldest-due' : 'oldest-queued');
  if (slot.viaNext) matchReasons.push('next');
  const { viaNext, consumesAutoPush } = slot;
  const config = configs(item.inboxId);
  const itemId = item.id;
  const agentId = agent.id;
  const points = score.points;
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
