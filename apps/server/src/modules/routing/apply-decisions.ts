import type { TServerMessage } from '@hearth/shared';
import type { TAppContext } from '../../app-context.js';
import type { TTransaction } from '../../db/database.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import type { TConversationRow, TTaskRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { endContact } from '../contacts/contact-lifecycle.js';
import { markContactRejected, markContactsOffered } from '../contacts/contact-offers.js';
import { findLiveContact } from '../contacts/contacts.queries.js';
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
  findOffer,
  insertOffersClaiming,
  listOfferDisplays,
  resolveOffer,
  type TOfferRow,
} from './offers.repository.js';
import {
  countLiveMessagingContactsOf,
  listLiveContactsOf,
  listMembershipKeys,
  lockConversation,
  lockConversationsSkipLocked,
  lockPresenceRowsSkipLocked,
  lockTasksSkipLocked,
  markAgentsOffered,
} from './routing.repository.js';
import { notifyUser, notifyUsers } from './routing-notify.js';

/** Thrown inside a decision's transaction when the world moved since the snapshot: roll back, apply nothing. */
class Stale extends Error {}

export interface TApplyContext {
  ctx: Pick<TAppContext, 'db' | 'log' | 'now'>;
  orgId: string;
  /** The run's time (the snapshot's and decide()'s `now`). Offers are stamped with the time they are applied. */
  now: Date;
  /** Items of the snapshot by id (kind, channel); decisions only carry ids. */
  items: ReadonlyMap<string, TWorkItem>;
  boostNames: ReadonlyMap<string, string>;
}

/** Transactions in flight at once while applying one run's expiries and session ends (each holds one connection). */
const APPLY_CONCURRENCY = 4;

/**
 * Apply one run's decisions. Expiries and session ends first, each in its own short transaction (a few at a time:
 * they touch disjoint rows), so the offers and agents they free are free for the offers of the same run. Then every
 * OFFER and ASSIGN of the run in ONE transaction with set-based claims (`applyOffers`). A decision the world no
 * longer allows is skipped, never half-applied. Returns the decisions that took effect, in decision order.
 */
export async function applyDecisions(apply: TApplyContext, decisions: readonly TDecision[]): Promise<TDecision[]> {
  const done = new Set<TDecision>();
  const others = decisions.filter((d) => d.type === 'EXPIRE_OFFER' || d.type === 'END_SESSION');
  let next = 0;
  const lane = async () => {
    while (next < others.length) {
      const decision = others[next++] as TDecision;
      if (await applyGuarded(apply, decision)) done.add(decision);
    }
  };
  await Promise.all(Array.from({ length: Math.min(APPLY_CONCURRENCY, others.length) }, lane));

  const offers = decisions.filter(
    (d): d is TOfferDecision | TAssignDecision => d.type === 'OFFER' || d.type === 'ASSIGN',
  );
  if (offers.length > 0) {
    const won = await guarded(apply, offers, (trx) => applyOffers(trx, apply, offers), new Set<TDecision>());
    for (const d of won) done.add(d);
  }
  return decisions.filter((d) => done.has(d));
}

async function guarded<T>(
  apply: TApplyContext,
  what: unknown,
  work: (trx: TTransaction) => Promise<T>,
  refused: T,
): Promise<T> {
  try {
    return await apply.ctx.db.transaction().execute(work);
  } catch (error) {
    if (error instanceof Stale || isUniqueViolation(error)) return refused;
    const code = (error as { code?: string }).code;
    // Lost a lock race (deadlock, serialization): the next run decides again from fresh state.
    if (code === '40P01' || code === '40001') return refused;
    apply.ctx.log.error({ err: error, decision: what }, 'routing decision failed');
    return refused;
  }
}

function applyGuarded(apply: TApplyContext, decision: TDecision): Promise<boolean> {
  return guarded(
    apply,
    decision,
    (trx) => {
      switch (decision.type) {
        case 'EXPIRE_OFFER':
          return applyExpire(trx, apply, decision);
        case 'END_SESSION':
          return applyEndSession(trx, apply, decision);
        default:
          throw new Error(`not applied one by one: ${decision.type}`);
      }
    },
    false,
  );
}

