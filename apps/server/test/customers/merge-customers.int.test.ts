import type { TInitiator } from '@hearth/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/http/errors.js';
import { newId } from '../../src/lib/ids.js';
import { mergeCustomers } from '../../src/modules/customers/commands/merge-customers.js';
import { makeCustomAttribute } from '../conversations/arrange.js';
import { eventsOf, makeConversation, makeCustomer, makeInboundItem, makeInbox, makeTopic } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { signIn } from '../internal/session-helpers.js';

const t = useTestApp();
const agent: TInitiator = { id: 'agent-1', type: 'AGENT' };

const merge = (o: TTestOrg, destinationCustomerId: string, sourceCustomerId: string) =>
  mergeCustomers(t.ctx, o.org.id, { destinationCustomerId, sourceCustomerId }, agent);

async function createProfile(o: TTestOrg, body: Record<string, unknown>): Promise<string> {
  const res = await o.request({ method: 'POST', url: '/api/v1/customer-profiles', body });
  expect(res.statusCode).toBe(201);
  return String(res.headers.location).split('/').pop() as string;
}

const getProfile = (o: TTestOrg, id: string) => o.request({ method: 'GET', url: `/api/v1/customer-profiles/${id}` });

async function makeTask(orgId: string, customerId: string, inboxId: string) {
  const id = newId();
  await t.db
    .insertInto('tasks')
    .values({
      org_id: orgId,
      id,
      customer_id: customerId,
      inbox_id: inboxId,
      agent_id: null,
      body: 'call back',
      due_at: new Date(),
      status: 'OPEN',
      created_by_id: null,
      created_by_type: 'API',
    })
    .execute();
  return id;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('mergeCustomers', () => {
  it('moves contacts, timeline, tasks and conversations; the source id redirects, refuses updates, is never found', async () => {
    const o = await createTestOrg(t);
    const inbox = await makeInbox(t, o.org.id);
    const dest = await createProfile(o, {
      name: 'Dest',
      emails: [{ original: 'dest@example.com', primary: true }],
      customAttributes: { tier: 'gold' },
    });
    const source = await createProfile(o, {
      name: 'Source',
      address: '2 Side St',
      emails: [{ original: 'Source@Example.com', primary: true }],
      phones: [{ original: '+16505550111', type: 'MOBILE', smsPreference: 'ON', primary: true }],
      externalCustomerId: 'legacy-1',
      customAttributes: { tier: 'silver', pet: 'cat' },
    });
    const closed = await makeConversation(t, o.org.id, { customerId: source, inboxId: inbox.id, status: 'CLOSED' });
    const item = await makeInboundItem(t, o.org.id, { customerId: source, conversationId: closed.id });
    const task = await makeTask(o.org.id, source, inbox.id);
    const eventsBefore = (await eventsOf(t, o.org.id)).length;

    t.clock.set(new Date('2024-05-05T05:05:05.555Z'));
    const result = await merge(o, dest, source);
    t.clock.reset();
    expect(result).toEqual({ customerId: dest });

    const merged = (await getProfile(o, dest)).data;
    expect(merged).toMatchObject({
      id: dest,
      name: 'Dest',
      address: '2 Side St',
      emails: [
        { original: 'dest@example.com', normalized: 'dest@example.com', primary: true },
        { original: 'Source@Example.com', normalized: 'source@example.com', primary: false },
      ],
      phones: [{ normalized: '+16505550111', type: 'MOBILE', smsPreference: 'ON', primary: true }],
      externalCustomerId: 'legacy-1',
      customAttributes: { tier: 'gold', pet: 'cat' },
      updatedAt: '2024-05-05T05:05:05.555Z',
    });
    const owner = (table: 'conversations' | 'conversation_items' | 'tasks', id: string) =>
      t.db
        .selectFrom(table)
        .select('customer_id')
        .where('org_id', '=', o.org.id)
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    expect((await owner('conversations', closed.id)).customer_id).toBe(dest);
    expect((await owner('conversation_items', item.id)).customer_id).toBe(dest);
    expect((await owner('tasks', task)).customer_id).toBe(dest);

    const old = await getProfile(o, source);
    expect(old.statusCode).toBe(301);
    expect(old.data).toEqual({
      errors: [
        { attr: 'customerId', code: 'moved', detail: 'customer id has changed', meta: { old: source, new: dest } },
      ],
    });
    const patch = await o.request({ method: 'PATCH', url: `/api/v1/customer-profiles/${source}`, body: { name: 'x' } });
    expect(patch.statusCode).toBe(404);
    const byEmail = await o.request({ method: 'GET', url: '/api/v1/customer-profiles?email=source%40example.com' });
    expect((byEmail.data as { id: string }[]).map((p) => p.id)).toEqual([dest]);
    const byExternal = await o.request({ method: 'GET', url: '/api/v1/customer-profiles?externalCustomerId=legacy-1' });
    expect((byExternal.data as { id: string }[]).map((p) => p.id)).toEqual([dest]);

    const events = (await eventsOf(t, o.org.id)).slice(eventsBefore);
    expect(events).toEqual([
      {
        type: 'CUSTOMER/MERGED',
        initiator: agent,
        content: { destinationCustomerId: dest, sourceCustomerId: source },
      },
      {
        type: 'CUSTOMER_PROFILE/MERGED',
        initiator: agent,
        content: { sourceCustomerId: source, destinationCustomerId: dest },
      },
    ]);
  });

  it('combines two open conversations into the destination’s: items, topics, custom attributes move; the source’s is deleted', async () => {
    const o = await createTestOrg(t);
    const inbox = await makeInbox(t, o.org.id);
    const dest = await makeCustomer(t, o.org.id);
    const source = await makeCustomer(t, o.org.id);
    const destConv = await makeConversation(t, o.org.id, { customerId: dest.id, inboxId: inbox.id, status: 'WAITING' });
    const srcConv = await makeConversation(t, o.org.id, {
      customerId: source.id,
      inboxId: inbox.id,
      status: 'OPEN',
      customerWaiting: true,
    });
    const srcItem = await makeInboundItem(t, o.org.id, { customerId: source.id, conversationId: srcConv.id });
    const shared = await makeTopic(t, o.org.id);
    const onlySource = await makeTopic(t, o.org.id);
    const attribute = await makeCustomAttribute(t, o.org.id, { key: 'order' });
    await t.db
      .insertInto('conversation_topics')
      .values([
        { org_id: o.org.id, conversation_id: destConv.id, topic_id: shared.id },
        { org_id: o.org.id, conversation_id: srcConv.id, topic_id: shared.id },
        { org_id: o.org.id, conversation_id: srcConv.id, topic_id: onlySource.id },
      ])
      .execute();
    await t.db
      .insertInto('conversation_custom_attributes')
      .values({ org_id: o.org.id, conversation_id: srcConv.id, custom_attribute_id: attribute.id, value: 'A-1' })
      .execute();

    expect(await merge(o, dest.id, source.id)).toEqual({ customerId: dest.id, conversationId: destConv.id });

    const conversations = await t.db
      .selectFrom('conversations')
      .select(['id', 'customer_id', 'status', 'customer_waiting_since'])
      .where('org_id', '=', o.org.id)
      .execute();
    // The source's unanswered message makes the combined conversation OPEN and the customer waiting.
    expect(conversations).toEqual([
      { id: destConv.id, customer_id: dest.id, status: 'OPEN', customer_waiting_since: expect.any(Date) },
    ]);
    const movedItem = await t.db
      .selectFrom('conversation_items')
      .select(['conversation_id', 'customer_id'])
      .where('org_id', '=', o.org.id)
      .where('id', '=', srcItem.id)
      .executeTakeFirstOrThrow();
    expect(movedItem).toEqual({ conversation_id: destConv.id, customer_id: dest.id });
    const topics = await t.db
      .selectFrom('conversation_topics')
      .select('topic_id')
      .where('org_id', '=', o.org.id)
      .where('conversation_id', '=', destConv.id)
      .execute();
    expect(topics.map((r) => r.topic_id).sort()).toEqual([shared.id, onlySource.id].sort());
    const attributes = await t.db
      .selectFrom('conversation_custom_attributes')
      .select(['conversation_id', 'value'])
      .where('org_id', '=', o.org.id)
      .execute();
    expect(attributes).toEqual([{ conversation_id: destConv.id, value: 'A-1' }]);
    expect(await eventsOf(t, o.org.id, ['CUSTOMER/MERGED'])).toEqual([
      {
        type: 'CUSTOMER/MERGED',
        initiator: agent,
        content: {
          destinationCustomerId: dest.id,
          destinationConversationId: destConv.id,
          sourceCustomerId: source.id,
          sourceConversationId: srcConv.id,
        },
      },
    ]);
  });

  it('when only the source has an open conversation, it becomes the destination’s', async () => {
    const o = await createTestOrg(t);
    const inbox = await makeInbox(t, o.org.id);
    const dest = await makeCustomer(t, o.org.id);
    const source = await makeCustomer(t, o.org.id);
    await makeConversation(t, o.org.id, { customerId: dest.id, inboxId: inbox.id, status: 'CLOSED' });
    const srcConv = await makeConversation(t, o.org.id, { customerId: source.id, inboxId: inbox.id, status: 'OPEN' });
    expect(await merge(o, dest.id, source.id)).toEqual({ customerId: dest.id, conversationId: srcConv.id });
    const row = await t.db
      .selectFrom('conversations')
      .select(['customer_id', 'status'])
      .where('org_id', '=', o.org.id)
      .where('id', '=', srcConv.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ customer_id: dest.id, status: 'OPEN' });
  });

  it('external ids: different ids in one source system refuse the merge, changing nothing; other systems combine', async () => {
    const o = await createTestOrg(t);
    const dest = await makeCustomer(t, o.org.id, { email: 'd@example.com' });
    const source = await makeCustomer(t, o.org.id, { email: 's@example.com' });
    const setIds = (id: string, ids: Record<string, string>, legacy: string | null = null) =>
      t.db
        .updateTable('customers')
        .set({ external_customer_ids: JSON.stringify(ids), external_customer_id: legacy })
        .where('org_id', '=', o.org.id)
        .where('id', '=', id)
        .execute();

    await setIds(dest.id, { shopify: '1', zendesk: 'z' });
    await setIds(source.id, { shopify: '2' });
    const clash = await failure(merge(o, dest.id, source.id));
    expect(clash.status).toBe(400);
    expect(clash.errors).toEqual([
      {
        attr: 'externalCustomerIds',
        code: 'invalid',
        detail: 'the external id does not equal the existing external id',
        meta: { sourceSystem: 'shopify' },
      },
    ]);

    await setIds(dest.id, {}, 'legacy-a');
    await setIds(source.id, {}, 'legacy-b');
    const legacy = await failure(merge(o, dest.id, source.id));
    expect(legacy.errors).toEqual([
      {
        attr: 'externalCustomerId',
        code: 'invalid',
        detail: 'the external id does not equal the existing external id',
      },
    ]);
    expect((await getProfile(o, source.id)).statusCode).toBe(200);
    expect((await getProfile(o, source.id)).data).toMatchObject({ emails: [{ normalized: 's@example.com' }] });
    expect(await eventsOf(t, o.org.id)).toEqual([]);

    await setIds(dest.id, { shopify: '1' }, 'legacy-a');
    await setIds(source.id, { shopify: '1', zendesk: 'z' }, 'legacy-a');
    await merge(o, dest.id, source.id);
    expect((await getProfile(o, dest.id)).data).toMatchObject({
      externalCustomerId: 'legacy-a',
      externalCustomerIds: { shopify: '1', zendesk: 'z' },
    });
  });

  it('refuses self-merges and unknown or merged-away profiles', async () => {
    const o = await createTestOrg(t);
    const a = await makeCustomer(t, o.org.id);
    const b = await makeCustomer(t, o.org.id);
    const self = await failure(merge(o, a.id, a.id));
    expect(self.status).toBe(400);
    expect(self.errors).toEqual([
      { attr: 'sourceCustomerId', code: 'invalid', detail: 'a customer cannot be merged into itself' },
    ]);
    const unknownSource = await failure(merge(o, a.id, 'nobody'));
    expect(unknownSource.status).toBe(404);
    expect(unknownSource.errors).toEqual([
      { attr: 'sourceCustomerId', code: 'not_exist', detail: 'customer profile nobody does not exist' },
    ]);
    const unknownDest = await failure(merge(o, 'nobody', a.id));
    expect(unknownDest.status).toBe(404);
    expect(unknownDest.errors).toEqual([
      { attr: 'customerId', code: 'not_exist', detail: 'customer profile nobody does not exist' },
    ]);
    await merge(o, a.id, b.id);
    expect((await failure(merge(o, a.id, b.id))).status).toBe(404);
    expect((await failure(merge(o, b.id, a.id))).status).toBe(404);
    expect(await eventsOf(t, o.org.id, ['CUSTOMER/MERGED'])).toHaveLength(1);
  });

  it('a chain of merges redirects the oldest id straight to the last destination', async () => {
    const o = await createTestOrg(t);
    const a = await makeCustomer(t, o.org.id);
    const b = await makeCustomer(t, o.org.id);
    const c = await makeCustomer(t, o.org.id);
    await merge(o, b.id, a.id);
    await merge(o, c.id, b.id);
    for (const old of [a.id, b.id]) {
      const res = await getProfile(o, old);
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(`/api/v1/customer-profiles/${c.id}`);
      expect(res.data).toMatchObject({ errors: [{ meta: { old, new: c.id } }] });
    }
  });
});

