import { z } from 'zod';

export const TOPIC_NAME_MAX = 500;

export const ZTopic = z.object({
  id: z.string(),
  name: z.string(),
  disabled: z.boolean().describe('A disabled topic can no longer be applied to conversations'),
  parentId: z.string().optional().describe('The parent topic; absent on a top-level topic'),
});
export const ZTopicParams = z.object({ topicId: z.string() });

const ZName = z.string().trim().min(1).max(TOPIC_NAME_MAX);
// `null` makes a topic top-level; absent leaves the parent as it is.
const ZParentId = z.string().nullable().optional();

export const ZCreateTopicBody = z.object({
  id: z.string().nullish().describe('Optional client-chosen id: URL safe, under 50 characters'),
  name: ZName,
  disabled: z.boolean().optional(),
  parentId: ZParentId,
});
export type TCreateTopicBody = z.infer<typeof ZCreateTopicBody>;

// Gladly's samples send the topic's `id` back in PATCH bodies; unknown keys are ignored, so it is harmless.
export const ZUpdateTopicBody = z.object({ name: ZName, disabled: z.boolean().optional(), parentId: ZParentId });
export type TUpdateTopicBody = z.infer<typeof ZUpdateTopicBody>;
