import type { TAppContext } from '../../../app-context.js';
import { notFound } from '../../../http/errors.js';
import { findCustomChannel, findOutboundMessageForUpdate, setItemStatus } from '../custom-channels.repository.js';
import type { TMessageStatusBody } from '../custom-channels.schemas.js';

/**
 * The integrator reports what became of an agent's message (API spec 4.8). The latest report wins, whatever its
 * order: the integrator's channel is the authority on delivery, and Gladly documents no transition rules.
 */
export async function updateMessageStatus(
  ctx: TAppContext,
  input: { orgId: string; customChannelId: string; messageId: string; status: TMessageStatusBody },
) {
  const { orgId, customChannelId, messageId } = input;
  if (!(await findCustomChannel(ctx.db, orgId, customChannelId))) {
    throw notFound(`custom channel ${customChannelId} does not exist`);
  }
  const status = {
    value: input.status.value,
    ...(input.status.details != null ? { details: input.status.details } : {}),
  };
  await ctx.db.transaction().execute(async (trx) => {
    const item = await findOutboundMessageForUpdate(trx, orgId, customChannelId, messageId);
    if (!item) throw notFound(`message ${messageId} does not exist`);
    await setItemStatus(trx, orgId, messageId, { deliveryStatus: input.status.value, status });
  });
  return { messageId, customChannelId, status };
}
