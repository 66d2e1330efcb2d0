import { afterEach, describe, expect, it } from 'vitest';
import { eventsOf, makeConversation, makeInbox, makeTopic } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { arrangeConversation, conversationRow, itemsOf } from './arrange.js';

const t = useTestApp();
afterEach(() => t.clock.reset());

const NOW = new Date('2024-05-01T12:00:00.000Z');

function patch(o: TTestOrg, id: string, body: unknown) {
  return o.request({ method: 'PATCH', url: `/api/v1/conversations/${id}`, body });
}

function api(o: TTestOrg) {
  return { id: o.apiUser.user.id, type: 'API' };
}

describe('PATCH /conversations/{id}: status', () => {
  it('closes: sets closedAt, clears the waiting mark, writes a status item and CLOSED + STATUS events', async () => {
    const o = await createTestOrg(t);
    const { inbox, customer, conversation } = await arrangeConversation(t, o, { agentId: null });
    t.clock.set(NOW);
    const res = await patch(o, conversation.id, { status: { value: 'CLOSED' } });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');

    const row = await conversationRow(t, o.org.id, conversation.id);
    expect(row).toMatchObject({ status: 'CLOSED', closed_at: NOW, customer_waiting_since: null });
    const got = await o.request({ method: 'GET', url: `/api/v1/conversations/${conversation.id}` });
    expect(got.data).toMatchObject({ status: 'CLOSED', closedAt: NOW.toISOString() });

    const items = await itemsOf(t, o.org.id, conversation.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      content_type: 'CONVERSATION_STATUS_CHANGE',
      content: { type: 'CONVERSATION_STATUS_CHANGE', status: 'CLOSED' },
      direction: 'INTERNAL',
      initiator_id: o.apiUser.user.id,
      initiator_type: 'API',
      customer_id: customer.id,
      occurred_at: NOW,
    });

    expect(await eventsOf(t, o.org.id)).toEqual([
      {
        type: 'CONVERSATION/CLOSED',
        initiator: api(o),
        content: {
          customerId: customer.id,
          conversationId: conversation.id,
          context: { assignee: { inboxId: inbox.id }, status: 'OPEN' },
        },
      },
      {
        type: 'CONVERSATION_STATUS/UPDATED',
        initiator: api(o),
        content: { conversationId: conversation.id, customerId: customer.id },
      },
    ]);
  });

  it('reopens a closed conversation: status OPEN, no closedAt, OPEN status item, REOPENED + STATUS events', async () => {
    const o = await createTestOrg(t);
    const { inbox, customer, conversation } = await arrangeConversation(t, o, {
      status: 'CLOSED',
      agentId: o.apiUser.user.id,
    });
    t.clock.set(NOW);
    const res = await patch(o, conversation.id, { status: { value: 'OPEN' } });
    expect(res.statusCode).toBe(204);
    const row = await conversationRow(t, o.org.id, conversation.id);
    expect(row).toMatchObject({ status: 'OPEN', closed_at: null, agent_id: o.apiUser.user.id });
    const got = await o.request({ method: 'GET', url: `/api/v1/conversations/${conversation.id}` });
    expect(got.data).not.toHaveProperty('closedAt');
    const items = await itemsOf(t, o.org.id, conversation.id);
    expect(items.map((i) => i.content)).toEqual([{ type: 'CONVERSATION_STATUS_CHANGE', status: 'OPEN' }]);
    expect(await eventsOf(t, o.org.id)).toEqual([
      {
        type: 'CONVERSATION/REOPENED',
        initiator: api(o),
        content: {
          customerId: customer.id,
          conversationId: conversation.id,
          context: { assignee: { inboxId: inbox.id, agentId: o.apiUser.user.id }, status: 'CLOSED' },
        },
      },
      {
        type: 'CONVERSATION_STATUS/UPDATED',
        initiator: api(o),
        content: { conversationId: conversation.id, customerId: customer.id },
      },
    ]);
  });

  it('refuses to reopen while the customer has another open conversation', async () => {
    const o = await createTestOrg(t);
    const { inbox, customer, conversation } = await arrangeConversation(t, o, { status: 'CLOSED' });
    await makeConversation(t, o.org.id, { customerId: customer.id, inboxId: inbox.id, status: 'WAITING' });
    const res = await patch(o, conversation.id, { status: { value: 'OPEN' } });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [{ code: 'invalid_state', detail: 'customer already has an open conversation' }],
    });
    expect((await conversationRow(t, o.org.id, conversation.id)).status).toBe('CLOSED');
    expect(await itemsOf(t, o.org.id, conversation.id)).toEqual([]);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('OPEN on a WAITING conversation makes it OPEN with only a STATUS event', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o, { status: 'WAITING' });
    const res = await patch(o, conversation.id, { status: { value: 'OPEN' } });
    expect(res.statusCode).toBe(204);
    expect((await conversationRow(t, o.org.id, conversation.id)).status).toBe('OPEN');
    expect(await eventsOf(t, o.org.id)).toEqual([
      {
        type: 'CONVERSATION_STATUS/UPDATED',
        initiator: api(o),
        content: { conversationId: conversation.id, customerId: customer.id },
      },
    ]);
    expect(await itemsOf(t, o.org.id, conversation.id)).toEqual([]);
  });

  it('asking for the status a conversation already has changes nothing', async () => {
    const o = await createTestOrg(t);
    const closed = await arrangeConversation(t, o, { status: 'CLOSED' });
    const open = await arrangeConversation(t, o, { status: 'OPEN' });
    expect((await patch(o, closed.conversation.id, { status: { value: 'CLOSED' } })).statusCode).toBe(204);
    expect((await patch(o, open.conversation.id, { status: { value: 'OPEN' } })).statusCode).toBe(204);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('customer waiting: refused without force (absent or false), closes with force: true', async () => {
    const o = await createTestOrg(t);
    const { conversation } = await arrangeConversation(t, o, { customerWaiting: true });
    for (const status of [{ value: 'CLOSED' }, { value: 'CLOSED', force: false }]) {
      const res = await patch(o, conversation.id, { status });
      expect(res.statusCode).toBe(400);
      expect(res.data).toEqual({
        errors: [
          {
            code: 'invalid_state',
            detail: "cannot close conversation, customer waiting for response, set 'status.force' to true to override",
          },
        ],
      });
    }
    const before = await conversationRow(t, o.org.id, conversation.id);
    expect(before.status).toBe('OPEN');
    expect(before.customer_waiting_since).not.toBeNull();
    expect(await eventsOf(t, o.org.id)).toEqual([]);

    const forced = await patch(o, conversation.id, { status: { value: 'CLOSED', force: true } });
    expect(forced.statusCode).toBe(204);
    const after = await conversationRow(t, o.org.id, conversation.id);
    expect(after.status).toBe('CLOSED');
    expect(after.customer_waiting_since).toBeNull();
    expect((await eventsOf(t, o.org.id)).map((e) => e.type)).toEqual([
      'CONVERSATION/CLOSED',
      'CONVERSATION_STATUS/UPDATED',
    ]);
  });

  it('topics required on close: refused without a topic (even with force), allowed with one', async () => {
    const o = await createTestOrg(t);
    await t.db.updateTable('orgs').set({ topics_required_on_close: true }).where('id', '=', o.org.id).execute();
    const { conversation } = await arrangeConversation(t, o);
    for (const status of [{ value: 'CLOSED' }, { value: 'CLOSED', force: true }]) {
      const res = await patch(o, conversation.id, { status });
      expect(res.statusCode).toBe(400);
      expect(res.data).toEqual({
        errors: [{ code: 'invalid_state', detail: 'topics are required before closing of conversation' }],
      });
    }
    expect((await conversationRow(t, o.org.id, conversation.id)).status).toBe('OPEN');
    expect(await eventsOf(t, o.org.id)).toEqual([]);

    const topic = await makeTopic(t, o.org.id);
    await t.db
      .insertInto('conversation_topics')
      .values({ org_id: o.org.id, conversation_id: conversation.id, topic_id: topic.id })
      .execute();
    expect((await patch(o, conversation.id, { status: { value: 'CLOSED' } })).statusCode).toBe(204);
    expect((await conversationRow(t, o.org.id, conversation.id)).status).toBe('CLOSED');
  });

  it('without the org setting a conversation closes with no topic', async () => {
    const o = await createTestOrg(t);
    const { conversation } = await arrangeConversation(t, o);
    expect((await patch(o, conversation.id, { status: { value: 'CLOSED' } })).statusCode).toBe(204);
  });
});

