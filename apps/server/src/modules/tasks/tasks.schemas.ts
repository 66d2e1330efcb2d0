import { TEXT_LIMITS } from '@hearth/shared';
import { z } from 'zod';

// Requests are not strict (API spec 3.7): a client may PATCH back a whole task it read, read-only fields included.
export const ZAssigneeInput = z.object({
  inboxId: z.string().min(1),
  agentId: z.string().nullish().describe('null or absent leaves the task unassigned within the inbox'),
});
export type TAssigneeInput = z.infer<typeof ZAssigneeInput>;

const ZTaskBodyInput = z.string().min(1).max(TEXT_LIMITS.taskBody).describe('Rich text; disallowed markup is removed');
const ZDueAtInput = z.string().min(1).describe('RFC 3339; must be in the future');

export const ZCustomerTaskCreate = z.object({
  id: z.string().nullish().describe('Optional client-chosen id: URL safe, under 50 characters'),
  assignee: ZAssigneeInput,
  body: ZTaskBodyInput,
  dueAt: ZDueAtInput,
});
export type TCustomerTaskCreate = z.infer<typeof ZCustomerTaskCreate>;

export const ZTaskCreate = ZCustomerTaskCreate.extend({
  customer: z
    .object({ emailAddress: z.string().nullish(), mobilePhone: z.string().nullish() })
    .nullish()
    .describe('Exactly one of emailAddress or mobilePhone; the customer is created when none has it'),
});
export type TTaskCreate = z.infer<typeof ZTaskCreate>;

export const ZTaskUpdate = z.object({
  status: z.enum(['OPEN', 'CLOSED']).nullish(),
  body: ZTaskBodyInput.nullish(),
  dueAt: ZDueAtInput.nullish(),
  assignee: ZAssigneeInput.nullish(),
});
export type TTaskUpdate = z.infer<typeof ZTaskUpdate>;

export const ZTaskCommentCreate = z.object({
  id: z.string().nullish(),
  agentId: z.string().min(1),
  comment: z.string().max(TEXT_LIMITS.taskComment).nullish(),
  // Gladly's spec lists `message` as required while documenting `comment`; either is accepted.
  message: z.string().max(TEXT_LIMITS.taskComment).nullish(),
});
export type TTaskCommentCreate = z.infer<typeof ZTaskCommentCreate>;

export const ZTaskListQuery = z.object({ status: z.enum(['OPEN', 'CLOSED']).optional() });
export const ZCustomerParams = z.object({ customerId: z.string() });
export const ZTaskParams = z.object({ taskId: z.string() });
export const ZTaskCommentParams = z.object({ taskId: z.string(), commentId: z.string() });

export const ZTaskAssignee = z.object({ inboxId: z.string(), agentId: z.string().optional() });

export const ZTask = z.object({
  id: z.string(),
  customerId: z.string(),
  timestamp: z.string().describe('When the task was created'),
  createdBy: z.object({ id: z.string().optional(), type: z.string() }),
  assignee: ZTaskAssignee,
  body: z.string(),
  dueAt: z.string(),
  status: z.enum(['OPEN', 'CLOSED']),
});

export const ZTaskComment = z.object({
  id: z.string(),
  agentId: z.string(),
  comment: z.string(),
  taskId: z.string(),
  createdAt: z.string(),
});
