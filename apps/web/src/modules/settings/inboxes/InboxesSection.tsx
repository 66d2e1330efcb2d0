import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Badge, Button, EmptyState } from '../../../ui/ui';
import s from '../settings.module.css';
import { QueryState, SectionHeader } from '../shared/FormBits';
import { formatMinutes } from '../shared/number-input';
import type { TInbox } from '../shared/settings-types';
import { nameLookup, useDirectory } from '../shared/use-directory';
import { InboxFormModal } from './InboxFormModal';

/** Inboxes: SLA and members; administrators and team managers create and edit them (spec 11.1). */
export default function InboxesSection() {
  const inboxes = useQuery({
    queryKey: qk.settings('inboxes'),
    queryFn: () => api.get<TInbox[]>('/api/internal/inboxes'),
  });
  const directory = useDirectory();
  const nameOf = nameLookup(directory.data);
  const [editing, setEditing] = useState<TInbox | 'new' | null>(null);
  return (
    <>
      <SectionHeader
        title="Inboxes"
        description="Where conversations wait for agents. Every inbox has an SLA: due date = inbound contact + SLA."
        actions={
          <Button variant="primary" onClick={() => setEditing('new')} data-testid="inbox-create">
            New inbox
          </Button>
        }
      />
      <QueryState isLoading={inboxes.isLoading} error={inboxes.error} />
      {inboxes.data ? (
        <div className={s.card}>
          <table className={s.table}>
            <thead>
              <tr>
                <th>Name</th>
                <th>SLA</th>
                <th>Members</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {inboxes.data.map((inbox) => (
                <tr key={inbox.id} className={inbox.disabled ? s.disabledRow : ''} data-testid="inbox-row">
                  <td>{inbox.name}</td>
                  <td>{formatMinutes(inbox.slaMinutes)}</td>
                  <td title={inbox.memberIds.map(nameOf).join(', ')}>
                    {inbox.memberIds.length === 0 ? (
                      <span className={s.muted}>No members</span>
                    ) : (
                      <span className={s.small}>
                        {inbox.memberIds.slice(0, 3).map(nameOf).join(', ')}
                        {inbox.memberIds.length > 3 ? ` +${inbox.memberIds.length - 3}` : ''}
                      </span>
                    )}
                  </td>
                  <td>{inbox.disabled ? <Badge>Deactivated</Badge> : <Badge tone="ok">Active</Badge>}</td>
                  <td>
                    <div className={s.actions}>
                      <Button size="small" onClick={() => setEditing(inbox)}>
                        Edit
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {inboxes.data.length === 0 ? <EmptyState>No inboxes yet.</EmptyState> : null}
        </div>
      ) : null}
      {editing ? <InboxFormModal inbox={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
