import type { TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../../app-context.js';
import type { TTransaction } from '../../../db/database.js';
import { appendEvent } from '../../../events/outbox.js';
import { badRequest, notFound } from '../../../http/errors.js';
import { newId } from '../../../lib/ids.js';
import { DELIVER_JOB, getDeliveryAdapter, type TDeliveryJobData } from '../../channels/delivery-registry.js';
import { recordOutboundReply } from '../../contacts/contact-lifecycle.js';
import { assigneeOf, contextOf } from '../../conversations/commands/conversation-timeline.js';
import { CHANNEL_OF_REPLY_TYPE } from '../item-types.js';
import {
  findConversation,
  findConversationForUpdate,
  findItem,
  insertItemUnlessTaken,
  markConversationAnswered,
} from '../items.repository.js';
import { buildReplyContent, parseReplyInput } from '../reply-content.js';

export interface TReplyToItemInput {
  orgId: string;
  itemId: string;
  /** The replier: the API user (an unassigned conversation becomes theirs). */
  initiator: TInitiator;
  content: unknown;
  /** Runs in the reply's transaction right after the item is stored (the desktop links composer attachments). */
  inTransaction?: (trx: TTransaction, itemId: string) => Promise<void>;
}

type TConversationRef = NonNullable<Awaited<ReturnType<typeof findConversationForUpdate>>>;

const DELIVERY_RETRY = { retryLimit: 5, retryDelaySeconds: 2, retryBackoff: true };

/**
 * Answer a customer message on its own channel (API spec 4.4). 201 means stored and queued, not delivered: the
 * `channel.deliver` job sends it and settles `delivery_status`. The item, the conversation changes, the events and
 * the job commit together or not at all. Card numbers are not masked here: Gladly masks them in the browser before
 * sending (product spec 3.4), so an API reply is sent as written.
 */
export async function replyToItem(ctx: TAppContext, input: TReplyToItemInput): Promise<{ itemId: string }> {
  const { orgId } = input;
  const reply = parseReplyInput(input.content);
  const target = await findItem(ctx.db, orgId, input.itemId);
  if (!target) throw notFound(`conversation item ${input.itemId} does not exist`);
  if (target.direction !== 'INBOUND' || target.initiator_type !== 'CUSTOMER') {
    throw badRequest('invalid', 'you can only reply to customer messages');
  }
  if (!target.conversation_id) throw badRequest('invalid', 'you cannot reply to items outside a conversation');
  const conversationId = target.conversation_id;
  if ((await findConversation(ctx.db, orgId, conversationId))?.status === 'CLOSED') throw closedConversation();
  if (reply.type !== target.content_type) {
    throw badRequest(
      'invalid',
      `a reply to a [${target.content_type}] item must have type [${target.content_type}]`,
      'content.type',
    );
  }
  const adapter = getDeliveryAdapter(reply.type);
  if (!adapter) {
    throw badRequest(
      'invalid',
      `replies on the ${reply.type} channel are not available yet: no delivery adapter is configured`,
      'content.type',
    );
  }
  await adapter.assertCanDeliver?.(ctx, { orgId, replyTo: target });
  const content = buildReplyContent(reply, { content: target.content, sessionId: target.session_id });
  const now = ctx.now();
  const itemId = newId();

  await ctx.db.transaction().execute(async (trx) => {
    const conversation = await findConversationForUpdate(trx, orgId, conversationId);
    // Checked again under the lock: a close that raced this reply wins.
    if (!conversation || conversation.status === 'CLOSED') throw closedConversation();
    await insertItemUnlessTaken(trx, {
      org_id: orgId,
      id: itemId,
      customer_id: target.customer_id,
      conversation_id: conversationId,
      session_id: target.session_id,
      occurred_at: now,
      initiator_id: input.initiator.id,
      initiator_type: input.initiator.type,
      responder_id: null,
      responder_type: null,
      content_type: reply.type,
      content: JSON.stringify(content),
      direction: 'OUTBOUND',
      delivery_status: 'PENDING',
      redacted_at: null,
    });
    await input.inTransaction?.(trx, itemId);
    const assignTo = conversation.agent_id ? undefined : input.initiator.id;
    await markConversationAnswered(trx, orgId, conversationId, { agentId: assignTo, now });
    const after = assignTo ? { ...conversation, agent_id: assignTo } : conversation;
    if (assignTo) await appendAssigned(trx, orgId, conversation, after, input.initiator, now);
    await recordOutboundReply(trx, {
      orgId,
      conversationId,
      customerId: target.customer_id,
      channel: CHANNEL_OF_REPLY_TYPE[reply.type],
      itemId,
      at: now,
      initiator: input.initiator,
      // A chat or voice session is the contact when the conversation has no contact record.
      fallbackContactId: target.session_id,
      before: after,
    });
    const job: TDeliveryJobData = { orgId, itemId, replyToItemId: target.id };
    await ctx.jobs.send(trx, DELIVER_JOB, job, DELIVERY_RETRY);
  });
  return { itemId };
}

function closedConversation() {
  return badRequest('invalid', 'you cannot reply to items in closed conversations');
}

/** A reply to an unassigned conversation assigns it to the replier (product spec 2.7, reason MESSAGE_OUTBOUND). */
async function appendAssigned(
  trx: TTransaction,
  orgId: string,
  before: TConversationRef,
  after: TConversationRef,
  initiator: TInitiator,
  now: Date,
): Promise<void> {
  await appendEvent(trx, orgId, {
    type: 'CONVERSATION_ASSIGNEE/UPDATED',
    initiator,
    occurredAt: now,
    content: {
      customerId: before.customer_id,
      conversationId: before.id,
      reason: 'MESSAGE_OUTBOUND',
      assignee: assigneeOf(after),
      context: contextOf(before),
    },
  });
}
