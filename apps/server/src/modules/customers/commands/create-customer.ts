import type { TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../../app-context.js';
import { appendEvent } from '../../../events/outbox.js';
import { badRequest, conflict } from '../../../http/errors.js';
import { isValidClientId, newId } from '../../../lib/ids.js';
import { assertContactsFree, translateUniqueViolation, validateEmails, validatePhones } from '../customer-contacts.js';
import { appendEmails, appendPhones, findCustomerRow, insertCustomer } from '../customers.repository.js';
import type { TCreateCustomerBody } from '../customers.schemas.js';

/** POST /customer-profiles: a new profile, with the caller's id when it gives a usable one (API spec 3.1). */
export async function createCustomer(
  ctx: TAppContext,
  orgId: string,
  body: TCreateCustomerBody,
  initiator: TInitiator,
): Promise<{ customerId: string }> {
  if (body.id !== undefined && body.id !== null && !isValidClientId(body.id)) {
    throw badRequest('invalid', 'id contains unsupported characters', 'id');
  }
  const customerId = body.id ?? newId();
  const emails = validateEmails(body.emails ?? []);
  const phones = validatePhones(body.phones ?? []);
  const now = ctx.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // A merged-away id still has its tombstone row, so it stays taken.
      if (await findCustomerRow(trx, orgId, customerId)) throw conflict('taken', 'customer ID exists', 'id');
      await assertContactsFree(trx, orgId, emails, phones);
      await insertCustomer(trx, orgId, {
        id: customerId,
        name: body.name ?? '',
        image: body.image || null,
        address: body.address ?? '',
        externalCustomerId: body.externalCustomerId || null,
        customAttributes: body.customAttributes ?? {},
        now,
      });
      await appendEmails(trx, orgId, customerId, emails, 0);
      await appendPhones(trx, orgId, customerId, phones, 0);
      await appendEvent(trx, orgId, {
        type: 'CUSTOMER_PROFILE/CREATED',
        initiator,
        occurredAt: now,
        content: { customerId },
      });
    });
  } catch (error) {
    throw translateUniqueViolation(error);
  }
  return { customerId };
}
