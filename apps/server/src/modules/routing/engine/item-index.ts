import type { TCompiledBoosts } from './boost-rules.js';
import { inboxConfig } from './config.js';
import { heapPop, heapPush } from './heap.js';
import { sameFacts, type TItemFacts, type TItemList } from './item-facts.js';
import { createListTable, isLive, settle, start } from './item-lists.js';
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
// Lists looked at per refresh for forgetting.
const SWEEP_LISTS = 16;
const GROUP_INDEX: Readonly<Record<TChannelGroup, number>> = { VOICE: 0, MESSAGING: 1, MAIL: 2, TASK: 3 };
const GROUPS: readonly TChannelGroup[] = ['VOICE', 'MESSAGING', 'MAIL', 'TASK'];

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
  /** Position of the list's first live entry (or its length); list.headFacts is then that entry (or null). */
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
  let lists = createListTable();
  let restrictedItems = new Set<TItemFacts>();
  // Facts by the next moment the clock changes them (min(until, restrictedUntil)); an entry whose moment is no
  // longer the facts' own (they were recomputed meanwhile) or whose item left is skipped when popped.
  let deadlines: TDeadline[] = [];
  let previousItems: readonly TWorkItem[] = [];
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
    lists = createListTable();
    restrictedItems = new Set();
    touched.clear();
    deadlines = [];
    previousItems = [];
  };

  const nextCheck = (facts: TItemFacts) => Math.min(facts.until, facts.restrictedUntil);
  const schedule = (facts: TItemFacts) => {
    const at = nextCheck(facts);
    if (at !== Number.POSITIVE_INFINITY) heapPush(deadlines, { at, facts }, earlier);
  };

  // Puts the item in the list of the boosts holding for it now; a move leaves its old entry stale (version).
  const place = (facts: TItemFacts, now: number, boosts: TCompiledBoosts): void => {
    const scored = boosts.rules.length > 0 && PEOPLE_MATCH_GROUPS.has(GROUPS[facts.groupIndex] as TChannelGroup);
    const holding = scored ? boosts.itemPartsHolding(facts.item, now) : [];
    facts.until = scored ? boosts.itemStableUntil(facts.item, now) : Number.POSITIVE_INFINITY;
    const list = lists.listFor(facts.inboxId, facts.groupIndex, holding, epoch);
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
    facts.requiredSkills = item.requiredSkills;
    facts.declinedBy = item.declinedBy;
    facts.missedBy = item.missedBy;
    let restricted = item.requiredSkills !== undefined && item.requiredSkills.length > 0;
    let until = Number.POSITIVE_INFINITY;
    if (!restricted && (item.declinedBy.length > 0 || item.missedBy.length > 0)) {
      const graceMs = inboxConfig(config, facts.inboxId).declineGraceSeconds * 1000;
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
    if (byId.get(facts.id) === facts) byId.delete(facts.id);
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
        id: item.id,
        inboxId: item.inboxId,
        requiredSkills: undefined,
        declinedBy: item.declinedBy,
        missedBy: item.missedBy,
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

      // Only the two arrays are read for an unchanged item (no facts by position: the walk is bound by memory reads).
      const previous = previousItems;
      // Previous positions passed over without a match: their items left, unless found again by id.
      const skipped = skippedPositions;
      skipped.length = 0;
      let p = 0;
      const previousLength = previous.length;
      for (let i = 0; i < items.length; i++) {
        const item = items[i] as TWorkItem;
        if (p < previousLength && previous[p] === item) {
          // The common case: the same object at the same place as last time (its facts hold: items are values).
          p++;
          continue;
        }
        let q = p;
        const end = Math.min(previous.length, p + LOOK_AHEAD);
        while (q < end && previous[q] !== item) q++;
        if (q < end) {
          // The same object as last time: its facts hold (items are values).
          while (p < q) skipped.push(p++);
          p = q + 1;
          continue;
        }
        factsFor(item, now, boosts, config);
      }
      while (p < previous.length) skipped.push(p++);
      // A passed-over object whose id's facts are its own and were not met again by id (factsFor) has left. (Facts
      // of another object with that id, or met again, stay; facts already removed are left alone.)
      for (const k of skipped) {
        const left = previous[k] as TWorkItem;
        const facts = byId.get(left.id);
        if (facts !== undefined && facts.item === left && facts.seen !== epoch) remove(facts);
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
        if (list.live > 0 !== list.listed) lists.setListed(list, list.live > 0);
      }
      touched.clear();
      // An emptied list is kept a while (items of its kind tend to come back), then forgotten.
      lists.forgetEmpty(epoch, KEEP_EMPTY_LISTS, SWEEP_LISTS);
      for (const itemId of offered) {
        const facts = byId.get(itemId);
        if (facts !== undefined) facts.offered = epoch;
      }
      previousItems = items;
      return checked;
    },
    listsOf: (inboxId, groupIndex) => lists.listsOf(inboxId, groupIndex),
    isLive,
    start,
    isChecked: (facts) => facts.checked === epoch,
    isOffered: (facts) => facts.offered === epoch,
  };
}
