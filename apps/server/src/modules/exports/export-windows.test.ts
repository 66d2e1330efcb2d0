import { describe, expect, it } from 'vitest';
import { dueWindows, floorToPeriod, initialNextStartAt, windowEndOf } from './export-windows.js';

const at = (iso: string) => new Date(iso);

describe('export windows', () => {
  it('floors to the UTC hour or day', () => {
    expect(floorToPeriod(at('2026-03-04T13:45:12.345Z'), 'HOURLY')).toEqual(at('2026-03-04T13:00:00Z'));
    expect(floorToPeriod(at('2026-03-04T13:45:12.345Z'), 'DAILY')).toEqual(at('2026-03-04T00:00:00Z'));
    expect(initialNextStartAt(at('2026-03-04T00:00:00Z'), 'DAILY')).toEqual(at('2026-03-04T00:00:00Z'));
  });

  it('ends a window at the next boundary, realigning an irregular start', () => {
    expect(windowEndOf(at('2026-03-04T13:00:00Z'), 'HOURLY')).toEqual(at('2026-03-04T14:00:00Z'));
    expect(windowEndOf(at('2026-03-04T00:00:00Z'), 'DAILY')).toEqual(at('2026-03-05T00:00:00Z'));
    expect(windowEndOf(at('2026-03-04T13:00:00Z'), 'DAILY')).toEqual(at('2026-03-05T00:00:00Z'));
  });

  it('makes a window due only once it has ended and the grace period has passed', () => {
    const start = at('2026-03-04T00:00:00Z');
    expect(dueWindows(start, 'DAILY', at('2026-03-05T00:14:59Z'))).toEqual([]);
    expect(dueWindows(start, 'DAILY', at('2026-03-05T00:15:00Z'))).toEqual([
      { startAt: start, endAt: at('2026-03-05T00:00:00Z') },
    ]);
  });

  it('catches up every missed window in order, but none older than 14 days', () => {
    const hourly = dueWindows(at('2026-03-04T10:00:00Z'), 'HOURLY', at('2026-03-04T13:30:00Z'));
    expect(hourly.map((w) => w.startAt.toISOString())).toEqual([
      '2026-03-04T10:00:00.000Z',
      '2026-03-04T11:00:00.000Z',
      '2026-03-04T12:00:00.000Z',
    ]);
    const daily = dueWindows(at('2026-01-01T00:00:00Z'), 'DAILY', at('2026-03-04T12:00:00Z'));
    expect(daily[0]?.startAt).toEqual(at('2026-02-18T00:00:00Z'));
    expect(daily.at(-1)?.endAt).toEqual(at('2026-03-04T00:00:00Z'));
    expect(daily).toHaveLength(14);
  });
});
