import { USER_NOTIFY_CHANNEL } from '@hearth/shared';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { acceptOffer } from '../../src/modules/routing/offer-commands.js';
import { runRoutingOnce } from '../../src/modules/routing/routing-service.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { countingStatements } from '../statement-counter.js';
import {
  conversationRow,
  makeAgent,
  makeOpenTask,
  makeQueued,
  makeRoutingInbox,
  offersOf,
  presenceOf,
} from './service-fixtures.js';

// Accepting an offer (offer-commands.ts acceptOffer): the claim, the answers when it cannot be claimed, and the
// statements the common case costs.

const t = useTestApp();
const T0 = new Date('2026-03-02T10:00:00.000Z');
const listener = new pg.Client({ connectionString: inject('databaseUrl') });
const userMessages: Array<{ orgId: string; userId: string; message: { type: string; reason?: string } }> = [];

let o: TTestOrg;
let inboxId: string;
beforeAll(async () => {
  await listener.connect();
  listener.on('notification', (n) => userMessages.push(JSON.parse(n.payload ?? '{}')));
  await listener.query(`LISTEN ${USER_NOTIFY_CHANNEL}`);
});
afterAll(() => listener.end());
beforeEach(async () => {
  t.clock.set(T0);
  o = await createTestOrg(t);
  inboxId = (await makeRoutingInbox(t, o.org.id, 'Support')).id;
});

/** An agent with a pending offer of a queued conversation (or task). */
async function offered(kind: 'CONVERSATION' | 'TASK' = 'CONVERSATION') {
  const agent = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING', 'TASK'], autoPush: true });
  const item =
    kind === 'TASK'
      ? await makeOpenTask(t, o.org.id, { inboxId, dueAt: new Date(T0.getTime() + 3_600_000) })
      : await makeQueued(t, o.org.id, { inboxId, channel: 'SMS' });
  await runRoutingOnce(t.ctx, o.org.id);
  const [offer] = await offersOf(t, o.org.id);
  expect(offer).toMatchObject({ status: 'PENDING', agent_id: agent.id, item_id: item.id });
  const input = {
    orgId: o.org.id,
    agentId: agent.id,
    offerId: offer!.id,
    initiator: { id: agent.id, type: 'AGENT' as const },
  };
  return { agent, item, offer: offer!, input };
}

const offerStatus = async (offerId: string) => (await offersOf(t, o.org.id)).find((x) => x.id === offerId)?.status;
const messagesTo = (userId: string) => userMessages.filter((m) => m.orgId === o.org.id && m.userId === userId);

describe('accepting an offer', () => {
  it('claims a conversation in six statements: offer, conversation lock and update, contact, presence, events', async () => {
    const { agent, item, offer, input } = await offered();
    const counted = countingStatements(t.db);
    t.clock.set(new Date(T0.getTime() + 5_000));
    await expect(acceptOffer({ ...t.ctx, db: counted.db }, input)).resolves.toEqual({
      itemKind: 'CONVERSATION',
      itemId: item.id,
    });
    expect(counted.count()).toBe(6);
    expect(await offerStatus(offer.id)).toBe('ACCEPTED');
    expect((await conversationRow(t, o.org.id, item.id)).agent_id).toBe(agent.id);
    expect((await presenceOf(t, o.org.id, agent.id)).last_messaging_assigned_at).toEqual(t.ctx.now());
    // The offer_ended notification went out with the events' statement, at commit.
    await expect
      .poll(() => messagesTo(agent.id).map((m) => m.message))
      .toContainEqual({
        type: 'offer_ended',
        offerId: offer.id,
        reason: 'ACCEPTED',
      });
  });

  it('claims a task', async () => {
    const { agent, item, offer, input } = await offered('TASK');
    await expect(acceptOffer(t.ctx, input)).resolves.toEqual({ itemKind: 'TASK', itemId: item.id });
    expect(await offerStatus(offer.id)).toBe('ACCEPTED');
    const task = await t.db.selectFrom('tasks').select('agent_id').where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(task.agent_id).toBe(agent.id);
  });

  it('refuses an offer that has run out (400 invalid_state) and leaves it to the engine to expire', async () => {
    const { item, offer, input } = await offered();
    t.clock.set(offer.expires_at);
    await expect(acceptOffer(t.ctx, input)).rejects.toMatchObject({
      status: 400,
      errors: [{ detail: 'offer expired' }],
    });
    expect(await offerStatus(offer.id)).toBe('PENDING');
    expect((await conversationRow(t, o.org.id, item.id)).agent_id).toBeNull();
  });

  it('refuses a declined offer, and another agent’s offer is not found', async () => {
    const { offer, input } = await offered();
    const stranger = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    await expect(acceptOffer(t.ctx, { ...input, agentId: stranger.id })).rejects.toMatchObject({ status: 404 });
    await t.db.updateTable('routing_offers').set({ status: 'DECLINED' }).where('id', '=', offer.id).execute();
    await expect(acceptOffer(t.ctx, input)).rejects.toMatchObject({
      status: 400,
      errors: [{ code: 'invalid_state', detail: 'offer is no longer pending (DECLINED)' }],
    });
    expect(await offerStatus(offer.id)).toBe('DECLINED');
  });

  it.each([
    ['CONVERSATION', 'closed'],
    ['TASK', 'assigned'],
  ] as const)('cancels the offer when its %s was %s meanwhile, tells the agent, and refuses', async (kind, _change) => {
    const { agent, item, offer, input } = await offered(kind);
    if (kind === 'CONVERSATION') {
      await t.db.updateTable('conversations').set({ status: 'CLOSED' }).where('id', '=', item.id).execute();
    } else {
      const other = await makeAgent(t, o, { inboxIds: [inboxId], available: [] });
      await t.db.updateTable('tasks').set({ agent_id: other.id }).where('id', '=', item.id).execute();
    }
    await expect(acceptOffer(t.ctx, input)).rejects.toMatchObject({ status: 400, errors: [{ code: 'invalid_state' }] });
    // Committed although the accept was refused: the offer is over and the agent free.
    expect(await offerStatus(offer.id)).toBe('CANCELED');
    await expect
      .poll(() => messagesTo(agent.id).map((m) => m.message))
      .toContainEqual({
        type: 'offer_ended',
        offerId: offer.id,
        reason: 'CANCELED',
      });
    expect((await presenceOf(t, o.org.id, agent.id)).last_assigned_at).toBeNull();
  });
});
