import type { TAppContext } from '../../../app-context.js';
import type { TConversationItemRow } from '../../../db/schema.js';
import { badRequest } from '../../../http/errors.js';
import { registerDeliveryAdapter, type TDeliveryAdapter, type TDeliveryJob } from '../../channels/delivery-registry.js';
import { resolveSender } from '../entry-points/entry-points.queries.js';
import { prepareOutboundEmail } from './commands/prepare-outbound-email.js';
import { parseMailboxes } from './email-composer.js';
import { findConversationInboxId } from './outbound.repository.js';
import { findRelay } from './relay.repository.js';
import { openRelay } from './relay-secrets.js';
import { sendThroughRelay } from './smtp-sender.js';

/**
 * EMAIL replies and Send Email API messages, through the org's own SMTP relay. The Message-ID is committed before
 * the first byte goes out, so a customer who answers within a second still threads onto the conversation.
 */
export const emailDeliveryAdapter: TDeliveryAdapter = {
  async deliver(ctx: TAppContext, job: TDeliveryJob): Promise<void> {
    const relayRow = await findRelay(ctx.db, job.orgId);
    // Permanent: nothing will change by itself; the item shows why (an admin removed the relay after the reply).
    if (!relayRow) throw new Error('no outbound email relay is configured');
    const relay = openRelay(ctx.env, relayRow);
    const message = await prepareOutboundEmail(ctx, job);
    await sendThroughRelay(relay, message);
  },

  /** Refuse the reply at once (400) when it could never be sent: no relay, or no address to send it from. */
  async assertCanDeliver(ctx: TAppContext, input: { orgId: string; replyTo: TConversationItemRow }): Promise<void> {
    if (!(await findRelay(ctx.db, input.orgId))) {
      throw badRequest('invalid', 'email cannot be sent: no outbound email relay is configured', 'content.type');
    }
    const conversationId = input.replyTo.conversation_id;
    const inboxId = conversationId ? await findConversationInboxId(ctx.db, input.orgId, conversationId) : null;
    const content = input.replyTo.content;
    const wroteTo = parseMailboxes([...asArray(content.to), ...asArray(content.cc)]).map((m) => m.address);
    if (!(await resolveSender(ctx.db, input.orgId, { inboxId, wroteTo }))) {
      throw badRequest(
        'invalid',
        'email cannot be sent: the inbox has no default From address and the customer did not write to an address of this organization',
        'content.type',
      );
    }
  },
};

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** Both the api role (which refuses replies on channels without an adapter) and the worker role call this. */
export function registerEmailDelivery(): void {
  registerDeliveryAdapter('EMAIL', emailDeliveryAdapter);
}
