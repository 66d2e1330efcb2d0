import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.js';
import { eventsOf, makeCustomer } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { activity, customersOfOrg, itemRow, itemsOfOrg } from './arrange.js';

const t = useTestApp();

type TItem = {
  id: string;
  customerId: string;
  conversationId?: string;
  timestamp: string;
  initiator: { id: string; type: string };
  content: Record<string, unknown>;
};

describe('POST /conversation-items', () => {
  it('creates the customer from an email and answers 200 with the item, outside any conversation', async () => {
    const o = await createTestOrg(t);
    t.clock.set(new Date('2025-05-05T05:05:05.555Z'));
    try {
      const res = await o.request({
        method: 'POST',
        url: '/api/v1/conversation-items',
        body: {
          id: 'my-item-1',
          customer: { emailAddress: 'New.Person@Example.com' },
          content: activity({
            activityType: 'EMAIL',
            body: '<p>Shipped</p><img src="https://cdn.test/x.png" onerror="alert(1)"><a href="javascript:alert(1)">l</a><script>x()</script>',
            sourceName: 'Shopify',
            link: { url: 'https://shop.test/orders/42', text: 'Order' },
          }),
        },
      });
      expect(res.statusCode).toBe(200);
      const item = res.data as TItem;
      const [customer] = await customersOfOrg(t, o.org.id);
      expect(item).toEqual({
        id: 'my-item-1',
        customerId: customer?.id,
        timestamp: '2025-05-05T05:05:05.555Z',
        initiator: { id: o.apiUser.user.id, type: 'API' },
        content: {
          type: 'CUSTOMER_ACTIVITY',
          activityType: 'EMAIL',
          title: 'Order #42 delayed',
          body: '<p>Shipped</p><img src="https://cdn.test/x.png" /><a>l</a>',
          sourceName: 'Shopify',
          link: { url: 'https://shop.test/orders/42', text: 'Order' },
          expandByDefault: false,
          receivedAt: '2025-05-05T05:05:05.555Z',
        },
      });
      const row = await itemRow(t, o.org.id, 'my-item-1');
      expect(row).toMatchObject({ conversation_id: null, direction: 'INTERNAL', content_type: 'CUSTOMER_ACTIVITY' });
      const profile = await o.request({ method: 'GET', url: `/api/v1/conversation-items/my-item-1` });
      expect(profile.data).toEqual(item);
      expect(await eventsOf(t, o.org.id)).toEqual([
        {
          type: 'CUSTOMER_PROFILE/CREATED',
          initiator: { id: o.apiUser.user.id, type: 'API' },
          content: { customerId: item.customerId },
        },
      ]);
    } finally {
      t.clock.reset();
    }
  });

  it('finds an existing customer by mobile phone and creates no profile', async () => {
    const o = await createTestOrg(t);
    const customer = await makeCustomer(t, o.org.id, { mobile: '+14155550123' });
    const res = await o.request({
      method: 'POST',
      url: '/api/v1/conversation-items',
      body: { customer: { mobilePhone: '+14155550123' }, content: activity({ activityType: 'SMS' }) },
    });
    expect(res.statusCode).toBe(200);
    const item = res.data as TItem;
    expect(item.customerId).toBe(customer.id);
    expect(item.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await customersOfOrg(t, o.org.id)).toHaveLength(1);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('uses occurredAt as the item timestamp and shows it; receivedAt stays the creation time', async () => {
    const o = await createTestOrg(t);
    const occurredAt = new Date(Date.now() - 3 * 24 * 3600_000);
    const res = await o.request({
      method: 'POST',
      url: '/api/v1/conversation-items',
      body: {
        customer: { emailAddress: 'a@x.test' },
        content: activity({ occurredAt: occurredAt.toISOString(), receivedAt: '2001-01-01T00:00:00Z' }),
      },
    });
    expect(res.statusCode).toBe(200);
    const item = res.data as TItem;
    expect(item.timestamp).toBe(occurredAt.toISOString());
    expect(item.content.occurredAt).toBe(occurredAt.toISOString());
    expect(Date.parse(item.content.receivedAt as string)).toBeGreaterThan(occurredAt.getTime());
  });

  it.each([
    ['no customer', undefined],
    ['an empty customer', {}],
    ['blank values', { emailAddress: ' ', mobilePhone: '' }],
    ['both identifiers', { emailAddress: 'a@x.test', mobilePhone: '+14155550100' }],
  ])('400 blank for %s, and nothing is created', async (_name, customer) => {
    const o = await createTestOrg(t);
    const res = await o.request({
      method: 'POST',
      url: '/api/v1/conversation-items',
      body: { customer, content: activity() },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [{ code: 'blank', detail: 'one of emailAddress, phoneNumber must be present' }],
    });
    expect(await customersOfOrg(t, o.org.id)).toEqual([]);
    expect(await itemsOfOrg(t, o.org.id)).toEqual([]);
  });

  it('400 for TASK (use the Tasks API) and for types that cannot be created', async () => {
    const o = await createTestOrg(t);
    const task = await o.request({
      method: 'POST',
      url: '/api/v1/conversation-items',
      body: {
        customer: { emailAddress: 'a@x.test' },
        content: { type: 'TASK', body: 'x', dueAt: '2099-01-01T00:00:00Z' },
      },
    });
    expect(task.statusCode).toBe(400);
    expect(task.data).toEqual({
      errors: [{ attr: 'content.type', code: 'invalid', detail: 'type [TASK] is not supported; use the Tasks API' }],
    });
    const sms = await o.request({
      method: 'POST',
      url: '/api/v1/conversation-items',
      body: { customer: { emailAddress: 'a@x.test' }, content: { type: 'SMS', content: 'x' } },
    });
    expect(sms.statusCode).toBe(400);
    expect(sms.data).toEqual({
      errors: [{ attr: 'content.type', code: 'invalid', detail: 'type [SMS] is not supported' }],
    });
    const missing = await o.request({
      method: 'POST',
      url: '/api/v1/conversation-items',
      body: { customer: { emailAddress: 'a@x.test' }, content: { activityType: 'SMS' } },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.data).toMatchObject({ errors: [{ attr: 'content.type', code: 'blank' }] });
    expect(await customersOfOrg(t, o.org.id)).toEqual([]);
  });

  it('400 for an invalid email, creating nothing', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({
      method: 'POST',
      url: '/api/v1/conversation-items',
      body: { customer: { emailAddress: 'not-an-email' }, content: activity() },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ errors: [{ code: 'invalid', attr: 'customer.emailAddress' }] });
    expect(await customersOfOrg(t, o.org.id)).toEqual([]);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('409 for a reused id rolls back the new customer and its event', async () => {
    const o = await createTestOrg(t);
    const first = await o.request({
      method: 'POST',
      url: '/api/v1/conversation-items',
      body: { id: 'dup-1', customer: { emailAddress: 'first@x.test' }, content: activity() },
    });
    expect(first.statusCode).toBe(200);
    const eventsBefore = await eventsOf(t, o.org.id);
    const again = await o.request({
      method: 'POST',
      url: '/api/v1/conversation-items',
      body: { id: 'dup-1', customer: { emailAddress: 'second@x.test' }, content: activity({ title: 'other' }) },
    });
    expect(again.statusCode).toBe(409);
    expect(again.data).toEqual({
      errors: [{ attr: 'newConversationItems', code: 'taken', detail: 'conversation item already exists' }],
    });
    expect(await customersOfOrg(t, o.org.id)).toHaveLength(1);
    expect(await eventsOf(t, o.org.id)).toEqual(eventsBefore);
    expect((await itemRow(t, o.org.id, 'dup-1'))?.content).toMatchObject({ title: 'Order #42 delayed' });
  });

  it('400 for a client id that is not URL safe or too long', async () => {
    const o = await createTestOrg(t);
    const bad = await o.request({
      method: 'POST',
      url: '/api/v1/conversation-items',
      body: { id: 'a b/c', customer: { emailAddress: 'a@x.test' }, content: activity() },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data).toEqual({
      errors: [{ attr: 'id', code: 'invalid', detail: 'id contains unsupported characters' }],
    });
    const long = await o.request({
      method: 'POST',
      url: '/api/v1/conversation-items',
      body: { id: 'x'.repeat(50), customer: { emailAddress: 'a@x.test' }, content: activity() },
    });
    expect(long.statusCode).toBe(400);
    expect(long.data).toMatchObject({ errors: [{ attr: 'id', code: 'too_long' }] });
    const ok = await o.request({
      method: 'POST',
      url: '/api/v1/conversation-items',
      body: { id: 'user@2', customer: { emailAddress: 'a@x.test' }, content: activity() },
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('CUSTOMER_ACTIVITY validation through the API', () => {
  it.each([
    [
      'missing activityType',
      { activityType: undefined },
      'blank',
      'content.activityType',
      'content.activityType cannot be blank',
    ],
    [
      'unknown activityType',
      { activityType: 'CALL' },
      'invalid',
      'content.activityType',
      'content.activityType must be one of EMAIL, ISSUE, SMS, SURVEY',
    ],
    [
      'title of 101',
      { title: 't'.repeat(101) },
      'too_long',
      'content.title',
      'content.title cannot be larger than 100 characters',
    ],
    [
      'body of 25001',
      { body: 'b'.repeat(25_001) },
      'too_long',
      'content.body',
      'content.body cannot be larger than 25000 characters',
    ],
    [
      'sourceName of 51',
      { sourceName: 's'.repeat(51) },
      'too_long',
      'content.sourceName',
      'content.sourceName cannot be larger than 50 characters',
    ],
    [
      'link text of 51',
      { link: { url: 'https://a.test', text: 'l'.repeat(51) } },
      'too_long',
      'content.link.text',
      'content.link.text cannot be larger than 50 characters',
    ],
    ['link without url', { link: { text: 'x' } }, 'blank', 'content.link.url', 'content.link.url cannot be blank'],
    [
      'javascript: link',
      { link: { url: 'javascript:alert(1)' } },
      'invalid',
      'content.link.url',
      'content.link.url must be an http or https URL',
    ],
    ['non-boolean expandByDefault', { expandByDefault: 'yes' }, 'invalid', 'content.expandByDefault', undefined],
    [
      'occurredAt over a year old',
      { occurredAt: new Date(Date.now() - 400 * 24 * 3600_000).toISOString() },
      'invalid',
      'content.occurredAt',
      'content.occurredAt cannot be more than 1 year in the past',
    ],
  ])('%s → 400', async (_name, fields, code, attr, detail) => {
    const o = await createTestOrg(t);
    const customer = await makeCustomer(t, o.org.id);
    const res = await o.request({
      method: 'POST',
      url: `/api/v1/customers/${customer.id}/conversation-items`,
      body: { content: activity(fields) },
    });
    expect(res.statusCode).toBe(400);
    expect((res.data as { errors: unknown[] }).errors[0]).toEqual({ attr, code, detail: detail ?? expect.any(String) });
    expect(await itemsOfOrg(t, o.org.id)).toEqual([]);
  });

  it('expandByDefault true is kept; occurredAt is omitted when not given', async () => {
    const o = await createTestOrg(t);
    const customer = await makeCustomer(t, o.org.id);
    const res = await o.request({
      method: 'POST',
      url: `/api/v1/customers/${customer.id}/conversation-items`,
      body: { content: activity({ expandByDefault: true }) },
    });
    expect(res.statusCode).toBe(200);
    const content = (res.data as TItem).content;
    expect(content.expandByDefault).toBe(true);
    expect('occurredAt' in content).toBe(false);
  });
});

describe('POST /customers/{customerId}/conversation-items', () => {
  it('adds the item to the customer and tolerates an extra customer object', async () => {
    const o = await createTestOrg(t);
    const customer = await makeCustomer(t, o.org.id);
    const res = await o.request({
      method: 'POST',
      url: `/api/v1/customers/${customer.id}/conversation-items`,
      body: {
        id: newId(),
        customer: { emailAddress: 'ignored@x.test', name: 'Segment' },
        content: activity({ body: '<b>hello</b><div onmouseover="x()" style="text-align:center">c</div>' }),
      },
    });
    expect(res.statusCode).toBe(200);
    const item = res.data as TItem;
    expect(item.customerId).toBe(customer.id);
    expect(item.content.body).toBe('<b>hello</b><div style="text-align:center">c</div>');
    expect(await customersOfOrg(t, o.org.id)).toHaveLength(1);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('301 for a merged customer, naming the surviving profile', async () => {
    const o = await createTestOrg(t);
    const survivor = await makeCustomer(t, o.org.id);
    const middle = await makeCustomer(t, o.org.id);
    const old = await makeCustomer(t, o.org.id);
    await t.db.updateTable('customers').set({ merged_into_id: middle.id }).where('id', '=', old.id).execute();
    await t.db.updateTable('customers').set({ merged_into_id: survivor.id }).where('id', '=', middle.id).execute();
    const res = await o.request({
      method: 'POST',
      url: `/api/v1/customers/${old.id}/conversation-items`,
      body: { content: activity() },
    });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(`https://${o.host}/api/v1/customers/${survivor.id}/conversation-items`);
    expect(res.data).toEqual({
      errors: [
        {
          attr: 'customer id',
          code: 'moved',
          detail: `the customer id has changed from [${old.id}] to [${survivor.id}]`,
          meta: { old: old.id, new: survivor.id },
        },
      ],
    });
    expect(await itemsOfOrg(t, o.org.id)).toEqual([]);
  });

  it('404 for an unknown customer', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({
      method: 'POST',
      url: '/api/v1/customers/nope/conversation-items',
      body: { content: activity() },
    });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'customer profile nope does not exist' }] });
  });

  it('409 for an id already used by any item of the org', async () => {
    const o = await createTestOrg(t);
    const customer = await makeCustomer(t, o.org.id);
    const other = await makeCustomer(t, o.org.id);
    const body = { id: 'taken-id', content: activity() };
    const first = await o.request({ method: 'POST', url: `/api/v1/customers/${customer.id}/conversation-items`, body });
    expect(first.statusCode).toBe(200);
    const again = await o.request({ method: 'POST', url: `/api/v1/customers/${other.id}/conversation-items`, body });
    expect(again.statusCode).toBe(409);
    expect(again.data).toEqual({
      errors: [{ attr: 'newConversationItems', code: 'taken', detail: 'conversation item already exists' }],
    });
    expect(await itemsOfOrg(t, o.org.id)).toHaveLength(1);
  });

  it('the same client id may exist in another org', async () => {
    const a = await createTestOrg(t);
    const b = await createTestOrg(t);
    for (const o of [a, b]) {
      const customer = await makeCustomer(t, o.org.id);
      const res = await o.request({
        method: 'POST',
        url: `/api/v1/customers/${customer.id}/conversation-items`,
        body: { id: 'shared-id', content: activity() },
      });
      expect(res.statusCode).toBe(200);
    }
  });
});
