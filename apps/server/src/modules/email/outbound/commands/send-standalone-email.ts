import type { TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../../../app-context.js';
import { badRequest } from '../../../../http/errors.js';
import { newId } from '../../../../lib/ids.js';
import { richContentToPlainText, sanitizeRichContent } from '../../../../lib/rich-content.js';
import { DELIVER_JOB, type TDeliveryJobData } from '../../../channels/delivery-registry.js';
import { findOrCreateCustomerByContact } from '../../../customers/commands/find-or-create-customer.js';
import { normalizeEmail } from '../../../customers/contact-normalization.js';
import { findSendingAddress } from '../../entry-points/entry-points.queries.js';
import type { TSendEmailBody } from '../communications-email.schemas.js';
import { insertOutboundItem } from '../outbound.repository.js';
import { findRelay } from '../relay.repository.js';

// pg-boss's own retries cover a worker that died mid-job; the relay's answers are judged in delivery-worker.ts.
const JOB_RETRY = { retryLimit: 5, retryDelaySeconds: 2, retryBackoff: true };

export interface TSendStandaloneEmailInput {
  orgId: string;
  initiator: TInitiator;
  body: TSendEmailBody;
}

/**
 * The Send Email API (API spec 4.8, product spec 3.2): exactly one recipient, who is found or created as a customer;
 * a `from` that is one of the org's addresses; the email is an item of the customer's timeline outside any
 * conversation (never routed) and goes out through the same relay and worker as replies. 200 means accepted and
 * queued, not delivered: a failure shows on the item as `content.deliveryError`.
 */
export async function sendStandaloneEmail(
  ctx: TAppContext,
  input: TSendStandaloneEmailInput,
): Promise<{ customerId: string; conversationItemId: string }> {
  const { orgId, body } = input;
  if (body.to.length !== 1) throw badRequest('invalid', 'to must hold exactly one recipient', 'to');
  const recipient = body.to[0] as TSendEmailBody['to'][number];
  const email = normalizeEmail(recipient.email);
  if (!email) throw badRequest('invalid', 'invalid email address', 'to.0.email');
  const sender = await findSendingAddress(ctx.db, orgId, body.from);
  if (!sender) {
    throw badRequest('invalid', `from [${body.from}] is not an email address configured for this organization`, 'from');
  }
  const html = body.body.html?.trim() ? sanitizeRichContent(body.body.html) : '';
  const text = body.body.text?.trim() ? body.body.text : html ? richContentToPlainText(html) : '';
  if (!html && !text) throw badRequest('blank', 'body cannot be blank: give body.html or body.text', 'body');
  if (!(await findRelay(ctx.db, orgId))) {
    throw badRequest('invalid', 'email cannot be sent: no outbound email relay is configured');
  }
  const now = ctx.now();
  const itemId = newId();
  const customerId = await ctx.db.transaction().execute(async (trx) => {
    const customer = await findOrCreateCustomerByContact(
      trx,
      orgId,
      { emailAddress: email.original },
      input.initiator,
      {
        now,
      },
    );
    await insertOutboundItem(trx, {
      orgId,
      id: itemId,
      customerId: customer.customerId,
      initiator: input.initiator,
      occurredAt: now,
      content: {
        type: 'EMAIL',
        from: sender.address,
        to: [email.normalized],
        cc: [],
        bcc: [],
        subject: body.subject,
        content: text,
        ...(html ? { body: html } : {}),
        attachments: [],
      },
    });
    const job: TDeliveryJobData = {
      orgId,
      itemId,
      ...(recipient.name ? { channelData: { toName: recipient.name } } : {}),
    };
    await ctx.jobs.send(trx, DELIVER_JOB, job, JOB_RETRY);
    return customer.customerId;
  });
  return { customerId, conversationItemId: itemId };
}
