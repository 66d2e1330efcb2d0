import type { TCompiledBoosts } from './boost-rules.js';
import { inboxConfig } from './config.js';
import { heapPop, heapPush } from './heap.js';
import { compareFacts, sameFacts, type TItemFacts, type TItemList } from './item-facts.js';
import { clockMargin } from './people-match.js';
import {
  CHANNEL_GROUP,
  PEOPLE_MATCH_GROUPS,
  type TChannelGroup,
  type TRejection,
  type TRoutingConfig,
  type TWorkItem,
} from './routing-types.js';

// How far the previous array is searched ahead for the next item (past items routed since) before looking it up by id.
const LOOK_AHEAD = 32;
// Refreshes an empty list is kept before it is forgotten.
const KEEP_EMPTY_LISTS = 100;
const GROUP_INDEX: Readonly<Record<TChannelGroup, number>> = { VOICE: 0, MESSAGING: 1, MAIL: 2, TASK: 3 };

export interface TItemIndex {
  /** Brings the index up to this snapshot's items; returns the items that need an agent check of their own. */
  refresh(
    items: readonly TWorkItem[],
    now: number,
    boosts: TCompiledBoosts,
    config: TRoutingConfig,
    offered: Iterable<string>,
  ): TItemFacts[];
  /** The lists of one inbox and channel group (index as in GROUP_INDEX), or none. */
  listsOf(inboxId: string, groupIndex: number): readonly TItemList[] | undefined;
  /** Whether the entry at position k of the list is an item of the last refresh that still belongs there. */
  isLive(list: TItemList, k: number): boolean;
  /** Position of the list's first live entry (or its length). */
  start(list: TItemList): number;
  /** Whether the item has a restriction of its own in the last refresh (it is routed as a bucket of one). */
  isChecked(facts: TItemFacts): boolean;
  /** Whether the item is held by a pending offer (one of `offered` in the last refresh). */
  isOffered(facts: TItemFacts): boolean;
}

interface TDeadline {
  at: number;
  facts: TItemFacts;
}
const earlier = (a: TDeadline, b: TDeadline) => a.at < b.at;

/**
 * The queue as the engine keeps it between decides (one index per engine, one engine per org in the service).
 *
 * Items are values: an item object must not change once passed to decide(); a changed item is a new object with the
 * same id. So a snapshot is compared with the last one by object identity, walking both arrays side by side (callers
 * keep their order: the last items minus routed ones, plus new ones), and only new or replaced objects are looked at:
 * looked up by id, compared field by field (the service builds every item afresh from the database), and placed. An
 * object of the last snapshot that is not in this one has left the queue. What the clock changes (boosts on due date
 * or wait time, the end of a decline grace) is kept in a heap of deadlines, so a decide touches only items whose
 * facts expire. Boosts, the config or a clock going back start the index afresh.
 */
