import type { TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../../app-context.js';
import type { TTransaction } from '../../../db/database.js';
import type { TCustomerRow } from '../../../db/schema.js';
import { appendEvent } from '../../../events/outbox.js';
import { badRequest, notFound } from '../../../http/errors.js';
import { appendEmails, appendPhones, findCustomerRow, loadProfile, updateCustomer } from '../customers.repository.js';
import {
  combineConversations,
  deleteContactDetails,
  findUnclosedConversationId,
  markMerged,
  moveCustomerRecords,
  setExternalCustomerIds,
} from '../customers-merge.repository.js';
import { mergeProfiles } from '../merge-profiles.js';

export interface TMergeCustomersInput {
  destinationCustomerId: string;
  sourceCustomerId: string;
}

export interface TMergeCustomersResult {
  customerId: string;
  /** The destination's open conversation after the merge, when it has one. */
  conversationId?: string;
}

const EXTERNAL_ID_CONFLICT = 'the external id does not equal the existing external id';

/**
 * Fold the source profile into the destination (product spec 1.3). The source keeps a tombstone row pointing at
 * the destination, so its id answers 301 on read and 404 on write instead of vanishing.
 */
export async function mergeCustomers(
  ctx: TAppContext,
  orgId: string,
  input: TMergeCustomersInput,
  initiator: TInitiator,
): Promise<TMergeCustomersResult> {
  const { destinationCustomerId: destId, sourceCustomerId: sourceId } = input;
  if (destId === sourceId) throw badRequest('invalid', 'a customer cannot be merged into itself', 'sourceCustomerId');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { destination, source } = await lockPair(trx, orgId, destId, sourceId);
    assertNoExternalIdConflict(destination, source);

    const sourceConversationId = await findUnclosedConversationId(trx, orgId, sourceId);
    const destinationOpenId = await findUnclosedConversationId(trx, orgId, destId);
    // At most one conversation per customer may be open, so two open ones become the destination's one.
    if (sourceConversationId && destinationOpenId) {
      await combineConversations(trx, orgId, { from: sourceConversationId, into: destinationOpenId }, destId, now);
    }
    await moveCustomerRecords(trx, orgId, sourceId, destId);
    await absorbProfile(trx, orgId, destination, source, now);
    await markMerged(trx, orgId, sourceId, destId, now);

    // With only the source having an open conversation, that conversation moved over and is now the destination's.
    const conversationId = destinationOpenId ?? sourceConversationId;
    await appendEvent(trx, orgId, {
      type: 'CUSTOMER/MERGED',
      initiator,
      occurredAt: now,
      content: {
        destinationCustomerId: destId,
        ...(conversationId ? { destinationConversationId: conversationId } : {}),
        sourceCustomerId: sourceId,
        ...(sourceConversationId ? { sourceConversationId } : {}),
      },
    });
    await appendEvent(trx, orgId, {
      type: 'CUSTOMER_PROFILE/MERGED',
      initiator,
      occurredAt: now,
      content: { sourceCustomerId: sourceId, destinationCustomerId: destId },
    });
    return { customerId: destId, ...(conversationId ? { conversationId } : {}) };
  });
}

async function absorbProfile(
  trx: TTransaction,
  orgId: string,
  destination: TCustomerRow,
  source: TCustomerRow,
  now: Date,
): Promise<void> {
  const destinationProfile = await loadProfile(trx, orgId, destination);
  const merged = mergeProfiles(destinationProfile, await loadProfile(trx, orgId, source));
  // The source's rows go first: email addresses (and mobile numbers) are unique across profiles.
  await deleteContactDetails(trx, orgId, source.id);
  await appendEmails(trx, orgId, destination.id, merged.emails, nextPosition(destinationProfile.emails));
  await appendPhones(trx, orgId, destination.id, merged.phones, nextPosition(destinationProfile.phones));
  await updateCustomer(trx, orgId, destination.id, merged.changes, now);
  await setExternalCustomerIds(trx, orgId, destination.id, merged.externalCustomerIds);
}

function nextPosition(rows: { position: number }[]): number {
  return rows.reduce((max, r) => Math.max(max, r.position + 1), 0);
}

// Both rows are locked in id order so two merges touching the same pair cannot deadlock.
async function lockPair(trx: TTransaction, orgId: string, destId: string, sourceId: string) {
  const rows: Record<string, TCustomerRow | undefined> = {};
  for (const id of [destId, sourceId].sort()) {
    rows[id] = await findCustomerRow(trx, orgId, id, { forUpdate: true });
  }
  const destination = rows[destId];
  const source = rows[sourceId];
  if (!destination || destination.merged_into_id)
    throw notFound(`customer profile ${destId} does not exist`, 'customerId');
  if (!source || source.merged_into_id) {
    throw notFound(`customer profile ${sourceId} does not exist`, 'sourceCustomerId');
  }
  return { destination, source };
}

function assertNoExternalIdConflict(destination: TCustomerRow, source: TCustomerRow): void {
  const destIds = destination.external_customer_ids ?? {};
  const sourceIds = source.external_customer_ids ?? {};
  for (const [system, externalId] of Object.entries(sourceIds)) {
    const existing = destIds[system];
    if (existing !== undefined && existing !== externalId) {
      throw badRequest('invalid', EXTERNAL_ID_CONFLICT, 'externalCustomerIds', { sourceSystem: system });
    }
  }
  if (
    destination.external_customer_id &&
    source.external_customer_id &&
    destination.external_customer_id !== source.external_customer_id
  ) {
    throw badRequest('invalid', EXTERNAL_ID_CONFLICT, 'externalCustomerId');
  }
}
