import { beforeEach, describe, expect, it } from 'vitest';
import { acceptOffer, declineOffer, requestNext } from '../../src/modules/routing/offer-commands.js';
import { runRoutingOnce } from '../../src/modules/routing/routing-service.js';
import { eventsOf } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import {
  conversationRow,
  makeAgent,
  makeOpenTask,
  makeQueued,
  makeRoutingInbox,
  offersOf,
  presenceOf,
  setRoutingDefaults,
} from './service-fixtures.js';

const t = useTestApp();
const T0 = new Date('2026-03-02T10:00:00.000Z');

let o: TTestOrg;
let inboxId: string;
beforeEach(async () => {
  t.clock.set(T0);
  o = await createTestOrg(t);
  inboxId = (await makeRoutingInbox(t, o.org.id)).id;
});

const asAgent = (agentId: string, offerId: string) => ({
  orgId: o.org.id,
  agentId,
  offerId,
  initiator: { id: agentId, type: 'AGENT' as const },
});

async function pendingOffers() {
  return (await offersOf(t, o.org.id)).filter((x) => x.status === 'PENDING');
}

describe('offer → accept', () => {
  it('offers a queued conversation to an available member and assigns it on accept', async () => {
    const agent = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    await t.db
      .insertInto('routing_boosts')
      .values({ org_id: o.org.id, id: 'b1', name: 'Everyone', points: 3, conditions: JSON.stringify([]) })
      .execute();
    const conversation = await makeQueued(t, o.org.id, { inboxId, channel: 'SMS' });

    const applied = await runRoutingOnce(t.ctx, o.org.id);
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ type: 'OFFER', itemId: conversation.id, agentId: agent.id, group: 'MESSAGING' });

    const [offer] = await pendingOffers();
    expect(offer).toMatchObject({ item_id: conversation.id, agent_id: agent.id, declinable: true, points: 3 });
    expect(offer?.expires_at.getTime()).toBe(T0.getTime() + 45_000);
    expect((await presenceOf(t, o.org.id, agent.id)).last_offered_at?.getTime()).toBe(T0.getTime());

    const offered = await eventsOf(t, o.org.id, ['CONTACT/OFFERED']);
    expect(offered).toHaveLength(1);
    expect(offered[0]?.content).toMatchObject({
      channel: 'SMS',
      conversationId: conversation.id,
      customerId: conversation.customerId,
      agentId: agent.id,
      matchReasons: ['Everyone'],
    });

    // Nothing changes while the offer is pending.
    expect(await runRoutingOnce(t.ctx, o.org.id)).toEqual([]);

    t.clock.advance(5_000);
    await acceptOffer(t.ctx, asAgent(agent.id, offer?.id as string));
    const row = await conversationRow(t, o.org.id, conversation.id);
    expect(row).toMatchObject({ agent_id: agent.id, status: 'OPEN' });
    expect((await offersOf(t, o.org.id))[0]?.status).toBe('ACCEPTED');
    const presence = await presenceOf(t, o.org.id, agent.id);
    expect(presence.last_assigned_at?.getTime()).toBe(T0.getTime() + 5_000);
    expect(presence.last_messaging_assigned_at?.getTime()).toBe(T0.getTime() + 5_000);

    const assigned = await eventsOf(t, o.org.id, ['CONVERSATION_ASSIGNEE/UPDATED']);
    expect(assigned).toHaveLength(1);
    expect(assigned[0]?.content).toMatchObject({
      customerId: conversation.customerId,
      conversationId: conversation.id,
      reason: 'CONTACT_OFFERED',
      assignee: { inboxId, agentId: agent.id },
      context: { assignee: { inboxId }, status: 'OPEN' },
    });
    expect(assigned[0]?.initiator).toEqual({ id: agent.id, type: 'AGENT' });
    const accepted = await eventsOf(t, o.org.id, ['CONTACT/OFFER_ACCEPTED']);
    expect(accepted[0]?.content).toMatchObject({ conversationId: conversation.id, agentId: agent.id });

    expect(await runRoutingOnce(t.ctx, o.org.id)).toEqual([]);
    // A retried accept answers the same and records nothing more.
    await expect(acceptOffer(t.ctx, asAgent(agent.id, offer?.id as string))).resolves.toEqual({
      itemKind: 'CONVERSATION',
      itemId: conversation.id,
    });
    expect(await eventsOf(t, o.org.id, ['CONTACT/OFFER_ACCEPTED'])).toHaveLength(1);
  });

  it('does not offer to agents outside the inbox, logged out, away, in focus mode or unavailable for the channel', async () => {
    const other = (await makeRoutingInbox(t, o.org.id)).id;
    await makeAgent(t, o, { inboxIds: [other] });
    await makeAgent(t, o, { inboxIds: [inboxId], available: ['MAIL', 'VOICE'] });
    await makeAgent(t, o, { inboxIds: [inboxId], focus: true });
    const away = await makeAgent(t, o, { inboxIds: [inboxId] });
    await t.db.updateTable('agent_presence').set({ status: 'AWAY' }).where('user_id', '=', away.id).execute();
    const out = await makeAgent(t, o, { inboxIds: [inboxId] });
    await t.db.updateTable('agent_presence').set({ logged_in: false }).where('user_id', '=', out.id).execute();
    await makeQueued(t, o.org.id, { inboxId, channel: 'CHAT' });

    expect(await runRoutingOnce(t.ctx, o.org.id)).toEqual([]);
  });
});

