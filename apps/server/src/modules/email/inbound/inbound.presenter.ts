import { toIso } from '../../../lib/time.js';
import type { listInboundEmails } from './inbound.repository.js';

type TInboundEmailSummaryRow = Awaited<ReturnType<typeof listInboundEmails>>[number];

/** A stored message as the web app lists it (never its raw bytes). */
export function presentInboundEmail(row: TInboundEmailSummaryRow) {
  return {
    id: row.id,
    entryPointId: row.entry_point_id,
    receivedAt: toIso(row.received_at),
    via: row.via,
    mailFrom: row.mail_from,
    rcptTo: row.rcpt_to,
    sizeBytes: Number(row.size_bytes),
    status: row.status,
    error: row.error,
    messageId: row.message_id,
    itemId: row.item_id,
    conversationId: row.conversation_id,
    processedAt: row.processed_at ? toIso(row.processed_at) : null,
  };
}
