import type { TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../app-context.js';
import type { TTransaction } from '../../db/database.js';
import type { TConversationRow } from '../../db/schema.js';
import { appendEvent } from '../../events/outbox.js';
import { newId } from '../../lib/ids.js';
import { assigneeOf, contextOf } from '../conversations/commands/conversation-timeline.js';
import { findConversationRow } from '../conversations/conversations.queries.js';
import { dueAtOnInbound } from '../routing/engine/sla.js';
import { contextNow, idsOf, type TContactRow } from './contact-events.js';
import { findLiveContact, MESSAGING_CHANNELS } from './contacts.queries.js';
import { findInboxSlaMinutes, insertContact, setConversationRouting, updateContact } from './contacts.repository.js';

// Contact lifecycle (product spec 2.5, 2.7, 5.5, 13.1; API spec 4.15 CONTACT/*). A contact is one inbound session on
// one channel inside a conversation; a conversation has at most one live contact (ended_at null). Every function runs
// inside the caller's transaction and appends its own outbox events, whose `context` is the conversation's state
// just before the event. Functions that act on "the live contact" are no-ops when there is none.

export type TContactEndReason =
  | 'AGENT_ENDED'
  | 'CONVERSATION_CLOSED'
  | 'CUSTOMER_ABANDONED'
  | 'CUSTOMER_DELETED'
  | 'CUSTOMER_NO_REPLY'
  | 'MERGED'
  | 'NO_REPLY_NEEDED'
  | 'STARTED_NEW';
export type TContactEndStatus = 'ABANDONED' | 'ANSWERED' | 'UNANSWERED' | 'UNKNOWN';

type TContextSource = Pick<TConversationRow, 'inbox_id' | 'agent_id' | 'status'>;

/** Used when an inbox row cannot be read (never in practice: inboxes are not deleted). */
const FALLBACK_SLA_MINUTES = 1440;

/** The routing columns of a conversation as an inbound customer message leaves them. */
export type TInboundRouting = Pick<TConversationRow, 'channel' | 'last_inbound_at' | 'due_at' | 'queued_at'> & {
  due_at: Date;
};

/**
 * The conversation's routing columns after a customer message at `at` on `channel`: the due date moves to the earlier
 * of the one still running and the message's (entry point SLA, else the inbox's; spec 16), and an unassigned
 * conversation is queued from its first waiting message. `conversation` is the row before the message (a conversation
 * about to be created: all null).
 */
export function routingAfterInbound(
  conversation: Pick<TConversationRow, 'due_at' | 'agent_id' | 'queued_at'>,
  inbound: { channel: string; at: Date; entryPointSlaMinutes: number | null; inboxSlaMinutes: number | null },
): TInboundRouting {
  const dueAt = dueAtOnInbound(conversation.due_at ? conversation.due_at.getTime() : null, inbound.at.getTime(), {
    entryPointSlaMinutes: inbound.entryPointSlaMinutes,
    inboxSlaMinutes: inbound.inboxSlaMinutes ?? FALLBACK_SLA_MINUTES,
  });
  return {
    channel: inbound.channel,
    last_inbound_at: inbound.at,
    due_at: new Date(dueAt),
    queued_at: conversation.agent_id ? null : (conversation.queued_at ?? inbound.at),
  };
}

function sameRouting(row: TConversationRow, routing: TInboundRouting): boolean {
  const sameTime = (a: Date | null, b: Date | null) =>
    a === null ? b === null : b !== null && a.getTime() === b.getTime();
  return (
    row.channel === routing.channel &&
    sameTime(row.last_inbound_at, routing.last_inbound_at) &&
    sameTime(row.due_at, routing.due_at) &&
    sameTime(row.queued_at, routing.queued_at)
  );
}

export interface TRecordInboundContactInput {
  orgId: string;
  conversationId: string;
  customerId: string;
  inboxId: string;
  channel: string;
  entryPointSlaMinutes?: number | null;
  entryPoint?: string | null;
  itemId: string;
  at: Date;
  initiator: TInitiator;
  /** The conversation as the caller has it locked and current in this transaction (saves reading it again). */
  conversation?: TConversationRow;
  /** The conversation was created by this transaction: it has no contact yet (saves looking for one). */
  conversationIsNew?: boolean;
  /** The inbox's SLA as the caller read it in this transaction (null: the inbox has none); else it is read. */
  inboxSlaMinutes?: number | null;
}

/**
 * A customer message: continue the live contact on the same channel, else end the live one (STARTED_NEW) and start a
 * new one. Updates the conversation's routing columns (channel, last_inbound_at, due_at, queued_at).
 */
export async function recordInboundContact(
  trx: TTransaction,
  _ctx: Partial<TAppContext> | null,
  input: TRecordInboundContactInput,
): Promise<{ contactId: string; started: boolean }> {
  const { orgId, conversationId, at } = input;
  const conversation = input.conversation ?? (await findConversationRow(trx, orgId, conversationId));
  if (!conversation) throw new Error(`conversation ${conversationId} does not exist`);
  const inboxSlaMinutes =
    input.inboxSlaMinutes !== undefined ? input.inboxSlaMinutes : await findInboxSlaMinutes(trx, orgId, input.inboxId);
  const routing = routingAfterInbound(conversation, {
    channel: input.channel,
    at,
    entryPointSlaMinutes: input.entryPointSlaMinutes ?? null,
    inboxSlaMinutes,
  });
  const dueAt = routing.due_at;
  const agentId = conversation.agent_id;
  // recordInboundMessageIn has usually set them already (a new conversation at its insert, a follow-up with its
  // waiting state): then there is nothing to update.
  const updated = sameRouting(conversation, routing)
    ? conversation
    : ((await setConversationRouting(trx, orgId, conversationId, routing)) ?? conversation);
  const context = contextOf(updated);

  let contact = input.conversationIsNew ? undefined : await findLiveContact(trx, orgId, conversationId);
  let started = false;
  if (contact && contact.channel === input.channel) {
    contact = await updateContact(trx, orgId, contact.id, {
      last_inbound_at: at,
      awaiting_customer_since: null,
      due_at: dueAt,
      ...(agentId ? {} : { queued_at: contact.queued_at ?? at }),
    });
  } else {
    if (contact) await closeContact(trx, contact, 'STARTED_NEW', undefined, at, input.initiator, updated);
    contact = await insertContact(trx, {
      org_id: orgId,
      id: newId(),
      conversation_id: conversationId,
      customer_id: input.customerId,
      inbox_id: updated.inbox_id,
      channel: input.channel,
      entry_point: input.entryPoint ?? null,
      agent_id: agentId,
      status: agentId ? 'ACTIVE' : 'QUEUED',
      due_at: dueAt,
      started_at: at,
      queued_at: agentId ? null : at,
      accepted_at: agentId ? at : null,
      last_inbound_at: at,
    });
    started = true;
    await appendEvent(trx, orgId, {
      type: 'CONTACT/STARTED',
      initiator: input.initiator,
      occurredAt: at,
      content: {
        ...idsOf(contact),
        dueAt: dueAt.toISOString(),
        ...(input.entryPoint ? { entryPoint: input.entryPoint } : {}),
        context,
      },
    });
  }
  await appendEvent(trx, orgId, {
    type: 'CONTACT/MESSAGE_RECEIVED',
    initiator: input.initiator,
    occurredAt: at,
    content: { ...idsOf(contact), messageId: input.itemId, context },
  });
  return { contactId: contact.id, started };
}

/** An automatic message (auto-reply): recorded against the live contact, without changing any wait or due date. */
export async function recordAutomaticInbound(
  trx: TTransaction,
  input: { orgId: string; conversationId: string; itemId: string; at: Date; initiator: TInitiator },
): Promise<string | null> {
  const contact = await findLiveContact(trx, input.orgId, input.conversationId);
  if (!contact) return null;
  await appendEvent(trx, input.orgId, {
    type: 'CONTACT/MESSAGE_RECEIVED',
    initiator: input.initiator,
    occurredAt: input.at,
    content: { ...idsOf(contact), messageId: input.itemId, context: await contextNow(trx, contact) },
  });
  return contact.id;
}

/**
 * An agent's or API user's reply in the conversation: CONTACT/MESSAGE_SENT, then CONTACT/FULFILLED (RESPONDED) on the
 * first reply of the contact. The wait is over: the conversation's due date and queue entry are cleared, and on a
 * messaging channel the live contact now awaits the customer (the auto-end timer runs from here).
 */
export async function recordOutboundReply(
  trx: TTransaction,
  input: {
    orgId: string;
    conversationId: string;
    customerId: string;
    channel: string;
    itemId: string;
    at: Date;
    initiator: TInitiator;
    /** The contactId to report when the conversation has no live contact (e.g. the chat session id). */
    fallbackContactId?: string | null;
    before?: TContextSource;
  },
): Promise<{ contactId: string }> {
  const { orgId, conversationId, at } = input;
  const contact = await findLiveContact(trx, orgId, conversationId);
  const conversation = await findConversationRow(trx, orgId, conversationId);
  const context = input.before ? contextOf(input.before) : conversation ? contextOf(conversation) : undefined;
  await setConversationRouting(trx, orgId, conversationId, { due_at: null, queued_at: null });
  const contactId = contact?.id ?? input.fallbackContactId ?? newId();
  await appendEvent(trx, orgId, {
    type: 'CONTACT/MESSAGE_SENT',
    initiator: input.initiator,
    occurredAt: at,
    content: {
      channel: input.channel,
      contactId,
      conversationId,
      customerId: input.customerId,
      messageId: input.itemId,
      ...(context ? { context } : {}),
    },
  });
  if (!contact) return { contactId };
  await fulfillContact(trx, { orgId, conversationId, type: 'RESPONDED', at, initiator: input.initiator });
  // A reply to an unassigned conversation made it the replier's: the contact follows.
  const agentId = conversation?.agent_id ?? null;
  const changes = {
    ...(MESSAGING_CHANNELS.includes(contact.channel) ? { awaiting_customer_since: at } : {}),
    ...(agentId && contact.agent_id !== agentId
      ? { agent_id: agentId, status: 'ACTIVE' as const, accepted_at: contact.accepted_at ?? at }
      : {}),
  };
  if (Object.keys(changes).length > 0) await updateContact(trx, orgId, contact.id, changes);
  return { contactId };
}

/** CONTACT/FULFILLED, once per contact; true when this call fulfilled it. */
export async function fulfillContact(
  trx: TTransaction,
  input: {
    orgId: string;
    conversationId: string;
    type: 'RESPONDED' | 'CANCELED';
    at: Date;
    initiator: TInitiator;
    before?: TContextSource;
  },
): Promise<boolean> {
  const contact = await findLiveContact(trx, input.orgId, input.conversationId);
  if (!contact || contact.fulfilled_at) return false;
  const context = input.before ? contextOf(input.before) : await contextNow(trx, contact);
  const fulfilled = await updateContact(trx, input.orgId, contact.id, {
    fulfilled_at: input.at,
    fulfilled_type: input.type,
  });
  await appendEvent(trx, input.orgId, {
    type: 'CONTACT/FULFILLED',
    initiator: input.initiator,
    occurredAt: input.at,
    content: { ...idsOf(fulfilled), fulfilledType: input.type, context },
  });
  return true;
}

/**
 * CONTACT/ENDED for the live contact. Without an explicit status: ANSWERED when an agent responded within the
 * contact, else UNANSWERED.
 */
export async function endContact(
  trx: TTransaction,
  input: {
    orgId: string;
    conversationId: string;
    reason: TContactEndReason;
    status?: TContactEndStatus;
    at: Date;
    initiator: TInitiator;
    /** The conversation state for `context`, when the caller already changed the row (default: read now). */
    before?: TContextSource;
  },
): Promise<void> {
  const contact = await findLiveContact(trx, input.orgId, input.conversationId);
  if (!contact) return;
  await closeContact(trx, contact, input.reason, input.status, input.at, input.initiator, input.before);
}

/** CONTACT/TRANSFERRED (cold): the live contact follows the conversation to its new inbox and/or agent. */
export async function transferContact(
  trx: TTransaction,
  input: {
    orgId: string;
    conversationId: string;
    reason: 'MANUAL' | 'AUTOMATION';
    assignee: { inboxId: string; agentId?: string | null };
    at: Date;
    initiator: TInitiator;
    before?: TContextSource;
  },
): Promise<void> {
  const contact = await findLiveContact(trx, input.orgId, input.conversationId);
  if (!contact) return;
  const context = input.before ? contextOf(input.before) : await contextNow(trx, contact);
  const agentId = input.assignee.agentId || null;
  const moved = await moveContact(trx, contact, input.assignee.inboxId, agentId, input.at);
  await appendEvent(trx, input.orgId, {
    type: 'CONTACT/TRANSFERRED',
    initiator: input.initiator,
    occurredAt: input.at,
    content: {
      ...idsOf(moved),
      transferType: 'COLD',
      reason: input.reason,
      assignee: assigneeOf({ inbox_id: input.assignee.inboxId, agent_id: agentId }),
      context,
    },
  });
}

/** The live contact's agent changed inside the same inbox (no event: CONVERSATION_ASSIGNEE/UPDATED tells it). */
export async function reassignContactAgent(
  trx: TTransaction,
  input: { orgId: string; conversationId: string; agentId: string | null; at: Date },
): Promise<void> {
  const contact = await findLiveContact(trx, input.orgId, input.conversationId);
  if (!contact) return;
  await moveContact(trx, contact, contact.inbox_id, input.agentId, input.at);
}

function moveContact(trx: TTransaction, contact: TContactRow, inboxId: string, agentId: string | null, at: Date) {
  return updateContact(trx, contact.org_id, contact.id, {
    inbox_id: inboxId,
    agent_id: agentId,
    status: agentId ? 'ACTIVE' : 'QUEUED',
    ...(agentId ? { accepted_at: contact.accepted_at ?? at } : { queued_at: contact.queued_at ?? at }),
  });
}

async function closeContact(
  trx: TTransaction,
  contact: TContactRow,
  reason: TContactEndReason,
  status: TContactEndStatus | undefined,
  at: Date,
  initiator: TInitiator,
  before?: TContextSource,
): Promise<void> {
  const context = before ? contextOf(before) : await contextNow(trx, contact);
  const endStatus = status ?? (contact.fulfilled_type === 'RESPONDED' ? 'ANSWERED' : 'UNANSWERED');
  const ended = await updateContact(trx, contact.org_id, contact.id, {
    status: 'ENDED',
    ended_at: at,
    end_reason: reason,
    end_status: endStatus,
  });
  await appendEvent(trx, contact.org_id, {
    type: 'CONTACT/ENDED',
    initiator,
    occurredAt: at,
    content: { ...idsOf(ended), reason, status: endStatus, context },
  });
}
