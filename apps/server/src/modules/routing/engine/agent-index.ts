import {
  AUTO_CODE,
  buildAgentPools,
  classKeyOf,
  clearPool,
  GROUPS,
  NEXT_CODE,
  newClass,
  newGroupPools,
  pushAgent,
  rulePartition,
  slotCode,
  type TAgentPools,
  type TClass,
  type TGroupPools,
  type TPool,
} from './agent-pools.js';
import type { TCompiledBoosts } from './boost-rules.js';
import { capacitySlot, isRoutableAgent } from './eligibility.js';
import {
  PEOPLE_MATCH_GROUPS,
  type TAgentSnapshot,
  type TChannelGroup,
  type TInboxRoutingConfig,
  type TRoutingConfig,
} from './routing-types.js';

const NO_MEMBERSHIPS: TMemberships = { pools: [], classes: [], groups: [], rows: [] };
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface TAgentIndex {
  /** The pools of this snapshot's agents (what buildAgentPools() returns), from what is kept of the last decides. */
  pools(
    agents: readonly TAgentSnapshot[],
    now: number,
    configs: (inboxId: string) => TInboxRoutingConfig,
    boosts: TCompiledBoosts,
    config: TRoutingConfig,
  ): TAgentPools;
}

// The pools of one inbox (index as in GROUPS), and its next-message delay in this decide.
interface TInboxRow {
  inboxId: string;
  pools: (TGroupPools | undefined)[];
  delayMs: number;
}

// Where an agent goes, per (inbox, channel group) of its inboxes and groups, as parallel arrays (read at every
// decide for every routable agent: contiguous, not an object each): the pool's list, its class's list in that pool
// (null: no People Match), the group index, and the inbox (for the next-message delay).
interface TMemberships {
  pools: TPool[];
  classes: (TPool | null)[];
  groups: number[];
  rows: TInboxRow[];
}

// What the index derives from one agent object; kept while the agent is the same object or an equal one.
interface TAgentEntry {
  agent: TAgentSnapshot;
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
  memberships: TMemberships;
  /** The decide (epoch) that last met the agent, and the one that last derived its facts. */
  seen: number;
  changed: number;
}

/**
 * The agent side as the engine keeps it between decides, next to the item index (engine/README.md). Agents are
 * values too: an agent object must not change once passed to decide(); a changed agent is a new object with the same
 * id. An agent met again as the same object (or an equal one: sameAgent(), as the service builds fresh objects) keeps
 * its facts: routable or not, fairness timestamp, capacity slots, memberships (pools and People Match classes). The
 * fairness ranking of the last decide is kept too: unchanged agents stay in their order, changed or new ones are
 * sorted and merged in. Pools and classes live across decides (their agent lists are refilled in rank order at each
 * decide from the memberships), and so do their People Match rankings until a pool meets a new class. Only the
 * next-message delay depends on the clock; it is evaluated at every decide. New boosts or a new config start afresh;
 * an agent id twice in one snapshot falls back to buildAgentPools() and starts afresh.
 */
