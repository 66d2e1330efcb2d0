import type { TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../../app-context.js';
import { invalidState, notFound } from '../../../http/errors.js';
import { appendStatusUpdated } from '../../conversations/commands/conversation-timeline.js';
import { withdrawPendingOffer } from '../../routing/offer-commands.js';
import { endContact, fulfillContact } from '../contact-lifecycle.js';
import { lockConversation, updateConversationState } from '../contacts.repository.js';

/**
 * No Reply Needed (product spec 2.5): the latest inbound message needs no answer. The conversation goes WAITING and
 * leaves the queue (no customer waiting, no due date); the live contact is fulfilled CANCELED and ended
 * NO_REPLY_NEEDED, which also ends a messaging session. The agent assignment is kept. Both contact events carry the
 * conversation as it was before the action as their context.
 */
export async function markNoReplyNeeded(
  ctx: TAppContext,
  input: { orgId: string; conversationId: string; initiator: TInitiator },
): Promise<void> {
  const { orgId, conversationId, initiator } = input;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await lockConversation(trx, orgId, conversationId);
    if (!before) throw notFound('conversation does not exist');
    if (before.status === 'CLOSED') throw invalidState('closed conversation cannot be marked no reply needed');
    await withdrawPendingOffer(trx, orgId, conversationId, 'CANCELED');
    const after = await updateConversationState(trx, orgId, conversationId, {
      status: 'WAITING',
      customer_waiting_since: null,
      due_at: null,
      queued_at: null,
      updated_at: now,
    });
    if (before.status !== 'WAITING') await appendStatusUpdated(trx, after, initiator, now);
    await fulfillContact(trx, { orgId, conversationId, type: 'CANCELED', at: now, initiator, before });
    await endContact(trx, { orgId, conversationId, reason: 'NO_REPLY_NEEDED', at: now, initiator, before });
  });
}
