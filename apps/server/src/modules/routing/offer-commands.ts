import type { TInitiator, TRealtimeOffer } from '@hearth/shared';
import type { TAppContext } from '../../app-context.js';
import type { TExecutor, TTransaction } from '../../db/database.js';
import { withEventBatch } from '../../events/outbox.js';
import { invalidState, notFound } from '../../http/errors.js';
import { markContactRejected } from '../contacts/contact-offers.js';
import { findLiveContact } from '../contacts/contacts.queries.js';
import { conversationRoutable } from './apply-decisions.js';
import { assignRoutedConversation, assignRoutedTask, touchAssigned } from './offer-assign.js';
import { presentOffer } from './offers.presenter.js';
import {
  acceptOwnPendingOffer,
  findOffer,
  findOfferDisplay,
  findPendingOfferOfAgent,
  resolveOffer,
  type TOfferRow,
} from './offers.repository.js';
import { lockConversation, lockPresenceRow, lockTask } from './routing.repository.js';
import { notifyUser, wakeRouting } from './routing-notify.js';

// The agent's side of push routing: accept or decline an offer, ask for more work with Next (spec 2.6, 5.3).

/**
 * Withdraw the pending offer of an item (the customer ended the contact, someone assigned or closed the
 * conversation meanwhile). The offer becomes CANCELED and, after commit, its agent is told `offer_ended`.
 * No-op when the item has no pending offer.
 */
export async function withdrawPendingOffer(
  trx: TTransaction,
  orgId: string,
  itemId: string,
  reason: 'CANCELED',
): Promise<void> {
  const rows = await trx
    .updateTable('routing_offers')
    .set({ status: reason, resolved_at: new Date() })
    .where('org_id', '=', orgId)
    .where('item_id', '=', itemId)
    .where('status', '=', 'PENDING')
    .returning(['id', 'agent_id'])
    .execute();
  for (const row of rows) {
    await notifyUser(trx, orgId, row.agent_id, { type: 'offer_ended', offerId: row.id, reason });
  }
  if (rows.length > 0) await wakeRouting(trx, orgId);
}

/** The agent's pending offer as the banner shows it, or null (page load; live offers come over the socket). */
export async function getMyOffer(
  db: TExecutor,
  orgId: string,
  agentId: string,
  now: Date,
): Promise<TRealtimeOffer | null> {
  const offer = await findPendingOfferOfAgent(db, orgId, agentId);
  if (!offer || offer.expires_at.getTime() <= now.getTime()) return null;
  return presentOfferRow(db, offer);
}

async function presentOfferRow(db: TExecutor, offer: TOfferRow): Promise<TRealtimeOffer> {
  const display = await findOfferDisplay(db, offer.org_id, offer.item_kind, offer.item_id);
  let channel = 'TASK';
  if (offer.item_kind === 'CONVERSATION') {
    const row = await db
      .selectFrom('conversations')
      .select('channel')
      .where('org_id', '=', offer.org_id)
      .where('id', '=', offer.item_id)
      .executeTakeFirst();
    channel = row?.channel ?? (await findLiveContact(db, offer.org_id, offer.item_id))?.channel ?? '';
  }
  return presentOffer(offer, display, channel);
}

export interface TOfferActionInput {
  orgId: string;
  agentId: string;
  offerId: string;
  initiator: TInitiator;
}

/** Lock the agent's own offer; 404 for an unknown offer or another agent's, 400 invalid_state when not pending. */
async function lockOwnPendingOffer(trx: TTransaction, input: TOfferActionInput, now: Date): Promise<TOfferRow> {
  const offer = await lockOwnOffer(trx, input);
  assertPending(offer, now);
  return offer;
}

async function lockOwnOffer(trx: TTransaction, input: TOfferActionInput): Promise<TOfferRow> {
  const offer = await findOffer(trx, input.orgId, input.offerId, true);
  if (!offer || offer.agent_id !== input.agentId) throw notFound('offer does not exist', 'offerId');
  return offer;
}

function assertPending(offer: TOfferRow, now: Date): void {
  if (offer.status !== 'PENDING') throw invalidState(`offer is no longer pending (${offer.status})`);
  if (offer.expires_at.getTime() <= now.getTime()) throw invalidState('offer expired');
}

/**
 * Accept: the offer becomes ACCEPTED and the work is assigned to the agent. Accepting an offer already accepted
 * answers the same again and changes nothing (retry-safe). A conversation records
 * CONVERSATION_ASSIGNEE/UPDATED with reason CONTACT_OFFERED (the assignment is the outcome of an offer; the
 * catalogue has no "offer accepted" reason) and the contact's OFFER_ACCEPTED; a task records TASK/ASSIGNEE_UPDATED.
 */
