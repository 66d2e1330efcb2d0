import { z } from 'zod';

export const CUSTOM_ATTRIBUTE_VALUE_MAX = 1000;

export const ZConversation = z.object({
  id: z.string(),
  customerId: z.string(),
  agentId: z.string().optional().describe('Absent when no agent is assigned'),
  inboxId: z.string(),
  status: z.enum(['OPEN', 'WAITING', 'CLOSED']),
  topicIds: z.array(z.string()),
  customAttributes: z
    .array(z.object({ id: z.string(), value: z.string() }))
    .describe('Freeform topics: one entry per value, so an id may repeat'),
  createdAt: z.string(),
  closedAt: z.string().optional().describe('Present only when the conversation is closed'),
});
export type TConversation = z.infer<typeof ZConversation>;

/**
 * An enum whose absence reads as `blank` (the error handler maps only a missing string that way, while a bare enum
 * reports every failure as `invalid`); the metadata keeps the allowed values in the OpenAPI document.
 */
function requiredEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .meta({ enum: [...values] })
    .pipe(z.enum(values));
}

export const ZConversationParams = z.object({ conversationId: z.string() });
export const ZCustomerParams = z.object({ customerId: z.string() });
export const ZConversationTopicParams = z.object({ conversationId: z.string(), topicId: z.string() });
export const ZCustomerConversationParams = z.object({ customerId: z.string(), conversationId: z.string() });

// Not strict: clients may echo read-only fields back (API spec 3.7). `status` must be the nested object; the flat
// `{status:"CLOSED", force:true}` seen in the wild is refused by the object type.
export const ZUpdateConversationBody = z.object({
  assignee: z
    .object({
      inboxId: z.string().min(1),
      agentId: z.string().nullable().optional().describe('null, absent or empty unassigns the agent'),
    })
    .optional(),
  status: z
    .object({
      value: requiredEnum(['OPEN', 'CLOSED']),
      force: z.boolean().optional().describe('Close even though the customer waits for a response'),
    })
    .optional(),
});
export type TUpdateConversationBody = z.infer<typeof ZUpdateConversationBody>;

export const ZAddTopicsBody = z.object({ topicIds: z.array(z.string().min(1)).min(1) });

const ZCustomAttributeChange = z.object({
  key: z.string().min(1),
  value: z.string().min(1).max(CUSTOM_ATTRIBUTE_VALUE_MAX),
});
export const ZChangeCustomAttributesBody = z.object({
  add: z.array(ZCustomAttributeChange).optional(),
  remove: z.array(ZCustomAttributeChange).optional(),
});
export type TChangeCustomAttributesBody = z.infer<typeof ZChangeCustomAttributesBody>;
