import { createHash } from 'node:crypto';
import type { TTransaction } from '../../db/database.js';
import { newId } from '../../lib/ids.js';
import { insertAttachment } from './attachments.repository.js';

export interface TFileToStore {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** The attachment object of API spec 4.4: what item content lists. */
export interface TAttachmentObject {
  id: string;
  contentType: string;
  filename: string;
  fileSize: number;
}

/** Store files of an item inside the item's transaction; bytes are fetched before, never while it is open. */
export async function storeAttachments(
  trx: TTransaction,
  orgId: string,
  itemId: string,
  files: TFileToStore[],
  now: Date,
): Promise<TAttachmentObject[]> {
  const stored: TAttachmentObject[] = [];
  for (const file of files) {
    const id = newId();
    await insertAttachment(trx, {
      orgId,
      id,
      itemId,
      filename: file.filename,
      contentType: file.contentType,
      content: file.content,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      now,
    });
    stored.push({ id, contentType: file.contentType, filename: file.filename, fileSize: file.content.length });
  }
  return stored;
}
