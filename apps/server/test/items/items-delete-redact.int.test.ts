import { describe, expect, it } from 'vitest';
import { eventsOf, makeCustomer } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { activity, arrangeConversation, insertItem, itemRow } from './arrange.js';

const t = useTestApp();

describe('DELETE /conversation-items/{itemId}', () => {
  it('deletes a CUSTOMER_ACTIVITY: 204, then 404', async () => {
    const o = await createTestOrg(t);
    const customer = await makeCustomer(t, o.org.id);
    const created = await o.request({
      method: 'POST',
      url: `/api/v1/customers/${customer.id}/conversation-items`,
      body: { content: activity() },
    });
    const { id } = created.data as { id: string };
    const res = await o.request({ method: 'DELETE', url: `/api/v1/conversation-items/${id}` });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(await itemRow(t, o.org.id, id)).toBeUndefined();
    const again = await o.request({ method: 'DELETE', url: `/api/v1/conversation-items/${id}` });
    expect(again.statusCode).toBe(404);
    expect(again.data).toEqual({ errors: [{ code: 'not_exist', detail: `conversation item ${id} does not exist` }] });
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('400 for any other type, which stays', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o);
    const sms = await insertItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: conversation.id,
      type: 'SMS',
    });
    const res = await o.request({ method: 'DELETE', url: `/api/v1/conversation-items/${sms.id}` });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [
        {
          code: 'invalid',
          detail: `only CUSTOMER_ACTIVITY items can be deleted; conversation item ${sms.id} is of type [SMS]`,
        },
      ],
    });
    expect(await itemRow(t, o.org.id, sms.id)).toBeDefined();
  });
});

