import { describe, expect, it } from 'vitest';
import { recordInboundMessage } from '../../src/modules/conversations/commands/record-inbound-message.js';
import { eventsOf, makeConversation, makeCustomer, makeInbox } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { conversationRow, itemsOf } from './arrange.js';

const t = useTestApp();

const T0 = new Date('2024-07-01T08:00:00.000Z');
const HOUR = 3_600_000;

function sms(text: string) {
  return { contentType: 'SMS', content: { content: text, from: '+14155550100', to: '+14155550199' } };
}

async function setup() {
  const o = await createTestOrg(t);
  const inbox = await makeInbox(t, o.org.id);
  const record = (
    now: Date,
    options: { contact?: { emailAddress: string } | { mobilePhone: string }; item?: { id?: string } } = {},
  ) =>
    recordInboundMessage(t.db, {
      orgId: o.org.id,
      inboxId: inbox.id,
      contact: options.contact ?? { emailAddress: 'Pat@Example.com' },
      channel: 'SMS',
      item: { ...sms(`hello at ${now.toISOString()}`), ...(options.item ?? {}) },
      now,
    });
  return { o, inbox, record };
}

function conversationsOf(o: TTestOrg) {
  return t.db.selectFrom('conversations').selectAll().where('org_id', '=', o.org.id).orderBy('created_at').execute();
}

