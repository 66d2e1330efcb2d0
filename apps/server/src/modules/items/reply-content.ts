import { TEXT_LIMITS } from '@hearth/shared';
import { z } from 'zod';
import { badRequest } from '../../http/errors.js';
import { richContentToPlainText, sanitizeRichContent } from '../../lib/rich-content.js';
import { buildCustomChannelReplyContent } from '../custom-channels/custom-channel-content.js';
import { parseOrThrow, zText } from './content-validation.js';
import { isReplyType, type TReplyType } from './item-types.js';

const QUICK_REPLY_OPTIONS_MAX = 10;
const QUICK_REPLY_LABEL_MAX = 50;

const ZReplyType = z.object({ type: zText().trim().min(1) });

const ZQuickReplyOption = z.object({
  id: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'option ids may hold only letters, digits, "-" and "_"' }),
  label: zText().trim().min(1).max(QUICK_REPLY_LABEL_MAX),
});

const ZReplyInput = z.object({
  body: zText().trim().min(1).max(TEXT_LIMITS.replyBody),
  bodyPlain: zText().nullish(),
  messageType: z
    .enum(['TEXT', 'QUICK_REPLY_REQUEST'], { error: 'content.messageType must be TEXT or QUICK_REPLY_REQUEST' })
    .nullish(),
  messageData: z
    .object({
      options: z
        .array(ZQuickReplyOption)
        .min(1, { error: 'content.messageData.options must hold 1 to 10 options' })
        .max(QUICK_REPLY_OPTIONS_MAX, { error: 'content.messageData.options must hold 1 to 10 options' }),
    })
    .nullish(),
});

export interface TReplyInput {
  type: TReplyType;
  body: string;
  bodyPlain?: string;
  messageType: 'TEXT' | 'QUICK_REPLY_REQUEST';
  options?: { id: string; label: string }[];
}

/** Validate a reply body (API spec 4.4) in the order Gladly reports: type, then body, then quick-reply options. */
export function parseReplyInput(raw: unknown): TReplyInput {
  const { type } = parseOrThrow(ZReplyType, raw ?? {}, 'content');
  if (!isReplyType(type)) throw badRequest('invalid', `type [${type}] is not supported`);
  const input = parseOrThrow(ZReplyInput, raw, 'content');
  const messageType = type === 'CHAT_MESSAGE' ? (input.messageType ?? 'TEXT') : 'TEXT';
  if (messageType !== 'QUICK_REPLY_REQUEST') {
    return { type, body: input.body, ...(input.bodyPlain != null ? { bodyPlain: input.bodyPlain } : {}), messageType };
  }
  const options = input.messageData?.options;
  if (!options) {
    throw badRequest('blank', 'content.messageData.options cannot be blank', 'content.messageData.options');
  }
  if (new Set(options.map((o) => o.id)).size !== options.length) {
    throw badRequest('invalid', 'content.messageData.options ids must be unique', 'content.messageData.options');
  }
  return { type, body: input.body, messageType, options };
}

/**
 * The stored content of an outbound reply, shaped like the item type reads (API spec 4.4 table) so GET and
 * exports need no special case. Addresses come from the customer message being answered: we answer from the
 * address they wrote to. Email keeps its HTML in `body` beside the plain `content` for the delivery adapter.
 */
export function buildReplyContent(
  input: TReplyInput,
  target: { content: Record<string, unknown>; sessionId: string | null },
): Record<string, unknown> {
  const t = target.content;
  const defined = (fields: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null));
  switch (input.type) {
    case 'EMAIL': {
      const html = sanitizeRichContent(input.body);
      const subject = typeof t.subject === 'string' ? t.subject : '';
      return defined({
        type: 'EMAIL',
        from: Array.isArray(t.to) ? t.to[0] : undefined,
        to: t.from !== undefined ? [t.from] : [],
        cc: Array.isArray(t.cc) ? t.cc : [],
        bcc: [],
        subject: subject === '' || /^re:/i.test(subject) ? subject : `Re: ${subject}`,
        content: input.bodyPlain ?? richContentToPlainText(html),
        body: html,
        attachments: [],
      });
    }
    case 'SMS':
      return defined({ type: 'SMS', from: t.to, to: t.from, content: input.body, attachments: [] });
    case 'CHAT_MESSAGE':
      return defined({
        type: 'CHAT_MESSAGE',
        messageType: input.messageType,
        sessionId: target.sessionId ?? t.sessionId,
        content: input.body,
        attachments: [],
        messageData: input.options ? { options: input.options } : undefined,
      });
    case 'CUSTOM_CHANNEL':
      return buildCustomChannelReplyContent(t, input.body);
    case 'FACEBOOK_MESSAGE':
      return defined({ type: input.type, pageId: t.pageId, userId: t.userId, content: input.body, attachments: [] });
    default:
      return { type: input.type, content: input.body, attachments: [] };
  }
}
