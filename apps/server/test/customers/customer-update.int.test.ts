import { describe, expect, it } from 'vitest';
import { eventsOf, makeCustomer } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';

const t = useTestApp();

async function createProfile(o: TTestOrg, body: Record<string, unknown>): Promise<string> {
  const res = await o.request({ method: 'POST', url: '/api/v1/customer-profiles', body });
  expect(res.statusCode).toBe(201);
  return String(res.headers.location).split('/').pop() as string;
}

const get = (o: TTestOrg, id: string) => o.request({ method: 'GET', url: `/api/v1/customer-profiles/${id}` });
const patch = (o: TTestOrg, id: string, body: unknown) =>
  o.request({ method: 'PATCH', url: `/api/v1/customer-profiles/${id}`, body });

describe('PATCH /customer-profiles/{id}', () => {
  it('round trip: the whole GET body sent back with a new name succeeds and changes only the name', async () => {
    const o = await createTestOrg(t);
    t.clock.set(new Date('2024-01-01T00:00:00.000Z'));
    const id = await createProfile(o, {
      name: 'Old Name',
      address: 'Somewhere',
      emails: [{ original: 'Round@Trip.com', primary: true }],
      phones: [
        { original: '650 123 4567' },
        { original: '+14155550100', type: 'MOBILE', smsPreference: 'OFF', primary: true },
        { original: '(415) 555-0111 x7', type: 'OFFICE' },
      ],
      externalCustomerId: 'ext-9',
      customAttributes: { a: '1' },
    });
    await t.db
      .updateTable('customers')
      .set({ external_customer_ids: JSON.stringify({ shop: 'S1' }) })
      .where('org_id', '=', o.org.id)
      .where('id', '=', id)
      .execute();
    const before = (await get(o, id)).data as Record<string, unknown>;
    expect((before.phones as Record<string, unknown>[])[0]).toMatchObject({ type: '', regionCode: 'US' });

    t.clock.set(new Date('2024-01-02T00:00:00.000Z'));
    const res = await patch(o, id, { ...before, name: 'New Name' });
    t.clock.reset();
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    const after = (await get(o, id)).data;
    expect(after).toEqual({ ...before, name: 'New Name', updatedAt: '2024-01-02T00:00:00.000Z' });
    expect(await eventsOf(t, o.org.id, ['CUSTOMER_PROFILE/UPDATED'])).toEqual([
      {
        type: 'CUSTOMER_PROFILE/UPDATED',
        initiator: { id: o.apiUser.user.id, type: 'API' },
        content: { customerId: id },
      },
    ]);
  });

  it('is partial: absent fields stay; emails, phones and customAttributes are replaced wholesale', async () => {
    const o = await createTestOrg(t);
    const id = await createProfile(o, {
      name: 'Keep',
      address: 'Keep St',
      emails: [{ original: 'one@example.com' }, { original: 'two@example.com' }],
      phones: [{ original: '+16501234567', type: 'MOBILE' }],
      customAttributes: { a: '1', b: '2' },
    });
    expect(
      (
        await patch(o, id, {
          emails: [{ original: 'three@example.com', primary: true }],
          customAttributes: { c: '3' },
        })
      ).statusCode,
    ).toBe(204);
    const after = (await get(o, id)).data as Record<string, unknown>;
    expect(after).toMatchObject({
      name: 'Keep',
      address: 'Keep St',
      emails: [{ original: 'three@example.com', normalized: 'three@example.com', primary: true }],
      phones: [{ normalized: '+16501234567', type: 'MOBILE' }],
      customAttributes: { c: '3' },
    });
    // The dropped addresses are free for another profile now.
    expect(
      (
        await o.request({
          method: 'POST',
          url: '/api/v1/customer-profiles',
          body: { emails: [{ original: 'one@example.com' }] },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('null clears a field; an empty list empties it', async () => {
    const o = await createTestOrg(t);
    const id = await createProfile(o, {
      name: 'Name',
      image: 'https://img',
      externalCustomerId: 'x',
      emails: [{ original: 'a@example.com' }],
      phones: [{ original: '+16501234567' }],
      customAttributes: { a: '1' },
    });
    expect(
      (
        await patch(o, id, {
          name: null,
          image: null,
          externalCustomerId: null,
          emails: [],
          phones: null,
          customAttributes: null,
        })
      ).statusCode,
    ).toBe(204);
    const after = (await get(o, id)).data as Record<string, unknown>;
    expect(after).toMatchObject({ name: '', emails: [], phones: [], customAttributes: {} });
    expect(after).not.toHaveProperty('image');
    expect(after).not.toHaveProperty('externalCustomerId');
  });

  it('keeping its own email and mobile is not a clash; taking another profile’s is 409 and changes nothing', async () => {
    const o = await createTestOrg(t);
    const other = await makeCustomer(t, o.org.id, { email: 'other@example.com', mobile: '+16505550001' });
    const id = await createProfile(o, {
      name: 'Mine',
      emails: [{ original: 'mine@example.com' }],
      phones: [{ original: '+16505550002', type: 'MOBILE' }],
    });
    expect(
      (
        await patch(o, id, {
          emails: [{ original: 'MINE@example.com' }],
          phones: [{ original: '650-555-0002', type: 'MOBILE' }],
        })
      ).statusCode,
    ).toBe(204);
    const before = (await get(o, id)).data;
    const eventsBefore = await eventsOf(t, o.org.id);

    const email = await patch(o, id, { name: 'Changed', emails: [{ original: 'Other@Example.com' }] });
    expect(email.statusCode).toBe(409);
    expect(email.data).toEqual({
      errors: [
        {
          attr: 'emails',
          code: 'taken',
          detail: `email address other@example.com already belongs to customer profile ${other.id}`,
          meta: { customerId: other.id },
        },
      ],
    });
    const mobile = await patch(o, id, { name: 'Changed', phones: [{ original: '+16505550001', type: 'MOBILE' }] });
    expect(mobile.statusCode).toBe(409);
    expect(mobile.data).toMatchObject({ errors: [{ attr: 'phones', code: 'taken', meta: { customerId: other.id } }] });
    expect((await get(o, id)).data).toEqual(before);
    expect(await eventsOf(t, o.org.id)).toEqual(eventsBefore);
  });

  it('400s leave the profile untouched and append nothing', async () => {
    const o = await createTestOrg(t);
    const id = await createProfile(o, { name: 'Same' });
    const eventsBefore = await eventsOf(t, o.org.id);
    const cases: [unknown, string, string][] = [
      [{ name: 'X', emails: [{ original: 'bad' }] }, 'emails.0.original', 'invalid'],
      [{ name: 'X', phones: [{ original: 'zzz' }] }, 'phones.0.original', 'invalid'],
      [{ name: 'X', phones: [{ original: '+16501234567', type: 'PAGER' }] }, 'phones.0.type', 'invalid'],
      [{ name: 'X', customAttributes: { a: 1 } }, 'customAttributes.a', 'invalid'],
    ];
    for (const [body, attr, code] of cases) {
      const res = await patch(o, id, body);
      expect(res.statusCode).toBe(400);
      expect(res.data).toMatchObject({ errors: [{ attr, code }] });
    }
    expect((await get(o, id)).data).toMatchObject({ name: 'Same' });
    expect(await eventsOf(t, o.org.id)).toEqual(eventsBefore);
  });

  it('404 for an unknown id and for a merged-away id (not 301)', async () => {
    const o = await createTestOrg(t);
    const live = await makeCustomer(t, o.org.id);
    await t.db
      .insertInto('customers')
      .values({ org_id: o.org.id, id: 'tomb', image: null, external_customer_id: null, merged_into_id: live.id })
      .execute();
    for (const id of ['nobody', 'tomb']) {
      const res = await patch(o, id, { name: 'X' });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: `customer profile ${id} does not exist` }] });
    }
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('ignores a different id in the body: the path decides which profile changes', async () => {
    const o = await createTestOrg(t);
    const a = await createProfile(o, { name: 'A' });
    const b = await createProfile(o, { name: 'B' });
    expect((await patch(o, a, { id: b, name: 'A2' })).statusCode).toBe(204);
    expect((await get(o, a)).data).toMatchObject({ id: a, name: 'A2' });
    expect((await get(o, b)).data).toMatchObject({ id: b, name: 'B' });
  });
});
