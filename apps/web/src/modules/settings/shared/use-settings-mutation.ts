import { type QueryKey, type UseMutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { showToast } from '../../../ui/ui';

/**
 * A settings write: no optimistic update; on success the area's queries refetch (qk.settings(area)) and an optional
 * toast confirms. Errors stay on the mutation for the form to show (FormError).
 */
export function useSettingsMutation<TVars, TResult = unknown>(
  areas: string | string[],
  mutationFn: (vars: TVars) => Promise<TResult>,
  options: {
    success?: string;
    onSuccess?: (result: TResult, vars: TVars) => void;
    /** Other screens' keys the change affects (the org name in qk.me, the inbox list in the sidebar, …). */
    alsoInvalidate?: readonly QueryKey[];
  } = {},
) {
  const queryClient = useQueryClient();
  const list = Array.isArray(areas) ? areas : [areas];
  const config: UseMutationOptions<TResult, ApiError, TVars> = {
    mutationFn,
    onSuccess: async (result, vars) => {
      const keys: QueryKey[] = [...list.map((area) => qk.settings(area)), ...(options.alsoInvalidate ?? [])];
      await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      if (options.success) showToast(options.success);
      options.onSuccess?.(result, vars);
    },
  };
  return useMutation(config);
}

/** For actions without a form (enable, revoke, …): failures become an error toast. */
export function toastError(error: unknown): void {
  showToast(error instanceof Error ? error.message : String(error), 'error');
}
