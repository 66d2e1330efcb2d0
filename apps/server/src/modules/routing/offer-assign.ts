import type { TInitiator } from '@hearth/shared';
import type { TTransaction } from '../../db/database.js';
import { deferredWrite } from '../../db/deferred-write.js';
import type { TConversationRow, TTaskRow } from '../../db/schema.js';
import { appendEvent } from '../../events/outbox.js';
import { markContactAccepted } from '../contacts/contact-offers.js';
import { appendStatusUpdated, assigneeOf, contextOf } from '../conversations/commands/conversation-timeline.js';
import { statusAfterAssignment } from '../conversations/engine/conversation-rules.js';
import { presentAssignee, presentTaskContext } from '../tasks/tasks.presenter.js';

// Handing routed work to an agent: shared by an accepted offer and a messaging auto-assignment.

export const ROUTING_INITIATOR: TInitiator = { id: 'routing', type: 'SYSTEM' };

export type TRoutedAssignReason = 'AUTOMATED_ASSIGNMENT' | 'CONTACT_OFFERED';

/** Assign a locked, unassigned, not closed conversation; CONVERSATION_ASSIGNEE/UPDATED and the contact's accept. */
export async function assignRoutedConversation(
  trx: TTransaction,
  before: TConversationRow,
  agentId: string,
  reason: TRoutedAssignReason,
  initiator: TInitiator,
  now: Date,
): Promise<TConversationRow> {
  const current = before.status === 'CLOSED' ? 'OPEN' : before.status;
  const status = statusAfterAssignment(current, agentId, before.customer_waiting_since !== null);
  const after = await trx
    .updateTable('conversations')
    // Assigned work leaves the queue (the contact's routing columns, contacts/contact-offers.ts, read it so).
    .set({ agent_id: agentId, status, queued_at: null, updated_at: now })
    .where('org_id', '=', before.org_id)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendEvent(trx, before.org_id, {
    type: 'CONVERSATION_ASSIGNEE/UPDATED',
    initiator,
    occurredAt: now,
    content: {
      customerId: after.customer_id,
      conversationId: after.id,
      reason,
      assignee: assigneeOf(after),
      context: contextOf(before),
    },
  });
  if (after.status !== before.status) await appendStatusUpdated(trx, after, initiator, now);
  await markContactAccepted(trx, { conversation: after, agentId, at: now, initiator });
  return after;
}

/** Assign a locked, open, unassigned task to the agent; TASK/ASSIGNEE_UPDATED. */
export async function assignRoutedTask(
  trx: TTransaction,
  before: TTaskRow,
  agentId: string,
  initiator: TInitiator,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('tasks')
    .set({ agent_id: agentId, updated_at: now })
    .where('org_id', '=', before.org_id)
    .where('id', '=', before.id)
    .execute();
  await appendEvent(trx, before.org_id, {
    type: 'TASK/ASSIGNEE_UPDATED',
    initiator,
    occurredAt: now,
    content: {
      assignee: presentAssignee(before.inbox_id, agentId),
      customerId: before.customer_id,
      taskId: before.id,
      context: presentTaskContext(before),
    },
  });
}

/** Fairness timestamps after the agent received work (last_messaging_assigned_at drives the next-message delay). */
export async function touchAssigned(
  trx: TTransaction,
  orgId: string,
  agentId: string,
  group: string,
  now: Date,
): Promise<void> {
  // Deferred: it travels with the transaction's next statement, usually its events or COMMIT (db/deferred-write.ts).
  await deferredWrite(
    trx,
    trx
      .updateTable('agent_presence')
      .set({
        last_assigned_at: now,
        ...(group === 'MESSAGING' ? { last_messaging_assigned_at: now } : {}),
        updated_at: now,
      })
      .where('org_id', '=', orgId)
      .where('user_id', '=', agentId),
  );
}
