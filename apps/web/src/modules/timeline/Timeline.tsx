import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Spinner } from '../../ui/ui';
import { formatDateTime } from './format';
import s from './Timeline.module.css';
import { TimelineItem, type TPeople } from './TimelineItem';
import { displayStatus, groupTimeline, type TTimelineRow, timelineRows } from './timeline-model';
import type { TTimelineConversation, TTimelineItem } from './timeline-types';

export interface TTimelineProps {
  customerId: string;
  conversations: TTimelineConversation[];
  items: TTimelineItem[];
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => void;
  activeConversationId: string | null;
  /** The conversation named in the URL: the timeline opens at its newest item. */
  focusConversationId: string | null;
  onSelectConversation: (conversationId: string) => void;
  people: TPeople;
}

function estimate(row: TTimelineRow | undefined): number {
  if (!row) return 60;
  if (row.kind === 'conversation') return 74;
  if (row.kind === 'loose' || row.kind === 'older') return 40;
  switch (row.item.content?.type) {
    case 'EMAIL':
      return 260;
    case 'CONVERSATION_NOTE':
      return 110;
    case 'CONVERSATION_STATUS_CHANGE':
    case 'TOPIC_CHANGE':
      return 34;
    case 'CUSTOMER_ACTIVITY':
      return 56;
    default:
      return 72;
  }
}

const NEAR_BOTTOM_PX = 120;

/** The deferred data before its first render. */
const NOT_YET = { customerId: '', conversations: [], items: [], hasOlder: false, loadingOlder: false };

/**
 * The customer's whole history, oldest at the top, newest at the bottom, one section per conversation. Rows are
 * virtualized (measured after render) so thousands of items scroll smoothly; it opens at the newest item, loads
 * older pages when scrolled near the top and keeps the reading position while they are prepended.
 */
export function Timeline(props: TTimelineProps) {
  // An arriving page re-renders the whole customer page; the timeline's own work for it (grouping, the virtualizer,
  // the new rows, restoring the scroll position) runs in a second, deferred render, so the two are separate tasks
  // rather than one long one. The data is deferred as one snapshot so rows, hasOlder and loadingOlder always agree
  // (a page that has arrived is never shown as "not loading" before its rows are there). On mount, the page around
  // the timeline renders first and the rows follow at once in their own render.
  const { customerId, conversations, items, hasOlder, loadingOlder } = props;
  const snapshot = useMemo(
    () => ({ customerId, conversations, items, hasOlder, loadingOlder }),
    [customerId, conversations, items, hasOlder, loadingOlder],
  );
  const deferred = useDeferredValue(snapshot, NOT_YET);
  if (deferred === NOT_YET) return <div className={s.timeline} data-testid="timeline" />;
  return <TimelineList {...props} {...deferred} />;
}

