import type { TInitiator } from '@hearth/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/http/errors.js';
import {
  findOrCreateCustomerByContact,
  type TCustomerContact,
} from '../../src/modules/customers/commands/find-or-create-customer.js';
import { eventsOf, makeCustomer } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';

const t = useTestApp();
const initiator: TInitiator = { id: 'cust-initiator', type: 'CUSTOMER' };

function run(orgId: string, contact: TCustomerContact) {
  return t.db.transaction().execute((trx) => findOrCreateCustomerByContact(trx, orgId, contact, initiator));
}

async function profile(orgId: string, customerId: string) {
  const o = { emails: [] as unknown[], phones: [] as unknown[] };
  o.emails = await t.db
    .selectFrom('customer_emails')
    .select(['original', 'normalized', 'is_primary'])
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .execute();
  o.phones = await t.db
    .selectFrom('customer_phones')
    .select(['original', 'normalized', 'type', 'sms_preference', 'is_primary', 'region_code'])
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .execute();
  return o;
}

describe('findOrCreateCustomerByContact', () => {
  it('creates a profile for a new email (primary) with one CREATED event, then finds it in any case', async () => {
    const o = await createTestOrg(t);
    const first = await run(o.org.id, { emailAddress: 'New.Person@Example.com' });
    expect(first.created).toBe(true);
    expect(await profile(o.org.id, first.customerId)).toEqual({
      emails: [{ original: 'New.Person@Example.com', normalized: 'new.person@example.com', is_primary: true }],
      phones: [],
    });
    const again = await run(o.org.id, { emailAddress: 'Person <NEW.PERSON@example.com>' });
    expect(again).toEqual({ customerId: first.customerId, created: false });
    expect(await eventsOf(t, o.org.id)).toEqual([
      { type: 'CUSTOMER_PROFILE/CREATED', initiator, content: { customerId: first.customerId } },
    ]);
  });

  it('creates a profile for a new number as a MOBILE phone with SMS on', async () => {
    const o = await createTestOrg(t);
    const res = await run(o.org.id, { mobilePhone: '(650) 123-4567' });
    expect(res.created).toBe(true);
    expect(await profile(o.org.id, res.customerId)).toEqual({
      emails: [],
      phones: [
        {
          original: '(650) 123-4567',
          normalized: '+16501234567',
          type: 'MOBILE',
          sms_preference: 'ON',
          is_primary: true,
          region_code: 'US',
        },
      ],
    });
    expect(await run(o.org.id, { mobilePhone: '+16501234567' })).toEqual({
      customerId: res.customerId,
      created: false,
    });
  });

  it('prefers the profile holding the number as MOBILE, else any profile holding it', async () => {
    const o = await createTestOrg(t);
    const landline = await makeCustomer(t, o.org.id);
    await t.db
      .insertInto('customer_phones')
      .values({
        org_id: o.org.id,
        customer_id: landline.id,
        position: 0,
        original: '+14155550100',
        normalized: '+14155550100',
        extension: null,
        region_code: 'US',
        is_primary: false,
        sms_preference: null,
        type: 'HOME',
      })
      .execute();
    expect(await run(o.org.id, { mobilePhone: '415 555 0100' })).toEqual({ customerId: landline.id, created: false });
    const mobile = await makeCustomer(t, o.org.id, { mobile: '+14155550100' });
    expect(await run(o.org.id, { mobilePhone: '415 555 0100' })).toEqual({ customerId: mobile.id, created: false });
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it.each([
    [{ emailAddress: 'not-an-email' }, 'customer.emailAddress', 'invalid email address'],
    [{ mobilePhone: 'call me maybe' }, 'customer.mobilePhone', 'invalid phone number'],
  ])('400 for %j, nothing written', async (contact, attr, detail) => {
    const o = await createTestOrg(t);
    const error = await run(o.org.id, contact as TCustomerContact).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).errors).toEqual([{ attr, code: 'invalid', detail }]);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it.each([
    ['email', { emailAddress: 'race@example.com' }],
    ['phone', { mobilePhone: '+16509990000' }],
  ] as const)(
    'concurrent calls for one new %s end on one profile, and each transaction stays usable',
    async (_n, contact) => {
      const o = await createTestOrg(t);
      const results = await Promise.all(
        Array.from({ length: 4 }, () =>
          t.db.transaction().execute(async (trx) => {
            const result = await findOrCreateCustomerByContact(trx, o.org.id, contact, initiator);
            // The caller keeps working in the same transaction after a lost race.
            await trx.selectFrom('customers').select('id').where('org_id', '=', o.org.id).execute();
            return result;
          }),
        ),
      );
      const ids = new Set(results.map((r) => r.customerId));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const customers = await t.db.selectFrom('customers').select('id').where('org_id', '=', o.org.id).execute();
      expect(customers).toHaveLength(1);
      expect(await eventsOf(t, o.org.id, ['CUSTOMER_PROFILE/CREATED'])).toHaveLength(1);
    },
  );
});
