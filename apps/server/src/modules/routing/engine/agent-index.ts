import {
  compareSlots,
  mergeRanking,
  newAgentSlots,
  newEntry,
  releaseSlot,
  sameAgent,
  sameList,
  type TAgentEntry,
  type TAgentSlots,
  type TInboxRow,
  type TMemberships,
  takeSlot,
} from './agent-entry.js';
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

const MESSAGING_FIRST: readonly number[] = [1, 0, 2, 3];

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

/**
 * The agent side as the engine keeps it between decides, next to the item index (engine/README.md). Agents are
 * values too: an agent object must not change once passed to decide(); a changed agent is a new object with the same
 * id. An agent met again as the same object (or an equal one: sameAgent(), as the service builds fresh objects) keeps
 * its facts: routable or not, fairness timestamp, capacity slots, memberships (pools and People Match classes). The
 * fairness ranking of the last decide is kept too: unchanged agents stay in their order, changed or new ones are
 * sorted and merged in. Pools and classes live across decides (their agent lists are refilled in rank order at each
 * decide from the memberships), and so do their People Match rankings until a pool meets a new class. Only the
 * next-message delay depends on the clock; it is evaluated at every decide. New boosts or a new config start afresh;
 * an agent id twice in one snapshot falls back to buildAgentPools() and starts afresh. The values every decide reads
 * for every agent (seen, changed, fairness timestamp, skip test) sit in typed arrays by slot (agent-entry.ts).
 */
