import type { TAppContext } from '../../app-context.js';
import { AppError, badRequest, forbidden, notFound } from '../../http/errors.js';
import { hasRole, type TPrincipal } from '../../http/request-context.js';
import { requireLiveCustomerId } from '../customers/customers.queries.js';
import { CHANNEL_OF_REPLY_TYPE, REPLY_TYPES, type TReplyType } from '../items/item-types.js';
import { decodeCursor, encodeCursor, isTimestampText } from './cursor.js';
import {
  findCustomer,
  findNewestInbound,
  listCustomerConversations,
  listInboundTypes,
  listTimelineItems,
  loadCustomerProfile,
} from './customer-timeline.repository.js';
import { presentConversationRow, presentTimeline } from './desktop.presenter.js';
import {
  countByInbox,
  countMine,
  findInboxName,
  isInboxMember,
  listConversations,
  listInboxesForDesktop,
  type TListView,
} from './desktop.repository.js';

// The desktop's read use-cases: who may see what, paging, and turning rows into the presenter's input.

/** The Closed tab and its count cover conversations closed in the last 7 days. */
export const CLOSED_WINDOW_DAYS = 7;

const DAY_MS = 86_400_000;

/** Administrators and team managers see every inbox (spec 11.1: "Team Inboxes" and "Other Inboxes"). */
export function seesAllInboxes(principal: TPrincipal): boolean {
  return hasRole(principal, 'ADMINISTRATOR') || hasRole(principal, 'TEAM_MANAGER');
}

function closedSince(now: Date): Date {
  return new Date(now.getTime() - CLOSED_WINDOW_DAYS * DAY_MS);
}

export async function getInboxViews(ctx: TAppContext, orgId: string, principal: TPrincipal) {
  const now = ctx.now();
  const inboxes = await listInboxesForDesktop(ctx.db, orgId, principal.userId, seesAllInboxes(principal));
  const [counts, mine] = await Promise.all([
    countByInbox(
      ctx.db,
      orgId,
      inboxes.map((i) => i.id),
      now,
      closedSince(now),
    ),
    countMine(ctx.db, orgId, principal.userId, now),
  ]);
  const byInbox = new Map(counts.map((c) => [c.inbox_id, c]));
  return {
    inboxes: inboxes.map((inbox) => {
      const c = byInbox.get(inbox.id);
      return {
        id: inbox.id,
        name: inbox.name,
        member: Boolean(inbox.member),
        counts: { new: c?.new ?? 0, open: c?.open ?? 0, waiting: c?.waiting ?? 0, closed: c?.closed ?? 0 },
        overdue: c?.overdue ?? 0,
      };
    }),
    mine,
    closedWindowDays: CLOSED_WINDOW_DAYS,
  };
}

export async function getConversationList(
  ctx: TAppContext,
  orgId: string,
  principal: TPrincipal,
  query: { inboxId: string; view: TListView; limit: number; cursor?: string },
) {
  const now = ctx.now();
  let scope: { inboxId: string } | { agentId: string };
  if (query.inboxId === 'mine') {
    scope = { agentId: principal.userId };
  } else {
    const inbox = await findInboxName(ctx.db, orgId, query.inboxId);
    if (!inbox) throw notFound(`inbox ${query.inboxId} does not exist`, 'inboxId');
    if (!seesAllInboxes(principal) && !(await isInboxMember(ctx.db, orgId, inbox.id, principal.userId))) {
      throw forbidden('you are not a member of this inbox');
    }
    scope = { inboxId: inbox.id };
  }
  const after = query.cursor ? decodeListCursor(query.cursor, query.view) : undefined;
  const rows = await listConversations(ctx.db, {
    orgId,
    scope,
    view: query.view,
    limit: query.limit,
    now,
    closedSince: closedSince(now),
    after,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? query.view === 'closed'
        ? encodeCursor([last.closed_key ?? '', last.id])
        : encodeCursor([last.due_key, last.created_key, last.id])
      : null;
  return { rows: page.map((row) => presentConversationRow(row, now)), nextCursor };
}

function decodeListCursor(cursor: string, view: TListView) {
  if (view === 'closed') {
    const [at, id] = decodeCursor(cursor, 2) as [string, string];
    if (!isTimestampText(at)) throw badRequest('invalid', 'the cursor is not valid', 'cursor');
    return { at, second: at, id };
  }
  const [at, second, id] = decodeCursor(cursor, 3) as [string, string, string];
  if (!isTimestampText(at) || !isTimestampText(second))
    throw badRequest('invalid', 'the cursor is not valid', 'cursor');
  return { at, second, id };
}

/** Channel names the composer and the timeline speak (the CONTACT events' `channel` values) by item type. */
const CHANNEL_OF_TYPE: Record<string, string> = CHANNEL_OF_REPLY_TYPE;
export const TYPE_OF_CHANNEL: Record<string, TReplyType> = Object.fromEntries(
  Object.entries(CHANNEL_OF_REPLY_TYPE).map(([type, channel]) => [channel, type as TReplyType]),
);

/** A merged-away profile: 404 `moved` with the surviving id, so the desktop can redirect (not Gladly's 301). */
function movedTo(oldId: string) {
  return (newId: string) =>
    new AppError(404, [
      { attr: 'customerId', code: 'moved', detail: 'customer id has changed', meta: { old: oldId, new: newId } },
    ]);
}

export async function getTimeline(
  ctx: TAppContext,
  orgId: string,
  customerId: string,
  query: { before?: string; limit: number },
) {
  const liveId = await requireLiveCustomerId(ctx.db, orgId, customerId, movedTo(customerId));
  const customer = await findCustomer(ctx.db, orgId, liveId);
  if (!customer) throw notFound(`customer profile ${customerId} does not exist`);
  let before: { at: string; seq: string } | undefined;
  if (query.before) {
    const [at, seq] = decodeCursor(query.before, 2, 'before') as [string, string];
    if (!isTimestampText(at) || !/^\d{1,19}$/.test(seq))
      throw badRequest('invalid', 'the cursor is not valid', 'before');
    before = { at, seq };
  }
  const [profile, conversations, rows, newestInbound] = await Promise.all([
    loadCustomerProfile(ctx.db, orgId, customer),
    listCustomerConversations(ctx.db, orgId, liveId),
    listTimelineItems(ctx.db, orgId, liveId, { limit: query.limit, before }),
    findNewestInbound(ctx.db, orgId, liveId, REPLY_TYPES),
  ]);
  const page = rows.slice(0, query.limit);
  const oldest = page[page.length - 1];
  const nextCursor = rows.length > query.limit && oldest ? encodeCursor([oldest.occurred_key, oldest.seq]) : null;

  const open = conversations.find((c) => c.status !== 'CLOSED');
  const channels: string[] = [];
  if (profile.emails.length > 0) channels.push('EMAIL');
  if (profile.phones.some((p) => p.sms_preference === 'ON')) channels.push('SMS');
  if (open) {
    for (const { content_type } of await listInboundTypes(ctx.db, orgId, open.id)) {
      const channel = CHANNEL_OF_TYPE[content_type];
      if (channel && !channels.includes(channel)) channels.push(channel);
    }
  }
  return presentTimeline({
    profile,
    conversations,
    // Newest page first, but oldest → newest within the page, as the timeline reads.
    items: page.reverse(),
    nextCursor,
    reachableChannels: channels,
    lastUsedChannel: newestInbound ? (CHANNEL_OF_TYPE[newestInbound.content_type] ?? null) : null,
  });
}
