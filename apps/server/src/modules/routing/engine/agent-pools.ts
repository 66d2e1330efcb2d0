import type { TCompiledBoosts } from './boost-rules.js';
import { capacitySlot, isRoutableAgent, type TSlot } from './eligibility.js';
import type { TStream } from './item-facts.js';
import {
  GROUP_TIER,
  PEOPLE_MATCH_GROUPS,
  type TAgentSnapshot,
  type TChannelGroup,
  type TInboxRoutingConfig,
} from './routing-types.js';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const GROUPS: readonly TChannelGroup[] = ['VOICE', 'MESSAGING', 'MAIL', 'TASK'];
// rulePartition() calls so far (any engine): a pool's partition number is unique, so a stream's cached bucket can
// never be taken for one of another pool or of an earlier partition.
let partitions = 0;

// The free agents of one (inbox, channel group) with a capacity slot, in fairness order (least recently served,
// then id): the first `length` entries of `agents` (ranks) and `slots` (SLOTS codes). Typed arrays, so the agent index
// (agent-index.ts) refills them at every decide without allocating. `head` only moves past agents already used in
// this decide, so each list is walked about once.
export interface TPool {
  agents: Int32Array;
  slots: Uint8Array;
  length: number;
  head: number;
}

// A capacity slot as a code in TPool.slots (capacitySlot() returns slots equal to these).
export const SLOTS: readonly TSlot[] = [
  { viaNext: false, consumesAutoPush: false },
  { viaNext: true, consumesAutoPush: false },
  { viaNext: false, consumesAutoPush: true },
];
export const AUTO_CODE = 0;
export const NEXT_CODE = 1;
export const slotCode = (slot: TSlot): number => (slot.viaNext ? NEXT_CODE : slot.consumesAutoPush ? 2 : AUTO_CODE);

export function newPool(): TPool {
  return { agents: new Int32Array(8), slots: new Uint8Array(8), length: 0, head: 0 };
}

export function pushAgent(pool: TPool, rank: number, code: number): void {
  const n = pool.length;
  if (n === pool.agents.length) {
    const agents = new Int32Array(2 * n);
    agents.set(pool.agents);
    pool.agents = agents;
    const slots = new Uint8Array(2 * n);
    slots.set(pool.slots);
    pool.slots = slots;
  }
  pool.agents[n] = rank;
  pool.slots[n] = code;
  pool.length = n + 1;
}

export function clearPool(pool: TPool): void {
  pool.length = 0;
  pool.head = 0;
}

// Agents of one pool that satisfy the same boosts' agent parts (skills): People Match points of a pair depend only
// on the item and on this class.
export interface TClass extends TPool {
  agentPart: Uint8Array;
}

// Classes that give an item the same points; levels are kept from the most points down.
export interface TLevel {
  points: number;
  classes: TClass[];
}

// Everything about one (inbox, channel group) on the agent side in one decide.
export interface TGroupPools {
  inboxId: string;
  groupIndex: number;
  all: TPool;
  classes: TClass[];
  classByKey: Map<number | string, TClass>;
  tier: number;
  graceSeconds: number;
  // Per rule: 1 when every class satisfies its agent part (its points depend on the item only: "uniform"), 2 when
  // only some do ("varying"); 0 when none does (it gives no pair of this pool points).
  ruleKind: Uint8Array;
  // For each set of varying boosts whose item part holds (the key), the classes grouped by the points they give.
  levelsByKey: Map<string, TLevel[]>;
  // The rules of kind 1 and 2 as bit sets (-1 with 30 rules or more), and the rankings of item lists by the part of
  // their bit set these rules cover (match-work.ts).
  uniformBits: number;
  varyingBits: number;
  rankings: Map<number, { uniform: number; levels: readonly TLevel[] }>;
  // Kept between decides by the agent index (agent-index.ts): every class the pool ever had (`classes` is a copy of
  // it as of the pool's last rulePartition()).
  known: TClass[];
  // match-work.ts's buckets of list streams by levels, kept between decides while the levels are (rulePartition()
  // starts them afresh).
  buckets: Map<readonly TLevel[], TBucket>;
  /** Set by each rulePartition() to a number no pool had before: list streams cache their bucket under it. */
  partition: number;
}

// The streams of one pool whose items choose agents alike (same levels; a restricted item is a bucket of its own),
// as a heap by (uniform points desc, front item key): the bucket's candidate is the top stream's front item, `agent`
// its best free eligible agent when last computed (match-work.ts).
export interface TBucket {
  pool: TGroupPools;
  levels: readonly TLevel[];
  checked: boolean;
  /** A heap; written by index up to `count` while the decide gathers its streams (agent-pools.ts keeps its storage). */
  streams: TStream[];
  count: number;
  agent: number;
  slot: TSlot;
  // The bucket's key in the heap of buckets, kept up to date by findBest(): tier, then the candidate's points.
  tier: number;
  points: number;
  /** The decide that last used it (buckets of lists are kept on their pool). */
  decide: number;
}

export interface TAgentPools {
  /** Routable agents ranked by fairness: an agent's rank is its index, a smaller index is a fairer agent. */
  ranked: TAgentSnapshot[];
  /** Per ranked agent: 1 once it got a decision in this decide. */
  used: Uint8Array;
  byInbox: Map<string, (TGroupPools | undefined)[]>;
  all: TGroupPools[];
  /** The snapshot's agents with a pending offer, in no particular order (null: not known, look at every agent). */
  pending: readonly TAgentSnapshot[] | null;
}

