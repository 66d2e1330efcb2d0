import type { TInitiator } from '@hearth/shared';
import type { TDatabase, TTransaction } from '../../../db/database.js';
import { isUniqueViolation, withSavepoint } from '../../../db/pg-errors.js';
import type { TConversationRow } from '../../../db/schema.js';
import { withEventBatch } from '../../../events/outbox.js';
import { badRequest, conflict } from '../../../http/errors.js';
import { isValidClientId, newId } from '../../../lib/ids.js';
import { recordAutomaticInbound, recordInboundContact, routingAfterInbound } from '../../contacts/contact-lifecycle.js';
import { findOrCreateCustomerByContact } from '../../customers/commands/find-or-create-customer.js';
import { findInboxForAssignment } from '../../inboxes/inboxes.queries.js';
import {
  findConversation,
  findLatestClosedConversationOfCustomer,
  findOpenConversationOfCustomer,
  findReopenWindowMinutes,
  insertConversation,
  insertItem,
  itemExists,
  updateConversation,
} from '../conversations.repository.js';
import { isInsideReopenWindow } from '../engine/conversation-rules.js';
import { appendLifecycleEvents, appendStatusUpdated, writeStatusChangeItem } from './conversation-timeline.js';

export type TInboundChannel =
  | 'EMAIL'
  | 'SMS'
  | 'CHAT'
  | 'FB_MESSENGER'
  | 'INSTAGRAM_DIRECT'
  | 'WHATSAPP'
  | 'CUSTOM_CHANNEL';

export interface TRecordInboundMessageInput {
  orgId: string;
  inboxId: string;
  /** Finds or creates the customer; may be left out when `customerId` is given (a channel resolved the sender). */
  contact?: { emailAddress: string } | { mobilePhone: string };
  /** The sender's display name (an email's From), given to the profile only when this message creates it. */
  contactName?: string;
  channel: TInboundChannel;
  item: { id?: string; contentType: string; content: Record<string, unknown>; sessionId?: string };
  now: Date;
  /**
   * The conversation a channel threaded the message to (email In-Reply-To/References or subject token). It is the
   * one reopened when closed inside the reopen window; an open conversation of the customer still always wins, so a
   * reply never starts or revives a second one.
   */
  threadConversationId?: string;
  /** Skip the lookup by contact: the message belongs to this customer (a third party writing in their thread). */
  customerId?: string;
  /**
   * With `customerId`: the caller created that profile in this transaction, so it has no conversation to find,
   * reopen or race for (saves four statements on a new sender's first message).
   */
  customerIsNew?: boolean;
  /** Who wrote it when not the customer: a third party on TO/CC, INTERNAL (org's domain) or EXTERNAL. */
  thirdParty?: 'INTERNAL' | 'EXTERNAL';
  /**
   * False for automatic messages (auto-replies): recorded, but they never reopen a closed conversation, never set
   * "customer waiting" and never turn a WAITING conversation OPEN. Default true.
   */
  awaitsReply?: boolean;
  /** The entry point the message came in through: its identifier (e.g. the address) and its own SLA, if any. */
  entryPoint?: { identifier: string; slaMinutes: number | null };
}

export interface TRecordInboundMessageResult {
  customerId: string;
  conversationId: string;
  itemId: string;
  conversationCreated: boolean;
  reopened: boolean;
}

// Losing the race for the customer's single open conversation sends us back to read the winner's; a handful of
// rounds is plenty, since each lost round means another message has just settled the conversation.
const MAX_SLOT_ATTEMPTS = 5;

/**
 * Record an inbound contact as a customer message (product spec 2.2-2.3): the customer's open conversation takes it,
 * else the last closed one is reopened when closed inside the org's reopen window, else a new conversation starts
 * in the inbox. The unique index `conversations_one_open` keeps concurrent messages of one customer in one
 * conversation: a loser's insert or reopen is rolled back to a savepoint and the open conversation is read again.
 */
export async function recordInboundMessage(
  db: TDatabase,
  input: TRecordInboundMessageInput,
): Promise<TRecordInboundMessageResult> {
  if (input.item.id !== undefined && !isValidClientId(input.item.id)) {
    throw badRequest('invalid', 'id contains unsupported characters', 'id');
  }
  try {
    return await db.transaction().execute((trx) => withEventBatch(trx, () => recordInboundMessageIn(trx, input)));
  } catch (error) {
    if (isUniqueViolation(error, 'conversation_items_pkey')) throw itemTaken();
    throw error;
  }
}

