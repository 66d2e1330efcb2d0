import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api-client';
import { qk } from '../lib/query-keys';

export type TRole = 'AGENT' | 'TEAM_MANAGER' | 'ADMINISTRATOR' | 'API_USER' | 'COMPLIANCE_ADMINISTRATOR' | string;

export interface TSessionUser {
  id: string;
  name: string;
  email: string;
  roles: TRole[];
}

export interface TSession {
  user: TSessionUser;
  org: { id: string; name: string; [key: string]: unknown };
}

/** The signed-in user and org (GET /api/internal/auth/me); `data` is undefined while loading or when signed out. */
export function useSession() {
  return useQuery({
    queryKey: qk.me,
    queryFn: () => api.get<TSession>('/api/internal/auth/me'),
    retry: false,
    staleTime: 60_000,
  });
}

export function hasAnyRole(user: TSessionUser | undefined, roles: readonly TRole[]): boolean {
  return !!user && roles.some((role) => user.roles.includes(role));
}

export const canManage = (user: TSessionUser | undefined) => hasAnyRole(user, ['TEAM_MANAGER', 'ADMINISTRATOR']);
export const isAdmin = (user: TSessionUser | undefined) => hasAnyRole(user, ['ADMINISTRATOR']);