describe('recordInboundMessage', () => {
  it('a first contact creates the customer and an OPEN conversation, and records the message', async () => {
    const { o, inbox, record } = await setup();
    const result = await record(T0, { item: { id: 'client-msg-1' } });
    expect(result).toEqual({
      customerId: expect.any(String),
      conversationId: expect.any(String),
      itemId: 'client-msg-1',
      conversationCreated: true,
      reopened: false,
    });
    const conversation = await conversationRow(t, o.org.id, result.conversationId);
    expect(conversation).toMatchObject({
      customer_id: result.customerId,
      inbox_id: inbox.id,
      agent_id: null,
      status: 'OPEN',
      customer_waiting_since: T0,
      created_at: T0,
      closed_at: null,
    });
    const items = await itemsOf(t, o.org.id, result.conversationId);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: 'client-msg-1',
      customer_id: result.customerId,
      direction: 'INBOUND',
      initiator_id: result.customerId,
      initiator_type: 'CUSTOMER',
      occurred_at: T0,
      content_type: 'SMS',
      content: { type: 'SMS', content: `hello at ${T0.toISOString()}`, from: '+14155550100', to: '+14155550199' },
    });
    const customer = { id: result.customerId, type: 'CUSTOMER' };
    const events = await eventsOf(t, o.org.id, ['CONVERSATION/CREATED', 'CONTACT/MESSAGE_RECEIVED']);
    expect(events).toEqual([
      {
        type: 'CONVERSATION/CREATED',
        initiator: customer,
        content: {
          customerId: result.customerId,
          conversationId: result.conversationId,
          context: { assignee: { inboxId: inbox.id }, status: 'OPEN' },
        },
      },
      {
        type: 'CONTACT/MESSAGE_RECEIVED',
        initiator: customer,
        content: {
          channel: 'SMS',
          contactId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
          conversationId: result.conversationId,
          customerId: result.customerId,
          messageId: 'client-msg-1',
          context: { assignee: { inboxId: inbox.id }, status: 'OPEN' },
        },
      },
    ]);
    expect(await eventsOf(t, o.org.id, ['CUSTOMER_PROFILE/CREATED'])).toHaveLength(1);
  });

  it('a later message joins the open conversation and keeps the first waiting time', async () => {
    const { o, record } = await setup();
    const first = await record(T0);
    const second = await record(new Date(T0.getTime() + 5 * 60_000));
    expect(second).toMatchObject({
      customerId: first.customerId,
      conversationId: first.conversationId,
      conversationCreated: false,
      reopened: false,
    });
    expect((await conversationRow(t, o.org.id, first.conversationId)).customer_waiting_since).toEqual(T0);
    expect(await itemsOf(t, o.org.id, first.conversationId)).toHaveLength(2);
    expect(await eventsOf(t, o.org.id, ['CONVERSATION/CREATED'])).toHaveLength(1);
    expect(await eventsOf(t, o.org.id, ['CONTACT/MESSAGE_RECEIVED'])).toHaveLength(2);
  });

  it('finds a known customer by mobile phone and turns a WAITING conversation OPEN', async () => {
    const { o, inbox, record } = await setup();
    const customer = await makeCustomer(t, o.org.id, { mobile: '+14155550100' });
    const waiting = await makeConversation(t, o.org.id, {
      customerId: customer.id,
      inboxId: inbox.id,
      agentId: o.apiUser.user.id,
      status: 'WAITING',
    });
    const result = await record(T0, { contact: { mobilePhone: '+14155550100' } });
    expect(result).toMatchObject({ customerId: customer.id, conversationId: waiting.id, conversationCreated: false });
    expect(await conversationRow(t, o.org.id, waiting.id)).toMatchObject({
      status: 'OPEN',
      customer_waiting_since: T0,
    });
    expect((await eventsOf(t, o.org.id)).map((e) => e.type)).toEqual([
      'CONVERSATION_STATUS/UPDATED',
      'CONTACT/STARTED',
      'CONTACT/MESSAGE_RECEIVED',
    ]);
    const [received] = await eventsOf(t, o.org.id, ['CONTACT/MESSAGE_RECEIVED']);
    expect(received?.content.context).toEqual({
      assignee: { inboxId: inbox.id, agentId: o.apiUser.user.id },
      status: 'OPEN',
    });
  });

  describe('reopen window (org default 24 hours)', () => {
    async function closedConversation(o: TTestOrg, inboxId: string, customerId: string, closedAt: Date) {
      return makeConversation(t, o.org.id, {
        customerId,
        inboxId,
        status: 'CLOSED',
        createdAt: new Date(closedAt.getTime() - HOUR),
        closedAt,
      });
    }

    it('inside the window the most recently closed conversation is reopened', async () => {
      const { o, inbox, record } = await setup();
      const customer = await makeCustomer(t, o.org.id, { email: 'pat@example.com' });
      await closedConversation(o, inbox.id, customer.id, new Date(T0.getTime() - 3 * HOUR));
      const latest = await closedConversation(o, inbox.id, customer.id, T0);
      const now = new Date(T0.getTime() + 24 * HOUR - 1);
      const result = await record(now);
      expect(result).toMatchObject({ conversationId: latest.id, conversationCreated: false, reopened: true });
      expect(await conversationRow(t, o.org.id, latest.id)).toMatchObject({
        status: 'OPEN',
        closed_at: null,
        customer_waiting_since: now,
      });
      const items = await itemsOf(t, o.org.id, latest.id);
      expect(items.map((i) => [i.direction, i.content_type])).toEqual([
        ['INTERNAL', 'CONVERSATION_STATUS_CHANGE'],
        ['INBOUND', 'SMS'],
      ]);
      expect(items[0]).toMatchObject({
        content: { type: 'CONVERSATION_STATUS_CHANGE', status: 'OPEN' },
        initiator_id: customer.id,
        initiator_type: 'CUSTOMER',
      });
      const events = await eventsOf(t, o.org.id);
      expect(events.map((e) => e.type)).toEqual([
        'CONVERSATION/REOPENED',
        'CONVERSATION_STATUS/UPDATED',
        'CONTACT/STARTED',
        'CONTACT/MESSAGE_RECEIVED',
      ]);
      expect(events[0]).toEqual({
        type: 'CONVERSATION/REOPENED',
        initiator: { id: customer.id, type: 'CUSTOMER' },
        content: {
          customerId: customer.id,
          conversationId: latest.id,
          context: { assignee: { inboxId: inbox.id }, status: 'CLOSED' },
        },
      });
      expect((await conversationsOf(o)).filter((c) => c.status !== 'CLOSED')).toHaveLength(1);
    });

    it('outside the window a new conversation is created and the old one stays closed', async () => {
      const { o, inbox, record } = await setup();
      const customer = await makeCustomer(t, o.org.id, { email: 'pat@example.com' });
      const old = await closedConversation(o, inbox.id, customer.id, T0);
      const result = await record(new Date(T0.getTime() + 24 * HOUR));
      expect(result).toMatchObject({ conversationCreated: true, reopened: false });
      expect(result.conversationId).not.toBe(old.id);
      expect((await conversationRow(t, o.org.id, old.id)).status).toBe('CLOSED');
      expect((await eventsOf(t, o.org.id)).map((e) => e.type)).toEqual([
        'CONVERSATION/CREATED',
        'CONTACT/STARTED',
        'CONTACT/MESSAGE_RECEIVED',
      ]);
    });

    it("follows the org's reopen_window_minutes", async () => {
      const { o, inbox, record } = await setup();
      await t.db.updateTable('orgs').set({ reopen_window_minutes: 10 }).where('id', '=', o.org.id).execute();
      const customer = await makeCustomer(t, o.org.id, { email: 'pat@example.com' });
      const old = await closedConversation(o, inbox.id, customer.id, T0);
      const inside = await record(new Date(T0.getTime() + 9 * 60_000));
      expect(inside).toMatchObject({ conversationId: old.id, reopened: true });

      await t.db
        .updateTable('conversations')
        .set({ status: 'CLOSED', closed_at: T0 })
        .where('org_id', '=', o.org.id)
        .where('id', '=', old.id)
        .execute();
      const outside = await record(new Date(T0.getTime() + 11 * 60_000));
      expect(outside).toMatchObject({ conversationCreated: true, reopened: false });
    });
  });

  describe('concurrency', () => {
    it('10 simultaneous messages from a new address end in one customer, one conversation, 10 items', async () => {
      const { o, record } = await setup();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => record(new Date(T0.getTime() + i), { item: { id: `m${i}` } })),
      );
      expect(new Set(results.map((r) => r.customerId)).size).toBe(1);
      expect(new Set(results.map((r) => r.conversationId)).size).toBe(1);
      expect(results.filter((r) => r.conversationCreated)).toHaveLength(1);
      expect(await t.db.selectFrom('customers').select('id').where('org_id', '=', o.org.id).execute()).toHaveLength(1);
      const conversations = await conversationsOf(o);
      expect(conversations).toHaveLength(1);
      const items = await itemsOf(t, o.org.id, conversations[0]!.id);
      expect(items.map((i) => i.id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`).sort());
      expect(await eventsOf(t, o.org.id, ['CONVERSATION/CREATED'])).toHaveLength(1);
      expect(await eventsOf(t, o.org.id, ['CUSTOMER_PROFILE/CREATED'])).toHaveLength(1);
      expect(await eventsOf(t, o.org.id, ['CONTACT/MESSAGE_RECEIVED'])).toHaveLength(10);
    });

    it('10 simultaneous messages from a known customer without an open conversation start exactly one', async () => {
      const { o, inbox, record } = await setup();
      const customer = await makeCustomer(t, o.org.id, { email: 'pat@example.com' });
      const old = await makeConversation(t, o.org.id, {
        customerId: customer.id,
        inboxId: inbox.id,
        status: 'CLOSED',
        closedAt: new Date(T0.getTime() - 48 * HOUR),
      });
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => record(new Date(T0.getTime() + i))));
      const ids = new Set(results.map((r) => r.conversationId));
      expect(ids.size).toBe(1);
      expect(ids.has(old.id)).toBe(false);
      expect(results.filter((r) => r.conversationCreated)).toHaveLength(1);
      expect(await conversationsOf(o)).toHaveLength(2);
      expect(await eventsOf(t, o.org.id, ['CONVERSATION/CREATED'])).toHaveLength(1);
      expect(await itemsOf(t, o.org.id, [...ids][0]!)).toHaveLength(10);
    });

    it('10 simultaneous messages inside the reopen window reopen the conversation once', async () => {
      const { o, inbox, record } = await setup();
      const customer = await makeCustomer(t, o.org.id, { email: 'pat@example.com' });
      const closed = await makeConversation(t, o.org.id, {
        customerId: customer.id,
        inboxId: inbox.id,
        status: 'CLOSED',
        closedAt: T0,
      });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => record(new Date(T0.getTime() + HOUR + i))),
      );
      expect(new Set(results.map((r) => r.conversationId))).toEqual(new Set([closed.id]));
      expect(results.filter((r) => r.reopened)).toHaveLength(1);
      expect(await conversationsOf(o)).toHaveLength(1);
      expect(await eventsOf(t, o.org.id, ['CONVERSATION/REOPENED'])).toHaveLength(1);
      expect(await itemsOf(t, o.org.id, closed.id)).toHaveLength(11);
    });
  });

  describe('refusals', () => {
    it('a reused client item id → 409 taken, and nothing of the second message is kept', async () => {
      const { o, record } = await setup();
      await record(T0, { item: { id: 'dup' } });
      await expect(record(new Date(T0.getTime() + 1000), { item: { id: 'dup' } })).rejects.toMatchObject({
        status: 409,
        errors: [{ attr: 'id', code: 'taken', detail: 'conversation item already exists' }],
      });
      expect(await eventsOf(t, o.org.id, ['CONTACT/MESSAGE_RECEIVED'])).toHaveLength(1);
    });

    it('an unknown inbox → 400 and no customer is left behind', async () => {
      const o = await createTestOrg(t);
      await expect(
        recordInboundMessage(t.db, {
          orgId: o.org.id,
          inboxId: 'no-such-inbox',
          contact: { emailAddress: 'new@example.com' },
          channel: 'EMAIL',
          item: { contentType: 'EMAIL', content: { subject: 'hi' } },
          now: T0,
        }),
      ).rejects.toMatchObject({ status: 400, errors: [{ attr: 'inboxId', code: 'invalid' }] });
      expect(await t.db.selectFrom('customers').select('id').where('org_id', '=', o.org.id).execute()).toEqual([]);
      expect(await eventsOf(t, o.org.id)).toEqual([]);
    });
  });
});