describe('decline and miss', () => {
  it('re-routes a declined conversation to another agent, and to the same one only after the grace period', async () => {
    const a = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    const b = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    const conversation = await makeQueued(t, o.org.id, { inboxId });

    await runRoutingOnce(t.ctx, o.org.id);
    const [first] = await pendingOffers();
    const firstAgent = first?.agent_id as string;
    const secondAgent = firstAgent === a.id ? b.id : a.id;
    await declineOffer(t.ctx, asAgent(firstAgent, first?.id as string));

    const rejected = await eventsOf(t, o.org.id, ['CONTACT/OFFER_REJECTED']);
    expect(rejected[0]?.content).toMatchObject({
      conversationId: conversation.id,
      agentId: firstAgent,
      reason: 'DECLINED',
    });

    t.clock.advance(1_000);
    const again = await runRoutingOnce(t.ctx, o.org.id);
    expect(again).toMatchObject([{ type: 'OFFER', itemId: conversation.id, agentId: secondAgent }]);
    const [second] = await pendingOffers();
    await declineOffer(t.ctx, asAgent(secondAgent, second?.id as string));

    // Both declined within the 30 s grace: nobody is offered it.
    t.clock.advance(1_000);
    expect(await runRoutingOnce(t.ctx, o.org.id)).toEqual([]);

    t.clock.advance(29_000);
    expect(await runRoutingOnce(t.ctx, o.org.id)).toMatchObject([
      { type: 'OFFER', itemId: conversation.id, agentId: firstAgent },
    ]);
  });

  it('marks an unanswered offer MISSED after the timeout and routes the conversation on', async () => {
    await setRoutingDefaults(t, o.org.id, { offerTimeoutSeconds: { MESSAGING: 10 } });
    const a = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    const conversation = await makeQueued(t, o.org.id, { inboxId });
    await runRoutingOnce(t.ctx, o.org.id);
    const [offer] = await pendingOffers();
    expect(offer?.expires_at.getTime()).toBe(T0.getTime() + 10_000);

    t.clock.advance(9_999);
    expect(await runRoutingOnce(t.ctx, o.org.id)).toEqual([]);

    const b = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    t.clock.advance(1);
    expect(await runRoutingOnce(t.ctx, o.org.id)).toMatchObject([
      { type: 'EXPIRE_OFFER', offerId: offer?.id, agentId: a.id, reason: 'MISSED' },
    ]);
    expect((await offersOf(t, o.org.id)).find((x) => x.id === offer?.id)?.status).toBe('MISSED');
    const rejected = await eventsOf(t, o.org.id, ['CONTACT/OFFER_REJECTED']);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.content).toMatchObject({ conversationId: conversation.id, agentId: a.id, reason: 'MISSED' });
    await expect(acceptOffer(t.ctx, asAgent(a.id, offer?.id as string))).rejects.toMatchObject({ status: 400 });

    // Next run: the grace keeps it from the agent who missed it; the other agent gets it.
    expect(await runRoutingOnce(t.ctx, o.org.id)).toMatchObject([
      { type: 'OFFER', itemId: conversation.id, agentId: b.id },
    ]);
  });

  it('counts the offer of an agent who went Away as missed at once and routes it on', async () => {
    const a = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    const conversation = await makeQueued(t, o.org.id, { inboxId });
    await runRoutingOnce(t.ctx, o.org.id);
    const [offer] = await pendingOffers();
    await t.db.updateTable('agent_presence').set({ status: 'AWAY' }).where('user_id', '=', a.id).execute();
    const b = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });

    t.clock.advance(1_000);
    expect(await runRoutingOnce(t.ctx, o.org.id)).toMatchObject([
      { type: 'EXPIRE_OFFER', offerId: offer?.id, agentId: a.id },
    ]);
    expect(await runRoutingOnce(t.ctx, o.org.id)).toMatchObject([
      { type: 'OFFER', itemId: conversation.id, agentId: b.id },
    ]);
  });

  it('refuses to decline mail (400 invalid_state) and consumes the automatic mail push', async () => {
    const agent = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MAIL', 'TASK'], autoPush: true });
    await makeQueued(t, o.org.id, { inboxId, channel: 'EMAIL' });
    await makeQueued(t, o.org.id, { inboxId, channel: 'EMAIL' });

    expect(await runRoutingOnce(t.ctx, o.org.id)).toMatchObject([
      { type: 'OFFER', group: 'MAIL', declinable: false, consumesAutoPush: true },
    ]);
    const [offer] = await pendingOffers();
    expect(offer?.declinable).toBe(false);
    expect((await presenceOf(t, o.org.id, agent.id)).mail_task_auto_push_pending).toBe(false);
    await expect(declineOffer(t.ctx, asAgent(agent.id, offer?.id as string))).rejects.toMatchObject({
      status: 400,
      errors: [{ code: 'invalid_state' }],
    });
    expect((await pendingOffers())[0]?.id).toBe(offer?.id);

    await acceptOffer(t.ctx, asAgent(agent.id, offer?.id as string));
    // The second email waits for a Next: only one is pushed automatically.
    expect(await runRoutingOnce(t.ctx, o.org.id)).toEqual([]);
    await requestNext(t.ctx, { orgId: o.org.id, agentId: agent.id });
    expect(await runRoutingOnce(t.ctx, o.org.id)).toMatchObject([{ type: 'OFFER', group: 'MAIL', viaNext: true }]);
    expect((await presenceOf(t, o.org.id, agent.id)).next_requests).toBe(0);
  });
});

