import { describe, expect, it } from 'vitest';
import type { TOfficeHours, TScheduleBlock } from '../shared/settings-types';
import { dayProblems, defaultOfficeHours, describeDay, hoursReducer, type THoursAction } from './hours-editor';

const base = (): TOfficeHours => defaultOfficeHours('Europe/Paris');
const b = (start: string, stop: string): TScheduleBlock => ({ start, stop });

describe('defaultOfficeHours', () => {
  it('opens Monday to Friday 09:00–17:00 and closes the weekend', () => {
    const hours = base();
    expect(hours.timezone).toBe('Europe/Paris');
    expect(hours.monday).toEqual([b('09:00', '17:00')]);
    expect(hours.friday).toEqual([b('09:00', '17:00')]);
    expect(hours.saturday).toEqual([]);
    expect(hours.sunday).toEqual([]);
    expect(hours.exceptions).toEqual([]);
  });
});

describe('hoursReducer', () => {
  it.each<{ name: string; actions: THoursAction[]; day: keyof TOfficeHours; expected: unknown }>([
    { name: 'timezone', actions: [{ type: 'timezone', timezone: 'UTC' }], day: 'timezone', expected: 'UTC' },
    { name: 'close a day', actions: [{ type: 'open', day: 'monday', open: false }], day: 'monday', expected: [] },
    {
      name: 'open a closed day with the default block',
      actions: [{ type: 'open', day: 'sunday', open: true }],
      day: 'sunday',
      expected: [b('09:00', '17:00')],
    },
    {
      name: 'add a block an hour after the last one',
      actions: [
        { type: 'edit-block', day: 'monday', index: 0, field: 'stop', value: '12:00' },
        { type: 'add-block', day: 'monday' },
      ],
      day: 'monday',
      expected: [b('09:00', '12:00'), b('13:00', '14:00')],
    },
    {
      name: 'add a block on a closed day',
      actions: [{ type: 'add-block', day: 'saturday' }],
      day: 'saturday',
      expected: [b('09:00', '17:00')],
    },
    {
      name: 'a block added late in the day stays before midnight',
      actions: [
        { type: 'edit-block', day: 'monday', index: 0, field: 'stop', value: '23:00' },
        { type: 'add-block', day: 'monday' },
      ],
      day: 'monday',
      expected: [b('09:00', '23:00'), b('23:59', '23:59')],
    },
    {
      name: 'remove a block',
      actions: [
        { type: 'add-block', day: 'tuesday' },
        { type: 'remove-block', day: 'tuesday', index: 0 },
      ],
      day: 'tuesday',
      expected: [b('18:00', '19:00')],
    },
    {
      name: 'edit a start time',
      actions: [{ type: 'edit-block', day: 'wednesday', index: 0, field: 'start', value: '08:30' }],
      day: 'wednesday',
      expected: [b('08:30', '17:00')],
    },
    {
      name: 'copy a day to every weekday',
      actions: [
        { type: 'open', day: 'saturday', open: true },
        { type: 'edit-block', day: 'saturday', index: 0, field: 'start', value: '10:00' },
        { type: 'copy-to-weekdays', day: 'saturday' },
      ],
      day: 'thursday',
      expected: [b('10:00', '17:00')],
    },
  ])('$name', ({ actions, day, expected }) => {
    const result = actions.reduce(hoursReducer, base());
    expect(result[day]).toEqual(expected);
  });

  it('does not change the previous state', () => {
    const before = base();
    const snapshot = JSON.stringify(before);
    hoursReducer(before, { type: 'edit-block', day: 'monday', index: 0, field: 'start', value: '07:00' });
    hoursReducer(before, { type: 'copy-to-weekdays', day: 'sunday' });
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('copying leaves the weekend alone', () => {
    const result = hoursReducer(base(), { type: 'copy-to-weekdays', day: 'monday' });
    expect(result.saturday).toEqual([]);
  });
});

describe('dayProblems', () => {
  it.each([
    { blocks: [], expected: [] },
    { blocks: [b('09:00', '17:00')], expected: [] },
    { blocks: [b('09:00', '12:00'), b('13:00', '17:00')], expected: [] },
    { blocks: [b('13:00', '17:00'), b('09:00', '12:00')], expected: [] },
    { blocks: [b('12:00', '12:00')], expected: ['range 1: the end must be after the start'] },
    { blocks: [b('9:00', '17:00')], expected: ['range 1: use HH:MM times'] },
    { blocks: [b('09:00', '24:00')], expected: ['range 1: use HH:MM times'] },
    { blocks: [b('09:00', '13:00'), b('12:00', '17:00')], expected: ['ranges overlap'] },
    { blocks: [b('09:00', '12:00'), b('12:00', '17:00')], expected: [] },
  ])('$blocks → $expected', ({ blocks, expected }) => {
    expect(dayProblems(blocks)).toEqual(expected);
  });
});

describe('describeDay', () => {
  it.each([
    { blocks: [], expected: 'Closed' },
    { blocks: [b('09:00', '17:00')], expected: '09:00–17:00' },
    { blocks: [b('09:00', '12:00'), b('13:00', '17:00')], expected: '09:00–12:00, 13:00–17:00' },
  ])('$expected', ({ blocks, expected }) => {
    expect(describeDay(blocks)).toBe(expected);
  });
});
