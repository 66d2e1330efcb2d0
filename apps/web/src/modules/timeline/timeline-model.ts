import type { TTimelineConversation, TTimelineItem, TTimelinePage } from './timeline-types';

// Pure client state of the timeline: merging pages, grouping items into conversation sections and flattening the
// sections into the rows the virtualizer draws.

export type TTimelineRow =
  | { kind: 'conversation'; key: string; conversation: TTimelineConversation; itemCount: number }
  | { kind: 'loose'; key: string }
  | { kind: 'item'; key: string; item: TTimelineItem; conversationId: string | null }
  | { kind: 'older'; key: string };

export interface TTimelineSection {
  /** null for items outside any conversation (customer activities, standalone emails). */
  conversation: TTimelineConversation | null;
  items: TTimelineItem[];
}

const time = (iso: string | null | undefined) => {
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? 0 : t;
};

// Item objects are immutable (they come from the query cache), so each one's timestamp is parsed once: sorting
// thousands of items otherwise parses two dates per comparison.
const itemTimes = new WeakMap<TTimelineItem, number>();
function itemTime(item: TTimelineItem): number {
  let t = itemTimes.get(item);
  if (t === undefined) {
    t = time(item.timestamp);
    itemTimes.set(item, t);
  }
  return t;
}

export function compareItems(a: TTimelineItem, b: TTimelineItem): number {
  return itemTime(a) - itemTime(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

type TPageItems = Pick<TTimelinePage, 'items'>;

/** Items of every loaded page (pages newest first, as fetched), once each, oldest → newest. */
export function mergePages(pages: readonly TPageItems[]): TTimelineItem[] {
  const byId = new Map<string, TTimelineItem>();
  // Newer pages were fetched later when refetched; the first occurrence (newest page) wins.
  for (const page of pages) for (const item of page.items) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()].sort(compareItems);
}

/** The result of merging `pages`: kept between renders so the next older page is merged in without a full sort. */
export interface TMergedPages {
  pages: readonly TPageItems[];
  items: TTimelineItem[];
}

/** Two lists sorted by compareItems, as one sorted list. */
function mergeSorted(a: readonly TTimelineItem[], b: readonly TTimelineItem[]): TTimelineItem[] {
  const out: TTimelineItem[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareItems(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/**
 * mergePages(pages), reusing `previous` when its pages are the first of `pages` (an older page was appended, the
 * usual case while scrolling up): only the new pages' items are sorted, then prepended (or merged in when they
 * overlap in time). Any other change (a refetch replaced a page) recomputes everything. Same result as mergePages.
 */
export function mergePagesFrom(previous: TMergedPages | null, pages: readonly TPageItems[]): TMergedPages {
  const reusable =
    previous !== null &&
    previous.pages.length > 0 &&
    previous.pages.length <= pages.length &&
    previous.pages.every((page, i) => page === pages[i]);
  if (!reusable) return { pages, items: mergePages(pages) };
  if (previous.pages.length === pages.length) return { pages, items: previous.items };
  const known = new Set<string>();
  for (const item of previous.items) known.add(item.id);
  const added: TTimelineItem[] = [];
  for (const page of pages.slice(previous.pages.length))
    for (const item of page.items)
      if (!known.has(item.id)) {
        known.add(item.id);
        added.push(item);
      }
  if (!added.length) return { pages, items: previous.items };
  added.sort(compareItems);
  const older = previous.items;
  const items =
    !older.length || compareItems(added[added.length - 1]!, older[0]!) < 0
      ? added.concat(older)
      : mergeSorted(older, added);
  return { pages, items };
}

/**
 * Conversation sections, oldest → newest by the time the conversation began (its createdAt or its first item,
 * whichever is earlier). Items outside a conversation form their own sections at their place in time; adjacent
 * ones are joined. A conversation with no loaded item is shown only when it is not older than what is loaded
 * (`complete` = every page is loaded), so older pages never leave empty headers at the top.
 */
export function groupTimeline(
  conversations: readonly TTimelineConversation[],
  items: readonly TTimelineItem[],
  complete: boolean,
): TTimelineSection[] {
  const sorted = [...items].sort(compareItems);
  const byConversation = new Map<string, TTimelineItem[]>();
  const known = new Set(conversations.map((c) => c.id));
  type TBlock = { at: number; order: string; section: TTimelineSection };
  const blocks: TBlock[] = [];
  for (const item of sorted) {
    const cid = item.conversationId && known.has(item.conversationId) ? item.conversationId : null;
    if (cid) {
      const list = byConversation.get(cid) ?? [];
      list.push(item);
      byConversation.set(cid, list);
    } else if (item.conversationId) {
      // A conversation the list does not (yet) know: still group its items together under a minimal header.
      const list = byConversation.get(item.conversationId) ?? [];
      list.push(item);
      byConversation.set(item.conversationId, list);
    } else {
      blocks.push({ at: time(item.timestamp), order: `1${item.id}`, section: { conversation: null, items: [item] } });
    }
  }
  const oldestLoaded = sorted.length ? time(sorted[0]!.timestamp) : Number.POSITIVE_INFINITY;
  const all: TTimelineConversation[] = [...conversations];
  for (const cid of byConversation.keys()) {
    if (!known.has(cid)) {
      const first = byConversation.get(cid)![0]!;
      all.push({ id: cid, status: 'OPEN', createdAt: first.timestamp, topics: [] });
    }
  }
  for (const conversation of all) {
    const list = byConversation.get(conversation.id) ?? [];
    const created = time(conversation.createdAt);
    if (!list.length && !complete && created < oldestLoaded) continue;
    const at = list.length ? Math.min(created || time(list[0]!.timestamp), time(list[0]!.timestamp)) : created;
    blocks.push({ at, order: `0${conversation.id}`, section: { conversation, items: list } });
  }
  blocks.sort((a, b) => a.at - b.at || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const sections: TTimelineSection[] = [];
  for (const block of blocks) {
    const previous = sections[sections.length - 1];
    if (!block.section.conversation && previous && !previous.conversation) previous.items.push(...block.section.items);
    else sections.push(block.section);
  }
  return sections;
}

/** The flat list of rows: an optional "older" loader row, then each section's header followed by its items. */
export function timelineRows(sections: readonly TTimelineSection[], hasOlder: boolean): TTimelineRow[] {
  const rows: TTimelineRow[] = [];
  if (hasOlder) rows.push({ kind: 'older', key: 'older' });
  sections.forEach((section, index) => {
    const conversationId = section.conversation?.id ?? null;
    if (section.conversation)
      rows.push({
        kind: 'conversation',
        key: `c:${section.conversation.id}`,
        conversation: section.conversation,
        itemCount: section.items.length,
      });
    else rows.push({ kind: 'loose', key: `l:${section.items[0]?.id ?? index}` });
    for (const item of section.items) rows.push({ kind: 'item', key: `i:${item.id}`, item, conversationId });
  });
  return rows;
}

/**
 * The conversation the desktop acts on: the one named in the URL when it exists, otherwise the newest that is not
 * closed, otherwise the newest.
 */
export function pickActiveConversation(
  conversations: readonly TTimelineConversation[],
  requestedId: string | null,
): TTimelineConversation | null {
  if (requestedId) {
    const found = conversations.find((c) => c.id === requestedId);
    if (found) return found;
  }
  const newestFirst = [...conversations].sort((a, b) => time(b.createdAt) - time(a.createdAt));
  return newestFirst.find((c) => c.status !== 'CLOSED') ?? newestFirst[0] ?? null;
}

/** The status word the desktop shows: New / OPEN / WAITING / CLOSED (product spec 2.2). */
export function displayStatus(conversation: Pick<TTimelineConversation, 'status' | 'uiStatus' | 'agentId'>): string {
  const ui = (conversation.uiStatus ?? '').toUpperCase();
  if (ui === 'NEW') return 'New';
  if (ui) return ui;
  if (conversation.status === 'OPEN' && !conversation.agentId) return 'New';
  return conversation.status;
}