describe('POST /api/internal/customers/{id}/merge', () => {
  it('merges as the signed-in agent: 200 {customerId, conversationId}, events carry the agent', async () => {
    const o = await createTestOrg(t);
    const me = await signIn(t, o, ['AGENT']);
    const inbox = await makeInbox(t, o.org.id);
    const dest = await makeCustomer(t, o.org.id);
    const source = await makeCustomer(t, o.org.id);
    const conv = await makeConversation(t, o.org.id, { customerId: dest.id, inboxId: inbox.id });
    const res = await me.request({
      method: 'POST',
      url: `/api/internal/customers/${dest.id}/merge`,
      body: { sourceCustomerId: source.id },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ customerId: dest.id, conversationId: conv.id });
    expect(await eventsOf(t, o.org.id, ['CUSTOMER_PROFILE/MERGED'])).toEqual([
      {
        type: 'CUSTOMER_PROFILE/MERGED',
        initiator: { id: me.user.id, type: 'AGENT' },
        content: { sourceCustomerId: source.id, destinationCustomerId: dest.id },
      },
    ]);
  });

  it('400 without sourceCustomerId, 404 for an unknown profile, 403 for a user who is not an agent, 401 signed out', async () => {
    const o = await createTestOrg(t);
    const me = await signIn(t, o, ['AGENT']);
    const analyst = await signIn(t, o, ['ANALYST']);
    const dest = await makeCustomer(t, o.org.id);
    const source = await makeCustomer(t, o.org.id);
    const url = `/api/internal/customers/${dest.id}/merge`;

    const blank = await me.request({ method: 'POST', url, body: {} });
    expect(blank.statusCode).toBe(400);
    expect(blank.data).toMatchObject({ errors: [{ attr: 'sourceCustomerId', code: 'blank' }] });
    const unknown = await me.request({ method: 'POST', url, body: { sourceCustomerId: 'nobody' } });
    expect(unknown.statusCode).toBe(404);
    const forbidden = await analyst.request({ method: 'POST', url, body: { sourceCustomerId: source.id } });
    expect(forbidden.statusCode).toBe(403);
    const signedOut = await me.request({ method: 'POST', url, body: { sourceCustomerId: source.id }, cookie: null });
    expect(signedOut.statusCode).toBe(401);
    // Signing in logs the agent in to routing (AGENT_STATUS/LOGGED_IN); none of the refused merges wrote anything.
    expect((await eventsOf(t, o.org.id)).filter((e) => !e.type.startsWith('AGENT_STATUS/'))).toEqual([]);
    expect((await getProfile(o, source.id)).statusCode).toBe(200);
  });
});
