import type { TExecutor } from '../../db/database.js';
import { badRequest, notFound } from '../../http/errors.js';
import { findAttachment, findItemContent, readAttachmentContent } from './attachments.repository.js';

/**
 * The attachment of an item, as API spec 4.4 reports failures: unknown item → 404, an item whose content lists no
 * attachments → 400, an attachment that is not that item's (or was redacted) → 404.
 */
export async function getItemAttachment(db: TExecutor, orgId: string, itemId: string, attachmentId: string) {
  const item = await findItemContent(db, orgId, itemId);
  if (!item) throw notFound(`conversation item ${itemId} does not exist`);
  const listed = (item.content as { attachments?: unknown }).attachments;
  if (!Array.isArray(listed) || listed.length === 0) {
    throw badRequest('invalid', 'conversation item content does not contain attachments');
  }
  const attachment = await findAttachment(db, orgId, attachmentId);
  if (!attachment || attachment.item_id !== itemId || attachment.redacted_at) {
    throw notFound(`attachment ${attachmentId} does not exist`);
  }
  return attachment;
}

/** The bytes and headers of a stored file, or undefined when it is gone (or redacted). */
export async function loadAttachmentFile(db: TExecutor, orgId: string, attachmentId: string) {
  const attachment = await findAttachment(db, orgId, attachmentId);
  if (!attachment || attachment.redacted_at) return undefined;
  const blob = await readAttachmentContent(db, orgId, attachmentId);
  if (!blob) return undefined;
  return { filename: attachment.filename, contentType: attachment.content_type, content: blob.content };
}
