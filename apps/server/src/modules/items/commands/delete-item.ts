import type { TAppContext } from '../../../app-context.js';
import { badRequest, notFound } from '../../../http/errors.js';
import { DELETABLE_ITEM_TYPES } from '../item-types.js';
import { deleteItem, findCustomerRef, findItemForUpdate } from '../items.repository.js';

export interface TDeleteItemInput {
  orgId: string;
  itemId: string;
  /** Set when addressed under a customer: the item must be that customer's. */
  customerId?: string;
}

/**
 * Only customer activities can be deleted (API spec 4.4); everything else is removed by redaction or by deleting
 * the profile. Gladly's catalogue has no event for it, so none is appended.
 */
export async function deleteCustomerItem(ctx: TAppContext, input: TDeleteItemInput): Promise<void> {
  const { orgId, itemId, customerId } = input;
  if (customerId !== undefined && !(await findCustomerRef(ctx.db, orgId, customerId))) {
    throw notFound(`customer profile ${customerId} does not exist`);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const item = await findItemForUpdate(trx, orgId, itemId);
    if (!item || (customerId !== undefined && item.customer_id !== customerId)) {
      throw notFound(`conversation item ${itemId} does not exist`);
    }
    if (!(DELETABLE_ITEM_TYPES as readonly string[]).includes(item.content_type)) {
      throw badRequest(
        'invalid',
        `only CUSTOMER_ACTIVITY items can be deleted; conversation item ${itemId} is of type [${item.content_type}]`,
      );
    }
    await deleteItem(trx, orgId, itemId);
  });
}
