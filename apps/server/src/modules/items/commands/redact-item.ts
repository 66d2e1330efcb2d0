import type { TAppContext } from '../../../app-context.js';
import { badRequest, notFound } from '../../../http/errors.js';
import { REDACTABLE_ITEM_TYPES } from '../item-types.js';
import { findItemForUpdate, replaceItemContent } from '../items.repository.js';
import { redactContent } from '../redaction.js';

/**
 * Wipe what an item says but keep the item on the timeline (API spec 4.4, product spec 1.6); `redacted_at` marks
 * it so channels and exports can tell. Redacting twice is harmless. The catalogue has no redaction event.
 */
export async function redactItem(ctx: TAppContext, input: { orgId: string; itemId: string }): Promise<void> {
  const { orgId, itemId } = input;
  await ctx.db.transaction().execute(async (trx) => {
    const item = await findItemForUpdate(trx, orgId, itemId);
    if (!item) throw notFound(`conversation item ${itemId} does not exist`);
    if (!(REDACTABLE_ITEM_TYPES as readonly string[]).includes(item.content_type)) {
      const redactable = REDACTABLE_ITEM_TYPES.join(', ');
      throw badRequest(
        'invalid',
        `conversation items of type [${item.content_type}] cannot be redacted; redactable types are ${redactable}`,
      );
    }
    await replaceItemContent(trx, orgId, itemId, {
      content: redactContent(item.content),
      redactedAt: item.redacted_at ?? ctx.now(),
    });
  });
}