/** Whether a locked conversation can still be routed (engine/routable.ts). */
export function conversationRoutable(c: TConversationRow): boolean {
  return c.agent_id === null && c.status === 'OPEN' && c.customer_waiting_since !== null;
}

interface TClaim {
  d: TOfferDecision | TAssignDecision;
  item: TWorkItem;
  conversation?: TConversationRow;
  task?: TTaskRow;
  offer: TOfferRow;
}

/**
 * Every OFFER / ASSIGN of a run in one transaction, set-based:
 *
 * 1. Lock the items (`FOR UPDATE SKIP LOCKED`; a row another transaction holds is left to the next run) and
 *    re-check each is still routable; then lock the agents' presence rows the same way (lock order item →
 *    presence, and never a wait, so no deadlock with accepts or other writers) and re-check each agent: logged in,
 *    ACTIVE, not in focus, available for the group, a member of the item's inbox, the Next request / automatic push
 *    the engine counted on, and (messaging) a free slot by live contacts.
 * 2. One multi-row INSERT into routing_offers … ON CONFLICT DO NOTHING: the partial unique indexes (one PENDING
 *    offer per item and per agent) refuse the claims another transaction won; RETURNING names the winners.
 * 3. For the winners only: presence (one UPDATE), the contacts and their CONTACT/OFFERED events (one statement each),
 *    then for ASSIGN the assignment and its events,
 *    then the realtime messages in one statement, delivered at commit.
 *
 * Offers are stamped with the time this transaction applies them (`ctx.now()` after the locks), not the run's
 * start, and expire the engine's timeout after that.
 */
