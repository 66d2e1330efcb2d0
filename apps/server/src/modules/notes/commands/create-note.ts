import { TEXT_LIMITS, type TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../../app-context.js';
import type { TTransaction } from '../../../db/database.js';
import { appendEvent } from '../../../events/outbox.js';
import { badRequest, notFound } from '../../../http/errors.js';
import { newId } from '../../../lib/ids.js';
import { isBlankRichContent, sanitizeRichContent } from '../../../lib/rich-content.js';
import { findConversationOfNote, insertNote, NOTE_TYPE } from '../notes.repository.js';

export interface TCreateNoteInput {
  orgId: string;
  conversationId: string;
  initiator: TInitiator;
  /** Which shape the client sent decides the attr of an error: `body` or `content.body`. */
  body: { value: string | null | undefined; attr: 'body' | 'content.body' };
  /** Runs in the note's transaction right after it is stored (the desktop links composer attachments). */
  inTransaction?: (trx: TTransaction, noteId: string) => Promise<void>;
}

/**
 * An internal note on a conversation (API spec 4.5). Notes are for agents, not the customer: they leave
 * "customer waiting" as it is and are never routed (product spec 3.2). Rich content is sanitized to the allow-list.
 */
export async function createNote(ctx: TAppContext, input: TCreateNoteInput): Promise<{ noteId: string }> {
  const { orgId, conversationId } = input;
  const { value, attr } = input.body;
  if (value != null && value.length > TEXT_LIMITS.noteBody) {
    throw badRequest('too_long', `${attr} cannot be larger than ${TEXT_LIMITS.noteBody} characters`, attr);
  }
  const body = sanitizeRichContent(value ?? '');
  if (isBlankRichContent(body)) throw badRequest('blank', `${attr} cannot be blank`, attr);
  const conversation = await findConversationOfNote(ctx.db, orgId, conversationId);
  if (!conversation) throw notFound('conversation does not exist');

  const now = ctx.now();
  const noteId = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await insertNote(trx, {
      org_id: orgId,
      id: noteId,
      customer_id: conversation.customer_id,
      conversation_id: conversationId,
      session_id: null,
      occurred_at: now,
      initiator_id: input.initiator.id,
      initiator_type: input.initiator.type,
      responder_id: null,
      responder_type: null,
      content_type: NOTE_TYPE,
      content: JSON.stringify({ type: NOTE_TYPE, body, attachments: [] }),
      direction: 'INTERNAL',
      delivery_status: null,
      redacted_at: null,
    });
    await input.inTransaction?.(trx, noteId);
    await appendEvent(trx, orgId, {
      type: 'CONVERSATION/NOTE_CREATED',
      initiator: input.initiator,
      occurredAt: now,
      content: { noteId, customerId: conversation.customer_id, conversationId },
    });
  });
  return { noteId };
}
