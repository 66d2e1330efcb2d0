import { describe, expect, it } from 'vitest';
import { deliverItem } from '../../src/modules/channels/delivery-worker.js';
import { eventsOf } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { makeCustomChannel } from './custom-channel-factory.js';

const t = useTestApp();

async function inboundMessage(o: TTestOrg, body: Record<string, unknown> = {}) {
  const channel = await makeCustomChannel(t, o.org.id);
  const res = await o.request({
    method: 'POST',
    url: `/api/v1/communications/custom-channels/${channel.id}/messages`,
    body: {
      sender: { address: 'user-7' },
      to: 'support@acme-chat',
      type: 'TEXT',
      content: { text: 'Hi' },
      ...body,
    },
  });
  const item = (await o.request({ method: 'GET', url: res.headers.location as string })).data as {
    id: string;
    customerId: string;
    conversationId: string;
    sessionId: string;
  };
  return { channel, item };
}

function putStatus(o: TTestOrg, channelId: string, messageId: string, body: unknown) {
  return o.request({
    method: 'PUT',
    url: `/api/v1/communications/custom-channels/${channelId}/messages/${messageId}/status`,
    body,
  });
}

describe('replies on a custom channel', () => {
  it('POST …/reply stores the message; delivery announces CUSTOM_CHANNEL/MESSAGE_SENT once and marks it SENT', async () => {
    const o = await createTestOrg(t);
    const { channel, item } = await inboundMessage(o, { groupId: 'g9', groupName: 'Returns' });
    const res = await o.request({
      method: 'POST',
      url: `/api/v1/conversation-items/${item.id}/reply`,
      body: { content: { type: 'CUSTOM_CHANNEL', body: 'Your parcel left today.' } },
    });
    expect(res.statusCode).toBe(201);
    const replyId = (res.headers.location as string).split('/').pop() as string;
    const expectedContent = {
      type: 'CUSTOM_CHANNEL',
      customChannelId: channel.id,
      companyAddress: 'support@acme-chat',
      customerAddress: 'user-7',
      sessionId: item.sessionId,
      groupId: 'g9',
      groupName: 'Returns',
      messageType: 'TEXT',
      content: { text: 'Your parcel left today.' },
      attachments: [],
    };

    // Twice: a retried job must not announce the message again.
    await deliverItem(t.ctx, { orgId: o.org.id, itemId: replyId });
    await deliverItem(t.ctx, { orgId: o.org.id, itemId: replyId });

    const read = await o.request({ method: 'GET', url: `/api/v1/conversation-items/${replyId}` });
    expect(read.data).toEqual({
      id: replyId,
      customerId: item.customerId,
      conversationId: item.conversationId,
      sessionId: item.sessionId,
      timestamp: expect.any(String),
      initiator: { id: o.apiUser.user.id, type: 'API' },
      content: { ...expectedContent, status: { value: 'SENT' } },
    });
    const sent = await eventsOf(t, o.org.id, ['CUSTOM_CHANNEL/MESSAGE_SENT']);
    expect(sent).toEqual([
      {
        type: 'CUSTOM_CHANNEL/MESSAGE_SENT',
        initiator: { id: o.apiUser.user.id, type: 'API' },
        content: {
          customChannelId: channel.id,
          companyAddress: 'support@acme-chat',
          customerAddress: 'user-7',
          conversationId: item.conversationId,
          customerId: item.customerId,
          groupId: 'g9',
          groupName: 'Returns',
          sessionId: item.sessionId,
          messageId: replyId,
          type: 'TEXT',
          content: { text: 'Your parcel left today.' },
        },
      },
    ]);
    expect((await eventsOf(t, o.org.id, ['CONTACT/MESSAGE_SENT']))[0]?.content).toMatchObject({
      channel: 'CUSTOM_CHANNEL',
      messageId: replyId,
    });
  });

  it('a reply of another type is refused with the type the item needs', async () => {
    const o = await createTestOrg(t);
    const { item } = await inboundMessage(o);
    const res = await o.request({
      method: 'POST',
      url: `/api/v1/conversation-items/${item.id}/reply`,
      body: { content: { type: 'SMS', body: 'x' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [
        {
          attr: 'content.type',
          code: 'invalid',
          detail: 'a reply to a [CUSTOM_CHANNEL] item must have type [CUSTOM_CHANNEL]',
        },
      ],
    });
  });
});

describe('PUT /communications/custom-channels/{id}/messages/{messageId}/status', () => {
  async function sentReply(o: TTestOrg) {
    const { channel, item } = await inboundMessage(o);
    const res = await o.request({
      method: 'POST',
      url: `/api/v1/conversation-items/${item.id}/reply`,
      body: { content: { type: 'CUSTOM_CHANNEL', body: 'Hello' } },
    });
    const replyId = (res.headers.location as string).split('/').pop() as string;
    await deliverItem(t.ctx, { orgId: o.org.id, itemId: replyId });
    return { channel, item, replyId };
  }

  it('records each reported status on the message; GET shows the latest', async () => {
    const o = await createTestOrg(t);
    const { channel, replyId } = await sentReply(o);
    const eventsBefore = await eventsOf(t, o.org.id);
    for (const value of ['ACCEPTED', 'DELIVERED', 'READ']) {
      const res = await putStatus(o, channel.id, replyId, { value });
      expect(res.statusCode).toBe(200);
      expect(res.data).toEqual({ messageId: replyId, customChannelId: channel.id, status: { value } });
    }
    const failed = await putStatus(o, channel.id, replyId, { value: 'FAILED', details: 'user blocked the bot' });
    expect(failed.data).toEqual({
      messageId: replyId,
      customChannelId: channel.id,
      status: { value: 'FAILED', details: 'user blocked the bot' },
    });
    const read = (await o.request({ method: 'GET', url: `/api/v1/conversation-items/${replyId}` })).data as {
      content: { status: unknown };
    };
    expect(read.content.status).toEqual({ value: 'FAILED', details: 'user blocked the bot' });
    const row = await t.db
      .selectFrom('conversation_items')
      .select('delivery_status')
      .where('org_id', '=', o.org.id)
      .where('id', '=', replyId)
      .executeTakeFirstOrThrow();
    expect(row.delivery_status).toBe('FAILED');
    expect(await eventsOf(t, o.org.id)).toEqual(eventsBefore);
  });

  it('400 for a missing or unknown value; 404 for an unknown channel, message, or a customer message', async () => {
    const o = await createTestOrg(t);
    const { channel, item, replyId } = await sentReply(o);
    const blank = await putStatus(o, channel.id, replyId, {});
    expect(blank.statusCode).toBe(400);
    expect(blank.data).toEqual({ errors: [{ attr: 'value', code: 'blank', detail: 'value cannot be blank' }] });
    const invalid = await putStatus(o, channel.id, replyId, { value: 'SENT' });
    expect(invalid.statusCode).toBe(400);
    expect((invalid.data as { errors: unknown[] }).errors[0]).toMatchObject({ attr: 'value', code: 'invalid' });

    const unknownChannel = await putStatus(o, 'nope', replyId, { value: 'READ' });
    expect(unknownChannel.statusCode).toBe(404);
    expect(unknownChannel.data).toEqual({
      errors: [{ code: 'not_exist', detail: 'custom channel nope does not exist' }],
    });
    for (const messageId of ['nope', item.id]) {
      const res = await putStatus(o, channel.id, messageId, { value: 'READ' });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: `message ${messageId} does not exist` }] });
    }
    // Another channel of the org does not own the message.
    const otherChannel = await makeCustomChannel(t, o.org.id);
    expect((await putStatus(o, otherChannel.id, replyId, { value: 'READ' })).statusCode).toBe(404);
    const read = (await o.request({ method: 'GET', url: `/api/v1/conversation-items/${replyId}` })).data as {
      content: { status: unknown };
    };
    expect(read.content.status).toEqual({ value: 'SENT' });
  });
});
