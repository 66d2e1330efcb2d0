import { TEXT_LIMITS } from '@hearth/shared';
import { badRequest } from '../../http/errors.js';
import { parseTimestamp, toIso } from '../../lib/time.js';
import type { TOfficeHours, TOfficeHoursInput } from './business-hours.schemas.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
type TWeekday = (typeof WEEKDAYS)[number];
type TBlock = { start: string; stop: string };

// New objects start at 09:00–17:00 on weekdays with the weekend closed (product spec 10); an absent day gets this.
const DEFAULT_DAY: Record<TWeekday, TBlock[]> = {
  monday: [{ start: '09:00', stop: '17:00' }],
  tuesday: [{ start: '09:00', stop: '17:00' }],
  wednesday: [{ start: '09:00', stop: '17:00' }],
  thursday: [{ start: '09:00', stop: '17:00' }],
  friday: [{ start: '09:00', stop: '17:00' }],
  saturday: [],
  sunday: [],
};

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** A business hours name: trimmed, not blank, at most 200 characters (Gladly answers `invalid` for a blank one). */
export function normalizeName(name: string | null | undefined): string {
  const trimmed = (name ?? '').trim();
  if (!trimmed) throw badRequest('invalid', 'name cannot be blank', 'name');
  if (trimmed.length > TEXT_LIMITS.businessHoursName) {
    throw badRequest('too_long', `name cannot be longer than ${TEXT_LIMITS.businessHoursName} characters`, 'name');
  }
  return trimmed;
}

/** Validate office hours and fill absent weekdays with the defaults; throws the first problem found as a 400. */
export function normalizeOfficeHours(input: TOfficeHoursInput | null | undefined): TOfficeHours {
  const raw = input ?? {};
  const timezone = normalizeTimezone(raw.timezone);
  const days = {} as Record<TWeekday, TBlock[]>;
  for (const day of WEEKDAYS) {
    const blocks = raw[day];
    days[day] =
      blocks == null ? DEFAULT_DAY[day].map((b) => ({ ...b })) : normalizeBlocks(blocks, `officeHours.${day}`);
  }
  const exceptions = (raw.exceptions ?? []).map((exception, index) => {
    const path = `officeHours.exceptions.${index}`;
    const name = (exception.name ?? '').trim();
    if (!name) throw badRequest('invalid', 'name cannot be blank', `${path}.name`);
    const start = parseDateTime(exception.start, `${path}.start`, 'start');
    const stop = parseDateTime(exception.stop, `${path}.stop`, 'stop');
    if (stop.getTime() <= start.getTime()) throw badRequest('invalid', 'stop must be after start', `${path}.stop`);
    const scheduleBlocks = normalizeBlocks(exception.scheduleBlocks ?? [], `${path}.scheduleBlocks`);
    return { name, start: toIso(start), stop: toIso(stop), scheduleBlocks };
  });
  return { timezone, ...days, exceptions };
}

function normalizeTimezone(timezone: string | null | undefined): string {
  if (!timezone?.trim()) throw badRequest('blank', 'Timezone is required', 'officeHours.timezone');
  try {
    // resolvedOptions gives the canonical spelling, so `america/new_york` is stored as `America/New_York`.
    return new Intl.DateTimeFormat('en-US', { timeZone: timezone.trim() }).resolvedOptions().timeZone;
  } catch {
    throw badRequest('invalid', 'Timezone is invalid', 'officeHours.timezone');
  }
}

function normalizeBlocks(blocks: TBlock[], path: string): TBlock[] {
  const ranges = blocks.map((block, index) => {
    const start = minutesOf(block.start, false);
    if (start === null) throw badRequest('invalid', 'start must be a time of day as HH:MM', `${path}.${index}.start`);
    const stop = minutesOf(block.stop, true);
    if (stop === null) throw badRequest('invalid', 'stop must be a time of day as HH:MM', `${path}.${index}.stop`);
    if (stop <= start) throw badRequest('invalid', 'stop must be after start', `${path}.${index}.stop`);
    return { index, start, stop };
  });
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (current.start < previous.stop) {
      throw badRequest('invalid', 'time ranges of a day must not overlap', `${path}.${current.index}.start`);
    }
  }
  return blocks.map((b) => ({ start: b.start, stop: b.stop }));
}

/** Minutes since midnight; `24:00` is accepted as a stop so a range can run to the end of the day. */
function minutesOf(text: string, isStop: boolean): number | null {
  if (isStop && text === '24:00') return 24 * 60;
  if (!TIME_OF_DAY.test(text)) return null;
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

function parseDateTime(text: string | null | undefined, attr: string, field: string): Date {
  if (!text?.trim()) throw badRequest('blank', `${field} cannot be blank`, attr);
  const date = parseTimestamp(text);
  if (!date) throw badRequest('invalid', `${field} must be an RFC 3339 date-time`, attr);
  return date;
}
