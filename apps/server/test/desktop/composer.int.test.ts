import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearDeliveryAdapters,
  registerDeliveryAdapter,
  type TDeliveryJob,
} from '../../src/modules/channels/delivery-registry.js';
import { makeConversation, makeCustomer, makeInbox } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { signIn } from '../internal/session-helpers.js';
import { makeItem } from './desktop-helpers.js';

const t = useTestApp();

// The adapters only record; no delivery worker runs in this file, so replies stay queued (PENDING).
const delivered: TDeliveryJob[] = [];
const recorder = { deliver: async (_ctx: unknown, job: TDeliveryJob) => void delivered.push(job) };

beforeAll(() => {
  for (const type of ['SMS', 'EMAIL']) registerDeliveryAdapter(type, recorder);
});
afterAll(() => clearDeliveryAdapters());

let arranged = 0;

async function arrange(o: TTestOrg, options: { status?: 'OPEN' | 'CLOSED'; withEmail?: boolean } = {}) {
  const agent = await signIn(t, o, ['AGENT'], 'Avery Agent');
  const inbox = await makeInbox(t, o.org.id, { memberIds: [agent.user.id] });
  arranged += 1;
  const email = `kim${arranged}@example.com`;
  const customer = await makeCustomer(t, o.org.id, { email, mobile: `+1415555${String(arranged).padStart(4, '0')}` });
  const conversation = await makeConversation(t, o.org.id, {
    customerId: customer.id,
    inboxId: inbox.id,
    status: options.status ?? 'OPEN',
  });
  if (options.withEmail !== false) {
    await makeItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: conversation.id,
      contentType: 'EMAIL',
      content: { subject: 'Broken kettle', content: 'It broke', from: email, to: ['help@shop.example'] },
      at: new Date(Date.now() - 60_000),
    });
  }
  await makeItem(t, o.org.id, {
    customerId: customer.id,
    conversationId: conversation.id,
    contentType: 'SMS',
    content: { content: 'Any news?', from: '+14155550123', to: '+14155550199' },
    at: new Date(Date.now() - 1000),
  });
  return { agent, inbox, customer, conversation, email };
}

type TAgent = Awaited<ReturnType<typeof arrange>>['agent'];

const send = (agent: TAgent, conversationId: string, body: unknown, options: { noCsrfHeader?: boolean } = {}) =>
  agent.request({
    method: 'POST',
    url: `/api/internal/conversations/${conversationId}/messages`,
    body,
    ...options,
  });

async function itemOf(orgId: string, itemId: string) {
  return t.db
    .selectFrom('conversation_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .executeTakeFirstOrThrow();
}

describe('POST /api/internal/conversations/:conversationId/messages', () => {
  it('replies on the channel the customer used last, as the agent, and the reply shows on the timeline', async () => {
    const o = await createTestOrg(t);
    const { agent, customer, conversation } = await arrange(o);
    const res = await send(agent, conversation.id, { body: 'We are on it' });
    expect(res.statusCode).toBe(201);
    const { itemId } = res.data as { itemId: string };
    const item = await itemOf(o.org.id, itemId);
    expect(item).toMatchObject({
      conversation_id: conversation.id,
      content_type: 'SMS',
      direction: 'OUTBOUND',
      initiator_id: agent.user.id,
      initiator_type: 'AGENT',
      delivery_status: 'PENDING',
    });
    expect(item.content).toMatchObject({ content: 'We are on it', to: '+14155550123', from: '+14155550199' });

    const timeline = await agent.request({ method: 'GET', url: `/api/internal/customers/${customer.id}/timeline` });
    const items = (timeline.data as { items: { id: string; initiator: { id: string; type: string } }[] }).items;
    expect(items[items.length - 1]).toMatchObject({ id: itemId, initiator: { id: agent.user.id, type: 'AGENT' } });
    // A reply to an unassigned conversation makes it the replier's (the reply command's rule).
    const row = await t.db
      .selectFrom('conversations')
      .select('agent_id')
      .where('org_id', '=', o.org.id)
      .where('id', '=', conversation.id)
      .executeTakeFirstOrThrow();
    expect(row.agent_id).toBe(agent.user.id);
  });

  it('replies by email when asked, with the text as HTML (line breaks kept) and as the text part', async () => {
    const o = await createTestOrg(t);
    const { agent, conversation, email } = await arrange(o);
    const res = await send(agent, conversation.id, { channel: 'EMAIL', body: 'Hello Kim,\n<b>we</b> ship today' });
    expect(res.statusCode).toBe(201);
    const item = await itemOf(o.org.id, (res.data as { itemId: string }).itemId);
    expect(item.content_type).toBe('EMAIL');
    expect(item.initiator_type).toBe('AGENT');
    expect(item.content).toMatchObject({
      subject: 'Re: Broken kettle',
      to: [email],
      content: 'Hello Kim,\n<b>we</b> ship today',
      body: 'Hello Kim,<br />&lt;b&gt;we&lt;/b&gt; ship today',
    });
  });

  it('refuses channels with nothing to answer, closed conversations, bad bodies and non-members', async () => {
    const o = await createTestOrg(t);
    const { agent, conversation } = await arrange(o, { withEmail: false });
    const noEmail = await send(agent, conversation.id, { channel: 'EMAIL', body: 'Hi' });
    expect(noEmail.statusCode).toBe(400);
    expect((noEmail.data as { errors: { attr: string; detail: string }[] }).errors[0]).toMatchObject({
      attr: 'channel',
      detail:
        'this conversation has no email from the customer to reply to; send a new email from the customer profile',
    });
    const noChat = await send(agent, conversation.id, { channel: 'CHAT', body: 'Hi' });
    expect(noChat.statusCode).toBe(400);
    const unknown = await send(agent, conversation.id, { channel: 'PIGEON', body: 'Hi' });
    expect(unknown.statusCode).toBe(400);
    expect((await send(agent, conversation.id, { body: '' })).statusCode).toBe(400);
    expect((await send(agent, conversation.id, { body: 'x'.repeat(2049) })).statusCode).toBe(400);
    expect((await send(agent, conversation.id, { body: 'x'.repeat(2048) })).statusCode).toBe(201);
    expect((await send(agent, conversation.id, { body: 'Hi' }, { noCsrfHeader: true })).statusCode).toBe(403);
    expect((await send(agent, 'no-such-conversation', { body: 'Hi' })).statusCode).toBe(404);

    const outsider = await signIn(t, o, ['AGENT']);
    expect((await send(outsider, conversation.id, { body: 'Hi' })).statusCode).toBe(403);

    const closed = await arrange(o, { status: 'CLOSED' });
    const res = await send(closed.agent, closed.conversation.id, { body: 'Hi' });
    expect(res.statusCode).toBe(400);

    const elsewhere = await createTestOrg(t);
    const theirs = await arrange(elsewhere);
    expect((await send(agent, theirs.conversation.id, { body: 'Hi' })).statusCode).toBe(404);
  });
});
