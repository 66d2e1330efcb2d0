import { describe, expect, it } from 'vitest';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { createBusinessHoursOk, createBusinessHoursVia, NINE_TO_FIVE, storedBusinessHours } from './arrange.js';

const t = useTestApp();

const create = createBusinessHoursVia;
const createOk = createBusinessHoursOk;
const storedRows = (o: TTestOrg) => storedBusinessHours(t, o);
const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('POST /business-hours', () => {
  it('creates with defaults for absent weekdays, a bh_ id and a Location', async () => {
    const o = await createTestOrg(t);
    t.clock.set(new Date('2030-01-02T03:04:05.678Z'));
    try {
      const res = await create(o, {
        name: '  Support hours ',
        officeHours: {
          timezone: 'america/new_york',
          monday: [
            { start: '08:00', stop: '12:00' },
            { start: '13:00', stop: '18:30' },
          ],
          saturday: [{ start: '10:00', stop: '14:00' }],
          sunday: [],
          exceptions: [
            {
              name: 'Christmas',
              start: '2030-12-25T00:00:00-05:00',
              stop: '2030-12-26T00:00:00-05:00',
            },
          ],
        },
        createdAt: 'ignored read-only field',
      });
      expect(res.statusCode).toBe(201);
      const body = res.data as Record<string, unknown>;
      expect(body.id).toMatch(/^bh_[A-Za-z0-9_-]{22}$/);
      expect(res.headers.location).toBe(`/api/v1/business-hours/${body.id}`);
      expect(body).toEqual({
        id: body.id,
        version: 1,
        createdAt: '2030-01-02T03:04:05.678Z',
        updatedAt: '2030-01-02T03:04:05.678Z',
        name: 'Support hours',
        primary: true,
        officeHours: {
          timezone: 'America/New_York',
          monday: [
            { start: '08:00', stop: '12:00' },
            { start: '13:00', stop: '18:30' },
          ],
          tuesday: NINE_TO_FIVE,
          wednesday: NINE_TO_FIVE,
          thursday: NINE_TO_FIVE,
          friday: NINE_TO_FIVE,
          saturday: [{ start: '10:00', stop: '14:00' }],
          sunday: [],
          exceptions: [
            {
              name: 'Christmas',
              start: '2030-12-25T05:00:00.000Z',
              stop: '2030-12-26T05:00:00.000Z',
              scheduleBlocks: [],
            },
          ],
        },
      });
      const got = await o.request({ method: 'GET', url: `/api/v1/business-hours/${body.id}` });
      expect(got.statusCode).toBe(200);
      expect(got.data).toEqual(body);
    } finally {
      t.clock.reset();
    }
  });

  it('a bare timezone gives Mon–Fri 09:00–17:00 and a closed weekend; a 24:00 stop is accepted', async () => {
    const o = await createTestOrg(t);
    const created = await createOk(o, { name: 'Default', officeHours: { timezone: 'UTC' } });
    expect(created).toMatchObject({
      officeHours: {
        timezone: 'UTC',
        monday: NINE_TO_FIVE,
        friday: NINE_TO_FIVE,
        saturday: [],
        sunday: [],
        exceptions: [],
      },
    });
    const late = await createOk(o, {
      name: 'Late',
      officeHours: { timezone: 'UTC', friday: [{ start: '18:00', stop: '24:00' }] },
    });
    expect(late).toMatchObject({ officeHours: { friday: [{ start: '18:00', stop: '24:00' }] } });
  });

  it('the first business hours is primary even when primary:false is sent; later ones are not unless asked', async () => {
    const o = await createTestOrg(t);
    const first = await createOk(o, { name: 'First', primary: false, officeHours: { timezone: 'UTC' } });
    expect(first.primary).toBe(true);
    const second = await createOk(o, { name: 'Second', officeHours: { timezone: 'UTC' } });
    expect(second.primary).toBe(false);
    const third = await createOk(o, { name: 'Third', primary: true, officeHours: { timezone: 'UTC' } });
    expect(third.primary).toBe(true);
    const list = await o.request({ method: 'GET', url: '/api/v1/business-hours' });
    expect(list.statusCode).toBe(200);
    expect((list.data as Array<{ name: string; primary: boolean }>).map((b) => [b.name, b.primary])).toEqual([
      ['First', false],
      ['Second', false],
      ['Third', true],
    ]);
  });

  it('concurrent creates on an empty org end with exactly one primary', async () => {
    const o = await createTestOrg(t);
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        create(o, { name: `BH ${i}`, primary: true, officeHours: { timezone: 'UTC' } }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const rows = await storedRows(o);
    expect(rows.filter((r) => r.is_primary)).toHaveLength(1);
  });

  it.each([
    ['missing name', { officeHours: { timezone: 'UTC' } }, 'name', 'invalid', 'name cannot be blank'],
    ['blank name', { name: '   ', officeHours: { timezone: 'UTC' } }, 'name', 'invalid', 'name cannot be blank'],
    [
      'name over 200',
      { name: 'x'.repeat(201), officeHours: { timezone: 'UTC' } },
      'name',
      'too_long',
      'name cannot be longer than 200 characters',
    ],
    ['no officeHours', { name: 'A' }, 'officeHours.timezone', 'blank', 'Timezone is required'],
    ['no timezone', { name: 'A', officeHours: {} }, 'officeHours.timezone', 'blank', 'Timezone is required'],
    [
      'empty timezone',
      { name: 'A', officeHours: { timezone: '' } },
      'officeHours.timezone',
      'blank',
      'Timezone is required',
    ],
    [
      'unknown timezone',
      { name: 'A', officeHours: { timezone: 'Mars/Olympus_Mons' } },
      'officeHours.timezone',
      'invalid',
      'Timezone is invalid',
    ],
    [
      'bad start',
      { name: 'A', officeHours: { timezone: 'UTC', monday: [{ start: '9:00', stop: '17:00' }] } },
      'officeHours.monday.0.start',
      'invalid',
      'start must be a time of day as HH:MM',
    ],
    [
      'bad stop',
      { name: 'A', officeHours: { timezone: 'UTC', tuesday: [{ start: '09:00', stop: '25:00' }] } },
      'officeHours.tuesday.0.stop',
      'invalid',
      'stop must be a time of day as HH:MM',
    ],
    [
      'stop before start',
      {
        name: 'A',
        officeHours: {
          timezone: 'UTC',
          wednesday: [
            { start: '08:00', stop: '09:00' },
            { start: '12:00', stop: '12:00' },
          ],
        },
      },
      'officeHours.wednesday.1.stop',
      'invalid',
      'stop must be after start',
    ],
    [
      'overlapping ranges',
      {
        name: 'A',
        officeHours: {
          timezone: 'UTC',
          thursday: [
            { start: '12:00', stop: '17:00' },
            { start: '08:00', stop: '12:30' },
          ],
        },
      },
      'officeHours.thursday.0.start',
      'invalid',
      'time ranges of a day must not overlap',
    ],
    [
      'exception without name',
      {
        name: 'A',
        officeHours: {
          timezone: 'UTC',
          exceptions: [{ start: '2030-01-01T00:00:00Z', stop: '2030-01-02T00:00:00Z' }],
        },
      },
      'officeHours.exceptions.0.name',
      'invalid',
      'name cannot be blank',
    ],
    [
      'exception with a bad start',
      {
        name: 'A',
        officeHours: { timezone: 'UTC', exceptions: [{ name: 'X', start: 'soon', stop: '2030-01-02T00:00:00Z' }] },
      },
      'officeHours.exceptions.0.start',
      'invalid',
      'start must be an RFC 3339 date-time',
    ],
    [
      'exception ending before it starts',
      {
        name: 'A',
        officeHours: {
          timezone: 'UTC',
          exceptions: [{ name: 'X', start: '2030-01-02T00:00:00Z', stop: '2030-01-01T00:00:00Z' }],
        },
      },
      'officeHours.exceptions.0.stop',
      'invalid',
      'stop must be after start',
    ],
    [
      'exception block bad',
      {
        name: 'A',
        officeHours: {
          timezone: 'UTC',
          exceptions: [
            {
              name: 'X',
              start: '2030-01-01T00:00:00Z',
              stop: '2030-01-02T00:00:00Z',
              scheduleBlocks: [{ start: '10:00', stop: '09:00' }],
            },
          ],
        },
      },
      'officeHours.exceptions.0.scheduleBlocks.0.stop',
      'invalid',
      'stop must be after start',
    ],
  ])('400 for %s and nothing stored', async (_label, body, attr, code, detail) => {
    const o = await createTestOrg(t);
    const res = await create(o, body);
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({ errors: [{ attr, code, detail }] });
    expect(await storedRows(o)).toEqual([]);
  });

  it('400 for wrongly typed fields', async () => {
    const o = await createTestOrg(t);
    const res = await create(o, { name: 'A', officeHours: { timezone: 'UTC', monday: 'always' } });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ errors: [{ attr: 'officeHours.monday', code: 'invalid' }] });
    expect(await storedRows(o)).toEqual([]);
  });
});