export function createAgentIndex(): TAgentIndex {
  let byId = new Map<string, TAgentEntry>();
  let rows = new Map<string, TInboxRow>();
  // The pools of each inbox (what matchWork looks items' pools up in); a pool without agents in a decide is empty.
  let byInbox = new Map<string, (TGroupPools | undefined)[]>();
  let allPools: TGroupPools[] = [];
  // Two buffers each, swapped at every decide: nothing of this size is allocated per decide.
  let ranked: TAgentEntry[] = [];
  let spareRanked: TAgentEntry[] = [];
  let entries: TAgentEntry[] = [];
  let spareEntries: TAgentEntry[] = [];
  let lastAgents: readonly TAgentSnapshot[] = [];
  const fresh: TAgentEntry[] = [];
  const incoming: TAgentEntry[] = [];
  const rankedAgents: TAgentSnapshot[] = [];
  const nonEmpty: TGroupPools[] = [];
  let used = new Uint8Array(0);
  let epoch = 0;
  let lastBoosts: TCompiledBoosts | null = null;
  let lastConfig: TRoutingConfig | null = null;
  let lastConfigKey = '';

  const reset = () => {
    byId = new Map();
    rows = new Map();
    byInbox = new Map();
    allPools = [];
    ranked = [];
    spareRanked = [];
    entries = [];
    spareEntries = [];
    lastAgents = [];
  };

  const rowFor = (inboxId: string): TInboxRow => {
    let row = rows.get(inboxId);
    if (row === undefined) {
      row = { inboxId, pools: [undefined, undefined, undefined, undefined], delayMs: 0 };
      rows.set(inboxId, row);
      byInbox.set(inboxId, row.pools);
    }
    return row;
  };

  const poolFor = (
    row: TInboxRow,
    g: number,
    configs: (inboxId: string) => TInboxRoutingConfig,
    boosts: TCompiledBoosts,
  ): TGroupPools => {
    let pool = row.pools[g];
    if (pool === undefined) {
      pool = newGroupPools(row.inboxId, g, configs(row.inboxId), boosts.rules.length);
      rulePartition(pool, boosts); // no classes yet
      row.pools[g] = pool;
      allPools.push(pool);
    }
    return pool;
  };

  // Everything the index keeps about the agent, derived from the object (never from the clock). `previous` is the
  // agent's last object, if any: what depends only on its inboxes and skills is kept when those did not change.
  const derive = (
    entry: TAgentEntry,
    previous: TAgentSnapshot | null,
    configs: (inboxId: string) => TInboxRoutingConfig,
    boosts: TCompiledBoosts,
  ): void => {
    const agent = entry.agent;
    entry.routable = isRoutableAgent(agent);
    entry.lastServed = Math.max(agent.lastOfferedAt ?? -Infinity, agent.lastAssignedAt ?? -Infinity);
    let groups = 0;
    for (let g = 0; g < GROUPS.length; g++) {
      const group = GROUPS[g] as TChannelGroup;
      if (agent.availableFor.includes(group)) groups |= 1 << g;
      const slot = g === 1 ? null : capacitySlot(agent, group, 0, 0);
      entry.slots[g] = slot === null ? -1 : slotCode(slot);
    }
    // capacitySlot() for messaging, apart from the delay (evaluated at each decide).
    const { standard, maximum } = agent.messagingCapacity;
    const load = agent.load.messaging;
    const available = (groups & 2) !== 0;
    entry.messagingAuto = available && load < standard;
    entry.messagingNext = available && load < Math.max(standard, maximum) && agent.nextRequests > 0;
    const slots = entry.slots;
    entry.anySlot = entry.messagingAuto || entry.messagingNext || slots[0] !== -1 || slots[2] !== -1 || slots[3] !== -1;
    const sameSkills = previous !== null && sameList(previous.skills, agent.skills);
    if (!sameSkills) entry.classKey = null;
    if (groups === entry.groups && sameSkills && sameList((previous as TAgentSnapshot).inboxIds, agent.inboxIds))
      return;
    entry.groups = groups;
    const memberships: TMemberships = { pools: [], classes: [], groups: [], rows: [] };
    entry.memberships = memberships;
    if (groups === 0) return;
    const ruleCount = boosts.rules.length;
    const inboxIds = agent.inboxIds;
    for (let n = 0; n < inboxIds.length; n++) {
      const inboxId = inboxIds[n] as string;
      if (inboxIds.indexOf(inboxId) !== n) continue; // listed twice: one candidate
      const row = rowFor(inboxId);
      for (let g = 0; g < GROUPS.length; g++) {
        if ((groups & (1 << g)) === 0) continue;
        const pool = poolFor(row, g, configs, boosts);
        let cls: TClass | null = null;
        if (ruleCount > 0 && PEOPLE_MATCH_GROUPS.has(GROUPS[g] as TChannelGroup)) {
          if (entry.classKey === null) entry.classKey = classKeyOf(agent, boosts);
          cls = pool.classByKey.get(entry.classKey) ?? null;
          if (cls === null) {
            cls = newClass(agent, boosts);
            pool.classByKey.set(entry.classKey, cls);
            pool.known.push(cls);
          }
        }
        memberships.pools.push(pool.all);
        memberships.classes.push(cls);
        memberships.groups.push(g);
        memberships.rows.push(row);
      }
    }
  };

  const compareEntries = (a: TAgentEntry, b: TAgentEntry): number =>
    a.lastServed < b.lastServed ? -1 : a.lastServed > b.lastServed ? 1 : byString(a.agent.id, b.agent.id);

  return {
    pools(agents, now, configs, boosts, config) {
      if (config !== lastConfig) {
        const key = JSON.stringify(config);
        if (key !== lastConfigKey) lastBoosts = null; // grace and delays per inbox may have changed
        lastConfig = config;
        lastConfigKey = key;
      }
      if (boosts !== lastBoosts) reset();
      lastBoosts = boosts;
      epoch++;

      // Which agents are new or changed since the last decide. Callers keep their order (the last agents with some
      // replaced, removed or added), so the same object is first looked for at the same position.
      fresh.length = 0;
      const current = spareEntries;
      current.length = agents.length;
      const previousAgents = lastAgents;
      for (let i = 0; i < agents.length; i++) {
        const agent = agents[i] as TAgentSnapshot;
        let entry = previousAgents[i] === agent ? entries[i] : byId.get(agent.id);
        if (entry !== undefined && entry.seen === epoch) {
          // The same id twice: not the values this index is built for. Decide from scratch and start afresh.
          reset();
          return buildAgentPools(agents, now, configs, boosts);
        }
        if (entry === undefined) {
          entry = {
            agent,
            routable: false,
            lastServed: 0,
            slots: [-1, -1, -1, -1],
            groups: 0,
            classKey: null,
            messagingAuto: false,
            messagingNext: false,
            anySlot: false,
            memberships: NO_MEMBERSHIPS,
            seen: epoch,
            changed: epoch,
          };
          byId.set(agent.id, entry);
          derive(entry, null, configs, boosts);
          fresh.push(entry);
        } else {
          entry.seen = epoch;
          const previous = entry.agent;
          if (previous !== agent) {
            entry.agent = agent;
            if (!sameAgent(previous, agent)) {
              entry.changed = epoch;
              derive(entry, previous, configs, boosts);
              fresh.push(entry);
            }
          }
        }
        current[i] = entry;
      }
      // Agents of the last snapshot not met again have left.
      for (const entry of entries) {
        if (entry.seen !== epoch && byId.get(entry.agent.id) === entry) byId.delete(entry.agent.id);
      }
      spareEntries = entries;
      entries = current;
      lastAgents = agents;

      // The fairness ranking: unchanged agents keep their order; changed and new routable ones are merged in.
      incoming.length = 0;
      for (const entry of fresh) if (entry.routable) incoming.push(entry);
      incoming.sort(compareEntries);
      // Written by index and cut to length at the end: emptying an array (length = 0) would drop its storage.
      const next = spareRanked;
      let count = 0;
      let k = 0;
      let n = 0;
      const last = ranked;
      for (;;) {
        while (k < last.length) {
          const entry = last[k] as TAgentEntry;
          if (entry.seen === epoch && entry.changed !== epoch) break;
          k++;
        }
        if (k >= last.length) break;
        const kept = last[k] as TAgentEntry;
        while (n < incoming.length && compareEntries(incoming[n] as TAgentEntry, kept) < 0) {
          next[count++] = incoming[n++] as TAgentEntry;
        }
        next[count++] = kept;
        k++;
      }
      while (n < incoming.length) next[count++] = incoming[n++] as TAgentEntry;
      next.length = count;
      spareRanked = ranked;
      ranked = next;

      // Pools refilled in rank order from the memberships; the messaging slot is the only one the clock changes.
      for (const row of rows.values()) row.delayMs = configs(row.inboxId).nextMessageDelaySeconds * 1000;
      for (const pool of allPools) {
        clearPool(pool.all);
        for (const cls of pool.known) clearPool(cls);
      }
      rankedAgents.length = next.length;
      if (used.length < next.length) used = new Uint8Array(2 * next.length);
      else used.fill(0, 0, next.length);
      for (let a = 0; a < next.length; a++) {
        const entry = next[a] as TAgentEntry;
        const agent = entry.agent;
        rankedAgents[a] = agent;
        if (!entry.anySlot) continue;
        const { pools, classes, groups, rows: inboxes } = entry.memberships;
        for (let m = 0; m < pools.length; m++) {
          const g = groups[m] as number;
          let code: number;
          if (g === 1) {
            const since = agent.lastMessagingAssignedAt;
            const delayed = since !== null && now < since + (inboxes[m] as TInboxRow).delayMs;
            code = entry.messagingAuto && !delayed ? AUTO_CODE : entry.messagingNext ? NEXT_CODE : -1;
          } else code = entry.slots[g] as number;
          if (code < 0) continue;
          pushAgent(pools[m] as TPool, a, code);
          const cls = classes[m] as TPool | null;
          if (cls !== null) pushAgent(cls, a, code);
        }
      }

      // A pool keeps every class it ever had: one without agents now is skipped when an item looks for an agent, and
      // can only make a boost "varying" rather than "uniform" (the same points per class either way). So the pool's
      // People Match rankings, levels and buckets hold until it meets a new class.
      nonEmpty.length = 0;
      for (const pool of allPools) {
        if (pool.all.length === 0) continue;
        nonEmpty.push(pool);
        if (pool.classes.length === pool.known.length) continue;
        pool.classes = [...pool.known];
        pool.levelsByKey = new Map();
        pool.rankings = new Map();
        rulePartition(pool, boosts);
      }
      return { ranked: rankedAgents, used, byInbox, all: nonEmpty };
    },
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
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
