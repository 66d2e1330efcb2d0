import { describe, expect, it } from 'vitest';
import { qk } from '../lib/query-keys';
import { keysForEvent } from './invalidation';

describe('keysForEvent', () => {
  it.each([
    [
      'CONVERSATION/CLOSED',
      { customerId: 'c1', conversationId: 'v1' },
      [qk.inboxViews, qk.conversationListAll, qk.timeline('c1'), qk.conversation('v1')],
    ],
    [
      'CONTACT/MESSAGE_RECEIVED',
      { customerId: 'c1', conversationId: 'v1', contactId: 'k' },
      [qk.inboxViews, qk.conversationListAll, qk.timeline('c1'), qk.conversation('v1'), qk.agentStates],
    ],
    [
      'CONVERSATION_ASSIGNEE/UPDATED',
      { customerId: 'c1', conversationId: 'v1' },
      [qk.inboxViews, qk.conversationListAll, qk.timeline('c1'), qk.conversation('v1'), qk.agentStates],
    ],
    ['TASK/CREATED', { customerId: 'c2', taskId: 't' }, [qk.inboxViews, qk.conversationListAll, qk.timeline('c2')]],
    ['CUSTOMER_PROFILE/CREATED', { customerId: 'c3' }, [qk.customer('c3'), qk.timeline('c3')]],
    ['CUSTOMER_PROFILE/UPDATED', { customerId: 'c3' }, [qk.customer('c3'), qk.timeline('c3'), qk.conversationListAll]],
    [
      'CUSTOMER/MERGED',
      {
        sourceCustomerId: 's',
        destinationCustomerId: 'd',
        sourceConversationId: 'sv',
        destinationConversationId: 'dv',
      },
      [
        qk.customer('s'),
        qk.timeline('s'),
        qk.customer('d'),
        qk.timeline('d'),
        qk.inboxViews,
        qk.conversationListAll,
        qk.conversation('sv'),
        qk.conversation('dv'),
      ],
    ],
    ['AGENT_STATUS/WENT_AWAY', { agentId: 'a' }, [qk.agentStates, qk.presence]],
    ['AGENT_AVAILABILITY/UPDATED', { agentId: 'a' }, [qk.agentStates, qk.presence]],
    ['EXPORT_JOB/COMPLETED', { jobId: 'j' }, []],
    ['CONVERSATION/CREATED', { customerId: 42 }, [qk.inboxViews, qk.conversationListAll]],
  ])('%s', (type, content, expected) => {
    expect(keysForEvent({ type, content })).toEqual(expected);
  });
});
