import { newId } from '../../src/lib/ids.js';
import { makeCustomChannel } from '../custom-channels/custom-channel-factory.js';
import { processPending } from '../email/inbound/arrange.js';
import { eventsOf, makeInbox } from '../factories.js';
import type { TTestApp, TTestOrg } from '../helpers.js';

// The contacts tests' world: inbound messages come in through the real channel paths (custom channel HTTP API, the
// email HTTP intake + its processing job), replies through the public reply API.

export interface TInbound {
  id: string;
  customerId: string;
  conversationId: string;
}

export async function arrangeContactsWorld(t: TTestApp, o: TTestOrg, options: { slaMinutes?: number } = {}) {
  const agent = await o.addUser(['AGENT'], { name: 'Alex Agent' });
  const inbox = await makeInbox(t, o.org.id, {
    slaMinutes: options.slaMinutes ?? 60,
    memberIds: [agent.user.id, o.apiUser.user.id],
  });
  const channel = await makeCustomChannel(t, o.org.id, { inboxId: inbox.id });
  return { agent, inbox, channel };
}

/** A customer's custom-channel message; `email` links the sender to that profile. */
export async function chatMessage(
  o: TTestOrg,
  channelId: string,
  options: { sender?: string; text?: string; email?: string } = {},
): Promise<TInbound> {
  const res = await o.request({
    method: 'POST',
    url: `/api/v1/communications/custom-channels/${channelId}/messages`,
    body: {
      sender: {
        address: options.sender ?? 'user-1@acme-chat',
        ...(options.email ? { profileIdentifier: { type: 'EMAIL', address: options.email } } : {}),
      },
      to: 'support@acme-chat',
      type: 'TEXT',
      content: { text: options.text ?? 'Hello?' },
    },
  });
  if (res.statusCode !== 201) throw new Error(`custom channel message: ${res.statusCode} ${res.body}`);
  const read = await o.request({ method: 'GET', url: res.headers.location as string });
  return read.data as TInbound;
}

/** An email entry point with an HTTP intake secret, optionally with its own SLA. */
export async function makeEmailEntryPoint(
  t: TTestApp,
  o: TTestOrg,
  inboxId: string,
  options: { slaMinutes?: number | null } = {},
) {
  const id = newId();
  const secret = `secret-${newId()}`;
  const { createHash } = await import('node:crypto');
  const address = `support@${o.org.slug}.example`;
  await t.db
    .insertInto('email_entry_points')
    .values({
      org_id: o.org.id,
      id,
      address,
      kind: 'ADDRESS',
      inbox_id: inboxId,
      sla_minutes: options.slaMinutes ?? null,
      inbound_secret_hash: createHash('sha256').update(secret).digest('hex'),
    })
    .execute();
  return { id, address, secret };
}

/** A customer's email through the HTTP intake, processed as the worker would. */
export async function emailMessage(
  t: TTestApp,
  o: TTestOrg,
  entryPoint: { id: string; address: string; secret: string },
  options: { from?: string; subject?: string; inReplyTo?: string; headers?: string[] } = {},
): Promise<TInbound & { messageId: string }> {
  const messageId = `${newId().replace(/[^A-Za-z0-9]/g, 'x')}@mail.customer.example`;
  const raw = [
    `From: Pat <${options.from ?? 'pat@customer.example'}>`,
    `To: ${entryPoint.address}`,
    `Subject: ${options.subject ?? 'Where is my order?'}`,
    `Message-ID: <${messageId}>`,
    ...(options.inReplyTo ? [`In-Reply-To: <${options.inReplyTo}>`] : []),
    ...(options.headers ?? []),
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'It has not arrived.',
    '',
  ].join('\r\n');
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/email/inbound/${entryPoint.id}`,
    payload: Buffer.from(raw),
    headers: { 'content-type': 'message/rfc822', 'x-hearth-inbound-secret': entryPoint.secret },
  });
  if (res.statusCode !== 202) throw new Error(`email intake: ${res.statusCode} ${res.body}`);
  await processPending(t, o.org.id);
  const row = await t.db
    .selectFrom('inbound_emails')
    .select(['item_id', 'conversation_id', 'status'])
    .where('org_id', '=', o.org.id)
    .where('message_id', '=', messageId)
    .executeTakeFirstOrThrow();
  const item = await t.db
    .selectFrom('conversation_items')
    .select(['id', 'customer_id', 'conversation_id'])
    .where('org_id', '=', o.org.id)
    .where('id', '=', row.item_id as string)
    .executeTakeFirstOrThrow();
  return {
    id: item.id,
    customerId: item.customer_id,
    conversationId: item.conversation_id as string,
    messageId,
  };
}

export function reply(o: TTestOrg, itemId: string, content: Record<string, unknown>) {
  return o.request({ method: 'POST', url: `/api/v1/conversation-items/${itemId}/reply`, body: { content } });
}

export function contactsOf(t: TTestApp, orgId: string, conversationId: string) {
  return t.db
    .selectFrom('contacts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('conversation_id', '=', conversationId)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
}

export function conversationRow(t: TTestApp, orgId: string, conversationId: string) {
  return t.db
    .selectFrom('conversations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .executeTakeFirstOrThrow();
}

/** CONTACT/* and CONVERSATION_ASSIGNEE/UPDATED events of a conversation, oldest first. */
export async function routingEvents(t: TTestApp, orgId: string, conversationId: string) {
  return (await eventsOf(t, orgId)).filter(
    (e) =>
      (e.type.startsWith('CONTACT/') || e.type === 'CONVERSATION_ASSIGNEE/UPDATED') &&
      (e.content as { conversationId?: string }).conversationId === conversationId,
  );
}

export const MINUTE = 60_000;
