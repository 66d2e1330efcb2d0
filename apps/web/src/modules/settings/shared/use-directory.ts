import { useQuery } from '@tanstack/react-query';
import { isAdmin, useSession } from '../../../app/session';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import type { TAgentState, TUser } from './settings-types';

/**
 * The people a manager can pick as members. Administrators read the full user list (admin-only on the server);
 * team managers read the agents of /agent-states, which is what they may see. Deactivated users are left out.
 */
export function useDirectory() {
  const { data: session } = useSession();
  const admin = isAdmin(session?.user);
  return useQuery({
    queryKey: [...qk.settings('users'), 'directory', admin ? 'admin' : 'manager'],
    enabled: !!session,
    queryFn: async (): Promise<TUser[]> => {
      if (admin) return (await api.get<TUser[]>('/api/internal/users')).filter((u) => u.active);
      const states = await api.get<TAgentState[]>('/api/internal/agent-states');
      return states.map((s) => ({ ...s.user, roles: ['AGENT'], active: true, createdAt: '' }));
    },
  });
}

export function nameLookup(users: readonly TUser[] | undefined): (id: string) => string {
  const byId = new Map((users ?? []).map((u) => [u.id, u.name]));
  return (id) => byId.get(id) ?? 'Unknown user';
}
