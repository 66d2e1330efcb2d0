import { compareFacts, type TItemFacts, type TItemList } from './item-facts.js';

// The item lists of the item index (item-index.ts): items of one (inbox, channel group) with the same boosts holding
// on the item side, in item-key order, kept across decides.

export interface TListTable {
  /** The list of these items (made on first use). */
  listFor(inboxId: string, groupIndex: number, holding: readonly number[], epoch: number): TItemList;
  /** Whether listsOf() offers the list (it has items). */
  setListed(list: TItemList, listed: boolean): void;
  listsOf(inboxId: string, groupIndex: number): readonly TItemList[] | undefined;
  /**
   * Looks at the next `count` lists (round robin) and drops those empty for more than `keep` refreshes (items of
   * their kind tend to come back meanwhile). A few at every refresh rather than all of them now and then: code that
   * runs only every hundredth decide has no type feedback, and the optimised refresh bailed out each time it ran.
   */
  forgetEmpty(epoch: number, keep: number, count: number): void;
}

export function createListTable(): TListTable {
  const lists = new Map<string, TItemList>();
  const listsByMask = new Map<string, Map<number, TItemList>[]>();
  const byInbox = new Map<string, TItemList[][]>();
  // Every list, in no particular order, for forgetEmpty()'s round robin.
  const order: TItemList[] = [];
  let cursor = 0;

  // Lists by inbox, group and holding bit set (rule indices below 30), so that placing an item builds no string key.
  const byMask = (inboxId: string, groupIndex: number): Map<number, TItemList> => {
    let groups = listsByMask.get(inboxId);
    if (groups === undefined) {
      groups = [new Map(), new Map(), new Map(), new Map()];
      listsByMask.set(inboxId, groups);
    }
    return groups[groupIndex] as Map<number, TItemList>;
  };

  return {
    listFor(inboxId, groupIndex, holding, epoch) {
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
          headFacts: null,
          headVersion: 0,
          incoming: [],
          live: 0,
          listed: false,
          lastTouched: epoch,
          stream: { list: null, position: 0, front: null, uniform: 0, bucket: null, partition: 0 },
        };
        list.stream.list = list;
        lists.set(key, list);
        order.push(list);
        if (mask >= 0) byMask(inboxId, groupIndex).set(mask, list);
      }
      return list;
    },
    setListed(list, listed) {
      let groups = byInbox.get(list.inboxId);
      if (!groups) {
        groups = [[], [], [], []];
        byInbox.set(list.inboxId, groups);
      }
      const group = groups[list.groupIndex] as TItemList[];
      if (listed) group.push(list);
      else group.splice(group.indexOf(list), 1);
      list.listed = listed;
    },
    listsOf: (inboxId, groupIndex) => byInbox.get(inboxId)?.[groupIndex],
    forgetEmpty(epoch, keep, count) {
      for (let n = 0; n < count && order.length > 0; n++) {
        if (cursor >= order.length) cursor = 0;
        const list = order[cursor] as TItemList;
        if (list.live === 0 && list.incoming.length === 0 && epoch - list.lastTouched > keep) {
          lists.delete(list.key);
          if (list.mask >= 0) byMask(list.inboxId, list.groupIndex).delete(list.mask);
          // The last list takes its place (and is looked at next).
          order[cursor] = order[order.length - 1] as TItemList;
          order.pop();
        } else cursor++;
      }
    },
  };
}

/** Whether the entry at position k of the list is an item of the last refresh that still belongs there. */
export function isLive(list: TItemList, k: number): boolean {
  const facts = list.entries[k] as TItemFacts;
  return !facts.removed && facts.list === list && facts.version === list.versions[k];
}

// After any change of the list's entries or head.
function syncHead(list: TItemList): void {
  const h = list.head;
  const inside = h < list.entries.length;
  list.headFacts = inside ? (list.entries[h] as TItemFacts) : null;
  list.headVersion = inside ? (list.versions[h] as number) : 0;
}

/**
 * Newcomers join the list in key order. A few are inserted where they belong (binary search, a pointer move);
 * many, or a list with more stale entries than live ones, are merged in one pass that drops the stale entries.
 */
export function settle(list: TItemList): void {
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
    syncHead(list);
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
  syncHead(list);
}

/**
 * The list's first live entry (list.headFacts is then that entry, or null). An entry that is not live never becomes
 * live again (an item that comes back or changes list is placed with a new version), so the head moves past dead
 * entries for good. Most lists' first entry is still live: that is read from the list and the item (headFacts, kept
 * by settle() and here), not from the list's arrays.
 */
export function start(list: TItemList): number {
  const first = list.headFacts;
  if (first !== null && !first.removed && first.list === list && first.version === list.headVersion) return list.head;
  let h = list.head;
  while (h < list.entries.length && !isLive(list, h)) h++;
  list.head = h;
  syncHead(list);
  return h;
}