describe('messaging auto-assign and capacity', () => {
  it('assigns messaging directly when the inbox auto-assigns, up to standard capacity, then to maximum with Next', async () => {
    await setRoutingDefaults(t, o.org.id, { messagingAutoAssign: true });
    const agent = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'], standard: 1, maximum: 2 });
    const c1 = await makeQueued(t, o.org.id, { inboxId, at: new Date(T0.getTime() - 3_000) });
    const c2 = await makeQueued(t, o.org.id, { inboxId, at: new Date(T0.getTime() - 2_000) });
    const c3 = await makeQueued(t, o.org.id, { inboxId, at: new Date(T0.getTime() - 1_000) });

    expect(await runRoutingOnce(t.ctx, o.org.id)).toMatchObject([
      { type: 'ASSIGN', itemId: c1.id, agentId: agent.id, viaNext: false },
    ]);
    expect(await conversationRow(t, o.org.id, c1.id)).toMatchObject({ agent_id: agent.id, status: 'OPEN' });
    const offers = await offersOf(t, o.org.id);
    expect(offers.map((x) => x.status)).toEqual(['AUTO_ASSIGNED']);
    const assigned = await eventsOf(t, o.org.id, ['CONVERSATION_ASSIGNEE/UPDATED']);
    expect(assigned[0]?.content).toMatchObject({
      conversationId: c1.id,
      reason: 'AUTOMATED_ASSIGNMENT',
      assignee: { inboxId, agentId: agent.id },
    });
    expect((await eventsOf(t, o.org.id, ['CONTACT/OFFER_ACCEPTED']))[0]?.content).toMatchObject({
      conversationId: c1.id,
      agentId: agent.id,
    });

    // Standard capacity (1) is full: nothing more is pushed.
    t.clock.advance(1_000);
    expect(await runRoutingOnce(t.ctx, o.org.id)).toEqual([]);

    // Next pulls one more, up to the maximum (2).
    await requestNext(t.ctx, { orgId: o.org.id, agentId: agent.id });
    expect(await runRoutingOnce(t.ctx, o.org.id)).toMatchObject([
      { type: 'ASSIGN', itemId: c2.id, agentId: agent.id, viaNext: true },
    ]);
    expect((await presenceOf(t, o.org.id, agent.id)).next_requests).toBe(0);

    await requestNext(t.ctx, { orgId: o.org.id, agentId: agent.id });
    expect(await runRoutingOnce(t.ctx, o.org.id)).toEqual([]);
    expect((await conversationRow(t, o.org.id, c3.id)).agent_id).toBeNull();
  });

  it('ends a silent messaging session after the auto-end time: WAITING, not closed, and the slot is freed', async () => {
    await setRoutingDefaults(t, o.org.id, { messagingAutoAssign: true, messagingAutoEndSeconds: 600 });
    const agent = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'], standard: 1, maximum: 1 });
    const c1 = await makeQueued(t, o.org.id, { inboxId });
    await runRoutingOnce(t.ctx, o.org.id);
    const c2 = await makeQueued(t, o.org.id, { inboxId });
    expect(await runRoutingOnce(t.ctx, o.org.id)).toEqual([]);

    // The agent replied; the customer has been silent since.
    await t.db
      .updateTable('contacts')
      .set({ awaiting_customer_since: T0 })
      .where('org_id', '=', o.org.id)
      .where('conversation_id', '=', c1.id)
      .execute();
    await t.db
      .updateTable('conversations')
      .set({ customer_waiting_since: null })
      .where('org_id', '=', o.org.id)
      .where('id', '=', c1.id)
      .execute();

    t.clock.advance(599_000);
    expect(await runRoutingOnce(t.ctx, o.org.id)).toEqual([]);
    t.clock.advance(1_000);
    const applied = await runRoutingOnce(t.ctx, o.org.id);
    expect(applied[0]).toMatchObject({ type: 'END_SESSION', conversationId: c1.id, agentId: agent.id });
    expect(await conversationRow(t, o.org.id, c1.id)).toMatchObject({ status: 'WAITING', agent_id: agent.id });
    const ended = await eventsOf(t, o.org.id, ['CONTACT/ENDED']);
    expect(ended.map((e) => e.content)).toContainEqual(
      expect.objectContaining({ conversationId: c1.id, reason: 'CUSTOMER_NO_REPLY' }),
    );

    // The freed slot takes the next conversation (in this run or the next).
    const more = applied.length > 1 ? applied.slice(1) : await runRoutingOnce(t.ctx, o.org.id);
    expect(more).toMatchObject([{ type: 'ASSIGN', itemId: c2.id, agentId: agent.id }]);
  });
});

