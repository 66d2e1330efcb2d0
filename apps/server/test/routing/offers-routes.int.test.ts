import { USER_NOTIFY_CHANNEL } from '@hearth/shared';
import pg from 'pg';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { runRoutingOnce } from '../../src/modules/routing/routing-service.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { internalRequest, logIn, PASSWORD, sessionCookieOf } from '../internal/session-helpers.js';
import {
  conversationRow,
  makeAgent,
  makeQueued,
  makeRoutingInbox,
  offersOf,
  presenceOf,
  type TAgentOptions,
} from './service-fixtures.js';

const t = useTestApp();
const T0 = new Date('2026-03-02T10:00:00.000Z');

let o: TTestOrg;
let inboxId: string;
beforeEach(async () => {
  t.clock.set(T0);
  o = await createTestOrg(t);
  inboxId = (await makeRoutingInbox(t, o.org.id, 'Support')).id;
});

async function signedInAgent(options: TAgentOptions) {
  const agent = await makeAgent(t, o, { ...options, password: PASSWORD });
  const res = await logIn(t, o, agent.email, PASSWORD);
  expect(res.statusCode).toBe(200);
  const cookie = sessionCookieOf(res);
  return {
    ...agent,
    request: (method: 'GET' | 'POST', url: string) =>
      internalRequest(t, o.host, { method, url: `/api/internal${url}`, cookie }),
  };
}

