import type { TInitiator } from '@hearth/shared';
import type { TTransaction } from '../../../db/database.js';
import { uniqueViolation, withSavepoint } from '../../../db/pg-errors.js';
import { appendEvent } from '../../../events/outbox.js';
import { badRequest } from '../../../http/errors.js';
import { newId } from '../../../lib/ids.js';
import { normalizeEmail, parsePhone } from '../contact-normalization.js';
import {
  appendEmails,
  appendPhones,
  findCustomerIdByEmail,
  findCustomerIdByPhone,
  insertCustomer,
} from '../customers.repository.js';

export type TCustomerContact = { emailAddress: string } | { mobilePhone: string };

/**
 * The profile an inbound contact or an API-created item/task belongs to, created when none holds that address
 * (product spec 1.2 auto-create). Two requests racing for the same new address both end on the same profile: the
 * loser's insert hits the unique index, is rolled back to a savepoint, and re-reads the winner's profile.
 */
export async function findOrCreateCustomerByContact(
  trx: TTransaction,
  orgId: string,
  contact: TCustomerContact,
  initiator: TInitiator,
  options: { now?: Date; name?: string } = {},
): Promise<{ customerId: string; created: boolean }> {
  const now = options.now ?? new Date();
  // A display name (an email's From) names a new profile only; an existing profile's name is the agents' to keep.
  const name = options.name?.trim().slice(0, 200) ?? '';
  if ('emailAddress' in contact) {
    const email = normalizeEmail(contact.emailAddress);
    if (!email) throw badRequest('invalid', 'invalid email address', 'customer.emailAddress');
    return findOrCreate(
      trx,
      orgId,
      initiator,
      () => findCustomerIdByEmail(trx, orgId, email.normalized),
      (customerId) => appendEmails(trx, orgId, customerId, [{ ...email, primary: true }], 0),
      now,
      name,
    );
  }
  const phone = parsePhone(contact.mobilePhone);
  if (!phone) throw badRequest('invalid', 'invalid phone number', 'customer.mobilePhone');
  return findOrCreate(
    trx,
    orgId,
    initiator,
    () => findCustomerIdByPhone(trx, orgId, phone.normalized),
    (customerId) =>
      appendPhones(
        trx,
        orgId,
        customerId,
        [
          {
            original: contact.mobilePhone.trim(),
            normalized: phone.normalized,
            extension: phone.extension,
            regionCode: phone.regionCode,
            primary: true,
            smsPreference: 'ON',
            type: 'MOBILE',
          },
        ],
        0,
      ),
    now,
    name,
  );
}

async function findOrCreate(
  trx: TTransaction,
  orgId: string,
  initiator: TInitiator,
  find: () => Promise<string | undefined>,
  attachContact: (customerId: string) => Promise<void>,
  now: Date,
  name: string,
): Promise<{ customerId: string; created: boolean }> {
  const existing = await find();
  if (existing) return { customerId: existing, created: false };
  const customerId = newId();
  try {
    await withSavepoint(trx, async () => {
      await insertCustomer(trx, orgId, { id: customerId, name, now });
      await attachContact(customerId);
    });
  } catch (error) {
    if (!uniqueViolation(error)) throw error;
    const winner = await find();
    if (!winner) throw error;
    return { customerId: winner, created: false };
  }
  await appendEvent(trx, orgId, {
    type: 'CUSTOMER_PROFILE/CREATED',
    initiator,
    content: { customerId },
    occurredAt: now,
  });
  return { customerId, created: true };
}

/**
 * A profile known only by a channel identity (a custom channel sender address with no email or phone): the
 * channel keeps the address → profile mapping itself.
 */
export async function createCustomerWithoutContact(
  trx: TTransaction,
  orgId: string,
  profile: { name?: string },
  initiator: TInitiator,
  now: Date,
): Promise<string> {
  const customerId = newId();
  await insertCustomer(trx, orgId, { id: customerId, name: profile.name ?? '', now });
  await appendEvent(trx, orgId, {
    type: 'CUSTOMER_PROFILE/CREATED',
    initiator,
    content: { customerId },
    occurredAt: now,
  });
  return customerId;
}
