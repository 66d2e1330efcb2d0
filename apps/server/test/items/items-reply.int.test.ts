import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearDeliveryAdapters,
  registerDeliveryAdapter,
  type TDeliveryJob,
} from '../../src/modules/channels/delivery-registry.js';
import { registerDeliveryWorker } from '../../src/modules/channels/delivery-worker.js';
import { eventsOf } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { arrangeConversation, conversationRow, insertItem, itemRow, itemsOfOrg } from './arrange.js';

const t = useTestApp();

// Adapters are the edge of the world: these record what they were asked to send. WHATSAPP and INSTAGRAM_DIRECT
// drive the delivery tests, types no other test file registers, so no other worker process settles them.
const delivered: TDeliveryJob[] = [];
const recorder = { deliver: async (_ctx: unknown, job: TDeliveryJob) => void delivered.push(job) };

beforeAll(async () => {
  for (const type of ['SMS', 'EMAIL', 'CHAT_MESSAGE', 'FACEBOOK_MESSAGE', 'WHATSAPP']) {
    registerDeliveryAdapter(type, recorder);
  }
  registerDeliveryAdapter('INSTAGRAM_DIRECT', {
    deliver: async () => {
      throw new Error('provider said no');
    },
  });
  await registerDeliveryWorker(t.ctx);
});
afterAll(() => clearDeliveryAdapters());

async function arrangeInbound(
  o: TTestOrg,
  options: {
    type?: string;
    content?: Record<string, unknown>;
    agentId?: string | null;
    status?: 'OPEN' | 'CLOSED';
  } = {},
) {
  const arranged = await arrangeConversation(t, o, {
    customerWaiting: true,
    agentId: options.agentId ?? null,
    status: options.status,
  });
  const inbound = await insertItem(t, o.org.id, {
    customerId: arranged.customer.id,
    conversationId: arranged.conversation.id,
    type: options.type ?? 'SMS',
    content: options.content ?? { from: '+14155550100', to: '+14155550199', content: 'Where is my order?' },
  });
  return { ...arranged, inbound };
}

function reply(o: TTestOrg, itemId: string, content: unknown) {
  return o.request({ method: 'POST', url: `/api/v1/conversation-items/${itemId}/reply`, body: { content } });
}

function jobsFor(itemId: string) {
  return sql<{
    state: string;
  }>`SELECT state FROM pgboss.job WHERE name = 'channel.deliver' AND data->>'itemId' = ${itemId}`
    .execute(t.db)
    .then((r) => r.rows);
}

