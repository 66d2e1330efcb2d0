import type { TGroupPools, TPool } from './agent-pools.js';
import type { TAgentSnapshot } from './routing-types.js';

// What the agent index (agent-index.ts) keeps per agent between decides.

// The pools of one inbox (index as in GROUPS), and its next-message delay in this decide.
export interface TInboxRow {
  inboxId: string;
  pools: (TGroupPools | undefined)[];
  delayMs: number;
}

// Where an agent goes, per (inbox, channel group) of its inboxes and groups, as parallel arrays (read at every
// decide for every routable agent: contiguous, not an object each): the pool's list, its class's list in that pool
// (null: no People Match), the group index, and the inbox (for the next-message delay). The first `messaging` are
// the messaging pools (each membership is another pool, so their order is free): a refill passes over them at once
// while the agent can take no messaging anywhere.
export interface TMemberships {
  pools: TPool[];
  classes: (TPool | null)[];
  groups: number[];
  rows: TInboxRow[];
  messaging: number;
}

export const NO_MEMBERSHIPS: TMemberships = { pools: [], classes: [], groups: [], rows: [], messaging: 0 };

// What the index derives from one agent object; kept while the agent is the same object or an equal one.
export interface TAgentEntry {
  agent: TAgentSnapshot;
  /** The agent's place in the index's per-agent typed arrays (TAgentSlots), stable while the agent stays. */
  readonly slot: number;
  routable: boolean;
  lastServed: number;
  /** The capacity slots (SLOTS codes, -1: none) of voice, mail and tasks (they do not depend on the clock); index 1
   * (messaging) unused. */
  slots: number[];
  /** Bit g set when the agent is available for group g: its memberships are its inboxes' pools of these groups (the
   * slots decide at each decide whether it goes in). */
  groups: number;
  /** Which boosts' agent parts (skills) the agent satisfies: its class in People Match pools (null: not computed). */
  classKey: number | string | null;
  /** Messaging: a free standard slot (automatic, after the next-message delay), a Next request with a free maximum. */
  messagingAuto: boolean;
  messagingNext: boolean;
  /** Some capacity slot is possible (whatever the clock): an agent full everywhere is passed over at once. */
  anySlot: boolean;
  /** Only the automatic messaging slot is possible (no Next request, no voice, mail or task slot). */
  autoOnly: boolean;
  /** While `now < messagingSkipUntil` no messaging pool takes the agent (agent-index.ts: skipUntilOf). */
  messagingSkipUntil: number;
  memberships: TMemberships;
}

export function newEntry(agent: TAgentSnapshot, slot: number): TAgentEntry {
  return {
    agent,
    slot,
    routable: false,
    lastServed: 0,
    slots: [-1, -1, -1, -1],
    groups: 0,
    classKey: null,
    messagingAuto: false,
    messagingNext: false,
    anySlot: false,
    autoOnly: false,
    messagingSkipUntil: Number.NEGATIVE_INFINITY,
    memberships: NO_MEMBERSHIPS,
  };
}

/**
 * The per-agent values the index reads for every agent at every decide, by slot, in typed arrays: walking 1,000
 * agents then reads a few contiguous arrays instead of 1,000 objects scattered over the heap (the agent loops were
 * mostly waiting on memory). Slots of agents that left are reused.
 */
export interface TAgentSlots {
  entries: (TAgentEntry | undefined)[];
  agents: (TAgentSnapshot | undefined)[];
  /** The decide (epoch) that last met the agent, and the one that last derived its entry. */
  seen: Int32Array;
  changed: Int32Array;
  /** The fairness timestamp (TAgentEntry.lastServed). */
  lastServed: Float64Array;
  /** The refill passes the agent over while `now < skipUntil` (agent-index.ts: skipUntilOf). */
  skipUntil: Float64Array;
  free: number[];
  size: number;
}