export async function acceptOffer(
  ctx: TAppContext,
  input: TOfferActionInput,
): Promise<{ itemKind: 'CONVERSATION' | 'TASK'; itemId: string }> {
  const now = ctx.now();
  // The assignment's and the contact's events are written in one statement at the end.
  const outcome = await ctx.db.transaction().execute((trx) => withEventBatch(trx, () => acceptIn(trx)));
  if (!outcome.ok) throw invalidState('the offered work was assigned, closed or withdrawn meanwhile');
  return { itemKind: outcome.itemKind, itemId: outcome.itemId };

  async function acceptIn(trx: TTransaction) {
    // The common case in one statement: the agent's own pending offer, claimed and locked.
    const offer = await acceptOwnPendingOffer(trx, input.orgId, input.offerId, input.agentId, now);
    if (!offer) return answerNotAccepted(trx);
    if (offer.item_kind === 'TASK') {
      const task = await lockTask(trx, input.orgId, offer.item_id);
      if (task?.status !== 'OPEN' || task.agent_id !== null) return cancelStale(trx, offer, now);
      await assignRoutedTask(trx, task, input.agentId, input.initiator, now);
    } else {
      const conversation = await lockConversation(trx, input.orgId, offer.item_id);
      if (!conversation || !conversationRoutable(conversation)) return cancelStale(trx, offer, now);
      await assignRoutedConversation(trx, conversation, input.agentId, 'CONTACT_OFFERED', input.initiator, now);
    }
    // The update takes the agent's presence row lock, after the work item's, as a routing run locks them.
    await touchAssigned(trx, input.orgId, input.agentId, offer.channel_group, now);
    // No separate wake of the routing engine: the assignment's events notify the org's outbox channel at commit,
    // which is the engine's wake-up (identical notifications of one transaction are delivered once).
    await notifyUser(trx, input.orgId, input.agentId, { type: 'offer_ended', offerId: offer.id, reason: 'ACCEPTED' });
    return { ok: true as const, itemKind: offer.item_kind, itemId: offer.item_id };
  }

  /** The offer was not the agent's pending one: read it to say why. */
  async function answerNotAccepted(trx: TTransaction) {
    const offer = await lockOwnOffer(trx, input);
    // A retried click (the answer to the first was lost with a connection or a process) gets the same answer
    // instead of an error that would leave the agent unaware the work is now theirs.
    if (offer.status === 'ACCEPTED') return { ok: true as const, itemKind: offer.item_kind, itemId: offer.item_id };
    assertPending(offer, now);
    // Not reached: a pending offer of this agent that has not run out is accepted by the claim above, and an offer
    // never becomes pending again.
    throw invalidState(`offer is no longer pending (${offer.status})`);
  }
}

/**
 * The item moved on since the offer (assigned by hand, closed): the offer this accept claimed is canceled instead,
 * committed, then the accept is refused.
 */
async function cancelStale(trx: TTransaction, offer: TOfferRow, now: Date): Promise<{ ok: false }> {
  await resolveOffer(trx, offer.org_id, offer.id, 'CANCELED', now, 'ACCEPTED');
  await notifyUser(trx, offer.org_id, offer.agent_id, { type: 'offer_ended', offerId: offer.id, reason: 'CANCELED' });
  await wakeRouting(trx, offer.org_id);
  return { ok: false };
}

/**
 * Decline: only a declinable offer (mail is not, spec 5.2). The offer becomes DECLINED, the contact records
 * OFFER_REJECTED (DECLINED), and the engine re-routes the item; the decline grace keeps it from this agent.
 */
export async function declineOffer(ctx: TAppContext, input: TOfferActionInput): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const offer = await lockOwnPendingOffer(trx, input, now);
    if (!offer.declinable) throw invalidState('this offer cannot be declined');
    await resolveOffer(trx, input.orgId, offer.id, 'DECLINED', now);
    if (offer.item_kind === 'CONVERSATION') {
      await markContactRejected(trx, {
        orgId: input.orgId,
        conversationId: offer.item_id,
        agentId: input.agentId,
        reason: 'DECLINED',
        at: now,
        initiator: input.initiator,
      });
    }
    await notifyUser(trx, input.orgId, input.agentId, { type: 'offer_ended', offerId: offer.id, reason: 'DECLINED' });
    await wakeRouting(trx, input.orgId);
  });
}

/**
 * Next: one more item beyond automatic capacity (spec 2.6). Only when the agent is available in at least one
 * channel and not in focus mode (spec 5.4: Next is disabled there).
 */
export async function requestNext(ctx: TAppContext, input: { orgId: string; agentId: string }): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const presence = await lockPresenceRow(trx, input.orgId, input.agentId);
    if (!presence?.logged_in || presence.available_for.length === 0) {
      throw invalidState('Next needs the agent to be available in at least one channel');
    }
    if (presence.focus_mode) throw invalidState('Next is disabled in focus mode');
    await trx
      .updateTable('agent_presence')
      .set((eb) => ({ next_requests: eb('next_requests', '+', 1), updated_at: now }))
      .where('org_id', '=', input.orgId)
      .where('user_id', '=', input.agentId)
      .execute();
    await wakeRouting(trx, input.orgId);
  });
}