describe('DELETE /customers/{customerId}/conversation-items/{itemId}', () => {
  it("deletes the customer's activity: 204", async () => {
    const o = await createTestOrg(t);
    const customer = await makeCustomer(t, o.org.id);
    const item = await insertItem(t, o.org.id, {
      customerId: customer.id,
      type: 'CUSTOMER_ACTIVITY',
      content: activity(),
      direction: 'INTERNAL',
    });
    const res = await o.request({
      method: 'DELETE',
      url: `/api/v1/customers/${customer.id}/conversation-items/${item.id}`,
    });
    expect(res.statusCode).toBe(204);
    expect(await itemRow(t, o.org.id, item.id)).toBeUndefined();
  });

  it("404 for an unknown customer, an unknown item and another customer's item", async () => {
    const o = await createTestOrg(t);
    const customer = await makeCustomer(t, o.org.id);
    const other = await makeCustomer(t, o.org.id);
    const item = await insertItem(t, o.org.id, { customerId: other.id, type: 'CUSTOMER_ACTIVITY' });
    const unknownCustomer = await o.request({
      method: 'DELETE',
      url: `/api/v1/customers/nope/conversation-items/${item.id}`,
    });
    expect(unknownCustomer.statusCode).toBe(404);
    expect(unknownCustomer.data).toEqual({
      errors: [{ code: 'not_exist', detail: 'customer profile nope does not exist' }],
    });
    for (const itemId of ['nope', item.id]) {
      const res = await o.request({
        method: 'DELETE',
        url: `/api/v1/customers/${customer.id}/conversation-items/${itemId}`,
      });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({
        errors: [{ code: 'not_exist', detail: `conversation item ${itemId} does not exist` }],
      });
    }
    expect(await itemRow(t, o.org.id, item.id)).toBeDefined();
  });

  it('400 for a non-activity item of the customer', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o);
    const note = await insertItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: conversation.id,
      type: 'CONVERSATION_NOTE',
      content: { body: 'x', attachments: [] },
      direction: 'INTERNAL',
    });
    const res = await o.request({
      method: 'DELETE',
      url: `/api/v1/customers/${customer.id}/conversation-items/${note.id}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ errors: [{ code: 'invalid' }] });
    expect(await itemRow(t, o.org.id, note.id)).toBeDefined();
  });
});

describe('POST /conversation-items/{itemId}/redact', () => {
  it.each([
    [
      'EMAIL',
      {
        from: 'pat@x.test',
        to: ['help@org.test'],
        cc: [],
        bcc: [],
        subject: 'My card 4111',
        content: 'card 4111 1111 1111 1111',
        attachments: [{ id: 'a1', contentType: 'image/png', filename: 'card.png', fileSize: 10 }],
      },
      { from: 'pat@x.test', to: ['help@org.test'], cc: [], bcc: [], subject: '', content: '', attachments: [] },
    ],
    [
      'SMS',
      { from: '+1', to: '+2', content: 'secret', attachments: [] },
      { from: '+1', to: '+2', content: '', attachments: [] },
    ],
    [
      'CHAT_MESSAGE',
      { messageType: 'TEXT', sessionId: 's', content: 'secret', attachments: [] },
      { messageType: 'TEXT', sessionId: 's', content: '', attachments: [] },
    ],
    ['TWITTER', { content: 'secret' }, { content: '' }],
    ['WHATSAPP', { content: 'secret', attachments: [] }, { content: '', attachments: [] }],
    [
      'VOICEMAIL',
      {
        startedAt: '2025-01-01T00:00:00.000Z',
        recordingStatus: 'AVAILABLE',
        recordingUrl: '/api/v1/conversation-items/x/media/recording',
        recordingDuration: 12,
        recordingSummary: { status: 'READY', summary: 'card number', language: 'en' },
      },
      {
        startedAt: '2025-01-01T00:00:00.000Z',
        recordingStatus: 'DELETED',
        recordingDuration: 12,
        recordingSummary: { status: 'REDACTED' },
      },
    ],
    [
      'PHONE_CALL',
      { from: '+1', to: '+2', recordingStatus: 'AVAILABLE', recordingUrl: '/r' },
      { from: '+1', to: '+2', recordingStatus: 'DELETED' },
    ],
  ])('wipes a %s item but keeps it: 201 with Location', async (type, content, expected) => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o);
    const item = await insertItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: conversation.id,
      type,
      content,
    });
    const res = await o.request({ method: 'POST', url: `/api/v1/conversation-items/${item.id}/redact` });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/conversation-items/${item.id}`);
    expect(res.body).toBe('');
    const read = await o.request({ method: 'GET', url: `/api/v1/conversation-items/${item.id}` });
    expect(read.statusCode).toBe(200);
    expect((read.data as { content: unknown }).content).toEqual({ type, ...expected });
    const row = await itemRow(t, o.org.id, item.id);
    expect(row?.redacted_at).toBeInstanceOf(Date);
    expect(row?.content_type).toBe(type);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('is harmless when repeated and keeps the first redaction time', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o);
    const item = await insertItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: conversation.id,
      type: 'SMS',
      content: { content: 'x' },
    });
    await o.request({ method: 'POST', url: `/api/v1/conversation-items/${item.id}/redact` });
    const first = (await itemRow(t, o.org.id, item.id))?.redacted_at;
    const again = await o.request({
      method: 'POST',
      url: `/api/v1/conversation-items/${item.id}/redact`,
      headers: { 'content-type': 'application/json' },
      body: '',
    });
    expect(again.statusCode).toBe(201);
    expect((await itemRow(t, o.org.id, item.id))?.redacted_at).toEqual(first);
  });

  it.each(['CONVERSATION_NOTE', 'CUSTOMER_ACTIVITY', 'TOPIC_CHANGE', 'FACEBOOK_MESSAGE'])(
    '400 for %s, which stays as it was',
    async (type) => {
      const o = await createTestOrg(t);
      const { customer, conversation } = await arrangeConversation(t, o);
      const item = await insertItem(t, o.org.id, {
        customerId: customer.id,
        conversationId: conversation.id,
        type,
        content: { body: 'keep me' },
      });
      const res = await o.request({ method: 'POST', url: `/api/v1/conversation-items/${item.id}/redact` });
      expect(res.statusCode).toBe(400);
      expect(res.data).toEqual({
        errors: [
          {
            code: 'invalid',
            detail: `conversation items of type [${type}] cannot be redacted; redactable types are CHAT_MESSAGE, SMS, EMAIL, TWITTER, WHATSAPP, VOICEMAIL, PHONE_CALL`,
          },
        ],
      });
      const row = await itemRow(t, o.org.id, item.id);
      expect(row?.content).toEqual({ type, body: 'keep me' });
      expect(row?.redacted_at).toBeNull();
    },
  );

  it('404 for an unknown item', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'POST', url: '/api/v1/conversation-items/nope/redact' });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'conversation item nope does not exist' }] });
  });
});
