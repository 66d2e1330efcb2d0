import type { TInitiator } from '@hearth/shared';
import type { TDatabase, TTransaction } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/pg-errors.js';
import type { TConversationRow, TConversationUpdate, TOrgRow } from '../../../db/schema.js';
import { appendEvent } from '../../../events/outbox.js';
import { badRequest, invalidState, notFound } from '../../../http/errors.js';
import { applyConversationClosed, applyManualReassignment } from '../../contacts/conversation-routing.js';
import { findAssignableUser, findInboxForAssignment } from '../../inboxes/inboxes.queries.js';
import {
  countTopicsOfConversation,
  findConversation,
  hasOtherOpenConversation,
  updateConversation as updateConversationRow,
} from '../conversations.repository.js';
import type { TUpdateConversationBody } from '../conversations.schemas.js';
import { statusAfterAssignment } from '../engine/conversation-rules.js';
import {
  appendLifecycleEvents,
  appendStatusUpdated,
  assigneeOf,
  contextOf,
  writeStatusChangeItem,
} from './conversation-timeline.js';

export interface TUpdateConversationInput extends TUpdateConversationBody {
  org: TOrgRow;
  conversationId: string;
  initiator: TInitiator;
  now: Date;
}

export const WAITING_DETAIL =
  "cannot close conversation, customer waiting for response, set 'status.force' to true to override";

/**
 * PATCH /conversations/{id} (API spec 4.3). Everything is checked before anything is written, and the row is locked
 * so a concurrent inbound message cannot slip between the "customer waiting" check and the close.
 * A reopen runs before a reassignment (so a closed conversation can be reopened and reassigned at once) and a close
 * runs after it (so a conversation can be reassigned and closed at once).
 */
export async function updateConversation(db: TDatabase, input: TUpdateConversationInput): Promise<void> {
  if (!input.assignee && !input.status) throw badRequest('blank', 'one of assignee, status must be present');
  const orgId = input.org.id;
  await db.transaction().execute(async (trx) => {
    let conversation = await findConversation(trx, orgId, input.conversationId, { forUpdate: true });
    if (!conversation) throw notFound('conversation does not exist');

    const target = input.assignee ? await resolveAssignee(trx, orgId, input.assignee) : undefined;
    const reassigning =
      target !== undefined && (target.inboxId !== conversation.inbox_id || target.agentId !== conversation.agent_id);
    const reopening = input.status?.value === 'OPEN' && conversation.status === 'CLOSED';
    const closing = input.status?.value === 'CLOSED' && conversation.status !== 'CLOSED';

    if (reassigning && conversation.status === 'CLOSED' && !reopening) {
      throw invalidState('closed conversation cannot be reassigned');
    }
    if (closing) {
      if (input.org.topics_required_on_close && (await countTopicsOfConversation(trx, orgId, conversation.id)) === 0) {
        throw invalidState('topics are required before closing of conversation');
      }
      if (conversation.customer_waiting_since && input.status?.force !== true) throw invalidState(WAITING_DETAIL);
    }
    if (reopening && (await hasOtherOpenConversation(trx, orgId, conversation.customer_id, conversation.id))) {
      throw invalidState('customer already has an open conversation');
    }

    const { initiator, now } = input;
    if (reopening) {
      const before = conversation;
      conversation = await apply(trx, conversation, { status: 'OPEN', closed_at: null, updated_at: now });
      await writeStatusChangeItem(trx, conversation, 'OPEN', initiator, now);
      await appendLifecycleEvents(trx, before, 'CONVERSATION/REOPENED', initiator, now);
    }
    if (target && reassigning) {
      conversation = await reassign(trx, conversation, target, initiator, now);
    }
    if (input.status?.value === 'OPEN' && conversation.status === 'WAITING') {
      conversation = await apply(trx, conversation, { status: 'OPEN', updated_at: now });
      await appendStatusUpdated(trx, conversation, initiator, now);
    }
    if (closing) {
      const before = conversation;
      conversation = await apply(trx, conversation, {
        status: 'CLOSED',
        closed_at: now,
        customer_waiting_since: null,
        updated_at: now,
      });
      await writeStatusChangeItem(trx, conversation, 'CLOSED', initiator, now);
      await appendLifecycleEvents(trx, before, 'CONVERSATION/CLOSED', initiator, now);
      await applyConversationClosed(trx, { before, initiator, at: now });
    }
  });
}

async function resolveAssignee(
  trx: TTransaction,
  orgId: string,
  assignee: NonNullable<TUpdateConversationBody['assignee']>,
): Promise<{ inboxId: string; agentId: string | null }> {
  const inbox = await findInboxForAssignment(trx, orgId, assignee.inboxId);
  if (!inbox) throw badRequest('invalid', `inbox ${assignee.inboxId} does not exist`, 'assignee.inboxId');
  if (inbox.disabled) throw badRequest('invalid', `inbox ${assignee.inboxId} is disabled`, 'assignee.inboxId');
  // An empty string unassigns like null does: lenient toward clients that blank the field instead of nulling it.
  const agentId = assignee.agentId || null;
  if (agentId !== null) {
    const agent = await findAssignableUser(trx, orgId, agentId, inbox.id);
    if (!agent?.isAgent) throw badRequest('invalid', `agent ${agentId} does not exist`, 'assignee.agentId');
    if (!agent.isMember) throw invalidState('agent does not belong to inbox', 'assignee.agentId');
  }
  return { inboxId: inbox.id, agentId };
}

async function reassign(
  trx: TTransaction,
  before: TConversationRow,
  target: { inboxId: string; agentId: string | null },
  initiator: TInitiator,
  now: Date,
): Promise<TConversationRow> {
  const status =
    before.status === 'CLOSED'
      ? before.status
      : statusAfterAssignment(before.status, target.agentId, before.customer_waiting_since !== null);
  const after = await apply(trx, before, {
    inbox_id: target.inboxId,
    agent_id: target.agentId,
    status,
    updated_at: now,
  });
  await appendEvent(trx, after.org_id, {
    type: 'CONVERSATION_ASSIGNEE/UPDATED',
    initiator,
    occurredAt: now,
    content: {
      customerId: after.customer_id,
      conversationId: after.id,
      reason: 'MANUAL',
      assignee: assigneeOf(after),
      context: contextOf(before),
    },
  });
  if (after.status !== before.status) await appendStatusUpdated(trx, after, initiator, now);
  await applyManualReassignment(trx, { before, after, initiator, at: now });
  return after;
}

async function apply(
  trx: TTransaction,
  conversation: TConversationRow,
  changes: TConversationUpdate,
): Promise<TConversationRow> {
  try {
    const updated = await updateConversationRow(trx, conversation.org_id, conversation.id, changes);
    if (!updated) throw notFound('conversation does not exist');
    return updated;
  } catch (error) {
    // A concurrent reopen or inbound message won the customer's single open slot first.
    if (isUniqueViolation(error, 'conversations_one_open')) {
      throw invalidState('customer already has an open conversation');
    }
    throw error;
  }
}