/** recordInboundMessage inside the caller's transaction, for channels that store more with the message. */
export async function recordInboundMessageIn(
  trx: TTransaction,
  input: TRecordInboundMessageInput,
): Promise<TRecordInboundMessageResult> {
  const { orgId, now } = input;
  const itemId = input.item.id ?? newId();
  if (input.item.id !== undefined && (await itemExists(trx, orgId, itemId))) throw itemTaken();
  let customerId = input.customerId;
  let customerIsNew = customerId !== undefined && input.customerIsNew === true;
  if (customerId === undefined) {
    const found = await findOrCreateCustomerByContact(
      trx,
      orgId,
      requireContact(input),
      { id: '', type: 'CUSTOMER' },
      { now, name: input.contactName },
    );
    customerId = found.customerId;
    customerIsNew = found.created;
  }
  const customer: TInitiator = { id: customerId, type: 'CUSTOMER' };
  const author: TInitiator = input.thirdParty ? { id: '', type: input.thirdParty } : customer;
  const awaitsReply = input.awaitsReply !== false;
  const slot = customerIsNew
    ? await createConversation(trx, input, customerId, customer)
    : await takeConversationSlot(trx, input, customerId, customer);
  let conversation = slot.conversation;

  if (slot.reopened) {
    await writeStatusChangeItem(trx, conversation, 'OPEN', customer, now);
  }
  // A conversation created just now already has these values.
  let inboxSlaMinutes = slot.inboxSlaMinutes;
  if (awaitsReply && !slot.created) {
    const waitingSince = conversation.customer_waiting_since ?? now;
    const wasWaiting = conversation.status === 'WAITING';
    // The message's routing columns go in the same update: the contact's bookkeeping then finds them set.
    inboxSlaMinutes = (await findInboxForAssignment(trx, orgId, conversation.inbox_id))?.sla_minutes ?? null;
    conversation =
      (await updateConversation(trx, orgId, conversation.id, {
        status: 'OPEN',
        customer_waiting_since: waitingSince,
        updated_at: now,
        ...routingAfterInbound(conversation, inboundOf(input, inboxSlaMinutes)),
      })) ?? conversation;
    if (wasWaiting) await appendStatusUpdated(trx, conversation, customer, now);
  }

  await insertItem(trx, {
    org_id: orgId,
    id: itemId,
    customer_id: customerId,
    conversation_id: conversation.id,
    session_id: input.item.sessionId ?? null,
    occurred_at: now,
    initiator_id: author.id || null,
    initiator_type: author.type,
    responder_id: null,
    responder_type: null,
    content_type: input.item.contentType,
    content: JSON.stringify({ type: input.item.contentType, ...input.item.content }),
    direction: 'INBOUND',
    delivery_status: null,
    redacted_at: null,
  });
  // The contact (product spec 5.5): a message awaiting a reply starts or continues one and moves the due date; an
  // automatic one is only recorded against the live contact.
  if (awaitsReply) {
    await recordInboundContact(trx, null, {
      orgId,
      conversationId: conversation.id,
      customerId,
      inboxId: conversation.inbox_id,
      channel: input.channel,
      entryPointSlaMinutes: input.entryPoint?.slaMinutes ?? null,
      entryPoint: input.entryPoint?.identifier ?? null,
      itemId,
      at: now,
      initiator: author,
      conversation,
      conversationIsNew: slot.created,
      ...(inboxSlaMinutes !== undefined ? { inboxSlaMinutes } : {}),
    });
  } else {
    await recordAutomaticInbound(trx, { orgId, conversationId: conversation.id, itemId, at: now, initiator: author });
  }
  return {
    customerId,
    conversationId: conversation.id,
    itemId,
    conversationCreated: slot.created,
    reopened: slot.reopened,
  };
}

type TSlot = {
  conversation: TConversationRow;
  created: boolean;
  reopened: boolean;
  /** The inbox's SLA when the slot read the inbox (a created conversation). */
  inboxSlaMinutes?: number | null;
};

