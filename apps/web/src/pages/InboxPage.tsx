import { Navigate, NavLink, useParams } from 'react-router';
import { ConversationList } from '../modules/inbox/ConversationList';
import s from '../modules/inbox/inbox.module.css';
import {
  countFor,
  defaultView,
  isView,
  MINE_VIEWS,
  type TInboxViews,
  type TView,
  useInboxViews,
  VIEW_LABELS,
  VIEWS,
} from '../modules/inbox/inbox-api';
import { ShortcutKeys } from '../modules/shortcuts';

function emptyCopy(inboxId: string, view: TView, inboxName: string, closedDays: number) {
  if (inboxId === 'mine') {
    if (view === 'open')
      return { title: "You're all caught up", hint: 'Nothing needs your reply. Press N to get the next conversation.' };
    if (view === 'waiting') return { title: 'Nothing waiting', hint: 'Conversations wait here while customers reply.' };
    return {
      title: 'Nothing closed lately',
      hint: `Conversations you closed in the last ${closedDays} days show here.`,
    };
  }
  if (view === 'new')
    return {
      title: 'No new conversations',
      hint: `Everything in ${inboxName} has an owner. New arrivals appear here live.`,
    };
  if (view === 'open')
    return { title: 'Nothing open', hint: `No one in ${inboxName} has a conversation waiting on a reply.` };
  if (view === 'waiting') return { title: 'Nothing waiting', hint: 'Conversations waiting on a customer show here.' };
  return { title: 'Nothing closed lately', hint: `Conversations closed in the last ${closedDays} days show here.` };
}

function inboxTitle(views: TInboxViews | undefined, inboxId: string): string {
  if (inboxId === 'mine') return 'My conversations';
  return views?.inboxes.find((i) => i.id === inboxId)?.name ?? (views ? 'Unknown inbox' : '');
}

/** /inbox/:inboxId/:view? — one inbox (or "mine") with New / Open / Waiting / Closed tabs and its live list. */
export function InboxPage() {
  const params = useParams<{ inboxId: string; view?: string }>();
  const inboxId = params.inboxId ?? 'mine';
  const views = useInboxViews();
  if (!isView(params.view))
    return <Navigate to={`/inbox/${encodeURIComponent(inboxId)}/${defaultView(inboxId)}`} replace />;
  const view = params.view;
  const tabs = inboxId === 'mine' ? MINE_VIEWS : VIEWS;
  const title = inboxTitle(views.data, inboxId);
  const overdue =
    inboxId === 'mine' ? views.data?.mine.overdue : views.data?.inboxes.find((i) => i.id === inboxId)?.overdue;
  const closedDays = views.data?.closedWindowDays ?? 30;

  return (
    <div className={s.page}>
      <header className={s.header}>
        <div className={s.heading}>
          <h1 className={s.title}>
            {title || '\u00a0'}
            {!!overdue && <span className={s.overduePill}>{overdue} overdue</span>}
          </h1>
          <nav className={s.tabs} aria-label="Views">
            {tabs.map((v) => {
              const count = countFor(views.data, inboxId, v);
              return (
                <NavLink
                  key={v}
                  to={`/inbox/${encodeURIComponent(inboxId)}/${v}`}
                  className={({ isActive }) => `${s.tab} ${isActive ? s.tabActive : ''}`}
                  title={v === 'closed' ? `Closed in the last ${closedDays} days` : undefined}
                >
                  {VIEW_LABELS[v]}
                  {count !== null && (
                    <span className={s.count} data-testid={`inbox-count-${v}`}>
                      {count}
                    </span>
                  )}
                </NavLink>
              );
            })}
          </nav>
        </div>
        <div className={s.headerHint}>
          <ShortcutKeys spec="j" /> <ShortcutKeys spec="k" /> to move · <ShortcutKeys spec="enter" /> to open
        </div>
      </header>
      <div className={s.scroller}>
        <ConversationList
          key={`${inboxId}/${view}`}
          inboxId={inboxId}
          view={view}
          empty={emptyCopy(inboxId, view, title || 'this inbox', closedDays)}
        />
      </div>
    </div>
  );
}