describe('POST /conversation-items/{itemId}/reply', () => {
  it('stores the outbound item, answers 201 with Location, assigns the API user and clears waiting', async () => {
    const o = await createTestOrg(t);
    const { inbox, customer, conversation, inbound } = await arrangeInbound(o);
    const res = await reply(o, inbound.id, { type: 'SMS', body: 'It ships today. Card 4111 1111 1111 1111' });
    expect(res.statusCode).toBe(201);
    expect(res.body).toBe('');
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/api\/v1\/conversation-items\/[A-Za-z0-9_-]{22}$/);
    const itemId = location.split('/').pop() as string;

    const read = await o.request({ method: 'GET', url: location });
    expect(read.statusCode).toBe(200);
    expect(read.data).toEqual({
      id: itemId,
      customerId: customer.id,
      conversationId: conversation.id,
      timestamp: expect.any(String),
      initiator: { id: o.apiUser.user.id, type: 'API' },
      content: {
        type: 'SMS',
        from: '+14155550199',
        to: '+14155550100',
        // Not masked server-side: Gladly masks card numbers in the browser (product spec 3.4).
        content: 'It ships today. Card 4111 1111 1111 1111',
        attachments: [],
      },
    });
    const row = await itemRow(t, o.org.id, itemId);
    expect(row).toMatchObject({ direction: 'OUTBOUND', initiator_type: 'API', initiator_id: o.apiUser.user.id });
    expect(['PENDING', 'SENT']).toContain(row?.delivery_status);
    expect(await jobsFor(itemId)).toHaveLength(1);

    const after = await conversationRow(t, o.org.id, conversation.id);
    expect(after.customer_waiting_since).toBeNull();
    expect(after.agent_id).toBe(o.apiUser.user.id);
    expect(after.status).toBe('OPEN');

    const initiator = { id: o.apiUser.user.id, type: 'API' };
    expect(await eventsOf(t, o.org.id)).toEqual([
      {
        type: 'CONVERSATION_ASSIGNEE/UPDATED',
        initiator,
        content: {
          customerId: customer.id,
          conversationId: conversation.id,
          reason: 'MESSAGE_OUTBOUND',
          assignee: { inboxId: inbox.id, agentId: o.apiUser.user.id },
          context: { assignee: { inboxId: inbox.id }, status: 'OPEN' },
        },
      },
      {
        type: 'CONTACT/MESSAGE_SENT',
        initiator,
        content: {
          channel: 'SMS',
          contactId: expect.any(String),
          conversationId: conversation.id,
          customerId: customer.id,
          messageId: itemId,
          context: { assignee: { inboxId: inbox.id, agentId: o.apiUser.user.id }, status: 'OPEN' },
        },
      },
    ]);
  });

  it('keeps the assigned agent and appends no assignee event', async () => {
    const o = await createTestOrg(t);
    const agent = await o.addUser(['AGENT']);
    const { conversation, inbound } = await arrangeInbound(o, { agentId: agent.user.id });
    const res = await reply(o, inbound.id, { type: 'SMS', body: 'On it' });
    expect(res.statusCode).toBe(201);
    expect((await conversationRow(t, o.org.id, conversation.id)).agent_id).toBe(agent.user.id);
    const events = await eventsOf(t, o.org.id);
    expect(events.map((e) => e.type)).toEqual(['CONTACT/MESSAGE_SENT']);
    expect(events[0]?.content.context).toEqual({
      assignee: { inboxId: expect.any(String), agentId: agent.user.id },
      status: 'OPEN',
    });
  });

  it('EMAIL replies on the thread with sanitized HTML and a plain-text part', async () => {
    const o = await createTestOrg(t);
    const { inbound } = await arrangeInbound(o, {
      type: 'EMAIL',
      content: { from: 'pat@x.test', to: ['help@org.test'], cc: ['boss@x.test'], subject: 'Late order', content: 'Hi' },
    });
    const res = await reply(o, inbound.id, {
      type: 'EMAIL',
      body: '<p>Sorry!</p><img src="https://x.test/a.png" onerror="alert(1)"><script>x()</script>',
    });
    expect(res.statusCode).toBe(201);
    const read = await o.request({ method: 'GET', url: res.headers.location as string });
    expect((read.data as { content: unknown }).content).toEqual({
      type: 'EMAIL',
      from: 'help@org.test',
      to: ['pat@x.test'],
      cc: ['boss@x.test'],
      bcc: [],
      subject: 'Re: Late order',
      content: 'Sorry!',
      body: '<p>Sorry!</p><img src="https://x.test/a.png" />',
      attachments: [],
    });
    const sent = (await eventsOf(t, o.org.id, ['CONTACT/MESSAGE_SENT']))[0];
    expect(sent?.content.channel).toBe('EMAIL');
  });

  it('CHAT_MESSAGE quick-reply request keeps the session and options', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o);
    const inbound = await insertItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: conversation.id,
      sessionId: 'chat-session-1',
      type: 'CHAT_MESSAGE',
      content: { messageType: 'TEXT', content: 'help', attachments: [] },
    });
    const options = [
      { id: 'yes', label: 'Yes' },
      { id: 'no_thanks-2', label: 'No thanks' },
    ];
    const res = await reply(o, inbound.id, {
      type: 'CHAT_MESSAGE',
      messageType: 'QUICK_REPLY_REQUEST',
      body: 'Did that help?',
      messageData: { options },
    });
    expect(res.statusCode).toBe(201);
    const read = await o.request({ method: 'GET', url: res.headers.location as string });
    expect(read.data).toMatchObject({
      sessionId: 'chat-session-1',
      content: {
        type: 'CHAT_MESSAGE',
        messageType: 'QUICK_REPLY_REQUEST',
        sessionId: 'chat-session-1',
        content: 'Did that help?',
        messageData: { options },
      },
    });
    const sent = (await eventsOf(t, o.org.id, ['CONTACT/MESSAGE_SENT']))[0];
    expect(sent?.content).toMatchObject({ channel: 'CHAT', contactId: 'chat-session-1' });
  });

  it('delivers through the adapter in the worker and settles SENT', async () => {
    const o = await createTestOrg(t);
    const { inbound } = await arrangeInbound(o, { type: 'WHATSAPP', content: { content: 'hi', attachments: [] } });
    const res = await reply(o, inbound.id, { type: 'WHATSAPP', body: 'Hello from Hearth' });
    expect(res.statusCode).toBe(201);
    const itemId = (res.headers.location as string).split('/').pop() as string;
    await expect
      .poll(async () => (await itemRow(t, o.org.id, itemId))?.delivery_status, { timeout: 20_000, interval: 200 })
      .toBe('SENT');
    const job = delivered.find((j) => j.itemId === itemId);
    expect(job).toMatchObject({ orgId: o.org.id, itemId, item: { content_type: 'WHATSAPP' } });
    expect(job?.item.content).toEqual({ type: 'WHATSAPP', content: 'Hello from Hearth', attachments: [] });
  });

  it('settles FAILED when the adapter throws', async () => {
    const o = await createTestOrg(t);
    const { inbound } = await arrangeInbound(o, { type: 'INSTAGRAM_DIRECT', content: { content: 'hi' } });
    const res = await reply(o, inbound.id, { type: 'INSTAGRAM_DIRECT', body: 'Hello' });
    expect(res.statusCode).toBe(201);
    const itemId = (res.headers.location as string).split('/').pop() as string;
    await expect
      .poll(async () => (await itemRow(t, o.org.id, itemId))?.delivery_status, { timeout: 20_000, interval: 200 })
      .toBe('FAILED');
  });

  it('a failure inside the transaction leaves nothing behind', async () => {
    const o = await createTestOrg(t);
    const { conversation, inbound } = await arrangeInbound(o);
    const before = await conversationRow(t, o.org.id, conversation.id);
    const send = t.ctx.jobs.send;
    t.ctx.jobs.send = async () => {
      throw new Error('queue unavailable');
    };
    try {
      const res = await reply(o, inbound.id, { type: 'SMS', body: 'x' });
      expect(res.statusCode).toBe(500);
    } finally {
      t.ctx.jobs.send = send;
    }
    expect(await itemsOfOrg(t, o.org.id)).toHaveLength(1);
    expect(await conversationRow(t, o.org.id, conversation.id)).toEqual(before);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });
});

