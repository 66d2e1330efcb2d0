import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ChannelIcon, channelName } from '../../ui/icons';
import { Avatar, Button, Spinner } from '../../ui/ui';
import { useNow } from '../shell/use-now';
import { useShortcut } from '../shortcuts';
import { formatAgo, formatDue } from './format';
import s from './inbox.module.css';
import { conversationHref, type TConversationRow, type TView, useConversationList } from './inbox-api';

const STATUS_LABELS: Record<string, string> = { NEW: 'New', OPEN: 'Open', WAITING: 'Waiting', CLOSED: 'Closed' };

export function statusText(row: Pick<TConversationRow, 'uiStatus' | 'status'>): string {
  const key = (row.uiStatus || row.status || '').toUpperCase();
  return STATUS_LABELS[key] ?? key.charAt(0) + key.slice(1).toLowerCase();
}

/** The rows of one inbox view: j/k (or arrows) to move, Enter to open; more load as you scroll. */
export function ConversationList({
  inboxId,
  view,
  empty,
}: {
  inboxId: string;
  view: TView;
  empty: { title: string; hint: string };
}) {
  const list = useConversationList(inboxId, view);
  const navigate = useNavigate();
  const now = useNow(30_000);
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];
  const [selected, setSelected] = useState(-1);
  const listRef = useRef<HTMLElement>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);

  // A new view starts with nothing selected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on view change only
  useEffect(() => setSelected(-1), [inboxId, view]);

  // Keep the selection on the same conversation when rows move under it (live updates).
  const selectedId = rows[selected]?.conversationId;
  const selectedIdRef = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (selectedId) selectedIdRef.current = selectedId;
  }, [selectedId]);
  useEffect(() => {
    const id = selectedIdRef.current;
    if (!id) return;
    const index = rows.findIndex((r) => r.conversationId === id);
    if (index >= 0 && index !== selected) setSelected(index);
  }, [rows, selected]);

  const move = (delta: number) => {
    if (rows.length === 0) return;
    const next = selected < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, selected + delta));
    setSelected(next);
    selectedIdRef.current = rows[next]?.conversationId;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.scrollIntoView({ block: 'nearest' });
    if (next >= rows.length - 5 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  };
  useShortcut(['j', 'arrowdown'], () => move(1), { description: 'Next conversation', scope: 'Inbox' });
  useShortcut(['k', 'arrowup'], () => move(-1), { description: 'Previous conversation', scope: 'Inbox' });
  useShortcut(
    ['enter', 'o'],
    () => {
      const row = rows[selected];
      // Enter on another focused control (a tab, a menu, "Load more") keeps its own meaning.
      const focused = document.activeElement;
      const onOtherControl =
        focused instanceof HTMLElement &&
        focused.matches('a, button, [role=button], [role=menuitem]') &&
        !focused.matches('[data-testid=conversation-row]');
      if (!row || onOtherControl) return false;
      navigate(conversationHref(row));
    },
    { description: 'Open the selected conversation', scope: 'Inbox' },
  );

  // Infinite scroll: load the next page when the sentinel comes into view.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    const el = sentinelRef.current;
    if (!el || !hasNextPage || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: '400px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (list.isPending) return <SkeletonRows />;
  if (list.isError) {
    return (
      <div className={s.empty}>
        <div className={s.emptyTitle}>Could not load conversations</div>
        <div className={s.emptyHint}>{list.error.message}</div>
        <Button size="small" onClick={() => list.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  if (rows.length === 0) {
    return (
      <div className={s.empty}>
        <div className={s.emptyArt} aria-hidden="true" />
        <div className={s.emptyTitle}>{empty.title}</div>
        <div className={s.emptyHint}>{empty.hint}</div>
      </div>
    );
  }

  return (
    <section className={s.list} ref={listRef} aria-label="Conversations">
      {rows.map((row, index) => (
        <Row
          key={row.conversationId}
          row={row}
          index={index}
          now={now}
          selected={index === selected}
          showInbox={inboxId === 'mine'}
          onFocus={() => {
            setSelected(index);
            selectedIdRef.current = row.conversationId;
          }}
        />
      ))}
      <div ref={sentinelRef} className={s.sentinel}>
        {isFetchingNextPage && <Spinner label="Loading more" />}
        {hasNextPage && !isFetchingNextPage && (
          <Button size="small" variant="ghost" onClick={() => fetchNextPage()}>
            Load more
          </Button>
        )}
      </div>
    </section>
  );
}

function Row({
  row,
  index,
  now,
  selected,
  showInbox,
  onFocus,
}: {
  row: TConversationRow;
  index: number;
  now: number;
  selected: boolean;
  showInbox: boolean;
  onFocus: () => void;
}) {
  const due = formatDue(row.dueAt, now);
  const status = statusText(row);
  const name = row.customerName || 'Unknown customer';
  return (
    <Link
      to={conversationHref(row)}
      className={`${s.row} ${selected ? s.selected : ''}`}
      data-testid="conversation-row"
      data-conversation-id={row.conversationId}
      data-customer-id={row.customerId}
      data-index={index}
      aria-current={selected ? 'true' : undefined}
      onFocus={onFocus}
    >
      <span className={s.channelCell} title={channelName(row.channel)}>
        <ChannelIcon channel={row.channel} size={16} />
      </span>
      <span className={s.main}>
        <span className={s.nameLine}>
          <span className={s.name}>{name}</span>
          {showInbox && <span className={s.inboxTag}>{row.inboxName}</span>}
        </span>
        <span className={s.preview}>{row.preview || <em className={s.noPreview}>No message yet</em>}</span>
      </span>
      <span className={`${s.status} ${s[`status-${status.toLowerCase()}`] ?? ''}`}>{status}</span>
      <span className={s.assignee} title={row.agentName ?? 'Unassigned'}>
        {row.agentName ? (
          <>
            <Avatar name={row.agentName} size={20} />
            <span className={s.assigneeName}>{row.agentName}</span>
          </>
        ) : (
          <span className={s.unassigned}>Unassigned</span>
        )}
      </span>
      <span className={`${s.due} ${s[`due-${due.tone}`] ?? ''}`} title={row.dueAt ?? undefined}>
        {due.text}
      </span>
      <span className={s.ago} title={row.lastActivityAt ?? undefined}>
        {formatAgo(row.lastActivityAt, now)}
      </span>
    </Link>
  );
}

function SkeletonRows() {
  return (
    <div className={s.list} aria-busy="true">
      {Array.from({ length: 8 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <div key={i} className={`${s.row} ${s.skeleton}`}>
          <span className={s.channelCell} />
          <span className={s.main}>
            <span className={s.bone} style={{ width: `${30 + ((i * 17) % 30)}%` }} />
            <span className={s.bone} style={{ width: `${55 + ((i * 23) % 35)}%` }} />
          </span>
        </div>
      ))}
    </div>
  );
}