describe('one offer at a time', () => {
  it('keeps at most one pending offer per agent', async () => {
    const agent = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    await makeQueued(t, o.org.id, { inboxId });
    await makeQueued(t, o.org.id, { inboxId });
    expect(await runRoutingOnce(t.ctx, o.org.id)).toHaveLength(1);
    expect(await runRoutingOnce(t.ctx, o.org.id)).toEqual([]);
    const pending = await pendingOffers();
    expect(pending).toHaveLength(1);
    expect(pending[0]?.agent_id).toBe(agent.id);
  });

  it('withdraws a pending offer whose conversation was assigned by hand meanwhile, freeing the agent', async () => {
    const agent = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    const c1 = await makeQueued(t, o.org.id, { inboxId, at: new Date(T0.getTime() - 1_000) });
    await runRoutingOnce(t.ctx, o.org.id);
    const [offer] = await pendingOffers();
    expect(offer?.item_id).toBe(c1.id);

    await t.db
      .updateTable('conversations')
      .set({ agent_id: o.apiUser.user.id })
      .where('org_id', '=', o.org.id)
      .where('id', '=', c1.id)
      .execute();
    const c2 = await makeQueued(t, o.org.id, { inboxId });
    t.clock.advance(1_000);
    expect(await runRoutingOnce(t.ctx, o.org.id)).toMatchObject([{ type: 'OFFER', itemId: c2.id, agentId: agent.id }]);
    expect((await offersOf(t, o.org.id)).find((x) => x.id === offer?.id)?.status).toBe('CANCELED');
  });

  it('never produces two pending offers for one item when two runs race on the same org', async () => {
    for (let i = 0; i < 3; i++) await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    for (let i = 0; i < 4; i++) await makeQueued(t, o.org.id, { inboxId });

    const [first, second] = await Promise.all([runRoutingOnce(t.ctx, o.org.id), runRoutingOnce(t.ctx, o.org.id)]);
    const pending = await pendingOffers();
    expect(pending).toHaveLength(3);
    expect(new Set(pending.map((p) => p.item_id)).size).toBe(3);
    expect(new Set(pending.map((p) => p.agent_id)).size).toBe(3);
    // Every applied offer is one of the rows: the loser's conflicting claims were skipped, not half-applied.
    expect(first.length + second.length).toBe(3);
    expect(await eventsOf(t, o.org.id, ['CONTACT/OFFERED'])).toHaveLength(3);
  });
});