/** The conversation the message goes to, locked: the open one, a reopened one, or a new one. */
async function takeConversationSlot(
  trx: TTransaction,
  input: TRecordInboundMessageInput,
  customerId: string,
  initiator: TInitiator,
): Promise<TSlot> {
  for (let attempt = 1; attempt <= MAX_SLOT_ATTEMPTS; attempt++) {
    const open = await findOpenConversationOfCustomer(trx, input.orgId, customerId);
    if (open) return { conversation: open, created: false, reopened: false };
    try {
      // A concurrent message of the same customer may have opened one meanwhile: its savepoint rollback also drops
      // the events this attempt held back, and the next attempt finds that conversation.
      const slot = await withSavepoint(trx, () => reopenOrCreate(trx, input, customerId, initiator));
      if (slot) return slot;
    } catch (error) {
      if (!isUniqueViolation(error, 'conversations_one_open')) throw error;
    }
  }
  throw new Error(`could not settle the open conversation of customer ${customerId}`);
}

/** Undefined when a concurrent message reopened the conversation first: the caller then reads it as the open one. */
async function reopenOrCreate(
  trx: TTransaction,
  input: TRecordInboundMessageInput,
  customerId: string,
  initiator: TInitiator,
): Promise<TSlot | undefined> {
  const { orgId, now } = input;
  const closed =
    (await findThreadConversation(trx, input, customerId)) ??
    (await findLatestClosedConversationOfCustomer(trx, orgId, customerId));
  // An automatic message is kept in the thread it belongs to but never revives it.
  if (closed && input.awaitsReply === false) return { conversation: closed, created: false, reopened: false };
  if (closed && isInsideReopenWindow(closed.closed_at, now, await findReopenWindowMinutes(trx, orgId))) {
    const reopened = await updateConversation(
      trx,
      orgId,
      closed.id,
      { status: 'OPEN', closed_at: null, updated_at: now },
      { onlyIfStatus: 'CLOSED' },
    );
    if (!reopened) return undefined;
    await appendLifecycleEvents(trx, closed, 'CONVERSATION/REOPENED', initiator, now);
    return { conversation: reopened, created: false, reopened: true };
  }
  return createConversation(trx, input, customerId, initiator);
}

/** A new conversation in the message's inbox. */
async function createConversation(
  trx: TTransaction,
  input: TRecordInboundMessageInput,
  customerId: string,
  initiator: TInitiator,
): Promise<TSlot> {
  const { orgId, now } = input;
  const inbox = await findInboxForAssignment(trx, orgId, input.inboxId);
  if (!inbox) throw badRequest('invalid', `inbox ${input.inboxId} does not exist`, 'inboxId');
  const awaitsReply = input.awaitsReply !== false;
  // A message awaiting a reply gives the new conversation its routing columns at once: the contact's bookkeeping
  // (recordInboundContact) then finds them set and has nothing to update.
  const conversation = await insertConversation(trx, {
    orgId,
    id: newId(),
    customerId,
    inboxId: input.inboxId,
    customerWaitingSince: awaitsReply ? now : null,
    now,
    ...(awaitsReply
      ? {
          routing: routingAfterInbound(
            { due_at: null, agent_id: null, queued_at: null },
            inboundOf(input, inbox.sla_minutes),
          ),
        }
      : {}),
  });
  await appendLifecycleEvents(trx, conversation, 'CONVERSATION/CREATED', initiator, now);
  return { conversation, created: true, reopened: false, inboxSlaMinutes: inbox.sla_minutes };
}

/** The message as the conversation's routing columns see it (routingAfterInbound). */
function inboundOf(input: TRecordInboundMessageInput, inboxSlaMinutes: number | null) {
  return {
    channel: input.channel,
    at: input.now,
    entryPointSlaMinutes: input.entryPoint?.slaMinutes ?? null,
    inboxSlaMinutes,
  };
}

/** The closed conversation the channel threaded the message to, when it is this customer's. */
async function findThreadConversation(trx: TTransaction, input: TRecordInboundMessageInput, customerId: string) {
  if (!input.threadConversationId) return undefined;
  const conversation = await findConversation(trx, input.orgId, input.threadConversationId);
  return conversation?.customer_id === customerId && conversation.status === 'CLOSED' ? conversation : undefined;
}

function requireContact(input: TRecordInboundMessageInput) {
  if (!input.contact) throw new Error('recordInboundMessage needs a contact or a customerId');
  return input.contact;
}

function itemTaken() {
  return conflict('taken', 'conversation item already exists', 'id');
}