export function createAgentIndex(): TAgentIndex {
  let table: TAgentSlots = newAgentSlots();
  let byId = new Map<string, number>();
  let rows = new Map<string, TInboxRow>();
  // The pools of each inbox (what matchWork looks items' pools up in); a pool without agents in a decide is empty.
  let byInbox = new Map<string, (TGroupPools | undefined)[]>();
  let allPools: TGroupPools[] = [];
  // Slots by position in the last snapshot, and the last ranking (slots in fairness order); two buffers each,
  // swapped at every decide, so nothing of this size is allocated per decide.
  let positions: Int32Array = new Int32Array(64);
  let sparePositions: Int32Array = new Int32Array(64);
  let ranked: Int32Array = new Int32Array(64);
  let spareRanked: Int32Array = new Int32Array(64);
  let rankedCount = 0;
  let lastAgents: readonly TAgentSnapshot[] = [];
  const fresh: TAgentEntry[] = [];
  // Slots whose agent has a pending offer (an agent with another offer is another object: agents are values), and
  // those agents in this decide: expiries and offered items come from them, not from a look at every agent.
  let pendingSlots = new Set<number>();
  const pendingAgents: TAgentSnapshot[] = [];
  const incoming: number[] = [];
  const rankedAgents: TAgentSnapshot[] = [];
  const nonEmpty: TGroupPools[] = [];
  // The agent lists (pools' and classes') that got agents in the last decide: only they have anything to clear.
  const filled: TPool[] = [];
  let used = new Uint8Array(0);
  let epoch = 0;
  let lastBoosts: TCompiledBoosts | null = null;
  let lastConfig: TRoutingConfig | null = null;
  let lastConfigKey = '';

  const reset = () => {
    table = newAgentSlots();
    pendingSlots = new Set();
    byId = new Map();
    rows = new Map();
    byInbox = new Map();
    allPools = [];
    rankedCount = 0;
    lastAgents = [];
    filled.length = 0;
  };

  const rowFor = (inboxId: string): TInboxRow => {
    let row = rows.get(inboxId);
    if (row === undefined) {
      // Its delay is set before any refill reads it (start of the refill).
      row = { inboxId, pools: [undefined, undefined, undefined, undefined], delayMs: Number.NaN };
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
    table.lastServed[entry.slot] = entry.lastServed;
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
    entry.autoOnly = !entry.messagingNext && slots[0] === -1 && slots[2] === -1 && slots[3] === -1;
    const sameSkills = previous !== null && sameList(previous.skills, agent.skills);
    if (!sameSkills) entry.classKey = null;
    if (groups === entry.groups && sameSkills && sameList((previous as TAgentSnapshot).inboxIds, agent.inboxIds))
      return;
    entry.groups = groups;
    entry.memberships = membershipsOf(entry, configs, boosts);
  };

  // The agent's pools: per inbox (listed twice: once), per group it is available for.
  const membershipsOf = (
    entry: TAgentEntry,
    configs: (inboxId: string) => TInboxRoutingConfig,
    boosts: TCompiledBoosts,
  ): TMemberships => {
    const { agent, groups } = entry;
    const memberships: TMemberships = { pools: [], classes: [], groups: [], rows: [], messaging: 0 };
    if (groups === 0) return memberships;
    const ruleCount = boosts.rules.length;
    const inboxIds = agent.inboxIds;
    // Messaging first (MESSAGING_FIRST: group 1, then 0, 2, 3).
    for (const g of MESSAGING_FIRST) {
      if ((groups & (1 << g)) === 0) continue;
      for (let n = 0; n < inboxIds.length; n++) {
        const inboxId = inboxIds[n] as string;
        if (inboxIds.indexOf(inboxId) !== n) continue; // listed twice: one candidate
        const row = rowFor(inboxId);
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
        if (g === 1) memberships.messaging++;
      }
    }
    return memberships;
  };

  // The refill passes an agent's messaging pools over while now < messagingSkipUntil: for good when it has no
  // messaging slot; until its next-message delay ends in the inbox with the shortest delay when only the automatic
  // slot is possible (most agents with room are in their delay after a message). Math.min and float addition are
  // monotone, so then the delay holds in every one of its inboxes; a NaN delay makes the sum NaN, which never skips.
  // It passes the whole agent over while now < skipUntilOf(entry): always without any slot, as its messaging pools
  // when messaging is all it may take. Both depend on the entry and the rows' delays: set again when the entry is
  // derived or a delay changes.
  const skipUntilOf = (entry: TAgentEntry): number => {
    const since = entry.agent.lastMessagingAssignedAt;
    if (!entry.messagingAuto && !entry.messagingNext) entry.messagingSkipUntil = Number.POSITIVE_INFINITY;
    else if (entry.messagingNext || since === null) entry.messagingSkipUntil = Number.NEGATIVE_INFINITY;
    else {
      const { groups, rows: inboxes } = entry.memberships;
      let min = Number.POSITIVE_INFINITY;
      for (let m = 0; m < groups.length; m++)
        if (groups[m] === 1) min = Math.min(min, (inboxes[m] as TInboxRow).delayMs);
      entry.messagingSkipUntil = since + min;
    }
    if (!entry.anySlot) return Number.POSITIVE_INFINITY;
    return entry.autoOnly ? entry.messagingSkipUntil : Number.NEGATIVE_INFINITY;
  };

  const bySlots = (a: number, b: number): number => compareSlots(table, a, b);

  const grow = (array: Int32Array, length: number): Int32Array =>
    array.length >= length ? array : new Int32Array(2 * length);

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
      // takeSlot() may grow the table's typed arrays: they are read from the table, not kept in locals, until the
      // agents have been walked.
      const entries = table.entries;

      // Which agents are new or changed since the last decide. Callers keep their order (the last agents with some
      // replaced, removed or added), so the same object is first looked for at the same position.
      fresh.length = 0;
      const current = grow(sparePositions, agents.length);
      const previousAgents = lastAgents;
      const previousPositions = positions;
      for (let i = 0; i < agents.length; i++) {
        const agent = agents[i] as TAgentSnapshot;
        const slot = previousAgents[i] === agent ? (previousPositions[i] as number) : (byId.get(agent.id) ?? -1);
        if (slot >= 0 && table.seen[slot] === epoch) {
          // The same id twice: not the values this index is built for. Decide from scratch and start afresh.
          reset();
          return buildAgentPools(agents, now, configs, boosts);
        }
        if (slot < 0) {
          const taken = takeSlot(table);
          const entry = newEntry(agent, taken);
          entries[taken] = entry;
          table.agents[taken] = agent;
          if (agent.pendingOffer !== null) pendingSlots.add(taken);
          byId.set(agent.id, taken);
          table.seen[taken] = epoch;
          table.changed[taken] = epoch;
          derive(entry, null, configs, boosts);
          fresh.push(entry);
          current[i] = taken;
          continue;
        }
        table.seen[slot] = epoch;
        current[i] = slot;
        if (table.agents[slot] === agent) continue;
        const entry = entries[slot] as TAgentEntry;
        const previous = entry.agent;
        entry.agent = agent;
        table.agents[slot] = agent;
        if (agent.pendingOffer !== null) pendingSlots.add(slot);
        else pendingSlots.delete(slot);
        if (!sameAgent(previous, agent)) {
          table.changed[slot] = epoch;
          derive(entry, previous, configs, boosts);
          fresh.push(entry);
        }
      }
      // Agents of the last snapshot not met again have left (their slots are taken again by new agents).
      for (let i = 0; i < previousAgents.length; i++) {
        const slot = previousPositions[i] as number;
        if (table.seen[slot] !== epoch && byId.get((previousAgents[i] as TAgentSnapshot).id) === slot) {
          byId.delete((previousAgents[i] as TAgentSnapshot).id);
          pendingSlots.delete(slot);
          releaseSlot(table, slot);
        }
      }
      sparePositions = positions;
      positions = current;
      lastAgents = agents;
      pendingAgents.length = 0;
      for (const slot of pendingSlots) pendingAgents.push(table.agents[slot] as TAgentSnapshot);

      // The fairness ranking: unchanged agents keep their order; changed and new routable ones are merged in.
      incoming.length = 0;
      for (const entry of fresh) if (entry.routable) incoming.push(entry.slot);
      incoming.sort(bySlots);
      const next = grow(spareRanked, rankedCount + incoming.length);
      const count = mergeRanking(table, ranked, rankedCount, incoming, epoch, next);
      spareRanked = ranked;
      ranked = next;
      rankedCount = count;

      // Pools refilled in rank order from the memberships; the messaging slot is the only one the clock changes.
      let delaysChanged = false;
      for (const row of rows.values()) {
        const delayMs = configs(row.inboxId).nextMessageDelaySeconds * 1000;
        if (!Object.is(delayMs, row.delayMs)) delaysChanged = true;
        row.delayMs = delayMs;
      }
      const skipUntil = table.skipUntil;
      if (delaysChanged) {
        for (let a = 0; a < count; a++) {
          const slot = next[a] as number;
          skipUntil[slot] = skipUntilOf(table.entries[slot] as TAgentEntry);
        }
      }
      for (const entry of fresh) skipUntil[entry.slot] = skipUntilOf(entry);
      for (const pool of filled) clearPool(pool);
      filled.length = 0;
      rankedAgents.length = count;
      if (used.length < count) used = new Uint8Array(2 * count);
      else used.fill(0, 0, count);
      const agentOf = table.agents;
      for (let a = 0; a < count; a++) {
        const slot = next[a] as number;
        rankedAgents[a] = agentOf[slot] as TAgentSnapshot;
        if (now < (skipUntil[slot] as number)) continue;
        const entry = table.entries[slot] as TAgentEntry;
        if (!entry.anySlot) continue;
        const since = entry.agent.lastMessagingAssignedAt;
        const { pools, classes, groups, rows: inboxes, messaging } = entry.memberships;
        for (let m = now < entry.messagingSkipUntil ? messaging : 0; m < pools.length; m++) {
          const g = groups[m] as number;
          let code: number;
          if (g === 1) {
            const delayed = since !== null && now < since + (inboxes[m] as TInboxRow).delayMs;
            code = entry.messagingAuto && !delayed ? AUTO_CODE : entry.messagingNext ? NEXT_CODE : -1;
          } else code = entry.slots[g] as number;
          if (code < 0) continue;
          const pool = pools[m] as TPool;
          if (pool.length === 0) filled.push(pool);
          pushAgent(pool, a, code);
          const cls = classes[m] as TPool | null;
          if (cls !== null) {
            if (cls.length === 0) filled.push(cls);
            pushAgent(cls, a, code);
          }
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
      return { ranked: rankedAgents, used, byInbox, all: nonEmpty, pending: pendingAgents };
    },
  };
}
