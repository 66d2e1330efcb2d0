import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { arrangeConversation, insertItem } from './arrange.js';

const t = useTestApp();

describe('GET /conversation-items/{itemId}', () => {
  it('answers the item envelope with content as stored', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o);
    const at = new Date('2025-03-01T10:00:00.123Z');
    const call = await insertItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: conversation.id,
      sessionId: 'sess-1',
      type: 'PHONE_CALL',
      content: { from: '+14155550100', to: '+14155550199', recordingStatus: 'AVAILABLE', recordingDuration: 100 },
      responder: { id: o.apiUser.user.id, type: 'AGENT' },
      at,
    });
    const res = await o.request({ method: 'GET', url: `/api/v1/conversation-items/${call.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({
      id: call.id,
      customerId: customer.id,
      conversationId: conversation.id,
      sessionId: 'sess-1',
      timestamp: '2025-03-01T10:00:00.123Z',
      initiator: { id: customer.id, type: 'CUSTOMER' },
      responder: { id: o.apiUser.user.id, type: 'AGENT' },
      content: {
        type: 'PHONE_CALL',
        from: '+14155550100',
        to: '+14155550199',
        recordingStatus: 'AVAILABLE',
        recordingDuration: 100,
      },
    });
  });

  it('omits conversationId, sessionId and responder when not set', async () => {
    const o = await createTestOrg(t);
    const { customer } = await arrangeConversation(t, o);
    const item = await insertItem(t, o.org.id, {
      customerId: customer.id,
      type: 'CUSTOMER_ACTIVITY',
      content: { activityType: 'EMAIL', expandByDefault: false, receivedAt: '2025-01-01T00:00:00.000Z' },
      initiator: { id: o.apiUser.user.id, type: 'API' },
      direction: 'INTERNAL',
    });
    const res = await o.request({ method: 'GET', url: `/api/v1/conversation-items/${item.id}` });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.data as object).sort()).toEqual(['content', 'customerId', 'id', 'initiator', 'timestamp']);
  });

  it('400 for an item type the API does not expose', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o);
    const item = await insertItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: conversation.id,
      type: 'CUSTOM_CHANNEL_MESSAGE',
    });
    const res = await o.request({ method: 'GET', url: `/api/v1/conversation-items/${item.id}` });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [
        { code: 'invalid', detail: `Conversation item with id [${item.id}] exists but is not supported by the API.` },
      ],
    });
  });

  it('404 for an unknown item and for an item of another org', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const { customer } = await arrangeConversation(t, other);
    const foreign = await insertItem(t, other.org.id, { customerId: customer.id, type: 'SMS' });
    for (const id of ['nope', foreign.id]) {
      const res = await o.request({ method: 'GET', url: `/api/v1/conversation-items/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: `conversation item ${id} does not exist` }] });
    }
  });
});

describe('GET /conversations/{conversationId}/items', () => {
  it('lists exposed items oldest first (ties in insertion order) with Gladly-Limited-Data false', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o);
    const base = { customerId: customer.id, conversationId: conversation.id };
    const t0 = new Date('2025-01-01T00:00:00.000Z');
    const later = await insertItem(t, o.org.id, { ...base, type: 'SMS', at: new Date(t0.getTime() + 2000) });
    const first = await insertItem(t, o.org.id, { ...base, type: 'SMS', at: t0 });
    const tieA = await insertItem(t, o.org.id, { ...base, type: 'EMAIL', at: new Date(t0.getTime() + 1000) });
    const tieB = await insertItem(t, o.org.id, {
      ...base,
      type: 'CONVERSATION_NOTE',
      at: new Date(t0.getTime() + 1000),
    });
    await insertItem(t, o.org.id, { ...base, type: 'CUSTOM_CHANNEL_MESSAGE', at: t0 });
    await insertItem(t, o.org.id, { customerId: customer.id, type: 'CUSTOMER_ACTIVITY', at: t0 });

    const res = await o.request({ method: 'GET', url: `/api/v1/conversations/${conversation.id}/items` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['gladly-limited-data']).toBe('false');
    const items = res.data as { id: string; conversationId: string; timestamp: string }[];
    expect(items.map((i) => i.id)).toEqual([first.id, tieA.id, tieB.id, later.id]);
    expect(items.every((i) => i.conversationId === conversation.id)).toBe(true);
  });

  it('filters by sessionId', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o);
    const base = { customerId: customer.id, conversationId: conversation.id, type: 'CHAT_MESSAGE' };
    const inSession = await insertItem(t, o.org.id, { ...base, sessionId: 's1' });
    await insertItem(t, o.org.id, { ...base, sessionId: 's2' });
    await insertItem(t, o.org.id, { ...base });
    const res = await o.request({ method: 'GET', url: `/api/v1/conversations/${conversation.id}/items?sessionId=s1` });
    expect(res.statusCode).toBe(200);
    expect((res.data as { id: string }[]).map((i) => i.id)).toEqual([inSession.id]);
    expect(res.headers['gladly-limited-data']).toBe('false');
  });

  it('answers an empty list for a conversation without items', async () => {
    const o = await createTestOrg(t);
    const { conversation } = await arrangeConversation(t, o);
    const res = await o.request({ method: 'GET', url: `/api/v1/conversations/${conversation.id}/items` });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual([]);
    expect(res.headers['gladly-limited-data']).toBe('false');
  });

  it('caps at 1000 items, the oldest, and says so with Gladly-Limited-Data true', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o);
    const t0 = Date.parse('2025-01-01T00:00:00.000Z');
    const rows = Array.from({ length: 1001 }, (_, i) => ({
      org_id: o.org.id,
      id: newId(),
      customer_id: customer.id,
      conversation_id: conversation.id,
      session_id: null,
      occurred_at: new Date(t0 + (1000 - i) * 1000),
      initiator_id: customer.id,
      initiator_type: 'CUSTOMER',
      responder_id: null,
      responder_type: null,
      content_type: 'SMS',
      content: JSON.stringify({ type: 'SMS', content: `m${i}` }),
      direction: 'INBOUND' as const,
      delivery_status: null,
      redacted_at: null,
    }));
    await t.db.insertInto('conversation_items').values(rows).execute();
    const res = await o.request({ method: 'GET', url: `/api/v1/conversations/${conversation.id}/items` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['gladly-limited-data']).toBe('true');
    const items = res.data as { content: { content: string }; timestamp: string }[];
    expect(items).toHaveLength(1000);
    // Row i happened at t0 + (1000 - i) s: the newest (i = 0) is the one left out.
    expect(items[0]?.content.content).toBe('m1000');
    expect(items[999]?.content.content).toBe('m1');
  });

  it('404 for an unknown conversation', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: '/api/v1/conversations/nope/items' });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'conversation does not exist' }] });
  });
});
