import { describe, expect, it } from 'vitest';
import { eventsOf, makeCustomer } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { arrangeConversation, makeCustomAttribute } from './arrange.js';

const t = useTestApp();

function change(o: TTestOrg, customerId: string, conversationId: string, body: unknown) {
  return o.request({
    method: 'POST',
    url: `/api/v1/customer-history/${customerId}/conversations/${conversationId}/custom-attributes`,
    body,
  });
}

async function customAttributesOf(o: TTestOrg, conversationId: string) {
  const res = await o.request({ method: 'GET', url: `/api/v1/conversations/${conversationId}` });
  return (res.data as { customAttributes: { id: string; value: string }[] }).customAttributes;
}

async function arrange(o: TTestOrg) {
  const arranged = await arrangeConversation(t, o);
  const order = await makeCustomAttribute(t, o.org.id, { key: 'ORDER_ID' });
  const sku = await makeCustomAttribute(t, o.org.id, { key: 'SKU' });
  const retired = await makeCustomAttribute(t, o.org.id, { key: 'OLD', deactivated: true });
  return { ...arranged, order, sku, retired };
}

describe('POST /customer-history/{customerId}/conversations/{conversationId}/custom-attributes', () => {
  it('adds and removes values with one event per change', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation, order, sku } = await arrange(o);
    const first = await change(o, customer.id, conversation.id, {
      add: [
        { key: 'ORDER_ID', value: 'ORD_1' },
        { key: 'SKU', value: 'S-9' },
      ],
    });
    expect(first.statusCode).toBe(204);
    expect(first.body).toBe('');
    const second = await change(o, customer.id, conversation.id, {
      add: [{ key: 'ORDER_ID', value: 'ORD_3' }],
      remove: [{ key: 'ORDER_ID', value: 'ORD_1' }],
    });
    expect(second.statusCode).toBe(204);
    expect(await customAttributesOf(o, conversation.id)).toEqual(
      expect.arrayContaining([
        { id: sku.id, value: 'S-9' },
        { id: order.id, value: 'ORD_3' },
      ]),
    );
    expect(await customAttributesOf(o, conversation.id)).toHaveLength(2);

    const initiator = { id: o.apiUser.user.id, type: 'API' };
    const content = (id: string, key: string, value: string) => ({
      customerId: customer.id,
      conversationId: conversation.id,
      customAttributeId: id,
      customAttributeKey: key,
      customAttributeValue: value,
    });
    expect(await eventsOf(t, o.org.id)).toEqual([
      { type: 'CONVERSATION/CUSTOM_ATTRIBUTE_ADDED', initiator, content: content(order.id, 'ORDER_ID', 'ORD_1') },
      { type: 'CONVERSATION/CUSTOM_ATTRIBUTE_ADDED', initiator, content: content(sku.id, 'SKU', 'S-9') },
      { type: 'CONVERSATION/CUSTOM_ATTRIBUTE_REMOVED', initiator, content: content(order.id, 'ORDER_ID', 'ORD_1') },
      { type: 'CONVERSATION/CUSTOM_ATTRIBUTE_ADDED', initiator, content: content(order.id, 'ORDER_ID', 'ORD_3') },
    ]);
  });

  it('a key may hold several values', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation, order } = await arrange(o);
    await change(o, customer.id, conversation.id, { add: [{ key: 'ORDER_ID', value: 'A' }] });
    await change(o, customer.id, conversation.id, { add: [{ key: 'ORDER_ID', value: 'B' }] });
    expect(await customAttributesOf(o, conversation.id)).toEqual([
      { id: order.id, value: 'A' },
      { id: order.id, value: 'B' },
    ]);
  });

  it('duplicates are ignored: adding a present value or removing an absent one appends no event', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation, order } = await arrange(o);
    await change(o, customer.id, conversation.id, { add: [{ key: 'ORDER_ID', value: 'ORD_1' }] });
    const res = await change(o, customer.id, conversation.id, {
      add: [
        { key: 'ORDER_ID', value: 'ORD_1' },
        { key: 'ORDER_ID', value: 'ORD_1' },
      ],
      remove: [{ key: 'SKU', value: 'never-there' }],
    });
    expect(res.statusCode).toBe(204);
    expect(await customAttributesOf(o, conversation.id)).toEqual([{ id: order.id, value: 'ORD_1' }]);
    expect(await eventsOf(t, o.org.id)).toHaveLength(1);
  });

  it('values of a deactivated definition can still be removed', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation, retired } = await arrange(o);
    await t.db
      .insertInto('conversation_custom_attributes')
      .values({ org_id: o.org.id, conversation_id: conversation.id, custom_attribute_id: retired.id, value: 'x' })
      .execute();
    const res = await change(o, customer.id, conversation.id, { remove: [{ key: 'OLD', value: 'x' }] });
    expect(res.statusCode).toBe(204);
    expect(await customAttributesOf(o, conversation.id)).toEqual([]);
    expect((await eventsOf(t, o.org.id)).map((e) => e.type)).toEqual(['CONVERSATION/CUSTOM_ATTRIBUTE_REMOVED']);
  });

  describe('refusals write nothing', () => {
    async function expectRefused(
      request: (a: Awaited<ReturnType<typeof arrange>>) => {
        customerId?: string;
        conversationId?: string;
        body: unknown;
      },
      status: number,
      expected: unknown,
    ) {
      const o = await createTestOrg(t);
      const arranged = await arrange(o);
      const r = request(arranged);
      const res = await change(
        o,
        r.customerId ?? arranged.customer.id,
        r.conversationId ?? arranged.conversation.id,
        r.body,
      );
      expect(res.statusCode).toBe(status);
      expect(res.data).toEqual(expected);
      expect(
        await t.db.selectFrom('conversation_custom_attributes').selectAll().where('org_id', '=', o.org.id).execute(),
      ).toEqual([]);
      expect(await eventsOf(t, o.org.id)).toEqual([]);
    }

    const add = [{ key: 'ORDER_ID', value: 'ORD_1' }];

    it('404 for an unknown conversation', async () => {
      await expectRefused(() => ({ conversationId: 'nope', body: { add } }), 404, {
        errors: [{ code: 'not_exist', detail: 'conversation does not exist' }],
      });
    });

    it("404 when the conversation is not this customer's", async () => {
      const o = await createTestOrg(t);
      const arranged = await arrange(o);
      const stranger = await makeCustomer(t, o.org.id);
      const res = await change(o, stranger.id, arranged.conversation.id, { add });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'conversation does not exist' }] });
      expect(await eventsOf(t, o.org.id)).toEqual([]);
    });

    it('an unknown key → add.N.key invalid, and nothing of the request is applied', async () => {
      await expectRefused(
        () => ({
          body: {
            add: [
              { key: 'ORDER_ID', value: 'ok' },
              { key: 'NOPE', value: 'v' },
            ],
          },
        }),
        400,
        { errors: [{ attr: 'add.1.key', code: 'invalid', detail: 'custom attribute NOPE does not exist' }] },
      );
    });

    it('a deactivated key → add.N.key invalid', async () => {
      await expectRefused(() => ({ body: { add: [{ key: 'OLD', value: 'v' }] } }), 400, {
        errors: [{ attr: 'add.0.key', code: 'invalid', detail: 'custom attribute OLD is deactivated' }],
      });
    });

    it('an unknown key to remove → remove.N.key invalid', async () => {
      await expectRefused(() => ({ body: { add, remove: [{ key: 'NOPE', value: 'v' }] } }), 400, {
        errors: [{ attr: 'remove.0.key', code: 'invalid', detail: 'custom attribute NOPE does not exist' }],
      });
    });

    it('neither add nor remove → blank', async () => {
      await expectRefused(() => ({ body: {} }), 400, {
        errors: [{ code: 'blank', detail: 'one of add, remove must be present' }],
      });
    });

    it('a missing key or value → blank; an over-long value → too_long', async () => {
      await expectRefused(() => ({ body: { add: [{ value: 'v' }] } }), 400, {
        errors: [{ attr: 'add.0.key', code: 'blank', detail: 'add.0.key cannot be blank' }],
      });
      await expectRefused(() => ({ body: { add: [{ key: 'ORDER_ID', value: '' }] } }), 400, {
        errors: [{ attr: 'add.0.value', code: 'blank', detail: 'add.0.value cannot be blank' }],
      });
      await expectRefused(() => ({ body: { add: [{ key: 'ORDER_ID', value: 'x'.repeat(1001) }] } }), 400, {
        errors: [
          { attr: 'add.0.value', code: 'too_long', detail: 'add.0.value cannot be longer than 1000 characters' },
        ],
      });
    });
  });
});
