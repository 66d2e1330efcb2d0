import { createHash } from 'node:crypto';
import type { TTransaction } from '../../../../db/database.js';
import { newId } from '../../../../lib/ids.js';
import { recordInboundMessageIn } from '../../../conversations/commands/record-inbound-message.js';
import { normalizeEmail } from '../../../customers/contact-normalization.js';
import { insertAttachment, settleInboundEmail } from '../inbound.repository.js';
import { derivedMessageId } from '../message-id.js';

/**
 * A message that could not be read is never dropped: it stays in inbound_emails as UNPARSEABLE (listed by
 * GET /api/internal/email/inbound?status=UNPARSEABLE) and, when the envelope names a sender, it also appears in
 * that customer's timeline as an EMAIL item marked `unparseable`, with the original attached as `original.eml`,
 * so an agent sees it and can open it.
 */
export async function recordUnparseableEmail(
  trx: TTransaction,
  input: {
    row: { org_id: string; id: string; entry_point_id: string; mail_from: string; rcpt_to: string[]; raw: Buffer };
    error: string;
    now: Date;
  },
): Promise<void> {
  const { row, error, now } = input;
  const sender = normalizeEmail(row.mail_from);
  const inbox = await trx
    .selectFrom('email_entry_points')
    .select(['inbox_id', 'address', 'sla_minutes'])
    .where('org_id', '=', row.org_id)
    .where('id', '=', row.entry_point_id)
    .executeTakeFirst();
  const messageId = derivedMessageId(row.raw);
  if (!sender || !inbox) {
    await settleInboundEmail(trx, row.org_id, row.id, { status: 'UNPARSEABLE', messageId, error, now });
    return;
  }
  const itemId = newId();
  const attachmentId = newId();
  const result = await recordInboundMessageIn(trx, {
    orgId: row.org_id,
    inboxId: inbox.inbox_id,
    contact: { emailAddress: sender.normalized },
    channel: 'EMAIL',
    item: {
      id: itemId,
      contentType: 'EMAIL',
      content: {
        from: sender.normalized,
        to: row.rcpt_to,
        cc: [],
        bcc: [],
        subject: '(unreadable email)',
        content: `Hearth could not read this email (${error}). The original message is attached.`,
        attachments: [
          { id: attachmentId, contentType: 'message/rfc822', filename: 'original.eml', fileSize: row.raw.length },
        ],
        unparseable: true,
      },
    },
    now,
    entryPoint: { identifier: inbox.address, slaMinutes: inbox.sla_minutes },
  });
  await insertAttachment(trx, {
    orgId: row.org_id,
    id: attachmentId,
    itemId,
    filename: 'original.eml',
    contentType: 'message/rfc822',
    content: row.raw,
    sha256: createHash('sha256').update(row.raw).digest('hex'),
    contentId: null,
    inline: false,
  });
  await settleInboundEmail(trx, row.org_id, row.id, {
    status: 'UNPARSEABLE',
    messageId,
    error,
    itemId,
    conversationId: result.conversationId,
    now,
  });
}
