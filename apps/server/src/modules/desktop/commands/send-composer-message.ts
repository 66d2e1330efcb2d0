import type { TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../../app-context.js';
import { badRequest, forbidden, notFound } from '../../../http/errors.js';
import type { TPrincipal } from '../../../http/request-context.js';
import { findConversationRow } from '../../conversations/conversations.queries.js';
import { replyToItem } from '../../items/commands/reply-to-item.js';
import { REPLY_TYPES } from '../../items/item-types.js';
import { findNewestInboundInConversation } from '../customer-timeline.repository.js';
import { isInboxMember } from '../desktop.repository.js';
import { seesAllInboxes, TYPE_OF_CHANNEL } from '../desktop-reads.js';
import { checkAttachmentIds, linkDraftAttachments } from '../draft-attachments.js';
import { textToHtml } from '../timeline-html.js';

export interface TSendComposerMessageInput {
  orgId: string;
  conversationId: string;
  principal: TPrincipal;
  initiator: TInitiator;
  channel?: string;
  body: string;
  /** Drafts the agent uploaded (POST /api/internal/attachments); only email replies carry files. */
  attachmentIds?: string[];
}

/**
 * The desktop composer's Send: the agent answers the customer in this conversation on `channel` (by default the
 * channel of the customer's newest message in it). It is the reply command of the public API (items/commands/
 * reply-to-item.ts) aimed at the newest customer message of that channel, so delivery, assignment of an unassigned
 * conversation, events and limits are the API's. The composer sends plain text; an email gets it as HTML with its
 * line breaks kept and as the text part unchanged.
 */
export async function sendComposerMessage(
  ctx: TAppContext,
  input: TSendComposerMessageInput,
): Promise<{ itemId: string }> {
  const { orgId } = input;
  const conversation = await findConversationRow(ctx.db, orgId, input.conversationId);
  if (!conversation) throw notFound(`conversation ${input.conversationId} does not exist`);
  const mayAct =
    seesAllInboxes(input.principal) ||
    conversation.agent_id === input.principal.userId ||
    (await isInboxMember(ctx.db, orgId, conversation.inbox_id, input.principal.userId));
  if (!mayAct) throw forbidden('you are not a member of this conversation’s inbox');
  if (conversation.status === 'CLOSED') {
    throw badRequest('invalid', 'you cannot reply in a closed conversation: reopen it first');
  }

  let types: string[];
  if (input.channel !== undefined) {
    const type = TYPE_OF_CHANNEL[input.channel];
    if (!type) {
      throw badRequest('invalid', `channel must be one of ${Object.keys(TYPE_OF_CHANNEL).join(', ')}`, 'channel');
    }
    types = [type];
  } else {
    types = [...REPLY_TYPES];
  }
  const target = await findNewestInboundInConversation(ctx.db, orgId, conversation.id, types);
  if (!target) {
    if (input.channel === 'EMAIL') {
      // The Send Email command (POST /api/v1/communications/email) always writes outside any conversation, so it
      // cannot serve a reply here.
      throw badRequest(
        'invalid',
        'this conversation has no email from the customer to reply to; send a new email from the customer profile',
        'channel',
      );
    }
    throw badRequest(
      'invalid',
      input.channel
        ? `this conversation has no ${input.channel} message from the customer to reply to`
        : 'this conversation has no customer message to reply to; choose a channel',
      'channel',
    );
  }
  const attachmentIds = checkAttachmentIds(input.attachmentIds);
  if (attachmentIds.length > 0 && target.content_type !== 'EMAIL') {
    throw badRequest(
      'invalid',
      `a ${target.content_type} reply cannot carry files: attach files to an email reply or to a note`,
      'attachmentIds',
    );
  }
  const content =
    target.content_type === 'EMAIL'
      ? { type: 'EMAIL', body: textToHtml(input.body), bodyPlain: input.body }
      : { type: target.content_type, body: input.body };
  const userId = input.principal.userId;
  return replyToItem(ctx, {
    orgId,
    itemId: target.id,
    initiator: input.initiator,
    content,
    inTransaction: attachmentIds.length
      ? async (trx, itemId) => {
          await linkDraftAttachments(trx, { orgId, userId, itemId, ids: attachmentIds, now: ctx.now() });
        }
      : undefined,
  });
}