describe('PATCH /conversations/{id}: assignee', () => {
  it('assigns an agent of the inbox: OPEN when the customer waits, ASSIGNEE + STATUS events', async () => {
    const o = await createTestOrg(t);
    const { inbox, customer, conversation } = await arrangeConversation(t, o, {
      status: 'WAITING',
      customerWaiting: true,
    });
    const res = await patch(o, conversation.id, { assignee: { inboxId: inbox.id, agentId: o.apiUser.user.id } });
    expect(res.statusCode).toBe(204);
    const got = await o.request({ method: 'GET', url: `/api/v1/conversations/${conversation.id}` });
    expect(got.data).toMatchObject({ agentId: o.apiUser.user.id, inboxId: inbox.id, status: 'OPEN' });
    expect(await eventsOf(t, o.org.id)).toEqual([
      {
        type: 'CONVERSATION_ASSIGNEE/UPDATED',
        initiator: api(o),
        content: {
          customerId: customer.id,
          conversationId: conversation.id,
          reason: 'MANUAL',
          assignee: { inboxId: inbox.id, agentId: o.apiUser.user.id },
          context: { assignee: { inboxId: inbox.id }, status: 'WAITING' },
        },
      },
      {
        type: 'CONVERSATION_STATUS/UPDATED',
        initiator: api(o),
        content: { conversationId: conversation.id, customerId: customer.id },
      },
    ]);
    // Assignment writes no timeline item.
    expect(await itemsOf(t, o.org.id, conversation.id)).toEqual([]);
  });

  it('assigning an agent while nobody waits keeps WAITING and appends no status event', async () => {
    const o = await createTestOrg(t);
    const { inbox, conversation } = await arrangeConversation(t, o, { status: 'WAITING' });
    const res = await patch(o, conversation.id, { assignee: { inboxId: inbox.id, agentId: o.apiUser.user.id } });
    expect(res.statusCode).toBe(204);
    expect((await conversationRow(t, o.org.id, conversation.id)).status).toBe('WAITING');
    expect((await eventsOf(t, o.org.id)).map((e) => e.type)).toEqual(['CONVERSATION_ASSIGNEE/UPDATED']);
  });

  it('moves to another inbox and unassigns with agentId null, absent or empty', async () => {
    for (const assignee of [{ agentId: null }, {}, { agentId: '' }]) {
      const o = await createTestOrg(t);
      const { inbox, customer, conversation } = await arrangeConversation(t, o, { agentId: o.apiUser.user.id });
      const other = await makeInbox(t, o.org.id);
      const res = await patch(o, conversation.id, { assignee: { inboxId: other.id, ...assignee } });
      expect(res.statusCode).toBe(204);
      const got = await o.request({ method: 'GET', url: `/api/v1/conversations/${conversation.id}` });
      expect(got.data).not.toHaveProperty('agentId');
      expect(got.data).toMatchObject({ inboxId: other.id, status: 'OPEN' });
      expect(await eventsOf(t, o.org.id)).toEqual([
        {
          type: 'CONVERSATION_ASSIGNEE/UPDATED',
          initiator: api(o),
          content: {
            customerId: customer.id,
            conversationId: conversation.id,
            reason: 'MANUAL',
            assignee: { inboxId: other.id },
            context: { assignee: { inboxId: inbox.id, agentId: o.apiUser.user.id }, status: 'OPEN' },
          },
        },
      ]);
    }
  });

  it('the same assignee again is a no-op without events', async () => {
    const o = await createTestOrg(t);
    const { inbox, conversation } = await arrangeConversation(t, o, { agentId: o.apiUser.user.id });
    const res = await patch(o, conversation.id, { assignee: { inboxId: inbox.id, agentId: o.apiUser.user.id } });
    expect(res.statusCode).toBe(204);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('assigns and closes in one request, assignment first', async () => {
    const o = await createTestOrg(t);
    const { inbox, conversation } = await arrangeConversation(t, o);
    const res = await patch(o, conversation.id, {
      assignee: { inboxId: inbox.id, agentId: o.apiUser.user.id },
      status: { value: 'CLOSED' },
    });
    expect(res.statusCode).toBe(204);
    const row = await conversationRow(t, o.org.id, conversation.id);
    expect(row).toMatchObject({ status: 'CLOSED', agent_id: o.apiUser.user.id });
    const events = await eventsOf(t, o.org.id);
    expect(events.map((e) => e.type)).toEqual([
      'CONVERSATION_ASSIGNEE/UPDATED',
      'CONVERSATION/CLOSED',
      'CONVERSATION_STATUS/UPDATED',
    ]);
    expect(events[1]?.content.context).toEqual({
      assignee: { inboxId: inbox.id, agentId: o.apiUser.user.id },
      status: 'OPEN',
    });
  });

  it('reopens and reassigns a closed conversation in one request', async () => {
    const o = await createTestOrg(t);
    const { conversation } = await arrangeConversation(t, o, { status: 'CLOSED' });
    const other = await makeInbox(t, o.org.id, { memberIds: [o.apiUser.user.id] });
    const res = await patch(o, conversation.id, {
      assignee: { inboxId: other.id, agentId: o.apiUser.user.id },
      status: { value: 'OPEN' },
    });
    expect(res.statusCode).toBe(204);
    expect(await conversationRow(t, o.org.id, conversation.id)).toMatchObject({
      status: 'OPEN',
      inbox_id: other.id,
      agent_id: o.apiUser.user.id,
    });
    expect((await eventsOf(t, o.org.id)).map((e) => e.type)).toEqual([
      'CONVERSATION/REOPENED',
      'CONVERSATION_STATUS/UPDATED',
      'CONVERSATION_ASSIGNEE/UPDATED',
    ]);
  });
});
