import type { TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../../app-context.js';
import { appendEvent } from '../../../events/outbox.js';
import { invalidState, notFound } from '../../../http/errors.js';
import {
  deleteCustomer,
  deleteTombstonesOf,
  findCustomerRow,
  hasUnclosedConversation,
} from '../customers.repository.js';

/**
 * DELETE /customer-profiles/{id} (product spec 1.6): irreversible, and only once every conversation is closed.
 * Conversations, items, tasks, emails and phones go with the profile through the foreign keys' cascades.
 */
export async function deleteCustomerProfile(
  ctx: TAppContext,
  orgId: string,
  customerId: string,
  initiator: TInitiator,
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const customer = await findCustomerRow(trx, orgId, customerId, { forUpdate: true });
    if (!customer || customer.merged_into_id) throw notFound(`customer profile ${customerId} does not exist`);
    if (await hasUnclosedConversation(trx, orgId, customerId)) {
      throw invalidState(
        'Unable to delete the profile. Please close any open or waiting conversations.',
        'conversation',
      );
    }
    // Profiles merged into this one go too: their ids must not keep redirecting to a profile that is gone.
    await deleteTombstonesOf(trx, orgId, customerId);
    await deleteCustomer(trx, orgId, customerId);
    await appendEvent(trx, orgId, {
      type: 'CUSTOMER_PROFILE/DELETED',
      initiator,
      occurredAt: now,
      content: { customerId },
    });
  });
}