describe('tasks', () => {
  it('routes an open task with the automatic push and assigns it on accept', async () => {
    const agent = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MAIL', 'TASK'], autoPush: false });
    const task = await makeOpenTask(t, o.org.id, { inboxId, dueAt: new Date(T0.getTime() + 3_600_000) });
    expect(await runRoutingOnce(t.ctx, o.org.id)).toEqual([]);

    await t.db
      .updateTable('agent_presence')
      .set({ mail_task_auto_push_pending: true })
      .where('user_id', '=', agent.id)
      .execute();
    expect(await runRoutingOnce(t.ctx, o.org.id)).toMatchObject([
      { type: 'OFFER', itemId: task.id, agentId: agent.id, group: 'TASK', declinable: true },
    ]);
    const [offer] = await pendingOffers();
    expect(offer?.item_kind).toBe('TASK');
    await acceptOffer(t.ctx, asAgent(agent.id, offer?.id as string));

    const row = await t.db.selectFrom('tasks').selectAll().where('id', '=', task.id).executeTakeFirstOrThrow();
    expect(row.agent_id).toBe(agent.id);
    const events = await eventsOf(t, o.org.id, ['TASK/ASSIGNEE_UPDATED']);
    expect(events).toHaveLength(1);
    expect(events[0]?.content).toMatchObject({
      taskId: task.id,
      customerId: task.customerId,
      assignee: { inboxId, agentId: agent.id },
      context: { assignee: { inboxId } },
    });
  });
});
