import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export interface TInbox {
  id: string;
  name: string;
  disabled: boolean;
  memberIds?: string[];
}

export interface TAgent {
  id: string;
  name: string;
  emailAddress?: string;
}

/** Inboxes with their members (GET /api/internal/inboxes). */
export function useInboxes() {
  return useQuery({
    queryKey: ['directory', 'inboxes'],
    queryFn: () => api.get<TInbox[]>('/api/internal/inboxes'),
    staleTime: 5 * 60_000,
  });
}

/** Active agents (GET /api/v1/agents). */
export function useAgents() {
  return useQuery({
    queryKey: ['directory', 'agents'],
    queryFn: () => api.get<TAgent[]>('/api/v1/agents'),
    staleTime: 5 * 60_000,
  });
}
