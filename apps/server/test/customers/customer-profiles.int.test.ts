import { describe, expect, it } from 'vitest';
import { eventsOf, makeCustomer } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';

const t = useTestApp();

async function create(o: TTestOrg, body: Record<string, unknown>) {
  return o.request({ method: 'POST', url: '/api/v1/customer-profiles', body });
}

async function createAndGet(o: TTestOrg, body: Record<string, unknown>) {
  const res = await create(o, body);
  expect(res.statusCode).toBe(201);
  const location = String(res.headers.location);
  return (await o.request({ method: 'GET', url: location })).data as Record<string, unknown>;
}

describe('POST /customer-profiles', () => {
  it('creates a profile: 201, Location, empty body, every field readable back, one CREATED event', async () => {
    const o = await createTestOrg(t);
    t.clock.set(new Date('2024-03-01T10:00:00.123Z'));
    const res = await create(o, {
      name: 'Jane Doe',
      image: 'https://example.com/jane.png',
      address: '1 Main St, Springfield',
      emails: [{ original: 'Jane Doe <Jane@Example.com>', primary: true }, { original: 'jd@work.example.org' }],
      phones: [
        { original: '650 123 4567', type: 'MOBILE', smsPreference: 'ON', primary: true },
        { original: '020 7946 0958', regionCode: 'gb', type: 'HOME' },
        { original: '+1 415 555 0100 ext. 12' },
      ],
      externalCustomerId: 'ext-1',
      customAttributes: { tier: 'gold', memberSince: '2019' },
    });
    t.clock.reset();
    expect(res.statusCode).toBe(201);
    expect(res.body).toBe('');
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/api\/v1\/customer-profiles\/[A-Za-z0-9_-]{22}$/);
    const id = location.split('/').pop() as string;

    const got = await o.request({ method: 'GET', url: location });
    expect(got.statusCode).toBe(200);
    expect(got.data).toEqual({
      id,
      name: 'Jane Doe',
      image: 'https://example.com/jane.png',
      address: '1 Main St, Springfield',
      emails: [
        { original: 'Jane@Example.com', normalized: 'jane@example.com', primary: true },
        { original: 'jd@work.example.org', normalized: 'jd@work.example.org', primary: false },
      ],
      phones: [
        {
          original: '650 123 4567',
          normalized: '+16501234567',
          regionCode: 'US',
          primary: true,
          smsPreference: 'ON',
          type: 'MOBILE',
        },
        { original: '020 7946 0958', normalized: '+442079460958', regionCode: 'GB', primary: false, type: 'HOME' },
        {
          original: '+1 415 555 0100 ext. 12',
          normalized: '+14155550100',
          extension: '12',
          regionCode: 'US',
          primary: false,
          type: '',
        },
      ],
      externalCustomerId: 'ext-1',
      customAttributes: { tier: 'gold', memberSince: '2019' },
      createdAt: '2024-03-01T10:00:00.123Z',
      updatedAt: '2024-03-01T10:00:00.123Z',
    });
    expect(await eventsOf(t, o.org.id, ['CUSTOMER_PROFILE/CREATED'])).toEqual([
      {
        type: 'CUSTOMER_PROFILE/CREATED',
        initiator: { id: o.apiUser.user.id, type: 'API' },
        content: { customerId: id },
      },
    ]);
  });

  it('an empty body makes an empty profile', async () => {
    const o = await createTestOrg(t);
    const got = await createAndGet(o, {});
    expect(got).toMatchObject({ name: '', address: '', emails: [], phones: [], customAttributes: {} });
    expect(got).not.toHaveProperty('image');
    expect(got).not.toHaveProperty('externalCustomerId');
    expect(got).not.toHaveProperty('externalCustomerIds');
  });

  it.each(['user@2', 'cust_123', 'a'.repeat(49), 'abc-DEF.~'])('accepts the client id %j', async (id) => {
    const o = await createTestOrg(t);
    const res = await create(o, { id, name: 'X' });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/customer-profiles/${id}`);
    const got = await o.request({ method: 'GET', url: `/api/v1/customer-profiles/${encodeURIComponent(id)}` });
    expect(got.data).toMatchObject({ id, name: 'X' });
  });

  it.each(['a'.repeat(50), 'has space', 'slash/inside', 'ünï', ''])('rejects the client id %j', async (id) => {
    const o = await createTestOrg(t);
    const res = await create(o, { id });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [{ attr: 'id', code: 'invalid', detail: 'id contains unsupported characters' }],
    });
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('409 for an id in use (a merged-away id included), and nothing is written', async () => {
    const o = await createTestOrg(t);
    await makeCustomer(t, o.org.id, { id: 'taken-id' });
    await t.db
      .insertInto('customers')
      .values({ org_id: o.org.id, id: 'tomb', image: null, external_customer_id: null, merged_into_id: 'taken-id' })
      .execute();
    for (const id of ['taken-id', 'tomb']) {
      const res = await create(o, { id, emails: [{ original: 'fresh@example.com' }] });
      expect(res.statusCode).toBe(409);
      expect(res.data).toEqual({ errors: [{ attr: 'id', code: 'taken', detail: 'customer ID exists' }] });
    }
    const search = await o.request({ method: 'GET', url: '/api/v1/customer-profiles?email=fresh@example.com' });
    expect(search.data).toEqual([]);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('409 when an email (any case) or a MOBILE number belongs to another profile; landlines may be shared', async () => {
    const o = await createTestOrg(t);
    const owner = await makeCustomer(t, o.org.id, { email: 'owner@example.com', mobile: '+16505550001' });
    const email = await create(o, { emails: [{ original: 'OWNER@example.com' }] });
    expect(email.statusCode).toBe(409);
    expect(email.data).toEqual({
      errors: [
        {
          attr: 'emails',
          code: 'taken',
          detail: `email address owner@example.com already belongs to customer profile ${owner.id}`,
          meta: { customerId: owner.id },
        },
      ],
    });
    const mobile = await create(o, { phones: [{ original: '(650) 555-0001', type: 'MOBILE' }] });
    expect(mobile.statusCode).toBe(409);
    expect(mobile.data).toEqual({
      errors: [
        {
          attr: 'phones',
          code: 'taken',
          detail: `mobile phone number +16505550001 already belongs to customer profile ${owner.id}`,
          meta: { customerId: owner.id },
        },
      ],
    });
    expect(await eventsOf(t, o.org.id)).toEqual([]);
    const landline = await create(o, { phones: [{ original: '(650) 555-0001', type: 'HOME' }] });
    expect(landline.statusCode).toBe(201);
  });

  it.each([
    [{ emails: [{ original: 'abc' }] }, 'emails.0.original', 'invalid', 'invalid email address'],
    [
      { emails: [{ original: 'ok@example.com' }, { original: 'no-at' }] },
      'emails.1.original',
      'invalid',
      'invalid email address',
    ],
    [
      {
        emails: [
          { original: 'a@example.com', primary: true },
          { original: 'b@example.com', primary: true },
        ],
      },
      'emails',
      'invalid',
      'at most one email address can be primary',
    ],
    [{ phones: [{ original: 'call me' }] }, 'phones.0.original', 'invalid', 'invalid phone number'],
    [
      { phones: [{ original: '650 123 4567', regionCode: 'XX' }] },
      'phones.0.regionCode',
      'invalid',
      'invalid region code',
    ],
    [
      {
        phones: [
          { original: '+16501234567', primary: true },
          { original: '+16501234568', primary: true },
        ],
      },
      'phones',
      'invalid',
      'at most one phone number can be primary',
    ],
  ])('400 for %j', async (body, attr, code, detail) => {
    const o = await createTestOrg(t);
    const res = await create(o, body);
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({ errors: [{ attr, code, detail }] });
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it.each([
    [{ emails: [{}] }, 'emails.0.original', 'blank'],
    [{ phones: [{ original: '+16501234567', smsPreference: 'MAYBE' }] }, 'phones.0.smsPreference', 'invalid'],
    [{ phones: [{ original: '+16501234567', type: 'FAX' }] }, 'phones.0.type', 'invalid'],
    [{ customAttributes: { nested: { a: 1 } } }, 'customAttributes.nested', 'invalid'],
    [{ customAttributes: ['a'] }, 'customAttributes', 'invalid'],
    [{ name: 42 }, 'name', 'invalid'],
    [{ name: 'nul\u0000byte' }, 'name', 'invalid'],
    [{ customAttributes: { k: 'nul\u0000' } }, 'customAttributes.k', 'invalid'],
  ])('400 from the schema for %j', async (body, attr, code) => {
    const o = await createTestOrg(t);
    const res = await create(o, body);
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ errors: [{ attr, code }] });
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('the same address twice in one list is stored once', async () => {
    const o = await createTestOrg(t);
    const got = await createAndGet(o, {
      emails: [{ original: 'dup@example.com' }, { original: 'DUP@example.com', primary: true }],
      phones: [
        { original: '+16501234567', type: 'MOBILE' },
        { original: '650-123-4567', type: 'MOBILE' },
      ],
    });
    expect(got.emails).toEqual([{ original: 'dup@example.com', normalized: 'dup@example.com', primary: true }]);
    expect((got.phones as unknown[]).length).toBe(1);
  });

  it('two creates racing for the same email: one 201, one 409, never a 500', async () => {
    const o = await createTestOrg(t);
    const results = await Promise.all([1, 2, 3].map(() => create(o, { emails: [{ original: 'race@example.com' }] })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });
});

describe('GET /customer-profiles/{id}', () => {
  it('404 for an unknown id', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: '/api/v1/customer-profiles/nobody' });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'customer profile nobody does not exist' }] });
  });

  it('400, not a database failure, for an id PostgreSQL cannot hold', async () => {
    const o = await createTestOrg(t);
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await o.request({
        method,
        url: '/api/v1/customer-profiles/a%00b',
        body: method === 'PATCH' ? {} : undefined,
      });
      expect(res.statusCode).toBe(400);
      expect(res.data).toMatchObject({ errors: [{ attr: 'customerId', code: 'invalid' }] });
    }
  });

  it('does not show another org’s profile', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const c = await makeCustomer(t, other.org.id);
    const res = await o.request({ method: 'GET', url: `/api/v1/customer-profiles/${c.id}` });
    expect(res.statusCode).toBe(404);
  });

  it('301 moved with old/new and a Location for a merged-away id, following chains', async () => {
    const o = await createTestOrg(t);
    const live = await makeCustomer(t, o.org.id);
    const insertTomb = (id: string, into: string) =>
      t.db
        .insertInto('customers')
        .values({ org_id: o.org.id, id, image: null, external_customer_id: null, merged_into_id: into })
        .execute();
    await insertTomb('middle', live.id);
    await insertTomb('oldest', 'middle');
    for (const old of ['middle', 'oldest']) {
      const res = await o.request({ method: 'GET', url: `/api/v1/customer-profiles/${old}` });
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(`/api/v1/customer-profiles/${live.id}`);
      expect(res.data).toEqual({
        errors: [{ attr: 'customerId', code: 'moved', detail: 'customer id has changed', meta: { old, new: live.id } }],
      });
    }
  });

  it('shows externalCustomerIds when the profile is linked, and stored non-string attributes as strings', async () => {
    const o = await createTestOrg(t);
    const c = await makeCustomer(t, o.org.id);
    await t.db
      .updateTable('customers')
      .set({ external_customer_ids: JSON.stringify({ shopify: '42' }), custom_attributes: JSON.stringify({ n: 3 }) })
      .where('org_id', '=', o.org.id)
      .where('id', '=', c.id)
      .execute();
    const res = await o.request({ method: 'GET', url: `/api/v1/customer-profiles/${c.id}` });
    expect(res.data).toMatchObject({ externalCustomerIds: { shopify: '42' }, customAttributes: { n: '3' } });
  });
});
