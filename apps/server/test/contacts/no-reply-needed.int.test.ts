import { afterEach, describe, expect, it } from 'vitest';
import { createTestOrg, useTestApp } from '../helpers.js';
import { signIn } from '../internal/session-helpers.js';
import {
  arrangeContactsWorld,
  chatMessage,
  contactsOf,
  conversationRow,
  MINUTE,
  reply,
  routingEvents,
} from './arrange.js';

const t = useTestApp();
const T0 = new Date('2026-03-02T10:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

afterEach(() => t.clock.reset());

const nrnUrl = (conversationId: string) => `/api/internal/conversations/${conversationId}/no-reply-needed`;

describe('POST /api/internal/conversations/{id}/no-reply-needed (product spec 2.5)', () => {
  it('moves the conversation to WAITING out of the queue; the contact is fulfilled CANCELED and ended', async () => {
    const o = await createTestOrg(t);
    const { inbox, channel } = await arrangeContactsWorld(t, o);
    const agent = await signIn(t, o, ['AGENT']);
    t.clock.set(at(0));
    const inbound = await chatMessage(o, channel.id);
    t.clock.set(at(4));
    const res = await agent.request({ method: 'POST', url: nrnUrl(inbound.conversationId) });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ id: inbound.conversationId, status: 'WAITING', inboxId: inbox.id });
    expect(await conversationRow(t, o.org.id, inbound.conversationId)).toMatchObject({
      status: 'WAITING',
      customer_waiting_since: null,
      due_at: null,
      queued_at: null,
      agent_id: null,
    });
    const [contact] = await contactsOf(t, o.org.id, inbound.conversationId);
    expect(contact).toMatchObject({
      status: 'ENDED',
      fulfilled_at: at(4),
      fulfilled_type: 'CANCELED',
      ended_at: at(4),
      end_reason: 'NO_REPLY_NEEDED',
      end_status: 'UNANSWERED',
    });
    const ids = {
      channel: 'CUSTOM_CHANNEL',
      contactId: contact!.id,
      conversationId: inbound.conversationId,
      customerId: inbound.customerId,
    };
    const byAgent = { id: agent.user.id, type: 'AGENT' };
    const before = { assignee: { inboxId: inbox.id }, status: 'OPEN' };
    expect((await routingEvents(t, o.org.id, inbound.conversationId)).slice(2)).toEqual([
      {
        type: 'CONTACT/FULFILLED',
        initiator: byAgent,
        content: { ...ids, fulfilledType: 'CANCELED', context: before },
      },
      {
        type: 'CONTACT/ENDED',
        initiator: byAgent,
        content: {
          ...ids,
          reason: 'NO_REPLY_NEEDED',
          status: 'UNANSWERED',
          context: before,
        },
      },
    ]);
    const statusEvents = (await t.db
      .selectFrom('outbox_events')
      .select(['type', 'content'])
      .where('org_id', '=', o.org.id)
      .where('type', '=', 'CONVERSATION_STATUS/UPDATED')
      .execute()) as { type: string; content: { conversationId: string } }[];
    expect(statusEvents.map((e) => e.content.conversationId)).toEqual([inbound.conversationId]);

    // The next customer message is a new contact with a fresh due date, and the conversation needs action again.
    t.clock.set(at(30));
    await chatMessage(o, channel.id, { text: 'One more thing' });
    const contacts = await contactsOf(t, o.org.id, inbound.conversationId);
    expect(contacts).toHaveLength(2);
    expect(contacts[1]).toMatchObject({ status: 'QUEUED', due_at: at(90), ended_at: null });
    expect(await conversationRow(t, o.org.id, inbound.conversationId)).toMatchObject({
      status: 'OPEN',
      due_at: at(90),
      queued_at: at(30),
    });
  });

  it('after a reply: no second fulfilment, the contact ends NO_REPLY_NEEDED as ANSWERED, the agent is kept', async () => {
    const o = await createTestOrg(t);
    const { channel } = await arrangeContactsWorld(t, o);
    const agent = await signIn(t, o, ['AGENT']);
    const inbound = await chatMessage(o, channel.id);
    expect((await reply(o, inbound.id, { type: 'CUSTOM_CHANNEL', body: 'Here you go.' })).statusCode).toBe(201);
    expect((await agent.request({ method: 'POST', url: nrnUrl(inbound.conversationId) })).statusCode).toBe(200);
    const [contact] = await contactsOf(t, o.org.id, inbound.conversationId);
    expect(contact).toMatchObject({
      fulfilled_type: 'RESPONDED',
      end_reason: 'NO_REPLY_NEEDED',
      end_status: 'ANSWERED',
    });
    expect(await conversationRow(t, o.org.id, inbound.conversationId)).toMatchObject({
      status: 'WAITING',
      agent_id: o.apiUser.user.id,
    });
    const types = (await routingEvents(t, o.org.id, inbound.conversationId)).map((e) => e.type);
    expect(types.filter((type) => type === 'CONTACT/FULFILLED')).toHaveLength(1);
  });

  it('404 for a conversation of another org or none; 400 invalid_state when closed; 403 without CSRF header', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const { channel } = await arrangeContactsWorld(t, o);
    const foreign = await chatMessage(other, (await arrangeContactsWorld(t, other)).channel.id);
    const agent = await signIn(t, o, ['AGENT']);
    const missing = await agent.request({ method: 'POST', url: nrnUrl(foreign.conversationId) });
    expect(missing.statusCode).toBe(404);
    expect(missing.data).toEqual({ errors: [{ code: 'not_exist', detail: 'conversation does not exist' }] });
    expect((await conversationRow(t, other.org.id, foreign.conversationId)).status).toBe('OPEN');
    expect((await agent.request({ method: 'POST', url: nrnUrl('no-such-conversation') })).statusCode).toBe(404);

    const inbound = await chatMessage(o, channel.id);
    const csrf = await agent.request({ method: 'POST', url: nrnUrl(inbound.conversationId), noCsrfHeader: true });
    expect(csrf.statusCode).toBe(403);
    await o.request({
      method: 'PATCH',
      url: `/api/v1/conversations/${inbound.conversationId}`,
      body: { status: { value: 'CLOSED', force: true } },
    });
    const closed = await agent.request({ method: 'POST', url: nrnUrl(inbound.conversationId) });
    expect(closed.statusCode).toBe(400);
    expect(closed.data).toEqual({
      errors: [{ code: 'invalid_state', detail: 'closed conversation cannot be marked no reply needed' }],
    });
  });
});
