import { z } from 'zod';
import { zText } from './content-validation.js';
import { EXPOSED_ITEM_TYPES } from './item-types.js';

const ZParty = z.object({
  id: z.string().optional(),
  type: z.string().describe('AGENT, API, AUTOMATION, CUSTOMER, INTERNAL, EXTERNAL or SYSTEM'),
});

// Content is open: each type has its own fields (API spec 4.4 table) and channels may add fields within v1.
export const ZItemContent = z
  .looseObject({ type: z.string().describe(`One of ${EXPOSED_ITEM_TYPES.join(', ')}`) })
  .describe('Type-specific content, discriminated by `type`');

export const ZItem = z.object({
  id: z.string(),
  customerId: z.string(),
  conversationId: z.string().optional(),
  sessionId: z.string().optional(),
  timestamp: z.string(),
  initiator: ZParty,
  responder: ZParty.optional(),
  content: ZItemContent,
});

export const ZItemParams = z.object({ itemId: zText() });
export const ZCustomerParams = z.object({ customerId: zText() });
export const ZCustomerItemParams = z.object({ customerId: zText(), itemId: zText() });
export const ZConversationParams = z.object({ conversationId: zText() });
export const ZConversationItemsQuery = z.object({ sessionId: zText().optional() });

// Content is checked by the command against its type (CUSTOMER_ACTIVITY), so errors carry Gladly's wording.
const ZNewItemContent = z
  .looseObject({ type: z.string().describe('CUSTOMER_ACTIVITY (TASK is refused: use the Tasks API)') })
  .describe(
    'CUSTOMER_ACTIVITY: {activityType (EMAIL|ISSUE|SMS|SURVEY), title ≤100, body ≤25000 rich content, ' +
      'sourceName ≤50, link {url, text ≤50}, expandByDefault, occurredAt (≤1 year old)}',
  );

export const ZCreateItemBody = z.object({
  id: zText().optional(),
  customer: z
    .object({ emailAddress: zText().nullish(), mobilePhone: zText().nullish() })
    .nullish()
    .describe('Exactly one of emailAddress or mobilePhone; the customer is created when missing'),
  content: ZNewItemContent,
});

export const ZCreateCustomerItemBody = z.object({ id: zText().optional(), content: ZNewItemContent });

// A missing body is a blank content.type, as Gladly reports it, not a malformed request.
export const ZReplyBody = z
  .object({
    content: z
      .looseObject({ type: z.string().optional() })
      .describe(
        '{type: EMAIL|CHAT_MESSAGE|FACEBOOK_MESSAGE|INSTAGRAM_DIRECT|SMS|TWITTER|WHATSAPP, body ≤2048, bodyPlain? ' +
          '(EMAIL), messageType? (CHAT_MESSAGE: TEXT|QUICK_REPLY_REQUEST), messageData? {options:[{id,label}]}}',
      )
      .optional(),
  })
  .optional();
