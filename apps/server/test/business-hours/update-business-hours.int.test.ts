import { describe, expect, it } from 'vitest';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { createBusinessHoursOk, NINE_TO_FIVE, storedBusinessHours } from './arrange.js';

const t = useTestApp();

const createOk = createBusinessHoursOk;
const storedRows = (o: TTestOrg) => storedBusinessHours(t, o);

describe('PUT /business-hours/{id}', () => {
  it('replaces fully, bumps the version and keeps createdAt', async () => {
    const o = await createTestOrg(t);
    t.clock.set(new Date('2030-05-01T10:00:00.000Z'));
    try {
      const created = await createOk(o, {
        name: 'Old',
        officeHours: { timezone: 'UTC', monday: [{ start: '07:00', stop: '08:00' }] },
      });
      t.clock.advance(60_000);
      const res = await o.request({
        method: 'PUT',
        url: `/api/v1/business-hours/${created.id}`,
        body: {
          id: 'ignored',
          version: 1,
          name: 'New',
          officeHours: { timezone: 'Europe/Paris', sunday: NINE_TO_FIVE },
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.data).toEqual({
        id: created.id,
        version: 2,
        createdAt: '2030-05-01T10:00:00.000Z',
        updatedAt: '2030-05-01T10:01:00.000Z',
        name: 'New',
        primary: true,
        officeHours: {
          timezone: 'Europe/Paris',
          monday: NINE_TO_FIVE,
          tuesday: NINE_TO_FIVE,
          wednesday: NINE_TO_FIVE,
          thursday: NINE_TO_FIVE,
          friday: NINE_TO_FIVE,
          saturday: [],
          sunday: NINE_TO_FIVE,
          exceptions: [],
        },
      });
      const got = await o.request({ method: 'GET', url: `/api/v1/business-hours/${created.id}` });
      expect(got.data).toEqual(res.data);
    } finally {
      t.clock.reset();
    }
  });

  it('409 version_outdated for a stale version and nothing changes', async () => {
    const o = await createTestOrg(t);
    const created = await createOk(o, { name: 'A', officeHours: { timezone: 'UTC' } });
    const ok = await o.request({
      method: 'PUT',
      url: `/api/v1/business-hours/${created.id}`,
      body: { version: 1, name: 'B', officeHours: { timezone: 'UTC' } },
    });
    expect(ok.statusCode).toBe(200);
    for (const version of [1, 3]) {
      const stale = await o.request({
        method: 'PUT',
        url: `/api/v1/business-hours/${created.id}`,
        body: { version, name: 'C', officeHours: { timezone: 'UTC' } },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.data).toEqual({
        errors: [{ code: 'version_outdated', detail: 'the version provided is outdated' }],
      });
    }
    const [row] = await storedRows(o);
    expect(row).toMatchObject({ name: 'B', version: 2 });
  });

  it('two PUTs with the same version: exactly one wins', async () => {
    const o = await createTestOrg(t);
    const created = await createOk(o, { name: 'A', officeHours: { timezone: 'UTC' } });
    const results = await Promise.all(
      ['X', 'Y', 'Z'].map((name) =>
        o.request({
          method: 'PUT',
          url: `/api/v1/business-hours/${created.id}`,
          body: { version: 1, name, officeHours: { timezone: 'UTC' } },
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.data as { name: string };
    const [row] = await storedRows(o);
    expect(row).toMatchObject({ name: winner.name, version: 2 });
  });

  it('400 version blank when the version is missing; 400 for invalid content; 404 unknown', async () => {
    const o = await createTestOrg(t);
    const created = await createOk(o, { name: 'A', officeHours: { timezone: 'UTC' } });
    const url = `/api/v1/business-hours/${created.id}`;
    const noVersion = await o.request({ method: 'PUT', url, body: { name: 'B', officeHours: { timezone: 'UTC' } } });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.data).toEqual({ errors: [{ attr: 'version', code: 'blank', detail: 'version cannot be blank' }] });
    const badTz = await o.request({
      method: 'PUT',
      url,
      body: { version: 1, name: 'B', officeHours: { timezone: 'Nowhere' } },
    });
    expect(badTz.data).toEqual({
      errors: [{ attr: 'officeHours.timezone', code: 'invalid', detail: 'Timezone is invalid' }],
    });
    const blank = await o.request({
      method: 'PUT',
      url,
      body: { version: 1, name: '', officeHours: { timezone: 'UTC' } },
    });
    expect(blank.data).toEqual({ errors: [{ attr: 'name', code: 'invalid', detail: 'name cannot be blank' }] });
    const missing = await o.request({
      method: 'PUT',
      url: '/api/v1/business-hours/bh_missing',
      body: { version: 1, name: 'B', officeHours: { timezone: 'UTC' } },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.data).toEqual({ errors: [{ code: 'not_exist', detail: 'business hours does not exist' }] });
    const [row] = await storedRows(o);
    expect(row).toMatchObject({ name: 'A', version: 1 });
  });

  it('primary:true moves the primary flag; the primary cannot be unset directly', async () => {
    const o = await createTestOrg(t);
    const first = await createOk(o, { name: 'First', officeHours: { timezone: 'UTC' } });
    const second = await createOk(o, { name: 'Second', officeHours: { timezone: 'UTC' } });
    const moved = await o.request({
      method: 'PUT',
      url: `/api/v1/business-hours/${second.id}`,
      body: { version: 1, name: 'Second', primary: true, officeHours: { timezone: 'UTC' } },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.data).toMatchObject({ primary: true, version: 2 });
    const firstNow = await o.request({ method: 'GET', url: `/api/v1/business-hours/${first.id}` });
    expect(firstNow.data).toMatchObject({ primary: false });
    const demote = await o.request({
      method: 'PUT',
      url: `/api/v1/business-hours/${second.id}`,
      body: { version: 2, name: 'Second', primary: false, officeHours: { timezone: 'UTC' } },
    });
    expect(demote.statusCode).toBe(400);
    expect(demote.data).toMatchObject({ errors: [{ attr: 'primary', code: 'invalid' }] });
    // An absent primary keeps the flag as it is.
    const keep = await o.request({
      method: 'PUT',
      url: `/api/v1/business-hours/${second.id}`,
      body: { version: 2, name: 'Renamed', officeHours: { timezone: 'UTC' } },
    });
    expect(keep.data).toMatchObject({ primary: true, name: 'Renamed', version: 3 });
    const rows = await storedRows(o);
    expect(rows.filter((r) => r.is_primary).map((r) => r.id)).toEqual([second.id]);
  });

  it('a stale PUT asking for primary does not move the flag', async () => {
    const o = await createTestOrg(t);
    const first = await createOk(o, { name: 'First', officeHours: { timezone: 'UTC' } });
    const second = await createOk(o, { name: 'Second', officeHours: { timezone: 'UTC' } });
    const stale = await o.request({
      method: 'PUT',
      url: `/api/v1/business-hours/${second.id}`,
      body: { version: 7, name: 'Second', primary: true, officeHours: { timezone: 'UTC' } },
    });
    expect(stale.statusCode).toBe(409);
    const rows = await storedRows(o);
    expect(rows.filter((r) => r.is_primary).map((r) => r.id)).toEqual([first.id]);
  });
});

describe('DELETE /business-hours/{id}', () => {
  it('deletes a non-primary one; refuses the primary; 404 for unknown', async () => {
    const o = await createTestOrg(t);
    const primary = await createOk(o, { name: 'Primary', officeHours: { timezone: 'UTC' } });
    const other = await createOk(o, { name: 'Other', officeHours: { timezone: 'UTC' } });
    const refused = await o.request({ method: 'DELETE', url: `/api/v1/business-hours/${primary.id}` });
    expect(refused.statusCode).toBe(400);
    expect(refused.data).toEqual({ errors: [{ code: 'invalid', detail: 'cannot delete primary business hours' }] });
    const deleted = await o.request({ method: 'DELETE', url: `/api/v1/business-hours/${other.id}` });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    const again = await o.request({ method: 'DELETE', url: `/api/v1/business-hours/${other.id}` });
    expect(again.statusCode).toBe(404);
    expect(again.data).toEqual({ errors: [{ code: 'not_exist', detail: 'business hours does not exist' }] });
    expect((await storedRows(o)).map((r) => r.id)).toEqual([primary.id]);
  });
});
