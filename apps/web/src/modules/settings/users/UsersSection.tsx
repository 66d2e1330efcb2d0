import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../../../app/session';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Avatar, Badge, Button, EmptyState } from '../../../ui/ui';
import s from '../settings.module.css';
import { canEditUsers } from '../settings-sections';
import { QueryState, SectionHeader } from '../shared/FormBits';
import type { TUser } from '../shared/settings-types';
import { useDirectory } from '../shared/use-directory';
import { toastError, useSettingsMutation } from '../shared/use-settings-mutation';
import { ROLE_LABELS, UserFormModal } from './UserFormModal';

/** Users: administrators create, edit roles and deactivate; team managers see the agents (read-only). */
export default function UsersSection() {
  const { data: session } = useSession();
  const editable = canEditUsers(session?.user.roles ?? []);
  return editable ? <AdminUsers /> : <ManagerUsers />;
}

function AdminUsers() {
  const { data: session } = useSession();
  const users = useQuery({ queryKey: qk.settings('users'), queryFn: () => api.get<TUser[]>('/api/internal/users') });
  const [editing, setEditing] = useState<TUser | 'new' | null>(null);
  const setActive = useSettingsMutation(
    'users',
    (vars: { user: TUser; active: boolean }) =>
      api.patch(`/api/internal/users/${vars.user.id}`, { active: vars.active }),
    { success: 'User updated' },
  );
  const toggle = (user: TUser) => {
    if (user.active && !window.confirm(`Deactivate ${user.name}? They are signed out and their work is re-routed.`)) {
      return;
    }
    setActive.mutate({ user, active: !user.active }, { onError: toastError });
  };
  return (
    <>
      <SectionHeader
        title="Users"
        description="People who sign in to Hearth or call its API. A user can hold several roles."
        actions={
          <Button variant="primary" onClick={() => setEditing('new')} data-testid="user-create">
            New user
          </Button>
        }
      />
      <QueryState isLoading={users.isLoading} error={users.error} />
      {users.data ? (
        <div className={s.card}>
          <table className={s.table}>
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Roles</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id} className={user.active ? '' : s.disabledRow} data-testid="user-row">
                  <td>
                    <span className={s.treeName}>
                      <Avatar name={user.name} size={24} /> {user.name}
                    </span>
                  </td>
                  <td>{user.email}</td>
                  <td>
                    <span className={s.badges}>
                      {user.roles.map((role) => (
                        <Badge key={role} tone={role === 'ADMINISTRATOR' ? 'brand' : undefined}>
                          {ROLE_LABELS[role] ?? role}
                        </Badge>
                      ))}
                    </span>
                  </td>
                  <td>{user.active ? <Badge tone="ok">Active</Badge> : <Badge>Deactivated</Badge>}</td>
                  <td>
                    <div className={s.actions}>
                      <Button size="small" onClick={() => setEditing(user)}>
                        Edit
                      </Button>
                      <Button
                        size="small"
                        variant={user.active ? 'danger' : 'default'}
                        onClick={() => toggle(user)}
                        disabled={setActive.isPending || user.id === session?.user.id}
                        title={user.id === session?.user.id ? 'You cannot deactivate yourself' : undefined}
                      >
                        {user.active ? 'Deactivate' : 'Reactivate'}
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {users.data.length === 0 ? <EmptyState>No users yet.</EmptyState> : null}
        </div>
      ) : null}
      {editing ? <UserFormModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function ManagerUsers() {
  const directory = useDirectory();
  return (
    <>
      <SectionHeader
        title="Users"
        description="The agents of your organization. Only administrators can add users or change roles."
      />
      <QueryState isLoading={directory.isLoading} error={directory.error} />
      {directory.data ? (
        <div className={s.card}>
          <table className={s.table}>
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
              </tr>
            </thead>
            <tbody>
              {directory.data.map((user) => (
                <tr key={user.id} data-testid="user-row">
                  <td>
                    <span className={s.treeName}>
                      <Avatar name={user.name} size={24} /> {user.name}
                    </span>
                  </td>
                  <td>{user.email}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {directory.data.length === 0 ? <EmptyState>No agents yet.</EmptyState> : null}
        </div>
      ) : null}
    </>
  );
}
