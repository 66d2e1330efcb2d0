import type { TBucket } from './agent-pools.js';
import type { TRejection, TWorkItem } from './routing-types.js';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What the engine derives from one queued item, kept between decides while the item is unchanged: its channel
 * group, its key in queue order, the boosts whose item part holds (which depends on the clock only through due-date
 * and wait-time conditions, so it is valid until `until`), and whether it has a restriction of its own (required
 * skills, a decline or miss in grace: valid until `restrictedUntil`).
 */
export interface TItemFacts {
  item: TWorkItem;
  // What the matching reads of the item, copied into the facts (objects of one shape, unlike the caller's items:
  // reading those in the hot loops made the optimised code bail out whenever an item of a new shape came along).
  // The id and inbox never change for one facts object; the restriction fields are those of `item` (restrict()).
  readonly id: string;
  readonly inboxId: string;
  requiredSkills: readonly string[] | undefined;
  declinedBy: readonly TRejection[];
  missedBy: readonly TRejection[];
  readonly groupIndex: number;
  // The item key: due date (none last), enqueuedAt, id.
  readonly dueNull: number;
  readonly due: number;
  readonly enqueued: number;
  holding: readonly number[];
  until: number;
  restricted: boolean;
  restrictedUntil: number;
  list: TItemList | null;
  /** Bumped whenever the item moves to another list, so an entry it left behind is recognisably stale. */
  version: number;
  /** Not in the last snapshot. */
  removed: boolean;
  /** The refresh that found the item by id (not by position), and the last one in which it was restricted. */
  seen: number;
  checked: number;
  /** The last refresh in which a pending offer held it. */
  offered: number;
  /** The refresh that last looked at the item again because of the clock. */
  revisited: number;
}

/**
 * The items of one inbox and channel group for which the same boosts hold on the item side, in item-key order. Any
 * two of them rank the same against every agent (same People Match points), so within one decide the list is walked
 * from the front. `entries` may still hold items that left the queue or the list; isLive() tells them apart.
 */
export interface TItemList {
  readonly key: string;
  readonly inboxId: string;
  readonly groupIndex: number;
  readonly holding: readonly number[];
  /** `holding` as a bit set when every rule index is below 30; -1 otherwise. */
  readonly mask: number;
  entries: TItemFacts[];
  versions: number[];
  /** Entries before it are dead for good. */
  head: number;
  /** entries[head] and versions[head] (null and 0 past the end), kept so by settle() and start() (item-index.ts):
   * whether the first entry is still live is then read from the list and that item alone, not from its arrays. */
  headFacts: TItemFacts | null;
  headVersion: number;
  incoming: TItemFacts[];
  /** Items of the last snapshot in the list. */
  live: number;
  /** The last refresh that changed its items. */
  lastTouched: number;
  /** In the index's lists by inbox and group (it has items). */
  listed: boolean;
  /** The list's stream in match-work.ts (one per list and decide), kept with it so that a decide allocates none. */
  readonly stream: TStream;
}

// A stream of candidate items (match-work.ts): one list of the item index (items that rank alike, walked from
// `position`), or a single item with a restriction of its own (required skills, a decline or miss in grace). `front`
// is its next item.
export interface TStream {
  list: TItemList | null;
  position: number;
  front: TItemFacts | null;
  /** Points of its items that do not depend on the agent's class (boosts every class of the pool satisfies). */
  uniform: number;
  /** A list stream's bucket and `uniform` as of its pool's partition `partition` (TGroupPools.partition): both depend
   * only on the list's holding set and on that partition, so they are looked up again only when it changed. */
  bucket: TBucket | null;
  partition: number;
}

export function compareFacts(a: TItemFacts, b: TItemFacts): number {
  if (a.dueNull !== b.dueNull) return a.dueNull - b.dueNull;
  if (a.dueNull === 0) {
    const d = a.due - b.due;
    if (d) return d;
  }
  const e = a.enqueued - b.enqueued;
  if (e) return e;
  return byString(a.id, b.id);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

// The fields the facts are derived from.
export function sameFacts(a: TWorkItem, b: TWorkItem): boolean {
  if (
    a.inboxId !== b.inboxId ||
    a.channel !== b.channel ||
    a.dueAt !== b.dueAt ||
    a.enqueuedAt !== b.enqueuedAt ||
    a.transferred !== b.transferred ||
    !sameList(a.topicIds, b.topicIds)
  ) {
    return false;
  }
  if (a.customerAttributes !== b.customerAttributes) {
    const keys = Object.keys(a.customerAttributes);
    if (keys.length !== Object.keys(b.customerAttributes).length) return false;
    const same = (key: string) =>
      Object.hasOwn(b.customerAttributes, key) && a.customerAttributes[key] === b.customerAttributes[key];
    if (!keys.every(same)) return false;
  }
  return true;
}
