import type { TInitiator } from '@hearth/shared';
import type { TExecutor, TTransaction } from '../../../db/database.js';
import type { TConversationRow } from '../../../db/schema.js';
import { appendEvent } from '../../../events/outbox.js';
import { newId } from '../../../lib/ids.js';
import { insertItem } from '../conversations.repository.js';

// Shared by the conversation commands: the assignee/context shapes of the event catalogue (API spec 4.15) and the
// INTERNAL timeline items that record status and topic changes (API spec 4.4).

export interface TAssignee {
  inboxId: string;
  agentId?: string;
}

export function assigneeOf(conversation: Pick<TConversationRow, 'inbox_id' | 'agent_id'>): TAssignee {
  return { inboxId: conversation.inbox_id, ...(conversation.agent_id ? { agentId: conversation.agent_id } : {}) };
}

/** `context` is the conversation's state just before the event. */
export function contextOf(conversation: Pick<TConversationRow, 'inbox_id' | 'agent_id' | 'status'>): {
  assignee: TAssignee;
  status: string;
} {
  return { assignee: assigneeOf(conversation), status: conversation.status };
}

export function writeStatusChangeItem(
  trx: TExecutor,
  conversation: TConversationRow,
  status: 'OPEN' | 'CLOSED',
  initiator: TInitiator,
  now: Date,
): Promise<void> {
  return writeInternalItem(trx, conversation, 'CONVERSATION_STATUS_CHANGE', { status }, initiator, now);
}

export function writeTopicChangeItem(
  trx: TExecutor,
  conversation: TConversationRow,
  change: { addedTopicIds: string[]; removedTopicIds: string[] },
  initiator: TInitiator,
  now: Date,
): Promise<void> {
  return writeInternalItem(trx, conversation, 'TOPIC_CHANGE', change, initiator, now);
}

function writeInternalItem(
  trx: TExecutor,
  conversation: TConversationRow,
  type: string,
  fields: Record<string, unknown>,
  initiator: TInitiator,
  now: Date,
): Promise<void> {
  return insertItem(trx, {
    org_id: conversation.org_id,
    id: newId(),
    customer_id: conversation.customer_id,
    conversation_id: conversation.id,
    session_id: null,
    occurred_at: now,
    initiator_id: initiator.id,
    initiator_type: initiator.type,
    responder_id: null,
    responder_type: null,
    content_type: type,
    content: JSON.stringify({ type, ...fields }),
    direction: 'INTERNAL',
    delivery_status: null,
    redacted_at: null,
  });
}

/** CONVERSATION/CLOSED|REOPENED|CREATED plus, for a status change, CONVERSATION_STATUS/UPDATED. */
export async function appendLifecycleEvents(
  trx: TTransaction,
  before: TConversationRow,
  type: 'CONVERSATION/CREATED' | 'CONVERSATION/CLOSED' | 'CONVERSATION/REOPENED',
  initiator: TInitiator,
  now: Date,
): Promise<void> {
  await appendEvent(trx, before.org_id, {
    type,
    initiator,
    occurredAt: now,
    content: { customerId: before.customer_id, conversationId: before.id, context: contextOf(before) },
  });
  if (type !== 'CONVERSATION/CREATED') await appendStatusUpdated(trx, before, initiator, now);
}

export async function appendStatusUpdated(
  trx: TTransaction,
  conversation: TConversationRow,
  initiator: TInitiator,
  now: Date,
): Promise<void> {
  await appendEvent(trx, conversation.org_id, {
    type: 'CONVERSATION_STATUS/UPDATED',
    initiator,
    occurredAt: now,
    content: { conversationId: conversation.id, customerId: conversation.customer_id },
  });
}