describe('reply errors (nothing stored, no event)', () => {
  async function expectRefused(o: TTestOrg, conversationId: string) {
    expect(await itemsOfOrg(t, o.org.id)).toHaveLength(1);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
    const conversation = await conversationRow(t, o.org.id, conversationId);
    expect(conversation.agent_id).toBeNull();
    expect(conversation.customer_waiting_since).not.toBeNull();
  }

  it.each([
    ['no content', undefined, { code: 'blank', attr: 'content.type', detail: 'content.type cannot be blank' }],
    ['no type', { body: 'x' }, { code: 'blank', attr: 'content.type', detail: 'content.type cannot be blank' }],
    ['VOICEMAIL', { type: 'VOICEMAIL', body: 'x' }, { code: 'invalid', detail: 'type [VOICEMAIL] is not supported' }],
    ['no body', { type: 'SMS' }, { code: 'blank', attr: 'content.body', detail: 'content.body cannot be blank' }],
    [
      'a body of 2049',
      { type: 'SMS', body: 'x'.repeat(2049) },
      { code: 'too_long', attr: 'content.body', detail: 'content.body cannot be larger than 2048 characters' },
    ],
    [
      'a type other than the channel',
      { type: 'EMAIL', body: 'x' },
      { code: 'invalid', attr: 'content.type', detail: 'a reply to a [SMS] item must have type [SMS]' },
    ],
  ])('400 for %s', async (_name, content, error) => {
    const o = await createTestOrg(t);
    const { conversation, inbound } = await arrangeInbound(o);
    const res = await o.request({
      method: 'POST',
      url: `/api/v1/conversation-items/${inbound.id}/reply`,
      body: content === undefined ? {} : { content },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({ errors: [error] });
    await expectRefused(o, conversation.id);
  });

  it.each([
    ['no options', undefined, 'blank'],
    ['11 options', Array.from({ length: 11 }, (_, i) => ({ id: `o${i}`, label: 'x' })), 'invalid'],
    ['a bad option id', [{ id: 'no spaces', label: 'x' }], 'invalid'],
    ['a label of 51', [{ id: 'a', label: 'x'.repeat(51) }], 'too_long'],
    [
      'duplicate ids',
      [
        { id: 'a', label: 'x' },
        { id: 'a', label: 'y' },
      ],
      'invalid',
    ],
  ])('400 for a quick-reply request with %s', async (_name, options, code) => {
    const o = await createTestOrg(t);
    const { conversation, inbound } = await arrangeInbound(o, {
      type: 'CHAT_MESSAGE',
      content: { messageType: 'TEXT', content: 'hi' },
    });
    const res = await reply(o, inbound.id, {
      type: 'CHAT_MESSAGE',
      messageType: 'QUICK_REPLY_REQUEST',
      body: 'Pick',
      ...(options ? { messageData: { options } } : {}),
    });
    expect(res.statusCode).toBe(400);
    expect((res.data as { errors: { code: string; attr: string }[] }).errors[0]).toMatchObject({
      code,
      attr: expect.stringMatching(/^content\.messageData\.options/),
    });
    await expectRefused(o, conversation.id);
  });

  it('400 in a closed conversation', async () => {
    const o = await createTestOrg(t);
    const { conversation, inbound } = await arrangeInbound(o, { status: 'CLOSED' });
    const res = await reply(o, inbound.id, { type: 'SMS', body: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [{ code: 'invalid', detail: 'you cannot reply to items in closed conversations' }],
    });
    await expectRefused(o, conversation.id);
  });

  it('400 for items that are not customer messages', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o, { customerWaiting: true });
    const base = { customerId: customer.id, conversationId: conversation.id };
    const outbound = await insertItem(t, o.org.id, {
      ...base,
      type: 'SMS',
      direction: 'OUTBOUND',
      initiator: { id: o.apiUser.user.id, type: 'API' },
    });
    const note = await insertItem(t, o.org.id, {
      ...base,
      type: 'CONVERSATION_NOTE',
      direction: 'INTERNAL',
      initiator: { id: o.apiUser.user.id, type: 'API' },
    });
    for (const item of [outbound, note]) {
      const res = await reply(o, item.id, { type: 'SMS', body: 'x' });
      expect(res.statusCode).toBe(400);
      expect(res.data).toEqual({ errors: [{ code: 'invalid', detail: 'you can only reply to customer messages' }] });
    }
    expect(await itemsOfOrg(t, o.org.id)).toHaveLength(2);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('400 for a customer message outside any conversation', async () => {
    const o = await createTestOrg(t);
    const { customer } = await arrangeConversation(t, o);
    const loose = await insertItem(t, o.org.id, { customerId: customer.id, type: 'SMS' });
    const res = await reply(o, loose.id, { type: 'SMS', body: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [{ code: 'invalid', detail: 'you cannot reply to items outside a conversation' }],
    });
  });

  it('400 when no delivery adapter serves the channel, storing nothing', async () => {
    const o = await createTestOrg(t);
    const { conversation, inbound } = await arrangeInbound(o, { type: 'TWITTER', content: { content: 'hi' } });
    const res = await reply(o, inbound.id, { type: 'TWITTER', body: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [
        {
          code: 'invalid',
          attr: 'content.type',
          detail: 'replies on the TWITTER channel are not available yet: no delivery adapter is configured',
        },
      ],
    });
    await expectRefused(o, conversation.id);
  });

  it('404 for an unknown item', async () => {
    const o = await createTestOrg(t);
    const res = await reply(o, 'nope', { type: 'SMS', body: 'x' });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'conversation item nope does not exist' }] });
  });
});