/** The agent side of one (inbox, channel group), empty (shared by buildAgentPools and the agent index). */
export function newGroupPools(
  inboxId: string,
  groupIndex: number,
  config: TInboxRoutingConfig,
  ruleCount: number,
): TGroupPools {
  return {
    inboxId,
    groupIndex,
    all: newPool(),
    classes: [],
    classByKey: new Map(),
    tier: GROUP_TIER[GROUPS[groupIndex] as TChannelGroup],
    graceSeconds: config.declineGraceSeconds,
    ruleKind: new Uint8Array(ruleCount),
    levelsByKey: new Map(),
    uniformBits: 0,
    varyingBits: 0,
    rankings: new Map(),
    known: [],
    buckets: new Map(),
    partition: 0,
  };
}

/** Only boosts with skill conditions tell agents apart; the key is which of them the agent satisfies. */
export function classKeyOf(agent: TAgentSnapshot, boosts: TCompiledBoosts): number | string {
  const skillRules = boosts.skillRules;
  let mask = 0;
  let bits = '';
  for (let j = 0; j < skillRules.length; j++) {
    const holds = boosts.agentPartHolds(skillRules[j] as number, agent);
    if (skillRules.length <= 30) {
      if (holds) mask |= 1 << j;
    } else bits += holds ? '1' : '0';
  }
  return skillRules.length <= 30 ? mask : bits;
}

/** A People Match class, empty, for agents that satisfy the boosts' agent parts as `agent` does. */
export function newClass(agent: TAgentSnapshot, boosts: TCompiledBoosts): TClass {
  const agentPart = new Uint8Array(boosts.rules.length);
  for (let r = 0; r < agentPart.length; r++) agentPart[r] = boosts.agentPartHolds(r, agent) ? 1 : 0;
  return { ...newPool(), agentPart };
}

/** Splits the routable agents with a free capacity slot into pools per (inbox, channel group), and those into classes. */
export function buildAgentPools(
  agents: readonly TAgentSnapshot[],
  now: number,
  configs: (inboxId: string) => TInboxRoutingConfig,
  boosts: TCompiledBoosts,
): TAgentPools {
  const ruleCount = boosts.rules.length;
  const ranked = rankAgents(agents.filter(isRoutableAgent));
  const byInbox = new Map<string, (TGroupPools | undefined)[]>();
  const all: TGroupPools[] = [];
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
      let pools = byInbox.get(inboxId);
      if (!pools) {
        pools = [undefined, undefined, undefined, undefined];
        byInbox.set(inboxId, pools);
      }
      for (let g = 0; g < GROUPS.length; g++) {
        const group = GROUPS[g] as TChannelGroup;
        const slot = slots[g];
        if (!slot) continue;
        let groupPools = pools[g];
        if (!groupPools) {
          groupPools = newGroupPools(inboxId, g, configs(inboxId), ruleCount);
          pools[g] = groupPools;
          all.push(groupPools);
        }
        pushAgent(groupPools.all, a, slotCode(slot));
        if (ruleCount === 0 || !PEOPLE_MATCH_GROUPS.has(group)) continue;
        if (classKey === null) classKey = classKeyOf(agent, boosts);
        let cls = groupPools.classByKey.get(classKey);
        if (!cls) {
          cls = newClass(agent, boosts);
          groupPools.classByKey.set(classKey, cls);
          groupPools.classes.push(cls);
          groupPools.known.push(cls);
        }
        pushAgent(cls, a, slotCode(slot));
      }
    }
  }

  for (const pool of all) rulePartition(pool, boosts);
  return { ranked, used: new Uint8Array(ranked.length), byInbox, all, pending: null };
}

/** Sets the pool's ruleKind and rule bit sets from its classes. */
export function rulePartition(pool: TGroupPools, boosts: TCompiledBoosts): void {
  const ruleCount = boosts.rules.length;
  pool.partition = ++partitions;
  pool.ruleKind.fill(0);
  pool.buckets = new Map();
  pool.uniformBits = 0;
  pool.varyingBits = 0;
  // Integer points add up exactly in any order, so a pair's points can be split into the item's "uniform" part plus
  // its class's part. With other values every active boost is treated as varying, which keeps scorePair()'s order
  // of additions.
  for (let r = 0; r < ruleCount; r++) {
    let some = false;
    let every = true;
    for (const cls of pool.classes) {
      if (cls.agentPart[r] === 1) some = true;
      else every = false;
    }
    if (some) pool.ruleKind[r] = every && boosts.integerPoints ? 1 : 2;
    if (ruleCount >= 30) continue;
    if (pool.ruleKind[r] === 1) pool.uniformBits |= 1 << r;
    else if (pool.ruleKind[r] === 2) pool.varyingBits |= 1 << r;
  }
  if (ruleCount >= 30) {
    pool.uniformBits = -1;
    pool.varyingBits = -1;
  }
}

/** The pool's levels for items whose item part holds for the varying boosts `holding` (in rule order). */
export function levelsFor(pool: TGroupPools, holding: readonly number[], points: readonly number[]): TLevel[] {
  const byPoints = new Map<number, TClass[]>();
  for (const cls of pool.classes) {
    let p = 0;
    for (const r of holding) if (cls.agentPart[r] === 1) p += points[r] as number;
    const list = byPoints.get(p);
    if (list) list.push(cls);
    else byPoints.set(p, [cls]);
  }
  return [...byPoints].map(([p, classes]) => ({ points: p, classes })).sort((a, b) => b.points - a.points);
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
