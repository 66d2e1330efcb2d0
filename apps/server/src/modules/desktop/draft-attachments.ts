import { createHash } from 'node:crypto';
import { COMPOSER_ATTACHMENTS } from '@hearth/shared';
import { sql } from 'kysely';
import type { TAppContext } from '../../app-context.js';
import type { TExecutor, TTransaction } from '../../db/database.js';
import { AppError, badRequest } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import type { TAttachmentObject } from '../attachments/store-attachments.js';

// Composer attachments (issue 4): an agent uploads a file as a draft of their own, then sends it with a reply or a
// note; the send moves the draft into `attachments` in the item's own transaction (see 0009-draft-attachments).

/** Largest file an agent may attach; the upload route's body limit is this too. */
export const DRAFT_ATTACHMENT_MAX_BYTES: number = COMPOSER_ATTACHMENTS.maxBytes;
/** Most files on one reply or note. */
export const DRAFT_ATTACHMENTS_PER_ITEM: number = COMPOSER_ATTACHMENTS.perItem;
/** Types an agent may send: documents, images, plain data. No HTML, SVG, scripts or executables. */
export const DRAFT_ATTACHMENT_TYPES: ReadonlySet<string> = new Set(COMPOSER_ATTACHMENTS.types);

/** A safe file name: no path, no control or reserved characters, at most 200 characters, never empty. */
export function sanitizeFilename(raw: string | undefined): string {
  let name = raw ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // not percent-encoded: keep as sent
  }
  name = name.split(/[\\/]/).pop() ?? '';
  name = name
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (name.length > 200) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, 200 - ext.length) + ext;
  }
  return name || 'attachment';
}

export interface TDraftAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export async function uploadDraftAttachment(
  ctx: TAppContext,
  input: {
    orgId: string;
    userId: string;
    filename: string | undefined;
    contentType: string | undefined;
    content: Buffer;
  },
): Promise<TDraftAttachment> {
  const contentType = (input.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!DRAFT_ATTACHMENT_TYPES.has(contentType)) {
    throw new AppError(415, [
      { attr: 'contentType', code: 'invalid', detail: `files of type ${contentType || '(none)'} cannot be attached` },
    ]);
  }
  if (input.content.length > DRAFT_ATTACHMENT_MAX_BYTES) throw tooLarge();
  if (input.content.length === 0) throw badRequest('blank', 'the file is empty', 'file');
  const id = newId();
  const filename = sanitizeFilename(input.filename);
  await ctx.db
    .insertInto('draft_attachments')
    .values({
      org_id: input.orgId,
      id,
      user_id: input.userId,
      filename,
      content_type: contentType,
      size_bytes: input.content.length,
      sha256: createHash('sha256').update(input.content).digest('hex'),
      content: input.content,
      created_at: ctx.now(),
    })
    .execute();
  return { id, filename, contentType, size: input.content.length };
}

export function tooLarge(): AppError {
  return new AppError(413, [
    { attr: 'file', code: 'too_large', detail: `a file cannot be larger than ${DRAFT_ATTACHMENT_MAX_BYTES} bytes` },
  ]);
}

/** Refuses ids that are malformed, repeated or too many before any transaction opens. */
export function checkAttachmentIds(ids: readonly string[] | undefined): string[] {
  const list = ids ?? [];
  if (list.length > DRAFT_ATTACHMENTS_PER_ITEM) {
    throw badRequest('invalid', `at most ${DRAFT_ATTACHMENTS_PER_ITEM} files per message`, 'attachmentIds');
  }
  if (new Set(list).size !== list.length) throw badRequest('invalid', 'attachmentIds repeats an id', 'attachmentIds');
  return [...list];
}

/**
 * Inside the item's transaction: move the user's own drafts `ids` (of this org, not yet sent) onto `itemId`, in the
 * order given, and set the item's `content.attachments`. Any other id — unknown, someone else's, another org's,
 * already sent — refuses the whole send with 400 invalid (and rolls the item back).
 */
export async function linkDraftAttachments(
  trx: TTransaction,
  input: { orgId: string; userId: string; itemId: string; ids: readonly string[]; now: Date },
): Promise<TAttachmentObject[]> {
  if (input.ids.length === 0) return [];
  const drafts = await trx
    .deleteFrom('draft_attachments')
    .where('org_id', '=', input.orgId)
    .where('user_id', '=', input.userId)
    .where('id', 'in', [...input.ids])
    .returning(['id', 'filename', 'content_type', 'size_bytes', 'sha256', 'content'])
    .execute();
  if (drafts.length !== input.ids.length) {
    throw badRequest('invalid', 'attachmentIds must name files you uploaded and have not sent yet', 'attachmentIds');
  }
  const byId = new Map(drafts.map((d) => [d.id, d]));
  const stored: TAttachmentObject[] = [];
  for (const id of input.ids) {
    const d = byId.get(id);
    if (!d) continue;
    await trx
      .insertInto('attachments')
      .values({
        org_id: input.orgId,
        id,
        item_id: input.itemId,
        filename: d.filename,
        content_type: d.content_type,
        size_bytes: d.size_bytes,
        sha256: d.sha256,
        content_id: null,
        created_at: input.now,
      })
      .execute();
    await trx
      .insertInto('attachment_blobs')
      .values({ org_id: input.orgId, attachment_id: id, content: d.content })
      .execute();
    stored.push({ id, contentType: d.content_type, filename: d.filename, fileSize: Number(d.size_bytes) });
  }
  await trx
    .updateTable('conversation_items')
    .set({ content: sql`jsonb_set(content, '{attachments}', ${JSON.stringify(stored)}::jsonb)` })
    .where('org_id', '=', input.orgId)
    .where('id', '=', input.itemId)
    .execute();
  return stored;
}

/** Drafts live a day: a file attached and then removed (or a tab closed before sending) is not kept forever. */
export const DRAFT_ATTACHMENT_TTL_MS = 24 * 60 * 60 * 1000;

/** Delete every org's drafts older than the TTL; returns how many. Run by the per-hour sweep (desktop-workers.ts). */
export async function pruneDraftAttachments(db: TExecutor, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('draft_attachments')
    .where('created_at', '<', new Date(now.getTime() - DRAFT_ATTACHMENT_TTL_MS))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
