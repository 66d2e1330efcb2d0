import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { normalizeName, normalizeOfficeHours } from './office-hours.js';

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, ...error.errors[0] };
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('normalizeOfficeHours', () => {
  it('fills absent and null weekdays with 09:00–17:00 on weekdays and closed weekends; [] stays closed', () => {
    const hours = normalizeOfficeHours({ timezone: 'Europe/Berlin', monday: null, tuesday: [] });
    expect(hours).toEqual({
      timezone: 'Europe/Berlin',
      monday: [{ start: '09:00', stop: '17:00' }],
      tuesday: [],
      wednesday: [{ start: '09:00', stop: '17:00' }],
      thursday: [{ start: '09:00', stop: '17:00' }],
      friday: [{ start: '09:00', stop: '17:00' }],
      saturday: [],
      sunday: [],
      exceptions: [],
    });
  });

  it('defaults are copies, so one object cannot alter another', () => {
    const a = normalizeOfficeHours({ timezone: 'UTC' });
    a.monday[0]!.start = '01:00';
    expect(normalizeOfficeHours({ timezone: 'UTC' }).monday).toEqual([{ start: '09:00', stop: '17:00' }]);
  });

  it('canonicalizes the time zone spelling', () => {
    expect(normalizeOfficeHours({ timezone: ' america/los_angeles ' }).timezone).toBe('America/Los_Angeles');
  });

  it('accepts back-to-back ranges and a 24:00 stop, keeping the order given', () => {
    const blocks = [
      { start: '13:00', stop: '24:00' },
      { start: '00:00', stop: '13:00' },
    ];
    expect(normalizeOfficeHours({ timezone: 'UTC', sunday: blocks }).sunday).toEqual(blocks);
  });

  it.each([
    [{ start: '24:00', stop: '24:00' }, 'officeHours.monday.0.start'],
    [{ start: '09:60', stop: '10:00' }, 'officeHours.monday.0.start'],
    [{ start: '09:00', stop: '9:30' }, 'officeHours.monday.0.stop'],
    [{ start: '10:00', stop: '09:59' }, 'officeHours.monday.0.stop'],
  ])('refuses %o at %s', (block, attr) => {
    expect(errorOf(() => normalizeOfficeHours({ timezone: 'UTC', monday: [block] }))).toMatchObject({
      status: 400,
      code: 'invalid',
      attr,
    });
  });

  it('normalizes exception instants to UTC with milliseconds', () => {
    const hours = normalizeOfficeHours({
      timezone: 'UTC',
      exceptions: [{ name: ' Holiday ', start: '2030-07-04T00:00:00-07:00', stop: '2030-07-05T00:00:00-07:00' }],
    });
    expect(hours.exceptions).toEqual([
      { name: 'Holiday', start: '2030-07-04T07:00:00.000Z', stop: '2030-07-05T07:00:00.000Z', scheduleBlocks: [] },
    ]);
  });

  it('a missing exception stop is blank', () => {
    expect(
      errorOf(() =>
        normalizeOfficeHours({ timezone: 'UTC', exceptions: [{ name: 'X', start: '2030-07-04T00:00:00Z' }] }),
      ),
    ).toEqual({ status: 400, attr: 'officeHours.exceptions.0.stop', code: 'blank', detail: 'stop cannot be blank' });
  });
});

describe('normalizeName', () => {
  it('trims, and allows exactly 200 characters', () => {
    expect(normalizeName('  Hours ')).toBe('Hours');
    expect(normalizeName('x'.repeat(200))).toHaveLength(200);
    expect(errorOf(() => normalizeName(null))).toMatchObject({ code: 'invalid', detail: 'name cannot be blank' });
  });
});
