import { useMemo, useState } from 'react';
import { useSession } from '../../app/session';
import { Spinner } from '../../ui/ui';
import s from './ConversationBar.module.css';
import { useAgents, useInboxes } from './directory';
import { moveActive } from './Popover';

export interface TAssignee {
  inboxId: string;
  agentId: string | null;
}

interface TOption {
  key: string;
  label: string;
  sub: string;
  assignee: TAssignee;
  current: boolean;
  heading?: string;
}

/** Inboxes and their agents in one searchable list: pick an inbox alone or an agent in an inbox. */
export function AssignPicker({
  current,
  onPick,
}: {
  current: { inboxId?: string | null; agentId?: string | null };
  onPick: (assignee: TAssignee) => void;
}) {
  const inboxes = useInboxes();
  const agents = useAgents();
  const { data: session } = useSession();
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(-1);

  const options = useMemo<TOption[]>(() => {
    const byId = new Map((agents.data ?? []).map((a) => [a.id, a]));
    const needle = search.trim().toLowerCase();
    const out: TOption[] = [];
    const me = session?.user;
    const currentInbox = (inboxes.data ?? []).find((i) => i.id === current.inboxId);
    if (
      me &&
      currentInbox &&
      current.agentId !== me.id &&
      byId.has(me.id) &&
      (currentInbox.memberIds ?? []).includes(me.id) &&
      (!needle || 'me'.includes(needle) || me.name.toLowerCase().includes(needle))
    )
      out.push({
        key: 'me',
        label: 'Assign to me',
        sub: currentInbox.name,
        assignee: { inboxId: currentInbox.id, agentId: me.id },
        current: false,
        heading: 'Quick',
      });
    for (const inbox of inboxes.data ?? []) {
      if (inbox.disabled) continue;
      const inboxMatches = !needle || inbox.name.toLowerCase().includes(needle);
      const members = (inbox.memberIds ?? [])
        .map((id) => byId.get(id))
        .filter((a): a is NonNullable<typeof a> => !!a)
        .sort((a, b) => a.name.localeCompare(b.name));
      const matchingMembers = members.filter(
        (a) => inboxMatches || a.name.toLowerCase().includes(needle) || a.emailAddress?.toLowerCase().includes(needle),
      );
      if (!inboxMatches && !matchingMembers.length) continue;
      out.push({
        key: `i:${inbox.id}`,
        label: inbox.name,
        sub: 'Inbox · no agent',
        assignee: { inboxId: inbox.id, agentId: null },
        current: current.inboxId === inbox.id && !current.agentId,
        heading: inbox.name,
      });
      for (const agent of matchingMembers)
        out.push({
          key: `a:${inbox.id}:${agent.id}`,
          label: agent.name,
          sub: agent.emailAddress ?? '',
          assignee: { inboxId: inbox.id, agentId: agent.id },
          current: current.inboxId === inbox.id && current.agentId === agent.id,
        });
    }
    return out;
  }, [agents.data, inboxes.data, search, session?.user, current.inboxId, current.agentId]);

  const loading = inboxes.isPending || agents.isPending;
  const error = inboxes.error ?? agents.error;

  return (
    <div className={s.assignPicker}>
      <input
        className={s.pickerSearch}
        placeholder="Search inboxes and agents"
        aria-label="Search inboxes and agents"
        value={search}
        // biome-ignore lint/a11y/noAutofocus: the picker opens to be typed into
        autoFocus
        onChange={(e) => {
          setSearch(e.target.value);
          setActive(e.target.value ? 0 : -1);
        }}
        onKeyDown={(e) => {
          const next = moveActive(e.key, active, options.length);
          if (next !== null) {
            e.preventDefault();
            setActive(next);
            document.getElementById(`assign-option-${next}`)?.scrollIntoView({ block: 'nearest' });
          } else if (e.key === 'Enter') {
            e.preventDefault();
            const o = options[active];
            if (o) onPick(o.assignee);
          }
        }}
      />
      <div className={s.pickerList} role="listbox" aria-label="Assignees">
        {loading && (
          <div className={s.pickerEmpty}>
            <Spinner label="Loading inboxes" />
          </div>
        )}
        {error && <div className={s.pickerEmpty}>Could not load inboxes and agents: {error.message}</div>}
        {!loading && !error && options.length === 0 && <div className={s.pickerEmpty}>Nothing matches.</div>}
        {options.map((o, i) => (
          <div
            key={o.key}
            id={`assign-option-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={o.current}
            data-testid="assign-option"
            className={`${s.pickerOption} ${o.heading ? s.pickerOptionInbox : s.pickerOptionAgent} ${i === active ? s.pickerActive : ''}`}
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(o.assignee)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onPick(o.assignee);
            }}
          >
            <span className={s.pickerLabel}>{o.label}</span>
            <span className={s.pickerSub}>{o.current ? 'current' : o.sub}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