export function createItemIndex(): TItemIndex {
  let byId = new Map<string, TItemFacts>();
  let lists = new Map<string, TItemList>();
  let listsByMask = new Map<string, Map<number, TItemList>[]>();
  let byInbox = new Map<string, TItemList[][]>();
  let restrictedItems = new Set<TItemFacts>();
  // Facts by the next moment the clock changes them (min(until, restrictedUntil)); an entry whose moment is no
  // longer the facts' own (they were recomputed meanwhile) or whose item left is skipped when popped.
  let deadlines: TDeadline[] = [];
  let previousItems: readonly TWorkItem[] = [];
  let lastFacts: (TItemFacts | undefined)[] = [];
  let spareFacts: (TItemFacts | undefined)[] = [];
  const skippedPositions: number[] = [];
  // Lists whose items changed in this refresh: they get their newcomers and lose stale entries (settle).
  const touched = new Set<TItemList>();
  let epoch = 0;
  let lastNow = Number.NEGATIVE_INFINITY;
  let lastBoosts: TCompiledBoosts | null = null;
  let lastConfig: TRoutingConfig | null = null;
  let lastConfigKey = '';

  const reset = () => {
    byId = new Map();
    lists = new Map();
    listsByMask = new Map();
    byInbox = new Map();
    restrictedItems = new Set();
    touched.clear();
    deadlines = [];
    previousItems = [];
    lastFacts = [];
    spareFacts = [];
  };

  const nextCheck = (facts: TItemFacts) => Math.min(facts.until, facts.restrictedUntil);
  const schedule = (facts: TItemFacts) => {
    const at = nextCheck(facts);
    if (at !== Number.POSITIVE_INFINITY) heapPush(deadlines, { at, facts }, earlier);
  };

  // Lists by inbox, group and holding bit set (rule indices below 30), so that placing an item builds no string key.
  const byMask = (inboxId: string, groupIndex: number): Map<number, TItemList> => {
    let groups = listsByMask.get(inboxId);
    if (groups === undefined) {
      groups = [new Map(), new Map(), new Map(), new Map()];
      listsByMask.set(inboxId, groups);
    }
    return groups[groupIndex] as Map<number, TItemList>;
  };

  const listFor = (inboxId: string, groupIndex: number, holding: readonly number[]): TItemList => {
    let mask = 0;
    for (let k = 0; k < holding.length; k++) {
      const r = holding[k] as number;
      if (r >= 30) {
        mask = -1;
        break;
      }
      mask |= 1 << r;
    }
    if (mask >= 0) {
      const known = byMask(inboxId, groupIndex).get(mask);
      if (known !== undefined) return known;
    }
    const key = `${inboxId}\u0000${groupIndex}\u0000${holding.join(',')}`;
    let list = lists.get(key);
    if (list === undefined) {
      list = {
        key,
        inboxId,
        groupIndex,
        holding,
        mask,
        entries: [],
        versions: [],
        head: 0,
        incoming: [],
        live: 0,
        listed: false,
        lastTouched: epoch,
        stream: { list: null, position: 0, front: null, uniform: 0 },
      };
      list.stream.list = list;
      lists.set(key, list);
      if (mask >= 0) byMask(inboxId, groupIndex).set(mask, list);
    }
    return list;
  };

  const setListed = (list: TItemList, listed: boolean): void => {
    let groups = byInbox.get(list.inboxId);
    if (!groups) {
      groups = [[], [], [], []];
      byInbox.set(list.inboxId, groups);
    }
    const group = groups[list.groupIndex] as TItemList[];
    if (listed) group.push(list);
    else group.splice(group.indexOf(list), 1);
    list.listed = listed;
  };

  // Puts the item in the list of the boosts holding for it now; a move leaves its old entry stale (version).
  const place = (facts: TItemFacts, now: number, boosts: TCompiledBoosts): void => {
    const scored = boosts.rules.length > 0 && PEOPLE_MATCH_GROUPS.has(CHANNEL_GROUP[facts.item.channel]);
    const holding = scored ? boosts.itemPartsHolding(facts.item, now) : [];
    facts.until = scored ? boosts.itemStableUntil(facts.item, now) : Number.POSITIVE_INFINITY;
    const list = listFor(facts.item.inboxId, facts.groupIndex, holding);
    facts.holding = list.holding;
    if (list !== facts.list) {
      if (facts.list !== null && !facts.removed) {
        facts.list.live--;
        touched.add(facts.list);
      }
      facts.version++;
      facts.list = list;
      list.incoming.push(facts);
      list.live++;
      touched.add(list);
    }
  };

  // Whether the item has a restriction of its own now, and until when that stays so as the clock moves forward: a
  // decline or miss keeps its agent away while now - at < grace, so the item is restricted until the latest
  // rejection plus the grace (taken a few ms early: clockMargin), and then for good.
  const restrict = (facts: TItemFacts, now: number, config: TRoutingConfig): void => {
    const item = facts.item;
    let restricted = item.requiredSkills !== undefined && item.requiredSkills.length > 0;
    let until = Number.POSITIVE_INFINITY;
    if (!restricted && (item.declinedBy.length > 0 || item.missedBy.length > 0)) {
      const graceMs = inboxConfig(config, item.inboxId).declineGraceSeconds * 1000;
      let latest = Number.NEGATIVE_INFINITY;
      for (let list = 0; list < 2; list++) {
        const rejections = list === 0 ? item.declinedBy : item.missedBy;
        for (let k = 0; k < rejections.length; k++) {
          const at = (rejections[k] as TRejection).at;
          if (now - at < graceMs) restricted = true;
          if (at > latest) latest = at;
        }
      }
      if (restricted) {
        const at = latest + graceMs - clockMargin(latest, graceMs);
        until = Number.isFinite(at) && at > now ? at : now;
      }
    }
    facts.restricted = restricted;
    facts.restrictedUntil = until;
    if (restricted) restrictedItems.add(facts);
    else restrictedItems.delete(facts);
  };

  // An item that left the queue is forgotten at once (should it come back, it is looked at as a new item).
  const remove = (facts: TItemFacts): void => {
    if (facts.removed) return;
    facts.removed = true;
    if (byId.get(facts.item.id) === facts) byId.delete(facts.item.id);
    if (facts.list !== null) {
      facts.list.live--;
      touched.add(facts.list);
    }
    restrictedItems.delete(facts);
  };

  // A new object for an id (or an id never seen): facts to reuse, or fresh ones placed now.
  const factsFor = (item: TWorkItem, now: number, boosts: TCompiledBoosts, config: TRoutingConfig) => {
    let facts = byId.get(item.id);
    if (facts !== undefined && facts.item !== item && !sameFacts(facts.item, item)) {
      remove(facts);
      facts = undefined;
    }
    if (facts === undefined) {
      const group = CHANNEL_GROUP[item.channel];
      if (group === undefined) return undefined; // no tier: never routed
      facts = {
        item,
        groupIndex: GROUP_INDEX[group],
        dueNull: item.dueAt === null ? 1 : 0,
        due: item.dueAt ?? 0,
        enqueued: item.enqueuedAt,
        holding: [],
        until: 0,
        restricted: false,
        restrictedUntil: 0,
        list: null,
        version: 0,
        removed: false,
        seen: 0,
        checked: 0,
        offered: 0,
        revisited: 0,
      };
      byId.set(item.id, facts);
      place(facts, now, boosts);
    } else if (facts.seen === epoch) {
      return undefined; // the same id twice in one snapshot: one item
    }
    facts.item = item;
    facts.seen = epoch;
    restrict(facts, now, config);
    schedule(facts);
    return facts;
  };

  const isLive = (list: TItemList, k: number): boolean => {
    const facts = list.entries[k] as TItemFacts;
    return !facts.removed && facts.list === list && facts.version === list.versions[k];
  };

  // Newcomers join the list in key order. A few are inserted where they belong (binary search, a pointer move);
  // many, or a list with more stale entries than live ones, are merged in one pass that drops the stale entries.
  const settle = (list: TItemList): void => {
    const incoming = list.incoming;
    const entries = list.entries;
    const stale = entries.length - list.head > 2 * list.live + 32;
    if (incoming.length === 0 && !stale) return;
    incoming.sort(compareFacts);
    if (!stale && incoming.length * 8 <= entries.length - list.head) {
      for (const facts of incoming) {
        let lo = list.head;
        let hi = entries.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (compareFacts(entries[mid] as TItemFacts, facts) < 0) lo = mid + 1;
          else hi = mid;
        }
        entries.splice(lo, 0, facts);
        list.versions.splice(lo, 0, facts.version);
      }
      list.incoming = [];
      return;
    }
    const merged: TItemFacts[] = [];
    const versions: number[] = [];
    let k = list.head;
    let n = 0;
    while (k < entries.length || n < incoming.length) {
      if (k < entries.length && !isLive(list, k)) {
        k++;
        continue;
      }
      const takeOld =
        n >= incoming.length ||
        (k < entries.length && compareFacts(entries[k] as TItemFacts, incoming[n] as TItemFacts) < 0);
      const facts = (takeOld ? entries[k++] : incoming[n++]) as TItemFacts;
      merged.push(facts);
      versions.push(facts.version);
    }
    list.entries = merged;
    list.versions = versions;
    list.head = 0;
    list.incoming = [];
  };

  // The list's first live entry. An entry that is not live never becomes live again (an item that comes back or
  // changes list is placed with a new version), so the head moves past dead entries for good.
  const start = (list: TItemList): number => {
    let h = list.head;
    while (h < list.entries.length && !isLive(list, h)) h++;
    list.head = h;
    return h;
  };

  return {
    refresh(items, now, boosts, config, offered) {
      if (config !== lastConfig) {
        const key = JSON.stringify(config);
        if (key !== lastConfigKey) lastBoosts = null; // the grace per inbox may have changed
        lastConfig = config;
        lastConfigKey = key;
      }
      if (boosts !== lastBoosts || now < lastNow) reset();
      lastBoosts = boosts;
      lastNow = now;
      epoch++;

      const previous = previousItems;
      const previousFacts = lastFacts;
      const current = spareFacts;
      current.length = items.length;
      // Previous positions passed over without a match: their items left, unless found again by id.
      const skipped = skippedPositions;
      skipped.length = 0;
      let p = 0;
      const previousLength = previous.length;
      for (let i = 0; i < items.length; i++) {
        const item = items[i] as TWorkItem;
        if (p < previousLength && previous[p] === item) {
          // The common case: the same object at the same place as last time (its facts hold: items are values).
          current[i] = previousFacts[p++];
          continue;
        }
        let q = p;
        const end = Math.min(previous.length, p + LOOK_AHEAD);
        while (q < end && previous[q] !== item) q++;
        if (q < end) {
          // The same object as last time: its facts hold (items are values).
          while (p < q) skipped.push(p++);
          current[i] = previousFacts[q];
          p = q + 1;
          continue;
        }
        current[i] = factsFor(item, now, boosts, config);
      }
      while (p < previous.length) skipped.push(p++);
      for (const k of skipped) {
        const facts = previousFacts[k];
        if (facts !== undefined && facts.seen !== epoch) remove(facts);
      }
      // The clock: facts whose boosts or restriction can have changed by now (each once; a deadline of `now` itself
      // means "look again next time").
      const due: TItemFacts[] = [];
      while (deadlines.length > 0 && (deadlines[0] as TDeadline).at <= now) {
        const { at, facts } = heapPop(deadlines, earlier);
        if (facts.removed || at !== nextCheck(facts) || facts.revisited === epoch) continue;
        facts.revisited = epoch;
        due.push(facts);
      }
      for (const facts of due) {
        if (now >= facts.until) place(facts, now, boosts);
        if (now >= facts.restrictedUntil) restrict(facts, now, config);
        schedule(facts);
      }
      const checked: TItemFacts[] = [];
      for (const facts of restrictedItems) {
        facts.checked = epoch;
        checked.push(facts);
      }
      for (const list of touched) {
        list.lastTouched = epoch;
        settle(list);
        // listsOf() offers only lists with items: a decide walks the lists of every pool with a free agent.
        if (list.live > 0 !== list.listed) setListed(list, list.live > 0);
      }
      touched.clear();
      // An emptied list is kept a while (items of its kind tend to come back), then forgotten.
      if (epoch % KEEP_EMPTY_LISTS === 0) {
        for (const list of lists.values()) {
          if (list.live === 0 && list.incoming.length === 0 && epoch - list.lastTouched > KEEP_EMPTY_LISTS) {
            lists.delete(list.key);
            if (list.mask >= 0) byMask(list.inboxId, list.groupIndex).delete(list.mask);
          }
        }
      }
      for (const itemId of offered) {
        const facts = byId.get(itemId);
        if (facts !== undefined) facts.offered = epoch;
      }
      spareFacts = lastFacts;
      lastFacts = current;
      previousItems = items;
      return checked;
    },
    listsOf: (inboxId, groupIndex) => byInbox.get(inboxId)?.[groupIndex],
    isLive,
    start,
    isChecked: (facts) => facts.checked === epoch,
    isOffered: (facts) => facts.offered === epoch,
  };
}
