import type { TAppContext } from '../../app-context.js';
import type { TTransaction } from '../../db/database.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import type { TConversationRow, TTaskRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { endContact, markContactOffered, markContactRejected } from '../contacts/contact-lifecycle.js';
import { appendStatusUpdated } from '../conversations/commands/conversation-timeline.js';
import type {
  TAssignDecision,
  TDecision,
  TEndSessionDecision,
  TExpireOfferDecision,
  TOfferDecision,
  TWorkItem,
} from './engine/routing-types.js';
import { assignRoutedConversation, ROUTING_INITIATOR, touchAssigned } from './offer-assign.js';
import { presentOffer } from './offers.presenter.js';
import {
  countLiveMessagingContacts,
  findLiveContactOf,
  findOffer,
  findOfferDisplay,
  insertOffer,
  isInboxMember,
  lockConversation,
  lockPresenceRow,
  lockTask,
  resolveOffer,
  type TOfferRow,
} from './routing.repository.js';
import { notifyUser } from './routing-notify.js';

/** Thrown inside a decision's transaction when the world moved since the snapshot: roll back, apply nothing. */
class Stale extends Error {}

export interface TApplyContext {
  ctx: Pick<TAppContext, 'db' | 'log'>;
  orgId: string;
  now: Date;
  /** Items of the snapshot by id (kind, channel); decisions only carry ids. */
  items: ReadonlyMap<string, TWorkItem>;
  boostNames: ReadonlyMap<string, string>;
}

/** Transactions in flight at once while applying one run's decisions (each holds one pooled connection). */
const APPLY_CONCURRENCY = 4;

/**
 * Apply decisions, each in its own short transaction with atomic claims (row locks on the item and the agent's
 * presence, the partial unique indexes of routing_offers). A decision the world no longer allows is skipped, never
 * half-applied. One decide() names each item and each agent at most once, and expiries and session ends touch only
 * their own offer or conversation, so the decisions of one run touch disjoint rows and are applied a few at a time.
 * Returns the decisions that took effect, in decision order.
 */
export async function applyDecisions(apply: TApplyContext, decisions: readonly TDecision[]): Promise<TDecision[]> {
  const done = new Array<boolean>(decisions.length).fill(false);
  let next = 0;
  const lane = async () => {
    while (next < decisions.length) {
      const index = next++;
      done[index] = await applyGuarded(apply, decisions[index] as TDecision);
    }
  };
  await Promise.all(Array.from({ length: Math.min(APPLY_CONCURRENCY, decisions.length) }, lane));
  return decisions.filter((_, index) => done[index]);
}

async function applyGuarded(apply: TApplyContext, decision: TDecision): Promise<boolean> {
  try {
    return await apply.ctx.db.transaction().execute((trx) => applyOne(trx, apply, decision));
  } catch (error) {
    if (error instanceof Stale || isUniqueViolation(error)) return false;
    const code = (error as { code?: string }).code;
    // Lost a lock race (deadlock, serialization): the next run decides again from fresh state.
    if (code === '40P01' || code === '40001') return false;
    apply.ctx.log.error({ err: error, decision }, 'routing decision failed');
    return false;
  }
}

function applyOne(trx: TTransaction, apply: TApplyContext, decision: TDecision): Promise<boolean> {
  switch (decision.type) {
    case 'OFFER':
    case 'ASSIGN':
      return applyOfferOrAssign(trx, apply, decision);
    case 'EXPIRE_OFFER':
      return applyExpire(trx, apply, decision);
    case 'END_SESSION':
      return applyEndSession(trx, apply, decision);
  }
}

/** Whether a locked conversation can still be routed (engine/routable.ts). */
export function conversationRoutable(c: TConversationRow): boolean {
  return c.agent_id === null && c.status === 'OPEN' && c.customer_waiting_since !== null;
}

async function lockItem(
  trx: TTransaction,
  orgId: string,
  item: TWorkItem,
): Promise<{ conversation?: TConversationRow; task?: TTaskRow }> {
  if (item.kind === 'TASK') {
    const task = await lockTask(trx, orgId, item.id);
    if (task?.status !== 'OPEN' || task.agent_id !== null) throw new Stale();
    return { task };
  }
  const conversation = await lockConversation(trx, orgId, item.id);
  if (!conversation || !conversationRoutable(conversation)) throw new Stale();
  return { conversation };
}

