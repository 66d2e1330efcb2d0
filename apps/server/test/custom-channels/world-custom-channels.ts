import { newId } from '../../src/lib/ids.js';
import { storeAttachments } from '../../src/modules/attachments/store-attachments.js';
import { makeConversation, makeCustomer } from '../factories.js';
import type { TTestApp } from '../helpers.js';
import { makeCustomChannel } from './custom-channel-factory.js';

export interface TCustomChannelWorld {
  customChannel: { id: string; companyAddress: string };
  /** An inbound FILES message with one stored attachment. */
  customChannelItem: { id: string };
  customChannelAttachment: { id: string };
  /** An agent's message on the channel, already announced: what a status report names. */
  customChannelReply: { id: string };
}

/** The custom channel part of the cross-cutting world: rows inserted directly, no file is fetched. */
export async function makeCustomChannelWorld(
  t: TTestApp,
  orgId: string,
  inboxId: string,
  agentId: string,
): Promise<TCustomChannelWorld> {
  const channel = await makeCustomChannel(t, orgId, { inboxId, companyAddresses: [`chat-${newId()}@acme`] });
  const customer = await makeCustomer(t, orgId, { name: 'Channel Customer' });
  const conversation = await makeConversation(t, orgId, { customerId: customer.id, inboxId, status: 'CLOSED' });
  const base = {
    customChannelId: channel.id,
    companyAddress: channel.companyAddress,
    customerAddress: `sender-${newId()}`,
    sessionId: newId(),
  };
  const files = { messageType: 'FILES', content: { files: [{ url: 'https://files.example/a.png' }] } };
  const item = { id: newId() };
  const reply = { id: newId() };
  const attachment = await t.db.transaction().execute(async (trx) => {
    for (const [id, direction, content] of [
      [item.id, 'INBOUND', files],
      [reply.id, 'OUTBOUND', { messageType: 'TEXT', content: { text: 'Hello' }, attachments: [] }],
    ] as const) {
      await trx
        .insertInto('conversation_items')
        .values({
          org_id: orgId,
          id,
          customer_id: customer.id,
          conversation_id: conversation.id,
          session_id: base.sessionId,
          occurred_at: new Date(),
          initiator_id: direction === 'INBOUND' ? customer.id : agentId,
          initiator_type: direction === 'INBOUND' ? 'CUSTOMER' : 'AGENT',
          responder_id: null,
          responder_type: null,
          content_type: 'CUSTOM_CHANNEL',
          content: JSON.stringify({ type: 'CUSTOM_CHANNEL', ...base, ...content, status: { value: 'SENT' } }),
          direction,
          delivery_status: direction === 'INBOUND' ? null : 'SENT',
          redacted_at: null,
        })
        .execute();
    }
    const [stored] = await storeAttachments(
      trx,
      orgId,
      item.id,
      [{ filename: 'a.png', contentType: 'image/png', content: Buffer.from('png') }],
      new Date(),
    );
    await trx
      .updateTable('conversation_items')
      .set({
        content: JSON.stringify({
          type: 'CUSTOM_CHANNEL',
          ...base,
          ...files,
          attachments: [stored],
          status: { value: 'SENT' },
        }),
      })
      .where('org_id', '=', orgId)
      .where('id', '=', item.id)
      .execute();
    return { id: stored?.id as string };
  });
  return {
    customChannel: { id: channel.id, companyAddress: channel.companyAddress },
    customChannelItem: item,
    customChannelAttachment: attachment,
    customChannelReply: reply,
  };
}
