import type { TExportFrequency } from '../../db/schema.js';

// When export jobs run and what they cover. Windows are whole UTC hours or days: [startAt, endAt).

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** Jobs and their files are kept this long (API spec 4.17); older windows are not produced when catching up. */
export const EXPORT_RETENTION_MS = 14 * DAY_MS;

/** A window is exported this long after it ends, so writes committed just after the boundary are in it. */
export const EXPORT_GRACE_MS = 15 * 60_000;

/** The hour or day (UTC) that contains `at`. */
export function floorToPeriod(at: Date, frequency: TExportFrequency): Date {
  const step = frequency === 'HOURLY' ? HOUR_MS : DAY_MS;
  return new Date(Math.floor(at.getTime() / step) * step);
}

/**
 * The end of the window that starts at `startAt`: the next hour or day boundary. After a frequency change the
 * first window is shorter and realigns the schedule (an hourly schedule switched to daily at 13:00 exports
 * 13:00–24:00 once, then whole days), so no time is exported twice or skipped.
 */
export function windowEndOf(startAt: Date, frequency: TExportFrequency): Date {
  const step = frequency === 'HOURLY' ? HOUR_MS : DAY_MS;
  return new Date(floorToPeriod(startAt, frequency).getTime() + step);
}

/** Where a new schedule starts: the current hour or day, exported once it is over. */
export function initialNextStartAt(now: Date, frequency: TExportFrequency): Date {
  return floorToPeriod(now, frequency);
}

/**
 * The windows due at `now`, oldest first, for a schedule whose next window starts at `nextStartAt`. A schedule
 * that fell behind (no scheduler ran for a while) catches up, but never with windows older than retention.
 */
export function dueWindows(
  nextStartAt: Date,
  frequency: TExportFrequency,
  now: Date,
  max = 400,
): { startAt: Date; endAt: Date }[] {
  const oldest = floorToPeriod(new Date(now.getTime() - EXPORT_RETENTION_MS), frequency);
  let startAt = nextStartAt < oldest ? oldest : nextStartAt;
  const windows: { startAt: Date; endAt: Date }[] = [];
  while (windows.length < max) {
    const endAt = windowEndOf(startAt, frequency);
    if (endAt.getTime() + EXPORT_GRACE_MS > now.getTime()) break;
    windows.push({ startAt, endAt });
    startAt = endAt;
  }
  return windows;
}