async function applyOfferOrAssign(
  trx: TTransaction,
  apply: TApplyContext,
  d: TOfferDecision | TAssignDecision,
): Promise<boolean> {
  const { orgId, now } = apply;
  const item = apply.items.get(d.itemId);
  if (!item) throw new Stale();
  const { conversation, task } = await lockItem(trx, orgId, item);
  const inboxId = conversation?.inbox_id ?? task?.inbox_id ?? item.inboxId;

  // The agent, re-checked under the presence row's lock: still logged in, active, available, with the slot the
  // engine chose.
  const presence = await lockPresenceRow(trx, orgId, d.agentId);
  if (
    !presence?.logged_in ||
    presence.status !== 'ACTIVE' ||
    presence.focus_mode ||
    !presence.available_for.includes(d.group)
  ) {
    throw new Stale();
  }
  if (d.viaNext && presence.next_requests < 1) throw new Stale();
  if (d.consumesAutoPush && !presence.mail_task_auto_push_pending) throw new Stale();
  if (!(await isInboxMember(trx, orgId, d.agentId, inboxId))) throw new Stale();
  if (d.group === 'MESSAGING') {
    const load = await countLiveMessagingContacts(trx, orgId, d.agentId);
    const limit = d.viaNext
      ? Math.max(presence.messaging_capacity_standard, presence.messaging_capacity_maximum)
      : presence.messaging_capacity_standard;
    if (load >= limit) throw new Stale();
  }

  const contact = conversation ? await findLiveContactOf(trx, orgId, conversation.id) : undefined;
  const auto = d.type === 'ASSIGN';
  const offer: TOfferRow = {
    org_id: orgId,
    id: newId(),
    item_kind: item.kind,
    item_id: item.id,
    contact_id: contact?.id ?? null,
    agent_id: d.agentId,
    channel_group: d.group,
    offered_at: now,
    expires_at: auto ? now : new Date(d.expiresAt),
    declinable: auto ? false : d.declinable,
    status: auto ? 'AUTO_ASSIGNED' : 'PENDING',
    resolved_at: auto ? now : null,
    points: d.points,
    match_reasons: d.matchReasons,
  };
  // The partial unique indexes refuse a second pending offer of this item or to this agent (unique_violation:
  // the whole transaction rolls back and the decision is skipped).
  await insertOffer(trx, offer);

  await trx
    .updateTable('agent_presence')
    .set((eb) => ({
      last_offered_at: now,
      ...(d.viaNext ? { next_requests: eb('next_requests', '-', 1) } : {}),
      ...(d.consumesAutoPush ? { mail_task_auto_push_pending: false } : {}),
      updated_at: now,
    }))
    .where('org_id', '=', orgId)
    .where('user_id', '=', d.agentId)
    .execute();

  if (conversation) {
    await markContactOffered(trx, {
      orgId,
      conversationId: conversation.id,
      agentId: d.agentId,
      at: now,
      matchReasons: boostNamesOf(d.matchReasons, apply.boostNames),
    });
  }

  if (auto) {
    if (!conversation) throw new Stale();
    await assignRoutedConversation(trx, conversation, d.agentId, 'AUTOMATED_ASSIGNMENT', ROUTING_INITIATOR, now);
    await touchAssigned(trx, orgId, d.agentId, d.group, now);
    await notifyUser(trx, orgId, d.agentId, { type: 'offer_ended', offerId: offer.id, reason: 'AUTO_ASSIGNED' });
    return true;
  }

  const display = await findOfferDisplay(trx, orgId, item.kind, item.id);
  const channel = conversation?.channel ?? contact?.channel ?? item.channel;
  await notifyUser(trx, orgId, d.agentId, { type: 'offer', offer: presentOffer(offer, display, channel) });
  return true;
}

/** CONTACT/OFFERED lists the names of the boosts that applied (spec 5.6); the engine's reasons carry their ids. */
export function boostNamesOf(reasons: readonly string[], names: ReadonlyMap<string, string>): string[] {
  const result: string[] = [];
  for (const reason of reasons) {
    const match = /^boost:(.+):\+\d+$/.exec(reason);
    if (match?.[1]) result.push(names.get(match[1]) ?? match[1]);
  }
  return result;
}

async function applyExpire(trx: TTransaction, apply: TApplyContext, d: TExpireOfferDecision): Promise<boolean> {
  const offer = await findOffer(trx, apply.orgId, d.offerId, true);
  if (offer?.status !== 'PENDING') throw new Stale();
  await resolveOffer(trx, apply.orgId, offer.id, 'MISSED', apply.now);
  if (offer.item_kind === 'CONVERSATION') {
    await markContactRejected(trx, {
      orgId: apply.orgId,
      conversationId: offer.item_id,
      agentId: offer.agent_id,
      reason: 'MISSED',
      at: apply.now,
      initiator: ROUTING_INITIATOR,
    });
  }
  await notifyUser(trx, apply.orgId, offer.agent_id, { type: 'offer_ended', offerId: offer.id, reason: 'MISSED' });
  return true;
}

/**
 * A messaging session the customer left silent past the auto-end time: the contact ends (CUSTOMER_NO_REPLY), which
 * frees the agent's messaging slot, and the conversation goes to WAITING; it is not closed (spec 2.4).
 */
async function applyEndSession(trx: TTransaction, apply: TApplyContext, d: TEndSessionDecision): Promise<boolean> {
  const { orgId, now } = apply;
  const conversation = await lockConversation(trx, orgId, d.conversationId);
  if (!conversation) throw new Stale();
  const contact = await findLiveContactOf(trx, orgId, d.conversationId);
  if (!contact || contact.agent_id !== d.agentId || contact.awaiting_customer_since === null) throw new Stale();
  await endContact(trx, {
    orgId,
    conversationId: d.conversationId,
    reason: 'CUSTOMER_NO_REPLY',
    at: now,
    initiator: ROUTING_INITIATOR,
  });
  // Never commit a session end that did not end the session: the engine would decide it again on every run.
  if (await findLiveContactOf(trx, orgId, d.conversationId)) throw new Stale();
  if (conversation.status === 'OPEN') {
    const after = await trx
      .updateTable('conversations')
      .set({ status: 'WAITING', updated_at: now })
      .where('org_id', '=', orgId)
      .where('id', '=', conversation.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendStatusUpdated(trx, after, ROUTING_INITIATOR, now);
  }
  return true;
}

/** Withdraw a pending offer whose item or agent left routing (CANCELED, `offer_ended` to the agent). */
export async function cancelOrphanOffer(
  ctx: Pick<TAppContext, 'db' | 'log'>,
  orgId: string,
  offerId: string,
  now: Date,
): Promise<boolean> {
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const offer = await findOffer(trx, orgId, offerId, true);
      if (offer?.status !== 'PENDING') return false;
      await resolveOffer(trx, orgId, offer.id, 'CANCELED', now);
      await notifyUser(trx, orgId, offer.agent_id, { type: 'offer_ended', offerId: offer.id, reason: 'CANCELED' });
      return true;
    });
  } catch (err) {
    ctx.log.error({ err, offerId }, 'routing could not withdraw an offer');
    return false;
  }
}
