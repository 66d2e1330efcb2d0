import type { z } from 'zod';
import type { TConversationStatus } from '../../db/schema.js';
import { toIso } from '../../lib/time.js';
import { presentCustomerProfile } from '../customers/customers.presenter.js';
import { presentItem } from '../items/items.presenter.js';
import type {
  listCustomerConversations,
  listTimelineItems,
  loadCustomerProfile,
} from './customer-timeline.repository.js';
import type { TListedConversation } from './desktop.repository.js';
import type { ZConversationRow, ZSearchResult, ZTimeline } from './desktop.schemas.js';
import { timelineHtmlOf } from './timeline-html.js';

// The only place the desktop's JSON is built.

export type TUiStatus = 'NEW' | 'OPEN' | 'WAITING' | 'CLOSED';

/**
 * The UI status of product spec 2.2. The tabs are exclusive: a conversation without an agent is New whatever its
 * API status (someone replied and then unassigned, or it was marked No Reply Needed before anyone took it).
 */
export function uiStatusOf(status: TConversationStatus, agentId: string | null): TUiStatus {
  if (status === 'CLOSED') return 'CLOSED';
  if (!agentId) return 'NEW';
  return status;
}

export const PREVIEW_MAX = 140;

/** One line of text: whitespace collapsed, cut at 140 characters with an ellipsis. */
export function previewOf(text: string | null): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length <= PREVIEW_MAX ? flat : `${flat.slice(0, PREVIEW_MAX - 1).trimEnd()}…`;
}

export function presentConversationRow(row: TListedConversation, now: Date): z.infer<typeof ZConversationRow> {
  return {
    conversationId: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    inboxId: row.inbox_id,
    inboxName: row.inbox_name,
    agentId: row.agent_id,
    agentName: row.agent_name ?? null,
    status: row.status,
    uiStatus: uiStatusOf(row.status, row.agent_id),
    channel: row.channel,
    dueAt: row.due_at ? toIso(row.due_at) : null,
    overdue: row.status !== 'CLOSED' && row.due_at !== null && row.due_at < now,
    preview: previewOf(row.preview_text),
    lastActivityAt: toIso(row.last_item_at ?? row.updated_at),
    topicIds: row.topic_ids ?? [],
  };
}

type TConversationOfCustomer = Awaited<ReturnType<typeof listCustomerConversations>>[number];
type TTimelineRow = Awaited<ReturnType<typeof listTimelineItems>>[number];

export function presentTimeline(input: {
  profile: Awaited<ReturnType<typeof loadCustomerProfile>>;
  conversations: TConversationOfCustomer[];
  items: TTimelineRow[];
  nextCursor: string | null;
  reachableChannels: string[];
  lastUsedChannel: string | null;
}): z.infer<typeof ZTimeline> {
  return {
    customer: presentCustomerProfile(input.profile),
    conversations: input.conversations.map((c) => ({
      id: c.id,
      status: c.status,
      uiStatus: uiStatusOf(c.status, c.agent_id),
      inboxId: c.inbox_id,
      inboxName: c.inbox_name,
      agentId: c.agent_id,
      agentName: c.agent_name ?? null,
      topics: c.topics,
      createdAt: toIso(c.created_at),
      closedAt: c.closed_at ? toIso(c.closed_at) : null,
      dueAt: c.due_at ? toIso(c.due_at) : null,
    })),
    items: input.items.map((row) => {
      const html = timelineHtmlOf(row.content_type, row.content);
      return { ...presentItem(row), ...(html !== undefined ? { html } : {}) };
    }),
    nextCursor: input.nextCursor,
    reachableChannels: input.reachableChannels,
    lastUsedChannel: input.lastUsedChannel,
  };
}

const MARK = /(<mark>|<\/mark>)/;

/**
 * A ts_headline snippet made from HTML-escaped text carries no markup but the <mark> pairs PostgreSQL added. As a
 * second line of defence any other angle bracket is escaped, so the snippet is safe to insert as HTML.
 */
export function safeSnippet(snippet: string): string {
  return snippet
    .split(MARK)
    .map((part) => (part === '<mark>' || part === '</mark>' ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

type TSearchOutput = z.infer<typeof ZSearchResult>;

export function presentSearch(
  customers: TSearchOutput['customers'],
  conversations: TSearchOutput['conversations'],
): TSearchOutput {
  return { customers, conversations };
}
