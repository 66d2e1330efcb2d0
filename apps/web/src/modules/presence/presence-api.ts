import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { qk } from '../../lib/query-keys';
import { showToast } from '../../ui/ui';

export type TChannelGroup = 'VOICE' | 'MESSAGING' | 'MAIL' | 'TASK';

export interface TPresence {
  userId: string;
  loggedIn: boolean;
  status: 'ACTIVE' | 'AWAY';
  activeReason: { id: string; name: string } | null;
  awayReason: { id: string; name: string } | null;
  awaySince: string | null;
  availableFor: TChannelGroup[];
  focusMode: boolean;
  skills: string[];
  messagingCapacity: { standard: number; maximum: number };
}

export interface TStatusReason {
  id: string;
  kind: 'ACTIVE' | 'AWAY';
  name: string;
  isDefault: boolean;
  disabled: boolean;
}

export interface TPresenceChange {
  availableFor?: TChannelGroup[];
  status?: 'ACTIVE' | 'AWAY';
  awayReasonId?: string;
  activeReasonId?: string;
  focusMode?: boolean;
}

export function usePresence() {
  return useQuery({
    queryKey: qk.presence,
    queryFn: () => api.get<TPresence>('/api/internal/me/presence'),
    staleTime: 30_000,
  });
}

export function useStatusReasons() {
  return useQuery({
    queryKey: [...qk.settings('status-reasons')],
    queryFn: () => api.get<TStatusReason[]>('/api/internal/status-reasons'),
    staleTime: 5 * 60_000,
  });
}

/** Changes the agent's presence, showing the change at once and rolling back if the server refuses. */
export function useChangePresence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: TPresenceChange) => api.put<TPresence>('/api/internal/me/presence', change),
    onMutate: async (change) => {
      await queryClient.cancelQueries({ queryKey: qk.presence });
      const before = queryClient.getQueryData<TPresence>(qk.presence);
      if (before) {
        queryClient.setQueryData<TPresence>(qk.presence, {
          ...before,
          ...(change.availableFor ? { availableFor: change.availableFor } : {}),
          ...(change.status ? { status: change.status } : {}),
          ...(change.focusMode !== undefined ? { focusMode: change.focusMode } : {}),
        });
      }
      return { before };
    },
    onError: (error, _change, context) => {
      if (context?.before) queryClient.setQueryData(qk.presence, context.before);
      showToast(error.message, 'error');
    },
    onSuccess: (presence) => queryClient.setQueryData(qk.presence, presence),
  });
}

export function usePresenceLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TPresence>('/api/internal/me/presence/login'),
    onSuccess: (presence) => queryClient.setQueryData(qk.presence, presence),
    onError: (error) => showToast(error.message, 'error'),
  });
}

/** The three toggles of the top bar; "Mail & Tasks" sets MAIL and TASK together. */
export const AVAILABILITY_TOGGLES = [
  { id: 'VOICE', label: 'Voice', groups: ['VOICE'] },
  { id: 'MESSAGING', label: 'Messaging', groups: ['MESSAGING'] },
  { id: 'MAIL', label: 'Mail & Tasks', groups: ['MAIL', 'TASK'] },
] as const satisfies readonly { id: string; label: string; groups: readonly TChannelGroup[] }[];

const ORDER: TChannelGroup[] = ['VOICE', 'MESSAGING', 'MAIL', 'TASK'];

/** The availability after flipping one toggle (canonical order, no duplicates). */
export function toggleAvailability(
  current: readonly TChannelGroup[],
  groups: readonly TChannelGroup[],
): TChannelGroup[] {
  const on = groups.some((g) => current.includes(g));
  const next = new Set(current);
  for (const g of groups) {
    if (on) next.delete(g);
    else next.add(g);
  }
  return ORDER.filter((g) => next.has(g));
}

export function isToggleOn(current: readonly TChannelGroup[], groups: readonly TChannelGroup[]): boolean {
  return groups.some((g) => current.includes(g));
}

/** A one-line label of the agent's state: "Active · Work", "Away · Lunch", "Logged out". */
export function statusLabel(p: Pick<TPresence, 'loggedIn' | 'status' | 'activeReason' | 'awayReason' | 'focusMode'>) {
  if (!p.loggedIn) return 'Logged out';
  if (p.status === 'AWAY') return p.awayReason ? `Away · ${p.awayReason.name}` : 'Away';
  const base = p.activeReason ? `Active · ${p.activeReason.name}` : 'Active';
  return p.focusMode ? `${base} · Focus` : base;
}