describe('GET /me/offer, accept and decline', () => {
  it('shows the pending offer and accepts it; another agent gets 404; a retried accept gets the same answer', async () => {
    const agent = await signedInAgent({ inboxIds: [inboxId], available: ['MESSAGING'] });
    const other = await signedInAgent({ inboxIds: [], available: ['MESSAGING'] });
    expect((await agent.request('GET', '/me/offer')).data).toBeNull();

    const conversation = await makeQueued(t, o.org.id, { inboxId, channel: 'SMS', customerName: 'Robin Buyer' });
    await runRoutingOnce(t.ctx, o.org.id);
    const res = await agent.request('GET', '/me/offer');
    expect(res.statusCode).toBe(200);
    const offer = res.data as Record<string, unknown>;
    expect(offer).toMatchObject({
      itemKind: 'CONVERSATION',
      itemId: conversation.id,
      customerId: conversation.customerId,
      customerName: 'Robin Buyer',
      inboxId,
      inboxName: 'Support',
      channel: 'SMS',
      channelGroup: 'MESSAGING',
      offeredAt: T0.toISOString(),
      expiresAt: new Date(T0.getTime() + 45_000).toISOString(),
      declinable: true,
      preview: 'Where is my order?',
    });
    expect(offer.matchReasons).toEqual(expect.arrayContaining([`inbox:${inboxId}`]));
    expect((await other.request('GET', '/me/offer')).data).toBeNull();

    const offerId = offer.offerId as string;
    expect((await other.request('POST', `/offers/${offerId}/accept`)).statusCode).toBe(404);
    expect((await agent.request('POST', '/offers/nope/accept')).statusCode).toBe(404);

    const accepted = await agent.request('POST', `/offers/${offerId}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.data).toEqual({ itemKind: 'CONVERSATION', itemId: conversation.id });
    expect((await conversationRow(t, o.org.id, conversation.id)).agent_id).toBe(agent.id);

    // A retry (the first answer lost on the way) gets the same answer and changes nothing.
    const eventsBefore = await t.db
      .selectFrom('outbox_events')
      .select(t.db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const again = await agent.request('POST', `/offers/${offerId}/accept`);
    expect(again.statusCode).toBe(200);
    expect(again.data).toEqual({ itemKind: 'CONVERSATION', itemId: conversation.id });
    const eventsAfter = await t.db
      .selectFrom('outbox_events')
      .select(t.db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(eventsAfter.n)).toBe(Number(eventsBefore.n));
    expect((await conversationRow(t, o.org.id, conversation.id)).agent_id).toBe(agent.id);
    expect((await agent.request('POST', `/offers/${offerId}/decline`)).statusCode).toBe(400);
    expect((await agent.request('GET', '/me/offer')).data).toBeNull();
  });

  it('declines a messaging offer (204) and refuses to decline mail (400 invalid_state)', async () => {
    const agent = await signedInAgent({ inboxIds: [inboxId], available: ['MESSAGING', 'MAIL'], autoPush: true });
    await makeQueued(t, o.org.id, { inboxId, channel: 'CHAT' });
    await runRoutingOnce(t.ctx, o.org.id);
    const chat = (await agent.request('GET', '/me/offer')).data as { offerId: string; channelGroup: string };
    expect(chat.channelGroup).toBe('MESSAGING');
    expect((await agent.request('POST', `/offers/${chat.offerId}/decline`)).statusCode).toBe(204);
    expect((await offersOf(t, o.org.id))[0]?.status).toBe('DECLINED');

    await makeQueued(t, o.org.id, { inboxId, channel: 'EMAIL' });
    await runRoutingOnce(t.ctx, o.org.id);
    const mail = (await agent.request('GET', '/me/offer')).data as { offerId: string; declinable: boolean };
    expect(mail.declinable).toBe(false);
    const res = await agent.request('POST', `/offers/${mail.offerId}/decline`);
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ errors: [{ code: 'invalid_state' }] });
  });

  it('tells the agent about the offer through the user channel, after commit', async () => {
    const agent = await signedInAgent({ inboxIds: [inboxId], available: ['MESSAGING'] });
    const listener = new pg.Client({ connectionString: inject('databaseUrl') });
    await listener.connect();
    const messages: Array<{ orgId: string; userId: string; message: { type: string } }> = [];
    listener.on('notification', (n) => {
      const payload = JSON.parse(n.payload ?? '{}');
      if (payload.orgId === o.org.id) messages.push(payload);
    });
    await listener.query(`LISTEN ${USER_NOTIFY_CHANNEL}`);
    try {
      const conversation = await makeQueued(t, o.org.id, { inboxId });
      await runRoutingOnce(t.ctx, o.org.id);
      const offerId = ((await agent.request('GET', '/me/offer')).data as { offerId: string }).offerId;
      await agent.request('POST', `/offers/${offerId}/accept`);
      await expect.poll(() => messages.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      expect(messages[0]).toMatchObject({
        userId: agent.id,
        message: { type: 'offer', offer: { offerId, itemId: conversation.id } },
      });
      expect(messages[1]).toMatchObject({
        userId: agent.id,
        message: { type: 'offer_ended', offerId, reason: 'ACCEPTED' },
      });
    } finally {
      await listener.end();
    }
  });
});

describe('POST /me/next', () => {
  it('counts a Next request (204) when available; 400 invalid_state when unavailable everywhere or in focus mode', async () => {
    const agent = await signedInAgent({ inboxIds: [inboxId], available: ['MAIL'] });
    expect((await agent.request('POST', '/me/next')).statusCode).toBe(204);
    expect((await presenceOf(t, o.org.id, agent.id)).next_requests).toBe(1);

    await t.db.updateTable('agent_presence').set({ focus_mode: true }).where('user_id', '=', agent.id).execute();
    const focus = await agent.request('POST', '/me/next');
    expect(focus.statusCode).toBe(400);
    expect(focus.data).toMatchObject({ errors: [{ code: 'invalid_state' }] });

    await t.db
      .updateTable('agent_presence')
      .set({ focus_mode: false, available_for: [] })
      .where('user_id', '=', agent.id)
      .execute();
    const unavailable = await agent.request('POST', '/me/next');
    expect(unavailable.statusCode).toBe(400);
    expect((await presenceOf(t, o.org.id, agent.id)).next_requests).toBe(1);
  });

  it('pulls an email with Next', async () => {
    const agent = await signedInAgent({ inboxIds: [inboxId], available: ['MAIL'] });
    const email = await makeQueued(t, o.org.id, { inboxId, channel: 'EMAIL' });
    expect(await runRoutingOnce(t.ctx, o.org.id)).toEqual([]);
    await agent.request('POST', '/me/next');
    expect(await runRoutingOnce(t.ctx, o.org.id)).toMatchObject([{ type: 'OFFER', itemId: email.id, viaNext: true }]);
  });
});
