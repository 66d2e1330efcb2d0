import type { TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../../app-context.js';
import type { TConversationItemRow } from '../../../db/schema.js';
import { AppError, badRequest, conflict } from '../../../http/errors.js';
import { newId } from '../../../lib/ids.js';
import {
  findOrCreateCustomerByContact,
  type TCustomerContact,
} from '../../customers/commands/find-or-create-customer.js';
import { requireLiveCustomerId } from '../../customers/customers.queries.js';
import { assertClientId } from '../content-validation.js';
import { buildCustomerActivity } from '../customer-activity.js';
import { insertItemUnlessTaken } from '../items.repository.js';

export type TItemOwner =
  | { customerId: string; movedLocation: (newCustomerId: string) => string }
  | { contact: { emailAddress?: string | null; mobilePhone?: string | null } | null | undefined };

export interface TCreateCustomerItemInput {
  orgId: string;
  initiator: TInitiator;
  owner: TItemOwner;
  id?: string;
  content: { type: string } & Record<string, unknown>;
}

/**
 * A timeline item the API adds to a customer (API spec 4.4): today only CUSTOMER_ACTIVITY. It lives outside any
 * conversation, so it is never routed. Addressed by contact, the customer is created when missing, in the same
 * transaction: a refused item (a reused id) leaves no new profile behind.
 */
export async function createCustomerItem(
  ctx: TAppContext,
  input: TCreateCustomerItemInput,
): Promise<TConversationItemRow> {
  const now = ctx.now();
  const contact = 'contact' in input.owner ? contactOf(input.owner.contact) : null;
  assertClientId(input.id);
  const { content, occurredAt } = buildContent(input.content, now);
  const knownCustomerId = 'customerId' in input.owner ? await resolveCustomer(ctx, input.orgId, input.owner) : null;

  return ctx.db.transaction().execute(async (trx) => {
    const customerId =
      knownCustomerId ??
      (await findOrCreateCustomerByContact(trx, input.orgId, contact as TCustomerContact, input.initiator, { now }))
        .customerId;
    const row = await insertItemUnlessTaken(trx, {
      org_id: input.orgId,
      id: input.id ?? newId(),
      customer_id: customerId,
      conversation_id: null,
      session_id: null,
      occurred_at: occurredAt ?? now,
      initiator_id: input.initiator.id,
      initiator_type: input.initiator.type,
      responder_id: null,
      responder_type: null,
      content_type: content.type,
      content: JSON.stringify(content),
      // A record of activity elsewhere, never a message to or from the customer on one of our channels.
      direction: 'INTERNAL',
      delivery_status: null,
      redacted_at: null,
    });
    if (!row) throw conflict('taken', 'conversation item already exists', 'newConversationItems');
    return row;
  });
}

/** Exactly one of emailAddress or mobilePhone (the docs' headline error names phoneNumber; kept verbatim). */
function contactOf(contact: { emailAddress?: string | null; mobilePhone?: string | null } | null | undefined) {
  const email = contact?.emailAddress?.trim();
  const phone = contact?.mobilePhone?.trim();
  if (!email === !phone) throw badRequest('blank', 'one of emailAddress, phoneNumber must be present');
  return email ? { emailAddress: email } : { mobilePhone: phone as string };
}

function buildContent(raw: { type: string } & Record<string, unknown>, now: Date) {
  if (raw.type === 'CUSTOMER_ACTIVITY') return buildCustomerActivity(raw, now);
  if (raw.type === 'TASK') {
    // Deprecated in Gladly's API; Hearth keeps tasks in the Tasks API only, so one task never has two shapes.
    throw badRequest('invalid', 'type [TASK] is not supported; use the Tasks API', 'content.type');
  }
  throw badRequest('invalid', `type [${raw.type}] is not supported`, 'content.type');
}

/** The customer must exist; a merged-away profile answers 301 naming the surviving one (API spec 4.4). */
function resolveCustomer(
  ctx: TAppContext,
  orgId: string,
  owner: { customerId: string; movedLocation: (newCustomerId: string) => string },
): Promise<string> {
  const oldId = owner.customerId;
  return requireLiveCustomerId(ctx.db, orgId, oldId, (current) => {
    const detail = `the customer id has changed from [${oldId}] to [${current}]`;
    return new AppError(301, [{ attr: 'customer id', code: 'moved', detail, meta: { old: oldId, new: current } }], {
      Location: owner.movedLocation(current),
    });
  });
}
