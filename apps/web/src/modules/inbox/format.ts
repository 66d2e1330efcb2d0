// Time phrases for the conversation list. Pure, so they are table-tested.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "14 min", "2 h", "3 d": a compact duration, rounded to the unit people read at that size. */
export function compactDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return '<1 min';
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)} min`;
  if (abs < DAY) return `${Math.max(1, Math.round(abs / HOUR))} h`;
  return `${Math.round(abs / DAY)} d`;
}

export type TDueTone = 'none' | 'normal' | 'soon' | 'overdue';

/** The due date of a conversation relative to now: "due in 2 h", "overdue 15 min". Within the hour it is "soon". */
export function formatDue(dueAt: string | null | undefined, now: number): { text: string; tone: TDueTone } {
  if (!dueAt) return { text: '', tone: 'none' };
  const due = Date.parse(dueAt);
  if (!Number.isFinite(due)) return { text: '', tone: 'none' };
  const diff = due - now;
  if (diff < 0) return { text: `overdue ${compactDuration(diff)}`, tone: 'overdue' };
  return { text: `due in ${compactDuration(diff)}`, tone: diff < HOUR ? 'soon' : 'normal' };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** When something last happened: "just now", "5 min ago", "3 h ago", "2 d ago", then a date ("Mar 4", "Mar 4, 2025"). */
export function formatAgo(at: string | null | undefined, now: number): string {
  if (!at) return '';
  const t = Date.parse(at);
  if (!Number.isFinite(t)) return '';
  const diff = now - t;
  if (diff < MINUTE) return 'just now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)} min ago`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)} h ago`;
  if (diff < 7 * DAY) return `${Math.floor(diff / DAY)} d ago`;
  const date = new Date(t);
  const sameYear = date.getUTCFullYear() === new Date(now).getUTCFullYear();
  const label = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
  return sameYear ? label : `${label}, ${date.getUTCFullYear()}`;
}
