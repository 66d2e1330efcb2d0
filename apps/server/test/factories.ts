import type { TEventType } from '@hearth/shared';
import type { TConversationStatus } from '../src/db/schema.js';
import { readEventsAfter } from '../src/events/outbox.js';
import { newId } from '../src/lib/ids.js';
import type { TTestApp } from './helpers.js';

// Direct inserts for arranging a test's world. Tests of a feature go through its API; these only set the stage.

export async function makeInbox(
  t: TTestApp,
  orgId: string,
  options: { name?: string; memberIds?: string[]; slaMinutes?: number; disabled?: boolean } = {},
): Promise<{ id: string; name: string }> {
  const id = newId();
  const name = options.name ?? `Inbox ${id.slice(0, 5)}`;
  await t.db
    .insertInto('inboxes')
    .values({ org_id: orgId, id, name, sla_minutes: options.slaMinutes ?? 60, disabled: options.disabled ?? false })
    .execute();
  for (const userId of options.memberIds ?? []) {
    await t.db.insertInto('inbox_members').values({ org_id: orgId, inbox_id: id, user_id: userId }).execute();
  }
  return { id, name };
}

export async function makeCustomer(
  t: TTestApp,
  orgId: string,
  options: { id?: string; name?: string; email?: string; mobile?: string } = {},
): Promise<{ id: string }> {
  const id = options.id ?? newId();
  await t.db
    .insertInto('customers')
    .values({
      org_id: orgId,
      id,
      name: options.name ?? 'Pat Customer',
      image: null,
      external_customer_id: null,
      merged_into_id: null,
    })
    .execute();
  if (options.email) {
    await t.db
      .insertInto('customer_emails')
      .values({
        org_id: orgId,
        customer_id: id,
        position: 0,
        original: options.email,
        normalized: options.email.toLowerCase(),
        is_primary: true,
      })
      .execute();
  }
  if (options.mobile) {
    await t.db
      .insertInto('customer_phones')
      .values({
        org_id: orgId,
        customer_id: id,
        position: 0,
        original: options.mobile,
        normalized: options.mobile,
        extension: null,
        region_code: 'US',
        is_primary: true,
        sms_preference: 'ON',
        type: 'MOBILE',
      })
      .execute();
  }
  return { id };
}

export async function makeConversation(
  t: TTestApp,
  orgId: string,
  options: {
    customerId: string;
    inboxId: string;
    agentId?: string | null;
    status?: TConversationStatus;
    customerWaiting?: boolean;
    createdAt?: Date;
    closedAt?: Date;
  },
): Promise<{ id: string }> {
  const id = newId();
  const status = options.status ?? 'OPEN';
  await t.db
    .insertInto('conversations')
    .values({
      org_id: orgId,
      id,
      customer_id: options.customerId,
      inbox_id: options.inboxId,
      agent_id: options.agentId ?? null,
      status,
      customer_waiting_since: options.customerWaiting ? new Date() : null,
      created_at: options.createdAt ?? new Date(),
      closed_at: status === 'CLOSED' ? (options.closedAt ?? new Date()) : null,
    })
    .execute();
  return { id };
}

/** A customer's inbound message in a conversation (an SMS by default), as a channel would record it. */
export async function makeInboundItem(
  t: TTestApp,
  orgId: string,
  options: {
    customerId: string;
    conversationId: string;
    contentType?: string;
    content?: Record<string, unknown>;
    at?: Date;
  },
): Promise<{ id: string }> {
  const id = newId();
  const contentType = options.contentType ?? 'SMS';
  await t.db
    .insertInto('conversation_items')
    .values({
      org_id: orgId,
      id,
      customer_id: options.customerId,
      conversation_id: options.conversationId,
      session_id: null,
      occurred_at: options.at ?? new Date(),
      initiator_id: options.customerId,
      initiator_type: 'CUSTOMER',
      responder_id: null,
      responder_type: null,
      content_type: contentType,
      content: JSON.stringify({
        type: contentType,
        content: 'Hello, I need help',
        from: '+14155550100',
        to: '+14155550199',
        ...(options.content ?? {}),
      }),
      direction: 'INBOUND',
      delivery_status: null,
      redacted_at: null,
    })
    .execute();
  return { id };
}

export async function makeTopic(
  t: TTestApp,
  orgId: string,
  options: { name?: string; parentId?: string; disabled?: boolean } = {},
): Promise<{ id: string; name: string }> {
  const id = newId();
  const name = options.name ?? `Topic ${id.slice(0, 6)}`;
  await t.db
    .insertInto('topics')
    .values({ org_id: orgId, id, name, parent_id: options.parentId ?? null, disabled: options.disabled ?? false })
    .execute();
  return { id, name };
}

/** Every event the org's outbox holds, oldest first, as `{type, initiator, content}`. */
export async function eventsOf(t: TTestApp, orgId: string, types?: TEventType[]) {
  const events = await readEventsAfter(t.db, orgId);
  return events
    .filter((e) => !types || types.includes(e.type as TEventType))
    .map((e) => ({ type: e.type, initiator: e.initiator, content: e.content }));
}
