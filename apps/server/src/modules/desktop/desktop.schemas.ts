import { TEXT_LIMITS } from '@hearth/shared';
import { z } from 'zod';
import { ZCustomerProfile } from '../customers/customers.schemas.js';
import { ZItem } from '../items/items.schemas.js';

// Request and response shapes of the agent desktop's reads and its composer (web-app API, not Gladly's).

export const ZUiStatus = z.enum(['NEW', 'OPEN', 'WAITING', 'CLOSED']);
export const ZApiStatus = z.enum(['OPEN', 'WAITING', 'CLOSED']);

const ZCounts = z.object({ new: z.number(), open: z.number(), waiting: z.number(), closed: z.number() });

export const ZInboxViews = z.object({
  inboxes: z.array(
    z.object({ id: z.string(), name: z.string(), member: z.boolean(), counts: ZCounts, overdue: z.number() }),
  ),
  mine: z.object({ open: z.number(), waiting: z.number(), overdue: z.number() }),
  closedWindowDays: z.number(),
});

export const ZConversationListQuery = z.object({
  inboxId: z.string().min(1).max(100),
  view: z.enum(['new', 'open', 'waiting', 'closed']),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});

export const ZConversationRow = z.object({
  conversationId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  inboxId: z.string(),
  inboxName: z.string(),
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  status: ZApiStatus,
  uiStatus: ZUiStatus,
  channel: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  preview: z.string(),
  lastActivityAt: z.string(),
  topicIds: z.array(z.string()),
});

export const ZConversationList = z.object({ rows: z.array(ZConversationRow), nextCursor: z.string().nullable() });

export const ZTimelineParams = z.object({ customerId: z.string().min(1).max(100) });
export const ZTimelineQuery = z.object({
  before: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const ZTimelineItem = ZItem.extend({ html: z.string().optional() });

export const ZTimeline = z.object({
  customer: ZCustomerProfile,
  conversations: z.array(
    z.object({
      id: z.string(),
      status: ZApiStatus,
      uiStatus: ZUiStatus,
      inboxId: z.string(),
      inboxName: z.string(),
      agentId: z.string().nullable(),
      agentName: z.string().nullable(),
      topics: z.array(z.object({ id: z.string(), name: z.string() })),
      createdAt: z.string(),
      closedAt: z.string().nullable(),
      dueAt: z.string().nullable(),
    }),
  ),
  items: z.array(ZTimelineItem),
  nextCursor: z.string().nullable(),
  reachableChannels: z.array(z.string()),
  lastUsedChannel: z.string().nullable(),
});

export const ZSearchQuery = z.object({
  q: z.string().max(200).default(''),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const ZSearchResult = z.object({
  customers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      emails: z.array(z.string()),
      phones: z.array(z.string()),
      matched: z.enum(['name', 'email', 'phone']),
    }),
  ),
  conversations: z.array(
    z.object({
      itemId: z.string(),
      conversationId: z.string().nullable(),
      customerId: z.string(),
      customerName: z.string(),
      occurredAt: z.string(),
      channel: z.string().nullable(),
      snippet: z.string(),
    }),
  ),
});

export const ZComposerParams = z.object({ conversationId: z.string().min(1).max(100) });
export const ZComposerBody = z.object({
  channel: z.string().min(1).max(50).optional(),
  body: z.string().trim().min(1).max(TEXT_LIMITS.replyBody),
  subject: z.string().max(998).optional(),
  attachmentIds: z.array(z.string().min(1).max(100)).max(10).optional(),
});
export const ZComposerResult = z.object({ itemId: z.string() });
