import type { TInitiator } from '@hearth/shared';
import type { TTransaction } from '../../db/database.js';
import type { TConversationRow } from '../../db/schema.js';
import { appendEvent, appendEvents, type TNewEvent } from '../../events/outbox.js';
import { contextOf } from '../conversations/commands/conversation-timeline.js';
import { contextNow, idsOf } from './contact-events.js';
import { findLiveContact } from './contacts.queries.js';
import { acceptLiveContact, offerContacts, updateContact } from './contacts.repository.js';

// The contact's side of routing offers (product spec 5.5; API spec 4.15 CONTACT/OFFERED, OFFER_ACCEPTED,
// OFFER_REJECTED, JOINED). Like contact-lifecycle.ts: inside the caller's transaction, appending its own events.

/**
 * CONTACT/OFFERED for a routing run's offers, set-based: the live contacts become OFFERED to their agents in one
 * statement and their events are appended in one (a run may offer hundreds). `conversation` is the row the run
 * locked, so the event's context is the conversation as the offer found it.
 */
export async function markContactsOffered(
  trx: TTransaction,
  orgId: string,
  offers: readonly { contactId: string; conversation: TConversationRow; agentId: string; matchReasons: string[] }[],
  at: Date,
): Promise<void> {
  const rows = await offerContacts(trx, orgId, offers, at);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const events = offers.flatMap((offer) => {
    const offered = byId.get(offer.contactId);
    if (!offered) return [];
    const event: TNewEvent = {
      type: 'CONTACT/OFFERED',
      initiator: { id: '', type: 'SYSTEM' },
      occurredAt: at,
      content: {
        ...idsOf(offered),
        agentId: offer.agentId,
        matchReasons: offer.matchReasons,
        context: contextOf(offer.conversation),
      },
    };
    return [event];
  });
  await appendEvents(trx, orgId, events);
}

/**
 * CONTACT/OFFER_ACCEPTED then CONTACT/JOINED: the contact is ACTIVE with the agent. `conversation` is the row as the
 * assignment left it in this transaction (assigned, out of the queue): the events' context, read from it rather than
 * again from the database.
 */
export async function markContactAccepted(
  trx: TTransaction,
  input: { conversation: TConversationRow; agentId: string; at: Date; initiator: TInitiator },
): Promise<void> {
  const { conversation } = input;
  const orgId = conversation.org_id;
  const accepted = await acceptLiveContact(trx, orgId, conversation.id, input.agentId, input.at);
  if (!accepted) return;
  const { latest_inbound_item_id: messageId } = accepted;
  const context = contextOf(conversation);
  await appendEvents(trx, orgId, [
    {
      type: 'CONTACT/OFFER_ACCEPTED',
      initiator: input.initiator,
      occurredAt: input.at,
      content: { ...idsOf(accepted), agentId: input.agentId, context },
    },
    {
      type: 'CONTACT/JOINED',
      initiator: input.initiator,
      occurredAt: input.at,
      content: { ...idsOf(accepted), ...(messageId ? { messageId } : {}), context },
    },
  ]);
}

/** CONTACT/OFFER_REJECTED: the contact goes back to the queue. */
export async function markContactRejected(
  trx: TTransaction,
  input: {
    orgId: string;
    conversationId: string;
    agentId: string;
    reason: 'DECLINED' | 'MISSED';
    at: Date;
    initiator: TInitiator;
  },
): Promise<void> {
  const contact = await findLiveContact(trx, input.orgId, input.conversationId);
  if (!contact) return;
  const context = await contextNow(trx, contact);
  const queued = await updateContact(trx, input.orgId, contact.id, { status: 'QUEUED', agent_id: null });
  await appendEvent(trx, input.orgId, {
    type: 'CONTACT/OFFER_REJECTED',
    initiator: input.initiator,
    occurredAt: input.at,
    content: { ...idsOf(queued), agentId: input.agentId, reason: input.reason, context },
  });
}
