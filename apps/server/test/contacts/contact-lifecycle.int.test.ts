import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.js';
import { listLiveMessagingSessions } from '../../src/modules/contacts/contacts.queries.js';
import { makeInbox } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
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

describe('contacts of inbound messages (custom channel)', () => {
  it('a first message starts a QUEUED contact (STARTED, then MESSAGE_RECEIVED); later ones continue it', async () => {
    const o = await createTestOrg(t);
    const { inbox, channel } = await arrangeContactsWorld(t, o, { slaMinutes: 60 });
    t.clock.set(at(0));
    const first = await chatMessage(o, channel.id);
    const [contact] = await contactsOf(t, o.org.id, first.conversationId);
    expect(contact).toMatchObject({
      channel: 'CUSTOM_CHANNEL',
      customer_id: first.customerId,
      inbox_id: inbox.id,
      agent_id: null,
      status: 'QUEUED',
      due_at: at(60),
      started_at: at(0),
      queued_at: at(0),
      last_inbound_at: at(0),
      ended_at: null,
      fulfilled_at: null,
    });
    expect(await conversationRow(t, o.org.id, first.conversationId)).toMatchObject({
      channel: 'CUSTOM_CHANNEL',
      due_at: at(60),
      queued_at: at(0),
      last_inbound_at: at(0),
      transferred: false,
    });
    const ids = {
      channel: 'CUSTOM_CHANNEL',
      contactId: contact!.id,
      conversationId: first.conversationId,
      customerId: first.customerId,
    };
    const context = { assignee: { inboxId: inbox.id }, status: 'OPEN' };
    const customer = { id: first.customerId, type: 'CUSTOMER' };
    expect(await routingEvents(t, o.org.id, first.conversationId)).toEqual([
      {
        type: 'CONTACT/STARTED',
        initiator: customer,
        content: { ...ids, dueAt: at(60).toISOString(), context },
      },
      { type: 'CONTACT/MESSAGE_RECEIVED', initiator: customer, content: { ...ids, messageId: first.id, context } },
    ]);

    t.clock.set(at(10));
    const second = await chatMessage(o, channel.id, { text: 'Anyone?' });
    expect(second.conversationId).toBe(first.conversationId);
    const contacts = await contactsOf(t, o.org.id, first.conversationId);
    expect(contacts).toHaveLength(1);
    // The earlier due date is kept while the customer still waits; the queue entry keeps its place.
    expect(contacts[0]).toMatchObject({ due_at: at(60), last_inbound_at: at(10), queued_at: at(0) });
    expect(await conversationRow(t, o.org.id, first.conversationId)).toMatchObject({
      due_at: at(60),
      queued_at: at(0),
      last_inbound_at: at(10),
    });
    const events = await routingEvents(t, o.org.id, first.conversationId);
    expect(events.map((e) => e.type)).toEqual([
      'CONTACT/STARTED',
      'CONTACT/MESSAGE_RECEIVED',
      'CONTACT/MESSAGE_RECEIVED',
    ]);
    expect(events[2]!.content).toEqual({ ...ids, messageId: second.id, context });
  });

  it('an API reply sends, fulfils once (RESPONDED), takes the contact and starts the awaiting-customer clock', async () => {
    const o = await createTestOrg(t);
    const { inbox, channel } = await arrangeContactsWorld(t, o, { slaMinutes: 60 });
    t.clock.set(at(0));
    const inbound = await chatMessage(o, channel.id);
    t.clock.set(at(5));
    const first = await reply(o, inbound.id, { type: 'CUSTOM_CHANNEL', body: 'On its way.' });
    expect(first.statusCode).toBe(201);
    const firstReplyId = (first.headers.location as string).split('/').pop();
    t.clock.set(at(6));
    const second = await reply(o, inbound.id, { type: 'CUSTOM_CHANNEL', body: 'Tracking: 123.' });
    expect(second.statusCode).toBe(201);
    const secondReplyId = (second.headers.location as string).split('/').pop();

    const [contact] = await contactsOf(t, o.org.id, inbound.conversationId);
    const apiUserId = o.apiUser.user.id;
    expect(contact).toMatchObject({
      agent_id: apiUserId,
      status: 'ACTIVE',
      accepted_at: at(5),
      fulfilled_at: at(5),
      fulfilled_type: 'RESPONDED',
      awaiting_customer_since: at(6),
      ended_at: null,
    });
    expect(await conversationRow(t, o.org.id, inbound.conversationId)).toMatchObject({
      agent_id: apiUserId,
      due_at: null,
      queued_at: null,
    });
    const ids = {
      channel: 'CUSTOM_CHANNEL',
      contactId: contact!.id,
      conversationId: inbound.conversationId,
      customerId: inbound.customerId,
    };
    const unassigned = { assignee: { inboxId: inbox.id }, status: 'OPEN' };
    const assigned = { assignee: { inboxId: inbox.id, agentId: apiUserId }, status: 'OPEN' };
    const api = { id: apiUserId, type: 'API' };
    expect((await routingEvents(t, o.org.id, inbound.conversationId)).slice(2)).toEqual([
      {
        type: 'CONVERSATION_ASSIGNEE/UPDATED',
        initiator: api,
        content: {
          customerId: inbound.customerId,
          conversationId: inbound.conversationId,
          reason: 'MESSAGE_OUTBOUND',
          assignee: { inboxId: inbox.id, agentId: apiUserId },
          context: unassigned,
        },
      },
      { type: 'CONTACT/MESSAGE_SENT', initiator: api, content: { ...ids, messageId: firstReplyId, context: assigned } },
      { type: 'CONTACT/FULFILLED', initiator: api, content: { ...ids, fulfilledType: 'RESPONDED', context: assigned } },
      {
        type: 'CONTACT/MESSAGE_SENT',
        initiator: api,
        content: { ...ids, messageId: secondReplyId, context: assigned },
      },
    ]);
    expect(await listLiveMessagingSessions(t.db, o.org.id)).toEqual([
      { conversationId: inbound.conversationId, agentId: apiUserId, inboxId: inbox.id, awaitingCustomerSince: at(6) },
    ]);

    // The customer answers: same contact, the clock stops, a fresh due date (the old wait was answered).
    t.clock.set(at(20));
    const again = await chatMessage(o, channel.id, { text: 'Thanks, when?' });
    const after = await contactsOf(t, o.org.id, inbound.conversationId);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ awaiting_customer_since: null, status: 'ACTIVE', due_at: at(80) });
    expect(await conversationRow(t, o.org.id, inbound.conversationId)).toMatchObject({
      due_at: at(80),
      queued_at: null,
    });
    const last = (await routingEvents(t, o.org.id, inbound.conversationId)).at(-1);
    expect(last).toMatchObject({ type: 'CONTACT/MESSAGE_RECEIVED', content: { ...ids, messageId: again.id } });
    expect(await listLiveMessagingSessions(t.db, o.org.id)).toEqual([
      { conversationId: inbound.conversationId, agentId: apiUserId, inboxId: inbox.id, awaitingCustomerSince: null },
    ]);
  });
});

