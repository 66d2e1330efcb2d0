import type { TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../../app-context.js';
import { appendEvent } from '../../../events/outbox.js';
import { notFound } from '../../../http/errors.js';
import { assertContactsFree, translateUniqueViolation, validateEmails, validatePhones } from '../customer-contacts.js';
import { findCustomerRow, replaceEmails, replacePhones, updateCustomer } from '../customers.repository.js';
import type { TUpdateCustomerBody } from '../customers.schemas.js';

/**
 * PATCH /customer-profiles/{id}: JSON-merge style. Absent fields stay, `null` clears, and the `emails`, `phones`
 * and `customAttributes` values replace what was there (API spec 4.2). A merged-away id is 404, not 301.
 */
export async function updateCustomerProfile(
  ctx: TAppContext,
  orgId: string,
  customerId: string,
  body: TUpdateCustomerBody,
  initiator: TInitiator,
): Promise<void> {
  const emails = body.emails === undefined ? undefined : validateEmails(body.emails ?? []);
  const phones = body.phones === undefined ? undefined : validatePhones(body.phones ?? []);
  const now = ctx.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const customer = await findCustomerRow(trx, orgId, customerId, { forUpdate: true });
      if (!customer || customer.merged_into_id) throw notFound(`customer profile ${customerId} does not exist`);
      await assertContactsFree(trx, orgId, emails, phones, customerId);
      await updateCustomer(
        trx,
        orgId,
        customerId,
        {
          ...(body.name !== undefined ? { name: body.name ?? '' } : {}),
          ...(body.image !== undefined ? { image: body.image || null } : {}),
          ...(body.address !== undefined ? { address: body.address ?? '' } : {}),
          ...(body.externalCustomerId !== undefined ? { externalCustomerId: body.externalCustomerId || null } : {}),
          ...(body.customAttributes !== undefined ? { customAttributes: body.customAttributes ?? {} } : {}),
        },
        now,
      );
      if (emails) await replaceEmails(trx, orgId, customerId, emails);
      if (phones) await replacePhones(trx, orgId, customerId, phones);
      await appendEvent(trx, orgId, {
        type: 'CUSTOMER_PROFILE/UPDATED',
        initiator,
        occurredAt: now,
        content: { customerId },
      });
    });
  } catch (error) {
    throw translateUniqueViolation(error);
  }
}
