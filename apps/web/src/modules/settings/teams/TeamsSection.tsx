import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Button, EmptyState } from '../../../ui/ui';
import s from '../settings.module.css';
import { QueryState, SectionHeader } from '../shared/FormBits';
import type { TTeam } from '../shared/settings-types';
import { nameLookup, useDirectory } from '../shared/use-directory';
import { TeamFormModal } from './TeamFormModal';

/** Teams: groups of agents for Liveboard filters and reports; they do not affect routing. */
export default function TeamsSection() {
  const teams = useQuery({ queryKey: qk.settings('teams'), queryFn: () => api.get<TTeam[]>('/api/internal/teams') });
  const directory = useDirectory();
  const nameOf = nameLookup(directory.data);
  const [editing, setEditing] = useState<TTeam | 'new' | null>(null);
  return (
    <>
      <SectionHeader
        title="Teams"
        description="Groups of agents for filters and reports. Teams do not affect routing."
        actions={
          <Button variant="primary" onClick={() => setEditing('new')} data-testid="team-create">
            New team
          </Button>
        }
      />
      <QueryState isLoading={teams.isLoading} error={teams.error} />
      {teams.data ? (
        <div className={s.card}>
          <table className={s.table}>
            <thead>
              <tr>
                <th>Name</th>
                <th>Purpose</th>
                <th>Members</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {teams.data.map((team) => (
                <tr key={team.id} data-testid="team-row">
                  <td>{team.name}</td>
                  <td className={s.muted}>{team.description || '—'}</td>
                  <td title={team.agentIds.map(nameOf).join(', ')}>
                    {team.agentIds.length} {team.agentIds.length === 1 ? 'agent' : 'agents'}
                  </td>
                  <td>
                    <div className={s.actions}>
                      <Button size="small" onClick={() => setEditing(team)}>
                        Edit
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {teams.data.length === 0 ? <EmptyState>No teams yet.</EmptyState> : null}
        </div>
      ) : null}
      {editing ? <TeamFormModal team={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