describe('concurrent messages', () => {
  it('messages of one customer arriving together share one contact: one STARTED, one MESSAGE_RECEIVED each', async () => {
    const o = await createTestOrg(t);
    const { channel } = await arrangeContactsWorld(t, o);
    const first = await chatMessage(o, channel.id, { sender: 'burst@acme-chat' });
    const burst = await Promise.all(
      Array.from({ length: 6 }, (_, n) => chatMessage(o, channel.id, { sender: 'burst@acme-chat', text: `#${n}` })),
    );
    expect(new Set(burst.map((m) => m.conversationId))).toEqual(new Set([first.conversationId]));
    const contacts = await contactsOf(t, o.org.id, first.conversationId);
    expect(contacts).toHaveLength(1);
    const events = await routingEvents(t, o.org.id, first.conversationId);
    expect(events.filter((e) => e.type === 'CONTACT/STARTED')).toHaveLength(1);
    const received = events.filter((e) => e.type === 'CONTACT/MESSAGE_RECEIVED');
    expect(received).toHaveLength(7);
    expect(new Set(received.map((e) => (e.content as { contactId: string }).contactId))).toEqual(
      new Set([contacts[0]!.id]),
    );
  });
});

describe('closing ends the contact', () => {
  const close = (o: Awaited<ReturnType<typeof createTestOrg>>, conversationId: string) =>
    o.request({
      method: 'PATCH',
      url: `/api/v1/conversations/${conversationId}`,
      body: { status: { value: 'CLOSED', force: true } },
    });

  it('UNANSWERED without a reply, ANSWERED after one; the conversation leaves routing; an offer is withdrawn', async () => {
    const o = await createTestOrg(t);
    const { inbox, channel, agent } = await arrangeContactsWorld(t, o);
    t.clock.set(at(0));
    const unanswered = await chatMessage(o, channel.id, { sender: 'user-a' });
    const offerId = newId();
    await t.db
      .insertInto('routing_offers')
      .values({
        org_id: o.org.id,
        id: offerId,
        item_kind: 'CONVERSATION',
        item_id: unanswered.conversationId,
        contact_id: null,
        agent_id: agent.user.id,
        channel_group: 'MESSAGING',
        offered_at: at(0),
        expires_at: at(1),
        declinable: true,
        status: 'PENDING',
        resolved_at: null,
        match_reasons: JSON.stringify([]),
      })
      .execute();
    t.clock.set(at(3));
    expect((await close(o, unanswered.conversationId)).statusCode).toBe(204);
    const [ended] = await contactsOf(t, o.org.id, unanswered.conversationId);
    expect(ended).toMatchObject({
      status: 'ENDED',
      ended_at: at(3),
      end_reason: 'CONVERSATION_CLOSED',
      end_status: 'UNANSWERED',
    });
    expect(await conversationRow(t, o.org.id, unanswered.conversationId)).toMatchObject({
      status: 'CLOSED',
      due_at: null,
      queued_at: null,
    });
    const offer = await t.db
      .selectFrom('routing_offers')
      .select('status')
      .where('org_id', '=', o.org.id)
      .where('id', '=', offerId)
      .executeTakeFirstOrThrow();
    expect(offer.status).toBe('CANCELED');
    expect((await routingEvents(t, o.org.id, unanswered.conversationId)).at(-1)).toEqual({
      type: 'CONTACT/ENDED',
      initiator: { id: o.apiUser.user.id, type: 'API' },
      content: {
        channel: 'CUSTOM_CHANNEL',
        contactId: ended!.id,
        conversationId: unanswered.conversationId,
        customerId: unanswered.customerId,
        reason: 'CONVERSATION_CLOSED',
        status: 'UNANSWERED',
        context: { assignee: { inboxId: inbox.id }, status: 'OPEN' },
      },
    });

    const answered = await chatMessage(o, channel.id, { sender: 'user-b' });
    expect((await reply(o, answered.id, { type: 'CUSTOM_CHANNEL', body: 'Done.' })).statusCode).toBe(201);
    expect((await close(o, answered.conversationId)).statusCode).toBe(204);
    const [done] = await contactsOf(t, o.org.id, answered.conversationId);
    expect(done).toMatchObject({ end_reason: 'CONVERSATION_CLOSED', end_status: 'ANSWERED' });
    const types = (await routingEvents(t, o.org.id, answered.conversationId)).map((e) => e.type);
    expect(types.filter((type) => type === 'CONTACT/ENDED')).toHaveLength(1);
    expect(types.at(-1)).toBe('CONTACT/ENDED');
  });
});

