import type { TInitiator } from '@hearth/shared';
import type { TTransaction } from '../../db/database.js';
import type { TConversationRow } from '../../db/schema.js';
import { dueAtOnTransfer } from '../routing/engine/sla.js';
import { withdrawPendingOffer } from '../routing/offer-commands.js';
import { endContact, reassignContactAgent, transferContact } from './contact-lifecycle.js';
import { findInboxSlaMinutes, setConversationRouting } from './contacts.repository.js';

// The routing side of manual conversation changes (product spec 2.7, 5.5), called by the conversation commands inside
// their transaction once the conversation row itself is updated.

/**
 * A manual reassignment: the pending offer is withdrawn; a move to another inbox is a cold transfer (transferred flag,
 * due date = last inbound contact + the new inbox's SLA while the customer waits); an agent change moves the live
 * contact; without an agent a waiting conversation is (back) in the queue.
 */
export async function applyManualReassignment(
  trx: TTransaction,
  input: { before: TConversationRow; after: TConversationRow; initiator: TInitiator; at: Date },
): Promise<void> {
  const { before, after, initiator, at } = input;
  const orgId = after.org_id;
  await withdrawPendingOffer(trx, orgId, after.id, 'CANCELED');
  const waiting = after.customer_waiting_since !== null;
  const movedInbox = before.inbox_id !== after.inbox_id;
  const queuedAt = after.agent_id || !waiting ? null : before.agent_id ? at : (before.queued_at ?? at);
  if (movedInbox) {
    const sla = await findInboxSlaMinutes(trx, orgId, after.inbox_id);
    const dueAt =
      waiting && sla !== null
        ? dueAtOnTransfer(after.last_inbound_at ? after.last_inbound_at.getTime() : null, sla)
        : null;
    await setConversationRouting(trx, orgId, after.id, {
      transferred: true,
      queued_at: queuedAt,
      ...(waiting ? { due_at: dueAt === null ? after.due_at : new Date(dueAt) } : {}),
    });
    await transferContact(trx, {
      orgId,
      conversationId: after.id,
      reason: 'MANUAL',
      assignee: { inboxId: after.inbox_id, agentId: after.agent_id },
      at,
      initiator,
      before,
    });
    return;
  }
  await setConversationRouting(trx, orgId, after.id, { queued_at: queuedAt });
  await reassignContactAgent(trx, { orgId, conversationId: after.id, agentId: after.agent_id, at });
}

/** A close ends the live contact (CONVERSATION_CLOSED) and takes the conversation out of routing. */
export async function applyConversationClosed(
  trx: TTransaction,
  input: { before: TConversationRow; initiator: TInitiator; at: Date },
): Promise<void> {
  const { before, initiator, at } = input;
  await withdrawPendingOffer(trx, before.org_id, before.id, 'CANCELED');
  await setConversationRouting(trx, before.org_id, before.id, { due_at: null, queued_at: null });
  await endContact(trx, {
    orgId: before.org_id,
    conversationId: before.id,
    reason: 'CONVERSATION_CLOSED',
    at,
    initiator,
    before,
  });
}
