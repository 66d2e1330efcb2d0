import { ROLES } from '@hearth/shared';
import { type FormEvent, useState } from 'react';
import { api } from '../../../lib/api-client';
import { Modal, TextField } from '../../../ui/ui';
import { CheckList } from '../shared/CheckList';
import { FieldError, FormActions, FormErrors } from '../shared/FormBits';
import type { TUser } from '../shared/settings-types';
import { useSettingsMutation } from '../shared/use-settings-mutation';

export const ROLE_LABELS: Record<string, string> = {
  ADMINISTRATOR: 'Administrator',
  TEAM_MANAGER: 'Team Manager',
  AGENT: 'Agent',
  API_USER: 'API User',
  COMPLIANCE_ADMINISTRATOR: 'Compliance Administrator',
  TASK_USER: 'Task User',
  ANALYST: 'Analyst',
};
const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] ?? role }));
const FIELDS = ['name', 'email', 'roles', 'password'];

/** Create a user (name, email, roles, optional initial password) or edit one's name and roles. */
export function UserFormModal({ user, onClose }: { user: TUser | null; onClose: () => void }) {
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [roles, setRoles] = useState<string[]>(user?.roles ?? ['AGENT']);
  const [password, setPassword] = useState('');
  const save = useSettingsMutation(
    'users',
    () =>
      user
        ? api.patch(`/api/internal/users/${user.id}`, { name, roles })
        : api.post('/api/internal/users', { name, email, roles, ...(password ? { password } : {}) }),
    { success: user ? 'User updated' : 'User created', onSuccess: onClose },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  return (
    <Modal title={user ? `Edit ${user.name}` : 'New user'} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormErrors error={save.error} fields={FIELDS} />
        <TextField id="user-name" label="Name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <FieldError error={save.error} attr="name" />
        <TextField
          id="user-email"
          label="Email"
          type="email"
          value={email}
          disabled={!!user}
          onChange={(e) => setEmail(e.target.value)}
        />
        <FieldError error={save.error} attr="email" />
        <CheckList label="Roles" options={ROLE_OPTIONS} selected={roles} onChange={setRoles} testId="user-roles" />
        <FieldError error={save.error} attr="roles" />
        {user ? null : (
          <>
            <TextField
              id="user-password"
              label="Initial password (at least 8 characters; leave empty for an API-only user)"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <FieldError error={save.error} attr="password" />
          </>
        )}
        <FormActions onCancel={onClose} submitLabel={user ? 'Save' : 'Create user'} pending={save.isPending} />
      </form>
    </Modal>
  );
}