describe('GET /business-hours', () => {
  it('lists only the org’s own business hours, empty at first', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const empty = await o.request({ method: 'GET', url: '/api/v1/business-hours' });
    expect(empty.statusCode).toBe(200);
    expect(empty.data).toEqual([]);
    const theirs = await createOk(other, { name: 'Theirs', officeHours: { timezone: 'UTC' } });
    const mine = await createOk(o, { name: 'Mine', officeHours: { timezone: 'UTC' } });
    const list = await o.request({ method: 'GET', url: '/api/v1/business-hours' });
    expect(list.data).toEqual([mine]);
    const cross = await o.request({ method: 'GET', url: `/api/v1/business-hours/${theirs.id}` });
    expect(cross.statusCode).toBe(404);
  });

  it('404 with the spec’s error for an unknown id', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: '/api/v1/business-hours/bh_nope' });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'business hours does not exist' }] });
  });
});

describe('timestamps', () => {
  it('createdAt and updatedAt are RFC 3339 UTC with milliseconds', async () => {
    const o = await createTestOrg(t);
    const created = (await createOk(o, { name: 'A', officeHours: { timezone: 'UTC' } })) as unknown as {
      createdAt: string;
      updatedAt: string;
    };
    expect(created.createdAt).toMatch(ISO_MILLIS);
    expect(created.updatedAt).toMatch(ISO_MILLIS);
  });
});
