import { describe, expect, it } from 'vitest';
import { concernsViewer, type TAssigneeRef, type TViewer } from './audience.js';

function viewer(overrides: Partial<TViewer> = {}): TViewer {
  return {
    userId: 'me',
    roles: ['AGENT'],
    inboxIds: new Set(['mine']),
    viewingConversationIds: new Set(),
    viewingCustomerIds: new Set(),
    ...overrides,
  };
}

const cases: {
  name: string;
  type: string;
  content: Record<string, unknown>;
  viewer?: Partial<TViewer>;
  current?: TAssigneeRef;
  expected: boolean;
}[] = [
  {
    name: 'message in my inbox (context)',
    type: 'CONTACT/MESSAGE_RECEIVED',
    content: { conversationId: 'c', context: { assignee: { inboxId: 'mine' } } },
    expected: true,
  },
  {
    name: 'message in another inbox',
    type: 'CONTACT/MESSAGE_RECEIVED',
    content: { conversationId: 'c', context: { assignee: { inboxId: 'other' } } },
    expected: false,
  },
  {
    name: 'moved into my inbox',
    type: 'CONVERSATION_ASSIGNEE/UPDATED',
    content: { conversationId: 'c', assignee: { inboxId: 'mine' }, context: { assignee: { inboxId: 'other' } } },
    expected: true,
  },
  {
    name: 'moved out of my inbox',
    type: 'CONVERSATION_ASSIGNEE/UPDATED',
    content: { conversationId: 'c', assignee: { inboxId: 'other' }, context: { assignee: { inboxId: 'mine' } } },
    expected: true,
  },
  {
    name: 'assigned to me in an inbox I am not in',
    type: 'CONVERSATION_ASSIGNEE/UPDATED',
    content: { conversationId: 'c', assignee: { inboxId: 'other', agentId: 'me' } },
    expected: true,
  },
  {
    name: 'note without assignee, conversation currently in my inbox',
    type: 'CONVERSATION/NOTE_CREATED',
    content: { conversationId: 'c' },
    current: { inboxId: 'mine', agentId: null },
    expected: true,
  },
  {
    name: 'note without assignee, conversation elsewhere',
    type: 'CONVERSATION/NOTE_CREATED',
    content: { conversationId: 'c' },
    current: { inboxId: 'other', agentId: null },
    expected: false,
  },
  {
    name: 'note on a conversation I view',
    type: 'CONVERSATION/NOTE_CREATED',
    content: { conversationId: 'c' },
    current: { inboxId: 'other', agentId: null },
    viewer: { viewingConversationIds: new Set(['c']) },
    expected: true,
  },
  {
    name: 'task in my inbox',
    type: 'TASK/COMMENT_ADDED',
    content: { taskId: 't', customerId: 'x', context: { assignee: { inboxId: 'mine' } } },
    expected: true,
  },
  { name: 'my own status', type: 'AGENT_STATUS/LOGGED_IN', content: { agentId: 'me' }, expected: true },
  { name: "a colleague's status", type: 'AGENT_STATUS/LOGGED_IN', content: { agentId: 'you' }, expected: false },
  {
    name: "a colleague's status, to a manager",
    type: 'AGENT_AVAILABILITY/UPDATED',
    content: { agentId: 'you' },
    viewer: { roles: ['TEAM_MANAGER'] },
    expected: true,
  },
  { name: 'a profile I do not view', type: 'CUSTOMER_PROFILE/UPDATED', content: { customerId: 'x' }, expected: false },
  {
    name: 'a profile I view',
    type: 'CUSTOMER_PROFILE/UPDATED',
    content: { customerId: 'x' },
    viewer: { viewingCustomerIds: new Set(['x']) },
    expected: true,
  },
  {
    name: 'a merge into a customer I view',
    type: 'CUSTOMER/MERGED',
    content: { sourceCustomerId: 'y', destinationCustomerId: 'x' },
    viewer: { viewingCustomerIds: new Set(['x']) },
    expected: true,
  },
  {
    name: 'a profile, to an administrator',
    type: 'CUSTOMER_PROFILE/CREATED',
    content: { customerId: 'x' },
    viewer: { roles: ['ADMINISTRATOR'] },
    expected: true,
  },
  {
    name: 'a profile in my inbox is still not mine unless viewed',
    type: 'CUSTOMER_PROFILE/UPDATED',
    content: { customerId: 'x', context: { assignee: { inboxId: 'mine' } } },
    expected: false,
  },
  { name: 'an export, to an agent', type: 'EXPORT_JOB/COMPLETED', content: { jobId: 'j' }, expected: false },
  {
    name: 'an offer to me',
    type: 'CONTACT/OFFERED',
    content: { conversationId: 'c', agentId: 'me', context: { assignee: { inboxId: 'other' } } },
    expected: true,
  },
];

describe('concernsViewer', () => {
  it.each(cases)('$name → $expected', ({ type, content, viewer: overrides, current, expected }) => {
    expect(concernsViewer({ type, content }, viewer(overrides), current)).toBe(expected);
  });
});
