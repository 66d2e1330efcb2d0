import { useCallback, useState } from 'react';
import { canManage, useSession } from '../app/session';
import { compactDuration } from '../modules/inbox/format';
import { AVAILABILITY_TOGGLES, isToggleOn, statusLabel, useStatusReasons } from '../modules/presence/presence-api';
import { presenceTone } from '../modules/presence/StatusMenu';
import { MenuItem, MenuSection, Popover } from '../modules/shell/Popover';
import { useNow } from '../modules/shell/use-now';
import s from '../modules/team/team.module.css';
import { sortAgents, type TAgentState, useAgentStates, useManagePresence } from '../modules/team/team-api';
import { Avatar, Button, Spinner } from '../ui/ui';

/** /team — managers watch their agents live and can set one Away or log them out (spec 5.4). */
export default function TeamPage() {
  const session = useSession();
  const allowed = canManage(session.data?.user);
  const states = useAgentStates(allowed);
  const now = useNow(30_000);

  if (!allowed) {
    return (
      <div className={s.page}>
        <div className={s.denied}>
          <h1>Team</h1>
          <p>Only team managers and administrators can see the team view.</p>
        </div>
      </div>
    );
  }
  const rows = sortAgents(states.data ?? []);
  const activeCount = rows.filter((r) => r.presence.loggedIn && r.presence.status === 'ACTIVE').length;
  const awayCount = rows.filter((r) => r.presence.loggedIn && r.presence.status === 'AWAY').length;

  return (
    <div className={s.page}>
      <header className={s.header}>
        <div>
          <h1 className={s.title}>Team</h1>
          <p className={s.subtitle}>
            {states.data ? (
              <>
                <span className={s.sumActive}>{activeCount} active</span> · <span>{awayCount} away</span> ·{' '}
                <span>{rows.length - activeCount - awayCount} logged out</span>
              </>
            ) : (
              '\u00a0'
            )}
          </p>
        </div>
        {states.isFetching && <Spinner label="Refreshing" />}
      </header>
      {states.isPending ? (
        <div className={s.loading}>
          <Spinner />
        </div>
      ) : states.isError ? (
        <div className={s.denied}>
          <p>{states.error.message}</p>
          <Button size="small" onClick={() => states.refetch()}>
            Try again
          </Button>
        </div>
      ) : rows.length === 0 ? (
        <div className={s.denied}>
          <p>No agents yet. Add people with the Agent role in Settings.</p>
        </div>
      ) : (
        <table className={s.table}>
          <thead>
            <tr>
              <th>Agent</th>
              <th>Status</th>
              <th>Available for</th>
              <th>Load</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <AgentRow key={row.user.id} row={row} now={now} self={row.user.id === session.data?.user.id} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function AgentRow({ row, now, self }: { row: TAgentState; now: number; self: boolean }) {
  const p = row.presence;
  const tone = presenceTone(p);
  const since = p.loggedIn && p.status === 'AWAY' && p.awaySince ? now - Date.parse(p.awaySince) : null;
  const max = Math.max(1, p.messagingCapacity.maximum);
  return (
    <tr data-testid="agent-row" data-user-id={row.user.id}>
      <td>
        <div className={s.agent}>
          <Avatar name={row.user.name} size={30} />
          <div className={s.agentText}>
            <strong>
              {row.user.name}
              {self && <span className={s.you}>you</span>}
            </strong>
            <span>{row.user.email}</span>
          </div>
        </div>
      </td>
      <td>
        <span className={`${s.status} ${s[`tone-${tone}`]}`}>
          <span className={s.dot} />
          {statusLabel(p)}
        </span>
        {since !== null && since >= 0 && <span className={s.since}>for {compactDuration(since)}</span>}
      </td>
      <td>
        <div className={s.avail}>
          {AVAILABILITY_TOGGLES.map((t) => {
            const on = p.loggedIn && isToggleOn(p.availableFor, t.groups);
            return (
              <span key={t.id} className={`${s.pill} ${on ? s.pillOn : ''}`} title={on ? 'Available' : 'Not available'}>
                {t.label}
              </span>
            );
          })}
        </div>
      </td>
      <td>
        <div className={s.loads}>
          <LoadBar label="Voice" value={row.load.voice} max={1} />
          <LoadBar label="Messaging" value={row.load.messaging} max={max} soft={p.messagingCapacity.standard} />
          <LoadBar label="Mail" value={row.load.mail} max={null} />
          <LoadBar label="Tasks" value={row.load.tasks} max={null} />
        </div>
      </td>
      <td className={s.actionsCell}>
        <AgentActions row={row} />
      </td>
    </tr>
  );
}

/** A small bar: value against capacity (Voice 1, Messaging maximum); Mail and Tasks have no cap, so a count. */
function LoadBar({ label, value, max, soft }: { label: string; value: number; max: number | null; soft?: number }) {
  const fraction = max ? Math.min(1, value / max) : Math.min(1, value / 10);
  const full = max !== null && value >= max;
  return (
    <div className={s.load} title={max ? `${label}: ${value} of ${max}` : `${label}: ${value}`}>
      <span className={s.loadLabel}>{label}</span>
      <span className={s.track}>
        <span
          className={`${s.fill} ${full ? s.fillFull : ''} ${max === null ? s.fillSoft : ''}`}
          style={{ width: `${fraction * 100}%` }}
        />
        {soft !== undefined && max ? (
          <span className={s.mark} style={{ left: `${Math.min(1, soft / max) * 100}%` }} />
        ) : null}
      </span>
      <span className={s.loadValue}>{max ? `${value}/${max}` : value}</span>
    </div>
  );
}

function AgentActions({ row }: { row: TAgentState }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const reasons = useStatusReasons();
  const manage = useManagePresence();
  const p = row.presence;
  const away = (reasons.data ?? []).filter((r) => r.kind === 'AWAY' && !r.disabled);
  const send = (body: Parameters<typeof manage.mutate>[0]['body']) => {
    setOpen(false);
    manage.mutate({ userId: row.user.id, body, name: row.user.name });
  };
  if (!p.loggedIn) return <span className={s.muted}>—</span>;
  return (
    <div className={s.actions}>
      <Popover
        open={open}
        onClose={close}
        label="Set Away"
        width={220}
        trigger={
          <Button size="small" onClick={() => setOpen((o) => !o)} disabled={manage.isPending} aria-haspopup="menu">
            Set Away
          </Button>
        }
      >
        <MenuSection title="Away reason">
          {away.length === 0 && <MenuItem onSelect={() => send({ action: 'AWAY' })}>Away</MenuItem>}
          {away.map((r) => (
            <MenuItem key={r.id} onSelect={() => send({ action: 'AWAY', awayReasonId: r.id })}>
              {r.name}
            </MenuItem>
          ))}
        </MenuSection>
      </Popover>
      <Button
        size="small"
        variant="danger"
        disabled={manage.isPending}
        onClick={() => {
          if (window.confirm(`Log ${row.user.name} out of routing? Their offers stop until they log in again.`)) {
            send({ action: 'LOGOUT' });
          }
        }}
      >
        Log out
      </Button>
    </div>
  );
}