describe('manual reassignment', () => {
  it('a move to another inbox is a cold transfer: flag, due date = last inbound + new SLA (replaced), event', async () => {
    const o = await createTestOrg(t);
    const { inbox, channel, agent } = await arrangeContactsWorld(t, o, { slaMinutes: 60 });
    const fast = await makeInbox(t, o.org.id, { slaMinutes: 30, memberIds: [agent.user.id] });
    const slow = await makeInbox(t, o.org.id, { slaMinutes: 240 });
    t.clock.set(at(0));
    const inbound = await chatMessage(o, channel.id);
    t.clock.set(at(10));
    const patch = (assignee: Record<string, unknown>) =>
      o.request({ method: 'PATCH', url: `/api/v1/conversations/${inbound.conversationId}`, body: { assignee } });
    expect((await patch({ inboxId: fast.id })).statusCode).toBe(204);

    expect(await conversationRow(t, o.org.id, inbound.conversationId)).toMatchObject({
      inbox_id: fast.id,
      transferred: true,
      due_at: at(30),
      queued_at: at(0),
    });
    const [contact] = await contactsOf(t, o.org.id, inbound.conversationId);
    expect(contact).toMatchObject({ inbox_id: fast.id, agent_id: null, status: 'QUEUED', ended_at: null });
    const api = { id: o.apiUser.user.id, type: 'API' };
    const before = { assignee: { inboxId: inbox.id }, status: 'OPEN' };
    expect((await routingEvents(t, o.org.id, inbound.conversationId)).slice(2)).toEqual([
      {
        type: 'CONVERSATION_ASSIGNEE/UPDATED',
        initiator: api,
        content: {
          customerId: inbound.customerId,
          conversationId: inbound.conversationId,
          reason: 'MANUAL',
          assignee: { inboxId: fast.id },
          context: before,
        },
      },
      {
        type: 'CONTACT/TRANSFERRED',
        initiator: api,
        content: {
          channel: 'CUSTOM_CHANNEL',
          contactId: contact!.id,
          conversationId: inbound.conversationId,
          customerId: inbound.customerId,
          transferType: 'COLD',
          reason: 'MANUAL',
          assignee: { inboxId: fast.id },
          context: before,
        },
      },
    ]);

    // Not min'd with the old one: a slower inbox pushes the due date out.
    expect((await patch({ inboxId: slow.id })).statusCode).toBe(204);
    expect((await conversationRow(t, o.org.id, inbound.conversationId)).due_at).toEqual(at(240));
  });

  it('an agent in the same inbox takes the contact; unassigning puts the waiting conversation back in the queue', async () => {
    const o = await createTestOrg(t);
    const { inbox, channel, agent } = await arrangeContactsWorld(t, o);
    t.clock.set(at(0));
    const inbound = await chatMessage(o, channel.id);
    const patch = (assignee: Record<string, unknown>) =>
      o.request({ method: 'PATCH', url: `/api/v1/conversations/${inbound.conversationId}`, body: { assignee } });
    t.clock.set(at(2));
    expect((await patch({ inboxId: inbox.id, agentId: agent.user.id })).statusCode).toBe(204);
    expect((await contactsOf(t, o.org.id, inbound.conversationId))[0]).toMatchObject({
      agent_id: agent.user.id,
      status: 'ACTIVE',
      accepted_at: at(2),
    });
    expect(await conversationRow(t, o.org.id, inbound.conversationId)).toMatchObject({
      queued_at: null,
      transferred: false,
      due_at: at(60),
    });
    t.clock.set(at(7));
    expect((await patch({ inboxId: inbox.id, agentId: null })).statusCode).toBe(204);
    expect((await contactsOf(t, o.org.id, inbound.conversationId))[0]).toMatchObject({
      agent_id: null,
      status: 'QUEUED',
    });
    expect(await conversationRow(t, o.org.id, inbound.conversationId)).toMatchObject({
      agent_id: null,
      queued_at: at(7),
      due_at: at(60),
    });
    const types = (await routingEvents(t, o.org.id, inbound.conversationId)).map((e) => e.type);
    expect(types).toEqual([
      'CONTACT/STARTED',
      'CONTACT/MESSAGE_RECEIVED',
      'CONVERSATION_ASSIGNEE/UPDATED',
      'CONVERSATION_ASSIGNEE/UPDATED',
    ]);
  });
});