export function newAgentSlots(): TAgentSlots {
  const capacity = 64;
  return {
    entries: [],
    agents: [],
    seen: new Int32Array(capacity),
    changed: new Int32Array(capacity),
    lastServed: new Float64Array(capacity),
    skipUntil: new Float64Array(capacity),
    free: [],
    size: 0,
  };
}

/** A slot for a new agent (a free one, or one more, growing the arrays). */
export function takeSlot(table: TAgentSlots): number {
  const reused = table.free.pop();
  if (reused !== undefined) return reused;
  const slot = table.size++;
  if (slot === table.seen.length) {
    const grow = <T extends Int32Array | Float64Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    table.seen = grow(table.seen, new Int32Array(2 * slot));
    table.changed = grow(table.changed, new Int32Array(2 * slot));
    table.lastServed = grow(table.lastServed, new Float64Array(2 * slot));
    table.skipUntil = grow(table.skipUntil, new Float64Array(2 * slot));
  }
  return slot;
}

export function releaseSlot(table: TAgentSlots, slot: number): void {
  table.entries[slot] = undefined;
  table.agents[slot] = undefined;
  table.free.push(slot);
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Fairness order of two agents by slot: least recently served first, then id (the reference's order). */
export function compareSlots(table: TAgentSlots, a: number, b: number): number {
  const x = table.lastServed[a] as number;
  const y = table.lastServed[b] as number;
  if (x < y) return -1;
  if (x > y) return 1;
  return byString((table.agents[a] as TAgentSnapshot).id, (table.agents[b] as TAgentSnapshot).id);
}

/**
 * The fairness ranking of this decide (`epoch`), written into `next`; returns its length. Agents of the last ranking
 * met again unchanged keep their order; `incoming` (the changed and new routable agents, sorted by compareSlots) are
 * merged in.
 */
export function mergeRanking(
  table: TAgentSlots,
  last: Int32Array,
  lastCount: number,
  incoming: readonly number[],
  epoch: number,
  next: Int32Array,
): number {
  const { seen, changed, lastServed } = table;
  let count = 0;
  let k = 0;
  let n = 0;
  for (;;) {
    while (k < lastCount) {
      const slot = last[k] as number;
      if (seen[slot] === epoch && changed[slot] !== epoch) break;
      k++;
    }
    if (k >= lastCount) break;
    const kept = last[k] as number;
    // Most newcomers were just served and go last: the timestamps alone tell (a later one never comes first).
    while (
      n < incoming.length &&
      !((lastServed[incoming[n] as number] as number) > (lastServed[kept] as number)) &&
      compareSlots(table, incoming[n] as number, kept) < 0
    ) {
      next[count++] = incoming[n++] as number;
    }
    next[count++] = kept;
    k++;
  }
  while (n < incoming.length) next[count++] = incoming[n++] as number;
  return count;
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

// The fields the index derives an agent's facts from.
export function sameAgent(a: TAgentSnapshot, b: TAgentSnapshot): boolean {
  return (
    a.loggedIn === b.loggedIn &&
    a.status === b.status &&
    a.focusMode === b.focusMode &&
    (a.pendingOffer === null) === (b.pendingOffer === null) &&
    a.lastOfferedAt === b.lastOfferedAt &&
    a.lastAssignedAt === b.lastAssignedAt &&
    a.lastMessagingAssignedAt === b.lastMessagingAssignedAt &&
    a.load.voice === b.load.voice &&
    a.load.messaging === b.load.messaging &&
    a.messagingCapacity.standard === b.messagingCapacity.standard &&
    a.messagingCapacity.maximum === b.messagingCapacity.maximum &&
    a.nextRequests === b.nextRequests &&
    a.mailTaskAutoPushPending === b.mailTaskAutoPushPending &&
    sameList(a.availableFor, b.availableFor) &&
    sameList(a.inboxIds, b.inboxIds) &&
    sameList(a.skills, b.skills)
  );
}
