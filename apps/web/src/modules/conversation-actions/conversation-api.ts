import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { qk } from '../../lib/query-keys';
import { showToast } from '../../ui/ui';
import type { TAssignee } from './AssignPicker';

const enc = encodeURIComponent;

export interface TNextWork {
  conversationId?: string | null;
  customerId?: string | null;
  [key: string]: unknown;
}

/** Every write the conversation bar makes, each refreshing the timeline and the inbox lists afterwards. */
export function useConversationMutations(customerId: string, conversationId: string | null) {
  const queryClient = useQueryClient();
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: qk.timeline(customerId) }),
      conversationId ? queryClient.invalidateQueries({ queryKey: qk.conversation(conversationId) }) : null,
      queryClient.invalidateQueries({ queryKey: qk.conversationListAll }),
      queryClient.invalidateQueries({ queryKey: qk.inboxViews }),
    ]);
  };
  const base = () => {
    if (!conversationId) throw new Error('There is no conversation to act on.');
    return `/api/v1/conversations/${enc(conversationId)}`;
  };
  const onError = (error: Error) => showToast(error.message, 'error');

  const assign = useMutation({
    mutationFn: (assignee: TAssignee) => api.patch(base(), { assignee }),
    onSuccess: refresh,
    onError,
  });
  const setStatus = useMutation({
    mutationFn: (v: { value: 'OPEN' | 'CLOSED'; force?: boolean }) =>
      api.patch(base(), { status: v.force ? { value: v.value, force: true } : { value: v.value } }),
    onSuccess: refresh,
    // Refusals are shown inline by the bar (with "Close anyway" when the customer is waiting).
  });
  const addTopic = useMutation({
    mutationFn: (topicId: string) => api.post(`${base()}/topics`, { topicIds: [topicId] }),
    onSuccess: refresh,
    onError,
  });
  const removeTopic = useMutation({
    mutationFn: (topicId: string) => api.delete(`${base()}/topics/${enc(topicId)}`),
    onSuccess: refresh,
    onError,
  });
  const noReplyNeeded = useMutation({
    mutationFn: () => api.post(`/api/internal/conversations/${enc(conversationId ?? '')}/no-reply-needed`),
    onSuccess: async () => {
      showToast('Marked No Reply Needed');
      await refresh();
    },
    onError,
  });
  const closeAndNext = useMutation({
    mutationFn: async (force: boolean) => {
      await api.patch(base(), { status: force ? { value: 'CLOSED', force: true } : { value: 'CLOSED' } });
      await refresh();
      try {
        return await api.post<TNextWork | null>('/api/internal/me/next');
      } catch (error) {
        // Closing worked; only fetching new work failed (e.g. the agent is not available): say so, then move on.
        showToast(`Closed. No next conversation: ${(error as Error).message}`);
        return null;
      }
    },
  });
  return { assign, setStatus, addTopic, removeTopic, noReplyNeeded, closeAndNext, refresh };
}

/** Whether a refusal to close is the "customer is waiting for a response" one that force=true overrides. */
export function isCustomerWaitingError(message: string): boolean {
  return /customer (is )?waiting/i.test(message);
}
