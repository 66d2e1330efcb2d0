import { describe, expect, it } from 'vitest';
import { makeConversation, makeCustomer, makeInbox, makeTopic } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { makeCustomAttribute } from './arrange.js';

const t = useTestApp();

describe('GET /conversations/{id}', () => {
  it('answers every field of an assigned open conversation, without closedAt', async () => {
    const o = await createTestOrg(t);
    const inbox = await makeInbox(t, o.org.id, { memberIds: [o.apiUser.user.id] });
    const customer = await makeCustomer(t, o.org.id);
    const createdAt = new Date('2024-03-01T10:00:00.123Z');
    const { id } = await makeConversation(t, o.org.id, {
      customerId: customer.id,
      inboxId: inbox.id,
      agentId: o.apiUser.user.id,
      createdAt,
    });
    const topicA = await makeTopic(t, o.org.id);
    const topicB = await makeTopic(t, o.org.id);
    await t.db
      .insertInto('conversation_topics')
      .values([
        { org_id: o.org.id, conversation_id: id, topic_id: topicA.id, added_at: new Date('2024-03-01T10:01:00Z') },
        { org_id: o.org.id, conversation_id: id, topic_id: topicB.id, added_at: new Date('2024-03-01T10:02:00Z') },
      ])
      .execute();
    const order = await makeCustomAttribute(t, o.org.id, { key: 'ORDER_ID' });
    await t.db
      .insertInto('conversation_custom_attributes')
      .values([
        { org_id: o.org.id, conversation_id: id, custom_attribute_id: order.id, value: 'ORD_1', added_at: new Date(1) },
        { org_id: o.org.id, conversation_id: id, custom_attribute_id: order.id, value: 'ORD_2', added_at: new Date(2) },
      ])
      .execute();

    const res = await o.request({ method: 'GET', url: `/api/v1/conversations/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({
      id,
      customerId: customer.id,
      agentId: o.apiUser.user.id,
      inboxId: inbox.id,
      status: 'OPEN',
      topicIds: [topicA.id, topicB.id],
      customAttributes: [
        { id: order.id, value: 'ORD_1' },
        { id: order.id, value: 'ORD_2' },
      ],
      createdAt: '2024-03-01T10:00:00.123Z',
    });
  });

  it('omits agentId when unassigned and shows closedAt when closed', async () => {
    const o = await createTestOrg(t);
    const inbox = await makeInbox(t, o.org.id);
    const customer = await makeCustomer(t, o.org.id);
    const { id } = await makeConversation(t, o.org.id, {
      customerId: customer.id,
      inboxId: inbox.id,
      status: 'CLOSED',
      closedAt: new Date('2024-03-02T08:00:00.000Z'),
    });
    const res = await o.request({ method: 'GET', url: `/api/v1/conversations/${id}` });
    expect(res.statusCode).toBe(200);
    const body = res.data as Record<string, unknown>;
    expect(body).not.toHaveProperty('agentId');
    expect(body.status).toBe('CLOSED');
    expect(body.closedAt).toBe('2024-03-02T08:00:00.000Z');
    expect(body.topicIds).toEqual([]);
    expect(body.customAttributes).toEqual([]);
  });

  it('404 not_exist for an unknown conversation and for one of another org', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const inbox = await makeInbox(t, other.org.id);
    const customer = await makeCustomer(t, other.org.id);
    const foreign = await makeConversation(t, other.org.id, { customerId: customer.id, inboxId: inbox.id });
    for (const id of ['nope', foreign.id]) {
      const res = await o.request({ method: 'GET', url: `/api/v1/conversations/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'conversation does not exist' }] });
    }
  });
});

describe('GET /customers/{id}/conversations', () => {
  it('lists oldest first with Gladly-Limited-Data: false', async () => {
    const o = await createTestOrg(t);
    const inbox = await makeInbox(t, o.org.id);
    const customer = await makeCustomer(t, o.org.id);
    const newer = await makeConversation(t, o.org.id, {
      customerId: customer.id,
      inboxId: inbox.id,
      createdAt: new Date('2024-02-01T00:00:00Z'),
    });
    const older = await makeConversation(t, o.org.id, {
      customerId: customer.id,
      inboxId: inbox.id,
      status: 'CLOSED',
      createdAt: new Date('2024-01-01T00:00:00Z'),
      closedAt: new Date('2024-01-02T00:00:00Z'),
    });
    const someoneElse = await makeCustomer(t, o.org.id);
    await makeConversation(t, o.org.id, { customerId: someoneElse.id, inboxId: inbox.id });

    const res = await o.request({ method: 'GET', url: `/api/v1/customers/${customer.id}/conversations` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['gladly-limited-data']).toBe('false');
    const list = res.data as { id: string; closedAt?: string; status: string }[];
    expect(list.map((c) => c.id)).toEqual([older.id, newer.id]);
    expect(list[0]).toMatchObject({ status: 'CLOSED', closedAt: '2024-01-02T00:00:00.000Z' });
    expect(list[1]).not.toHaveProperty('closedAt');
  });

  it('answers [] for a customer without conversations', async () => {
    const o = await createTestOrg(t);
    const customer = await makeCustomer(t, o.org.id);
    const res = await o.request({ method: 'GET', url: `/api/v1/customers/${customer.id}/conversations` });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual([]);
    expect(res.headers['gladly-limited-data']).toBe('false');
  });

  it('caps at 100, keeping the oldest, and sets Gladly-Limited-Data: true', async () => {
    const o = await createTestOrg(t);
    const inbox = await makeInbox(t, o.org.id);
    const customer = await makeCustomer(t, o.org.id);
    const base = Date.parse('2023-01-01T00:00:00Z');
    await t.db
      .insertInto('conversations')
      .values(
        Array.from({ length: 101 }, (_, i) => ({
          org_id: o.org.id,
          id: `c${String(i).padStart(3, '0')}`,
          customer_id: customer.id,
          inbox_id: inbox.id,
          agent_id: null,
          status: 'CLOSED' as const,
          customer_waiting_since: null,
          created_at: new Date(base + (100 - i) * 60_000),
          closed_at: new Date(base + (100 - i) * 60_000 + 1000),
        })),
      )
      .execute();
    const res = await o.request({ method: 'GET', url: `/api/v1/customers/${customer.id}/conversations` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['gladly-limited-data']).toBe('true');
    const ids = (res.data as { id: string }[]).map((c) => c.id);
    expect(ids).toHaveLength(100);
    // Created in reverse id order: the newest (c000) is the one left out.
    expect(ids[0]).toBe('c100');
    expect(ids[99]).toBe('c001');
  });

  it('404 for an unknown customer', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: '/api/v1/customers/nobody/conversations' });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'customer profile nobody does not exist' }] });
    expect(res.headers['gladly-limited-data']).toBeUndefined();
  });

  it('301 moved with meta and Location for a merged-away customer', async () => {
    const o = await createTestOrg(t);
    const survivor = await makeCustomer(t, o.org.id);
    const merged = await makeCustomer(t, o.org.id);
    await t.db
      .updateTable('customers')
      .set({ merged_into_id: survivor.id })
      .where('org_id', '=', o.org.id)
      .where('id', '=', merged.id)
      .execute();
    const res = await o.request({ method: 'GET', url: `/api/v1/customers/${merged.id}/conversations` });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(`/api/v1/customers/${survivor.id}/conversations`);
    expect(res.data).toEqual({
      errors: [
        {
          attr: 'customerId',
          code: 'moved',
          detail: 'customer id has changed',
          meta: { old: merged.id, new: survivor.id },
        },
      ],
    });
  });
});
