import { type TOfficeHours, type TScheduleBlock, type TWeekday, WEEKDAYS } from '../shared/settings-types';

// The weekly hours editor as a pure reducer: the form holds a draft of officeHours and sends it whole on save.

export type THoursAction =
  | { type: 'timezone'; timezone: string }
  | { type: 'open'; day: TWeekday; open: boolean }
  | { type: 'add-block'; day: TWeekday }
  | { type: 'remove-block'; day: TWeekday; index: number }
  | { type: 'edit-block'; day: TWeekday; index: number; field: keyof TScheduleBlock; value: string }
  | { type: 'copy-to-weekdays'; day: TWeekday };

export const DEFAULT_BLOCK: TScheduleBlock = { start: '09:00', stop: '17:00' };
const WORKDAYS: readonly TWeekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

/** New business hours start at 09:00–17:00 Monday to Friday, weekend closed (spec 10). */
export function defaultOfficeHours(timezone: string): TOfficeHours {
  const hours = { timezone, exceptions: [] } as unknown as TOfficeHours;
  for (const day of WEEKDAYS) hours[day] = WORKDAYS.includes(day) ? [{ ...DEFAULT_BLOCK }] : [];
  return hours;
}

function toMinutes(time: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function fromMinutes(minutes: number): string {
  const clamped = Math.max(0, Math.min(minutes, 23 * 60 + 59));
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}

/** A new block an hour after the day's last one ends (or the default block on a closed day). */
function nextBlock(blocks: readonly TScheduleBlock[]): TScheduleBlock {
  const last = blocks[blocks.length - 1];
  const end = last ? toMinutes(last.stop) : null;
  if (end === null) return { ...DEFAULT_BLOCK };
  return { start: fromMinutes(end + 60), stop: fromMinutes(end + 120) };
}

export function hoursReducer(state: TOfficeHours, action: THoursAction): TOfficeHours {
  switch (action.type) {
    case 'timezone':
      return { ...state, timezone: action.timezone };
    case 'open':
      return { ...state, [action.day]: action.open ? [{ ...DEFAULT_BLOCK }] : [] };
    case 'add-block':
      return { ...state, [action.day]: [...state[action.day], nextBlock(state[action.day])] };
    case 'remove-block':
      return { ...state, [action.day]: state[action.day].filter((_, i) => i !== action.index) };
    case 'edit-block':
      return {
        ...state,
        [action.day]: state[action.day].map((block, i) =>
          i === action.index ? { ...block, [action.field]: action.value } : block,
        ),
      };
    case 'copy-to-weekdays': {
      const next = { ...state };
      for (const day of WORKDAYS) next[day] = state[action.day].map((block) => ({ ...block }));
      return next;
    }
  }
}

/** What is wrong with one day's blocks, for a message beside it before the server is asked. */
export function dayProblems(blocks: readonly TScheduleBlock[]): string[] {
  const problems: string[] = [];
  const spans: [number, number][] = [];
  blocks.forEach((block, i) => {
    const start = toMinutes(block.start);
    const stop = toMinutes(block.stop);
    if (start === null || stop === null) problems.push(`range ${i + 1}: use HH:MM times`);
    else if (stop <= start) problems.push(`range ${i + 1}: the end must be after the start`);
    else spans.push([start, stop]);
  });
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    const previous = spans[i - 1];
    const current = spans[i];
    if (previous && current && current[0] < previous[1]) {
      problems.push('ranges overlap');
      break;
    }
  }
  return problems;
}

/** "09:00–12:00, 13:00–17:00" or "Closed". */
export function describeDay(blocks: readonly TScheduleBlock[]): string {
  return blocks.length === 0 ? 'Closed' : blocks.map((b) => `${b.start}–${b.stop}`).join(', ');
}
