import { toIso } from '../../lib/time.js';
import type { TConversationDetails } from './conversations.repository.js';
import type { TConversation } from './conversations.schemas.js';

/** Conversation object (API spec 4.3): `agentId` only when assigned, `closedAt` only while closed. */
export function presentConversation({ conversation, topicIds, customAttributes }: TConversationDetails): TConversation {
  return {
    id: conversation.id,
    customerId: conversation.customer_id,
    ...(conversation.agent_id ? { agentId: conversation.agent_id } : {}),
    inboxId: conversation.inbox_id,
    status: conversation.status,
    topicIds,
    customAttributes,
    createdAt: toIso(conversation.created_at),
    ...(conversation.status === 'CLOSED' && conversation.closed_at ? { closedAt: toIso(conversation.closed_at) } : {}),
  };
}
