import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { qk } from '../../lib/query-keys';
import { showToast } from '../../ui/ui';
import type { TPresence } from '../presence/presence-api';

export interface TAgentState {
  user: { id: string; name: string; email: string };
  presence: TPresence;
  load: { voice: number; messaging: number; mail: number; tasks: number };
}

export function useAgentStates(enabled: boolean) {
  return useQuery({
    queryKey: qk.agentStates,
    queryFn: () => api.get<TAgentState[]>('/api/internal/agent-states'),
    enabled,
    // Realtime events refresh it; Gladly's liveboards refresh every 30 s, so that is the fallback.
    refetchInterval: 30_000,
  });
}

export type TManagerAction = { action: 'AWAY'; awayReasonId?: string } | { action: 'LOGOUT' };

export function useManagePresence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: TManagerAction; name: string }) =>
      api.post<TPresence>(`/api/internal/agents/${encodeURIComponent(userId)}/presence`, body),
    onSuccess: (presence, { userId, body, name }) => {
      queryClient.setQueryData<TAgentState[]>(qk.agentStates, (rows) =>
        rows?.map((r) => (r.user.id === userId ? { ...r, presence } : r)),
      );
      void queryClient.invalidateQueries({ queryKey: qk.agentStates });
      showToast(body.action === 'LOGOUT' ? `${name} was logged out` : `${name} is now Away`);
    },
    onError: (error) => showToast(error.message, 'error'),
  });
}

/** Sort: logged-in agents first (Active before Away), then by name. */
export function sortAgents(rows: readonly TAgentState[]): TAgentState[] {
  const rank = (p: TPresence) => (!p.loggedIn ? 2 : p.status === 'AWAY' ? 1 : 0);
  return [...rows].sort((a, b) => rank(a.presence) - rank(b.presence) || a.user.name.localeCompare(b.user.name));
}