async function applyOffers(
  trx: TTransaction,
  apply: TApplyContext,
  decisions: readonly (TOfferDecision | TAssignDecision)[],
): Promise<Set<TDecision>> {
  const { orgId } = apply;
  const wanted = decisions.flatMap((d) => {
    const item = apply.items.get(d.itemId);
    // An ASSIGN is for a conversation only (messaging auto-assign).
    return item && !(d.type === 'ASSIGN' && item.kind === 'TASK') ? [{ d, item }] : [];
  });
  const conversations = new Map(
    (
      await lockConversationsSkipLocked(
        trx,
        orgId,
        wanted.filter((w) => w.item.kind === 'CONVERSATION').map((w) => w.item.id),
      )
    ).map((c) => [c.id, c]),
  );
  const tasks = new Map(
    (
      await lockTasksSkipLocked(
        trx,
        orgId,
        wanted.filter((w) => w.item.kind === 'TASK').map((w) => w.item.id),
      )
    ).map((task) => [task.id, task]),
  );
  const routable = wanted.filter(({ item }) => {
    if (item.kind === 'TASK') {
      const task = tasks.get(item.id);
      return task?.status === 'OPEN' && task.agent_id === null;
    }
    const conversation = conversations.get(item.id);
    return conversation !== undefined && conversationRoutable(conversation);
  });
  if (routable.length === 0) return new Set();

  const agentIds = routable.map((w) => w.d.agentId);
  const presences = new Map((await lockPresenceRowsSkipLocked(trx, orgId, agentIds)).map((p) => [p.user_id, p]));
  const members = await listMembershipKeys(trx, orgId, agentIds);
  const messagingLoads = await countLiveMessagingContactsOf(
    trx,
    orgId,
    routable.filter((w) => w.d.group === 'MESSAGING').map((w) => w.d.agentId),
  );
  const contacts = await listLiveContactsOf(
    trx,
    orgId,
    routable.filter((w) => w.item.kind === 'CONVERSATION').map((w) => w.item.id),
  );

  const now = apply.ctx.now();
  const claims: TClaim[] = [];
  for (const { d, item } of routable) {
    const conversation = conversations.get(item.id);
    const task = tasks.get(item.id);
    const presence = presences.get(d.agentId);
    if (
      !presence?.logged_in ||
      presence.status !== 'ACTIVE' ||
      presence.focus_mode ||
      !presence.available_for.includes(d.group)
    ) {
      continue;
    }
    if (d.viaNext && presence.next_requests < 1) continue;
    if (d.consumesAutoPush && !presence.mail_task_auto_push_pending) continue;
    const inboxId = conversation?.inbox_id ?? task?.inbox_id ?? item.inboxId;
    if (!members.has(`${d.agentId} ${inboxId}`)) continue;
    if (d.group === 'MESSAGING') {
      const limit = d.viaNext
        ? Math.max(presence.messaging_capacity_standard, presence.messaging_capacity_maximum)
        : presence.messaging_capacity_standard;
      if ((messagingLoads.get(d.agentId) ?? 0) >= limit) continue;
    }
    const auto = d.type === 'ASSIGN';
    const contact = conversation ? contacts.get(conversation.id) : undefined;
    claims.push({
      d,
      item,
      ...(conversation ? { conversation } : {}),
      ...(task ? { task } : {}),
      offer: {
        org_id: orgId,
        id: newId(),
        item_kind: item.kind,
        item_id: item.id,
        contact_id: contact?.id ?? null,
        agent_id: d.agentId,
        channel_group: d.group,
        offered_at: now,
        // The engine's timeout (its expiresAt − the run's now), counted from the moment the offer exists.
        expires_at: auto ? now : new Date(now.getTime() + Math.max(0, d.expiresAt - apply.now.getTime())),
        declinable: auto ? false : d.declinable,
        status: auto ? 'AUTO_ASSIGNED' : 'PENDING',
        resolved_at: auto ? now : null,
        points: d.points,
        match_reasons: d.matchReasons,
      },
    });
  }

  const won = await insertOffersClaiming(
    trx,
    claims.map((c) => c.offer),
  );
  const winners = claims.filter((c) => won.has(c.offer.id));
  if (winners.length === 0) return new Set();
  await markAgentsOffered(
    trx,
    orgId,
    winners.map((w) => w.d),
    now,
  );

  await markContactsOffered(
    trx,
    orgId,
    winners.flatMap(({ d, conversation }) => {
      const contactId = conversation ? contacts.get(conversation.id)?.id : undefined;
      if (!conversation || !contactId) return [];
      return [
        { contactId, conversation, agentId: d.agentId, matchReasons: boostNamesOf(d.matchReasons, apply.boostNames) },
      ];
    }),
    now,
  );
  const messages: { userId: string; message: TServerMessage }[] = [];
  for (const { d, conversation, offer } of winners) {
    if (d.type === 'ASSIGN' && conversation) {
      await assignRoutedConversation(trx, conversation, d.agentId, 'AUTOMATED_ASSIGNMENT', ROUTING_INITIATOR, now);
      await touchAssigned(trx, orgId, d.agentId, d.group, now);
      messages.push({
        userId: d.agentId,
        message: { type: 'offer_ended', offerId: offer.id, reason: 'AUTO_ASSIGNED' },
      });
    }
  }

  const offered = winners.filter((w) => w.d.type === 'OFFER');
  const displays = new Map([
    ...(await listOfferDisplays(
      trx,
      orgId,
      'CONVERSATION',
      offered.filter((w) => w.item.kind === 'CONVERSATION').map((w) => w.item.id),
    )),
    ...(await listOfferDisplays(
      trx,
      orgId,
      'TASK',
      offered.filter((w) => w.item.kind === 'TASK').map((w) => w.item.id),
    )),
  ]);
  for (const { d, item, conversation, offer } of offered) {
    const channel = conversation?.channel ?? contacts.get(item.id)?.channel ?? item.channel;
    messages.push({
      userId: d.agentId,
      message: { type: 'offer', offer: presentOffer(offer, displays.get(item.id), channel) },
    });
  }
  await notifyUsers(trx, orgId, messages);
  return new Set(winners.map((w) => w.d));
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
  const contact = await findLiveContact(trx, orgId, d.conversationId);
  if (!contact || contact.agent_id !== d.agentId || contact.awaiting_customer_since === null) throw new Stale();
  await endContact(trx, {
    orgId,
    conversationId: d.conversationId,
    reason: 'CUSTOMER_NO_REPLY',
    at: now,
    initiator: ROUTING_INITIATOR,
  });
  // Never commit a session end that did not end the session: the engine would decide it again on every run.
  if (await findLiveContact(trx, orgId, d.conversationId)) throw new Stale();
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
