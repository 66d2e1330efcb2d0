import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import type { TTopic } from './topic-tree';

export const topicsQueryKey = ['topics'] as const;

/** Every topic of the org (GET /api/internal/topics: id, name, disabled, parentId). */
export function useTopics() {
  return useQuery({
    queryKey: topicsQueryKey,
    queryFn: () => api.get<TTopic[]>('/api/internal/topics'),
    staleTime: 5 * 60_000,
  });
}
