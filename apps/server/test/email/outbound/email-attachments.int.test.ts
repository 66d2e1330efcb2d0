import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/ids.js';
import { deliverItem } from '../../../src/modules/channels/delivery-worker.js';
import { registerEmailDelivery } from '../../../src/modules/email/outbound/email-delivery-adapter.js';
import { createTestOrg, useTestApp } from '../../helpers.js';
import {
  arrangeEmailSetup,
  arrangeInboundEmail,
  header,
  startSmtpSink,
  TEST_SECRET_KEY,
  type TSmtpSink,
} from './outbound-helpers.js';

const t = useTestApp({ HEARTH_SECRET_KEY: TEST_SECRET_KEY });

// The job handler called directly (no queue): the outbound item and its files are in place before it runs.

let sink: TSmtpSink;
beforeAll(async () => {
  registerEmailDelivery();
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

async function addAttachment(
  orgId: string,
  itemId: string,
  file: { filename: string; contentType: string; content: Buffer; contentId?: string; redacted?: boolean },
) {
  const id = newId();
  await t.db
    .insertInto('attachments')
    .values({
      org_id: orgId,
      id,
      item_id: itemId,
      filename: file.filename,
      content_type: file.contentType,
      size_bytes: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content_id: file.contentId ?? null,
      inline: file.contentId !== undefined,
      redacted_at: file.redacted ? new Date() : null,
    })
    .execute();
  await t.db
    .insertInto('attachment_blobs')
    .values({ org_id: orgId, attachment_id: id, content: file.content })
    .execute();
}

describe('attachments of an outbound email', () => {
  it('are sent as files, inline images keep their Content-ID, redacted files are left out', async () => {
    const o = await createTestOrg(t);
    const setup = await arrangeEmailSetup(t, o, sink);
    const thread = await arrangeInboundEmail(t, o, setup);
    const itemId = newId();
    await t.db
      .insertInto('conversation_items')
      .values({
        org_id: o.org.id,
        id: itemId,
        customer_id: thread.customer.id,
        conversation_id: thread.conversation.id,
        session_id: null,
        occurred_at: new Date(),
        initiator_id: o.apiUser.user.id,
        initiator_type: 'API',
        responder_id: null,
        responder_type: null,
        content_type: 'EMAIL',
        content: JSON.stringify({
          type: 'EMAIL',
          to: [thread.customerEmail],
          cc: [],
          bcc: [],
          subject: 'Re: Where is my order?',
          content: 'See the label.',
          body: '<p>See the label.</p><img src="cid:logo@hearth">',
          attachments: [],
        }),
        direction: 'OUTBOUND',
        delivery_status: 'PENDING',
        redacted_at: null,
      })
      .execute();
    const pdf = Buffer.from('%PDF-1.4 shipping label');
    await addAttachment(o.org.id, itemId, { filename: 'label.pdf', contentType: 'application/pdf', content: pdf });
    await addAttachment(o.org.id, itemId, {
      filename: 'logo.png',
      contentType: 'image/png',
      content: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      contentId: 'logo@hearth',
    });
    await addAttachment(o.org.id, itemId, {
      filename: 'card.jpg',
      contentType: 'image/jpeg',
      content: Buffer.from('card number photo'),
      redacted: true,
    });

    await deliverItem(t.ctx, { orgId: o.org.id, itemId, replyToItemId: thread.itemId });

    const row = await t.db
      .selectFrom('email_message_ids')
      .select('message_id')
      .where('org_id', '=', o.org.id)
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow();
    const raw = sink.received.find((m) => header(m.raw, 'Message-ID') === `<${row.message_id}>`)?.raw as string;
    expect(header(raw, 'Content-Type')).toMatch(/^multipart\/mixed/);
    expect(raw).toContain('Content-Type: application/pdf; name=label.pdf');
    expect(raw).toContain('Content-Disposition: attachment; filename=label.pdf');
    expect(raw).toContain(pdf.toString('base64'));
    expect(raw).toContain('Content-ID: <logo@hearth>');
    expect(raw).toContain('Content-Disposition: inline; filename=logo.png');
    expect(raw).not.toContain('card.jpg');
    expect(raw).not.toContain(Buffer.from('card number photo').toString('base64'));
    expect(header(raw, 'In-Reply-To')).toBe(`<${thread.messageId}>`);
    const item = await t.db
      .selectFrom('conversation_items')
      .select('delivery_status')
      .where('org_id', '=', o.org.id)
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(item.delivery_status).toBe('SENT');
  });
});
