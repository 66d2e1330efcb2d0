import { NavLink, useParams } from 'react-router';
import { useRealtimeStatus } from '../../realtime';
import { InboxIcon, UserIcon } from '../../ui/icons';
import { type TInboxSummary, useInboxViews, VIEW_LABELS, VIEWS } from '../inbox/inbox-api';
import s from './shell.module.css';

/** Left navigation: My conversations, then each inbox with its live counts; the open inbox lists its views. */
export function Sidebar() {
  const views = useInboxViews();
  const { inboxId: current } = useParams<{ inboxId?: string }>();
  const inboxes = views.data?.inboxes ?? [];
  const member = inboxes.filter((i) => i.member !== false);
  const others = inboxes.filter((i) => i.member === false);
  const mine = views.data?.mine;

  return (
    <nav className={s.sidebar} aria-label="Inboxes">
      <div className={s.navScroll}>
        <NavLink
          to="/inbox/mine"
          className={() => `${s.navItem} ${current === 'mine' ? s.navActive : ''}`}
          data-testid="nav-mine"
          title={mine ? `${mine.open} open · ${mine.waiting} waiting · ${mine.overdue} overdue` : undefined}
        >
          <UserIcon size={15} className={s.navIcon} />
          <span className={s.navLabel}>My conversations</span>
          {!!mine?.overdue && <span className={s.overdueDot} title={`${mine.overdue} overdue`} />}
          <span className={s.navCount}>{mine ? mine.open : ''}</span>
        </NavLink>

        <div className={s.navHeading}>Inboxes</div>
        {views.isPending && <NavSkeleton />}
        {!views.isPending && member.length === 0 && <p className={s.navEmpty}>You are not in any inbox yet.</p>}
        {member.map((inbox) => (
          <InboxNavItem key={inbox.id} inbox={inbox} active={current === inbox.id} />
        ))}
        {others.length > 0 && (
          <>
            <div className={s.navHeading}>Other inboxes</div>
            {others.map((inbox) => (
              <InboxNavItem key={inbox.id} inbox={inbox} active={current === inbox.id} />
            ))}
          </>
        )}
      </div>
      <ConnectionStatus />
    </nav>
  );
}

function InboxNavItem({ inbox, active }: { inbox: TInboxSummary; active: boolean }) {
  const { view } = useParams<{ view?: string }>();
  const c = inbox.counts;
  return (
    <div className={s.navGroup}>
      <NavLink
        to={`/inbox/${encodeURIComponent(inbox.id)}`}
        className={() => `${s.navItem} ${active ? s.navActive : ''}`}
        data-testid={`nav-inbox-${inbox.id}`}
        title={`${c.new} new · ${c.open} open · ${c.waiting} waiting · ${c.closed} closed${inbox.overdue ? ` · ${inbox.overdue} overdue` : ''}`}
      >
        <InboxIcon size={15} className={s.navIcon} />
        <span className={s.navLabel}>{inbox.name}</span>
        {inbox.overdue > 0 && <span className={s.overdueDot} title={`${inbox.overdue} overdue`} />}
        <span className={`${s.navCount} ${c.new > 0 ? s.navCountStrong : ''}`} title="New">
          {c.new}
        </span>
      </NavLink>
      <div className={s.navCounts} aria-hidden={active}>
        {!active && (
          <>
            <span>{c.open} open</span>
            <span>{c.waiting} waiting</span>
          </>
        )}
      </div>
      {active && (
        <div className={s.subNav}>
          {VIEWS.map((v) => (
            <NavLink
              key={v}
              to={`/inbox/${encodeURIComponent(inbox.id)}/${v}`}
              className={() => `${s.subItem} ${view === v ? s.subActive : ''}`}
            >
              <span>{VIEW_LABELS[v]}</span>
              <span className={s.subCount}>{c[v]}</span>
            </NavLink>
          ))}
        </div>
      )}
    </div>
  );
}

function NavSkeleton() {
  return (
    <div className={s.navSkeleton} aria-hidden="true">
      <span />
      <span />
      <span />
    </div>
  );
}

function ConnectionStatus() {
  const status = useRealtimeStatus();
  const label =
    status === 'live'
      ? 'Live'
      : status === 'connecting'
        ? 'Connecting…'
        : status === 'reconnecting'
          ? 'Reconnecting…'
          : 'Offline — retrying';
  return (
    <div className={`${s.connection} ${s[`conn-${status}`] ?? ''}`} title="Realtime updates" aria-live="polite">
      <span className={s.connDot} />
      {label}
    </div>
  );
}
