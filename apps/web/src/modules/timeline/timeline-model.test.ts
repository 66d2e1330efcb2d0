import { describe, expect, it } from 'vitest';
import {
  displayStatus,
  groupTimeline,
  mergePages,
  mergePagesFrom,
  pickActiveConversation,
  timelineRows,
} from './timeline-model';
import type { TTimelineConversation, TTimelineItem } from './timeline-types';

const conv = (id: string, createdAt: string, extra: Partial<TTimelineConversation> = {}): TTimelineConversation => ({
  id,
  status: 'CLOSED',
  createdAt,
  topics: [],
  ...extra,
});
const item = (id: string, timestamp: string, conversationId?: string): TTimelineItem => ({
  id,
  customerId: 'cu',
  conversationId,
  timestamp,
  initiator: { type: 'CUSTOMER' },
  content: { type: 'CHAT_MESSAGE', content: id },
});

const shape = (sections: ReturnType<typeof groupTimeline>) =>
  sections.map((s) => [s.conversation?.id ?? null, s.items.map((i) => i.id)]);

describe('mergePages', () => {
  it('joins pages once each, oldest first', () => {
    const newest = { items: [item('c', '2024-01-03T00:00:00Z'), item('b', '2024-01-02T00:00:00Z')] };
    const older = { items: [item('b', '2024-01-02T00:00:00Z'), item('a', '2024-01-01T00:00:00Z')] };
    expect(mergePages([newest, older]).map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('orders equal timestamps by id so the order is stable', () => {
    const page = { items: [item('z', '2024-01-01T00:00:00Z'), item('y', '2024-01-01T00:00:00Z')] };
    expect(mergePages([page]).map((i) => i.id)).toEqual(['y', 'z']);
  });
});

describe('mergePagesFrom', () => {
  const at = (hour: number) => new Date(Date.UTC(2024, 0, 1, hour)).toISOString();
  const page = (...ids: [string, number][]) => ({ items: ids.map(([id, hour]) => item(id, at(hour))) });
  const ids = (items: readonly TTimelineItem[]) => items.map((i) => i.id);
  const p1 = page(['f', 10], ['e', 9]);
  const p2 = page(['d', 8], ['c', 7]);
  const p3 = page(['b', 6], ['a', 5]);
  // Each case: the pages merged before and the pages now (sharing page objects as the query cache does).
  const cases: [string, Pick<import('./timeline-types').TTimelinePage, 'items'>[], (typeof p1)[]][] = [
    ['nothing before', [], [p1]],
    ['one older page appended', [p1], [p1, p2]],
    ['two older pages appended at once', [p1], [p1, p2, p3]],
    ['the same pages again', [p1, p2], [p1, p2]],
    ['an appended page that overlaps in time', [p1], [p1, page(['x', 9], ['d', 8], ['y', 11])]],
    ['an appended page repeating loaded items', [p1, p2], [p1, p2, page(['d', 8], ['b', 6])]],
    ['an appended page with only repeats', [p1], [p1, page(['e', 9])]],
    ['an empty appended page', [p1], [p1, { items: [] }]],
    ['equal timestamps across pages', [page(['m', 5])], [page(['m', 5]), page(['k', 5], ['n', 5])]],
    ['a refetched first page (new object)', [p1, p2], [page(['g', 11], ['f', 10], ['e', 9]), p2]],
    ['fewer pages than before', [p1, p2], [p1]],
    ['no pages', [p1], []],
  ];
  it.each(cases)('equals the full merge: %s', (_label, before, now) => {
    // Make the "now" pages share objects with "before" where they are the same page, as TanStack Query does.
    const previous = before.length ? mergePagesFrom(null, before) : null;
    const merged = mergePagesFrom(previous, now);
    expect(ids(merged.items)).toEqual(ids(mergePages(now)));
    expect(merged.pages).toBe(now);
  });

  it('keeps the first occurrence of an item, as mergePages does', () => {
    const newer = { items: [item('d', at(8), 'c-new')] };
    const merged = mergePagesFrom(mergePagesFrom(null, [p1]), [p1, newer, p2]);
    expect(merged.items.find((i) => i.id === 'd')?.conversationId).toBe('c-new');
    expect(merged.items).toEqual(mergePages([p1, newer, p2]));
  });

  it('reuses the loaded items when no page was added, and only prepends an older page', () => {
    const first = mergePagesFrom(null, [p1, p2]);
    expect(mergePagesFrom(first, [p1, p2]).items).toBe(first.items);
    const next = mergePagesFrom(first, [p1, p2, p3]);
    expect(next.items.slice(2)).toEqual(first.items);
    expect(ids(next.items)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    // The earlier result is not changed by merging on top of it.
    expect(ids(first.items)).toEqual(['c', 'd', 'e', 'f']);
  });

  it('merges 25 pages of 200 one at a time into the same order as all at once', () => {
    const all = Array.from({ length: 5000 }, (_, i) =>
      item(`i${String(i).padStart(5, '0')}`, new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 3) * 60_000).toISOString()),
    );
    const pages = Array.from({ length: 25 }, (_, p) => ({
      items: all.slice(4800 - p * 200, 5000 - p * 200).reverse(),
    }));
    let merged: ReturnType<typeof mergePagesFrom> | null = null;
    for (let n = 1; n <= pages.length; n++) merged = mergePagesFrom(merged, pages.slice(0, n));
    expect(ids(merged!.items)).toEqual(ids(all));
    expect(ids(merged!.items)).toEqual(ids(mergePages(pages)));
  });
});

describe('groupTimeline', () => {
  const c1 = conv('c1', '2024-01-01T10:00:00Z');
  const c2 = conv('c2', '2024-02-01T10:00:00Z', { status: 'OPEN' });

  it('puts each conversation in its own section, oldest conversation first, items in time order', () => {
    const items = [
      item('i4', '2024-02-01T10:05:00Z', 'c2'),
      item('i1', '2024-01-01T10:00:00Z', 'c1'),
      item('i3', '2024-02-01T10:00:00Z', 'c2'),
      item('i2', '2024-01-01T11:00:00Z', 'c1'),
    ];
    expect(shape(groupTimeline([c2, c1], items, true))).toEqual([
      ['c1', ['i1', 'i2']],
      ['c2', ['i3', 'i4']],
    ]);
  });

  it('keeps a late item of an older conversation in that conversation', () => {
    const items = [
      item('a', '2024-01-01T10:00:00Z', 'c1'),
      item('b', '2024-02-01T10:00:00Z', 'c2'),
      item('late', '2024-02-02T10:00:00Z', 'c1'),
    ];
    expect(shape(groupTimeline([c1, c2], items, true))).toEqual([
      ['c1', ['a', 'late']],
      ['c2', ['b']],
    ]);
  });

  it('places items outside conversations by time and joins neighbours', () => {
    const items = [
      item('act1', '2023-12-01T00:00:00Z'),
      item('act2', '2023-12-02T00:00:00Z'),
      item('a', '2024-01-01T10:00:00Z', 'c1'),
      item('act3', '2024-01-15T00:00:00Z'),
      item('b', '2024-02-01T10:00:00Z', 'c2'),
    ];
    expect(shape(groupTimeline([c1, c2], items, true))).toEqual([
      [null, ['act1', 'act2']],
      ['c1', ['a']],
      [null, ['act3']],
      ['c2', ['b']],
    ]);
  });

  it('hides empty older conversations until every page is loaded, but shows a new empty one', () => {
    const c3 = conv('c3', '2024-03-01T00:00:00Z', { status: 'OPEN' });
    const items = [item('b', '2024-02-01T10:00:00Z', 'c2')];
    expect(shape(groupTimeline([c1, c2, c3], items, false))).toEqual([
      ['c2', ['b']],
      ['c3', []],
    ]);
    expect(shape(groupTimeline([c1, c2, c3], items, true))).toEqual([
      ['c1', []],
      ['c2', ['b']],
      ['c3', []],
    ]);
  });

  it('groups items of a conversation the list does not know under their own header', () => {
    const items = [item('x', '2024-05-01T00:00:00Z', 'unknown')];
    expect(shape(groupTimeline([], items, true))).toEqual([['unknown', ['x']]]);
  });
});

describe('timelineRows', () => {
  it('flattens sections into header and item rows, with the loader first when older pages exist', () => {
    const sections = groupTimeline(
      [conv('c1', '2024-01-01T00:00:00Z')],
      [item('act', '2023-01-01T00:00:00Z'), item('a', '2024-01-01T00:00:00Z', 'c1')],
      true,
    );
    expect(timelineRows(sections, true).map((r) => r.key)).toEqual(['older', 'l:act', 'i:act', 'c:c1', 'i:a']);
    expect(timelineRows(sections, false)[0]?.kind).toBe('loose');
  });
});

describe('pickActiveConversation', () => {
  const list = [
    conv('old', '2024-01-01T00:00:00Z'),
    conv('open', '2024-02-01T00:00:00Z', { status: 'OPEN' }),
    conv('newest-closed', '2024-03-01T00:00:00Z'),
  ];
  it.each([
    ['old', 'old'],
    [null, 'open'],
    ['missing', 'open'],
  ])('requested %s → %s', (requested, expected) => {
    expect(pickActiveConversation(list, requested)?.id).toBe(expected);
  });
  it('falls back to the newest when all are closed, and to null when there is none', () => {
    expect(pickActiveConversation([list[0]!, list[2]!], null)?.id).toBe('newest-closed');
    expect(pickActiveConversation([], null)).toBeNull();
  });
});

describe('displayStatus', () => {
  it.each([
    [{ status: 'OPEN', uiStatus: 'NEW' }, 'New'],
    [{ status: 'OPEN', uiStatus: 'waiting' }, 'WAITING'],
    [{ status: 'OPEN', agentId: null }, 'New'],
    [{ status: 'OPEN', agentId: 'a1' }, 'OPEN'],
    [{ status: 'CLOSED', agentId: 'a1' }, 'CLOSED'],
  ])('%j → %s', (input, expected) => {
    expect(displayStatus(input)).toBe(expected);
  });
});