function TimelineList(props: TTimelineProps) {
  const {
    customerId,
    conversations,
    items,
    hasOlder,
    loadingOlder,
    loadOlder,
    activeConversationId,
    focusConversationId,
    onSelectConversation,
    people,
  } = props;
  const rows = useMemo(
    () => timelineRows(groupTimeline(conversations, items, !hasOlder), hasOlder),
    [conversations, items, hasOlder],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimate(rows[i]),
    getItemKey: (i) => rows[i]?.key ?? i,
    // The timeline opens at its newest end: start there (by the estimates, a window's height above the end), so the
    // first render does not draw and measure the oldest rows only to scroll away from them, and the rows it draws
    // are mostly below that offset (measuring a row above it moves the scroll position, which forces a layout).
    initialOffset: () => Math.max(0, rows.reduce((total, row) => total + estimate(row), 0) - (window.innerHeight || 0)),
    overscan: 6,
    paddingStart: 12,
    paddingEnd: 16,
  });

  // Where the reader is, remembered across data changes: stuck to the bottom, or anchored to a distance from it
  // while older rows are prepended.
  const stick = useRef(true);
  const initialised = useRef<string | null>(null);
  const prependAnchor = useRef<{ firstKey: string; fromBottom: number } | null>(null);
  // The oldest loaded item: it changes exactly when an older page is prepended.
  const firstKey = rows.find((r) => r.kind === 'item')?.key ?? rows[0]?.key;

  // Open at the newest item (or at the end of the conversation named in the URL).
  useLayoutEffect(() => {
    if (!rows.length || initialised.current === customerId) return;
    let target = rows.length - 1;
    if (focusConversationId) {
      let last = -1;
      rows.forEach((row, i) => {
        if (
          (row.kind === 'item' && row.conversationId === focusConversationId) ||
          (row.kind === 'conversation' && row.conversation.id === focusConversationId)
        )
          last = i;
      });
      if (last >= 0) target = last;
      else if (hasOlder) {
        // The conversation is older than what is loaded: fetch older pages until it appears (or none are left).
        if (!loadingOlder) loadOlder();
        return;
      }
    }
    initialised.current = customerId;
    stick.current = target === rows.length - 1;
    virtualizer.scrollToIndex(target, { align: 'end' });
  }, [rows, customerId, focusConversationId, virtualizer, hasOlder, loadingOlder, loadOlder]);

  // Picking another conversation (profile panel, URL): bring its divider into view unless it already is.
  const lastFocus = useRef(focusConversationId);
  useEffect(() => {
    if (lastFocus.current === focusConversationId) return;
    lastFocus.current = focusConversationId;
    if (!focusConversationId || initialised.current !== customerId) return;
    const index = rows.findIndex((r) => r.kind === 'conversation' && r.conversation.id === focusConversationId);
    const el = scrollRef.current;
    if (index < 0 || !el) return;
    const visible = virtualizer
      .getVirtualItems()
      .some((v) => v.index === index && v.start >= el.scrollTop && v.end <= el.scrollTop + el.clientHeight);
    if (!visible) {
      stick.current = false;
      virtualizer.scrollToIndex(index, { align: 'start' });
    }
  }, [focusConversationId, rows, customerId, virtualizer]);

  // After older rows arrive at the top, restore the same distance from the bottom so nothing jumps.
  useLayoutEffect(() => {
    const anchor = prependAnchor.current;
    const el = scrollRef.current;
    if (!anchor || !el || anchor.firstKey === firstKey) return;
    prependAnchor.current = null;
    el.scrollTop = virtualizer.getTotalSize() - anchor.fromBottom;
  }, [firstKey, virtualizer]);

  // New items at the bottom (realtime, a sent reply): follow them when the reader was at the bottom.
  const lastKey = rows[rows.length - 1]?.key;
  useEffect(() => {
    if (lastKey && stick.current && initialised.current === customerId) {
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    }
  }, [lastKey, customerId, rows.length, virtualizer]);

  const hasRows = rows.length > 0;
  // Rows measured taller than estimated, a banner above or a growing composer below: stay at the bottom if there.
  const totalSize = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && stick.current && initialised.current === customerId && totalSize)
      el.scrollTop = el.scrollHeight - el.clientHeight;
  }, [totalSize, customerId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the scroll element exists only once there are rows
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight - el.clientHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasRows]);

  const virtualItems = virtualizer.getVirtualItems();
  const firstVisible = virtualItems[0]?.index ?? 0;
  // The virtualizer re-renders on every scroll, so this flips when the reader reaches the top. With overscan the
  // first row is "visible" long before that; the effect must run again at the top, not only when that index changes.
  const nearTop = (virtualizer.scrollOffset ?? 0) < 400;
  useEffect(() => {
    if (!hasOlder || loadingOlder || initialised.current !== customerId) return;
    if (firstVisible <= 2 && nearTop) {
      const el = scrollRef.current;
      if (el && firstKey) prependAnchor.current = { firstKey, fromBottom: virtualizer.getTotalSize() - el.scrollTop };
      loadOlder();
    }
  }, [firstVisible, nearTop, hasOlder, loadingOlder, loadOlder, customerId, firstKey, virtualizer]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
  };

  if (!rows.length)
    return (
      <div className={s.timeline} data-testid="timeline">
        <div className={s.emptyTimeline}>No conversations with this customer yet.</div>
      </div>
    );

  return (
    <div className={s.timeline} data-testid="timeline" ref={scrollRef} onScroll={onScroll}>
      {/* A short history sits at the bottom, next to the composer, like the newest end of a long one. */}
      <div
        style={{
          height: virtualizer.getTotalSize(),
          position: 'relative',
          width: '100%',
          marginTop: 'auto',
          flexShrink: 0,
        }}
      >
        {virtualItems.map((v) => {
          const row = rows[v.index];
          if (!row) return null;
          return (
            <div
              key={v.key}
              data-index={v.index}
              ref={virtualizer.measureElement}
              className={s.row}
              style={{ transform: `translateY(${v.start}px)` }}
            >
              {row.kind === 'older' && (
                <div className={s.olderRow}>
                  {loadingOlder ? (
                    <Spinner label="Loading older items" />
                  ) : (
                    <button type="button" className={s.linkButton} onClick={loadOlder}>
                      Load older history
                    </button>
                  )}
                </div>
              )}
              {row.kind === 'loose' && <div className={s.looseHeader}>Outside a conversation</div>}
              {row.kind === 'conversation' && (
                <ConversationDivider
                  conversation={row.conversation}
                  itemCount={row.itemCount}
                  active={row.conversation.id === activeConversationId}
                  onSelect={() => onSelectConversation(row.conversation.id)}
                />
              )}
              {row.kind === 'item' && (
                <div className={row.conversationId === activeConversationId ? s.activeLane : s.lane}>
                  <TimelineItem item={row.item} people={people} />
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

const STATUS_CLASS: Record<string, string | undefined> = {
  New: s.statusNew,
  OPEN: s.statusOpen,
  WAITING: s.statusWaiting,
  CLOSED: s.statusClosed,
};

function ConversationDivider({
  conversation,
  itemCount,
  active,
  onSelect,
}: {
  conversation: TTimelineConversation;
  itemCount: number;
  active: boolean;
  onSelect: () => void;
}) {
  const status = displayStatus(conversation);
  return (
    <button
      type="button"
      className={`${s.divider} ${active ? s.dividerActive : ''}`}
      onClick={onSelect}
      aria-pressed={active}
      title={active ? 'The conversation you are working on' : 'Work on this conversation'}
    >
      <span className={s.dividerLine} />
      <span className={s.dividerBody}>
        <span className={s.dividerTop}>
          <span className={`${s.statusPill} ${STATUS_CLASS[status] ?? ''}`}>{status}</span>
          <span className={s.dividerTitle}>{conversation.inboxName || 'Conversation'}</span>
          <span className={s.dividerMuted}>
            {conversation.agentName ? `· ${conversation.agentName}` : '· Unassigned'}
          </span>
        </span>
        <span className={s.dividerDates}>
          Started {formatDateTime(conversation.createdAt)}
          {conversation.closedAt ? ` · Closed ${formatDateTime(conversation.closedAt)}` : ''}
          {itemCount === 0 ? ' · no messages yet' : ''}
        </span>
        {(conversation.topics?.length ?? 0) > 0 && (
          <span className={s.dividerTopics}>
            {conversation.topics?.map((t) => (
              <span key={t.id} className={s.topicTag}>
                {t.name}
              </span>
            ))}
          </span>
        )}
      </span>
      <span className={s.dividerLine} />
    </button>
  );
}
