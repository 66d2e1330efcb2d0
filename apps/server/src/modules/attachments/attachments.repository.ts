import type { TExecutor } from '../../db/database.js';

export interface TNewAttachment {
  orgId: string;
  id: string;
  itemId: string;
  filename: string;
  contentType: string;
  content: Buffer;
  sha256: string;
  now: Date;
}

export async function insertAttachment(db: TExecutor, a: TNewAttachment): Promise<void> {
  await db
    .insertInto('attachments')
    .values({
      org_id: a.orgId,
      id: a.id,
      item_id: a.itemId,
      filename: a.filename,
      content_type: a.contentType,
      size_bytes: a.content.length,
      sha256: a.sha256,
      content_id: null,
      created_at: a.now,
    })
    .execute();
  await db
    .insertInto('attachment_blobs')
    .values({ org_id: a.orgId, attachment_id: a.id, content: a.content })
    .execute();
}

export function findAttachment(db: TExecutor, orgId: string, attachmentId: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'item_id', 'filename', 'content_type', 'size_bytes', 'redacted_at'])
    .where('org_id', '=', orgId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}

export function findItemContent(db: TExecutor, orgId: string, itemId: string) {
  return db
    .selectFrom('conversation_items')
    .select(['id', 'content'])
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

export function readAttachmentContent(db: TExecutor, orgId: string, attachmentId: string) {
  return db
    .selectFrom('attachment_blobs')
    .select('content')
    .where('org_id', '=', orgId)
    .where('attachment_id', '=', attachmentId)
    .executeTakeFirst();
}
