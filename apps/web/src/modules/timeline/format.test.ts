import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatDateTime, formatTime } from './format';

// The formatters are built once and their results remembered; what they show must stay exactly what
// Date.prototype.toLocale*String showed before (the reference implementations below are the old code).
function referenceDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const now = new Date();
  const time = d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  if (d.toDateString() === now.toDateString()) return `Today ${time}`;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (d.toDateString() === yesterday.toDateString()) return `Yesterday ${time}`;
  const sameYear = d.getFullYear() === now.getFullYear();
  const date = d.toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
  return `${date}, ${time}`;
}
const referenceDate = (iso: string) =>
  Number.isNaN(new Date(iso).getTime())
    ? ''
    : new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const referenceTime = (iso: string) =>
  Number.isNaN(new Date(iso).getTime())
    ? ''
    : new Date(iso).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });

const NOW = new Date(2026, 5, 15, 14, 30); // local time, mid-year
const at = (y: number, m: number, d: number, h = 9, min = 5) => new Date(y, m, d, h, min).toISOString();

afterEach(() => vi.useRealTimers());

describe('format', () => {
  const cases: [string, string][] = [
    ['today', at(2026, 5, 15, 8, 0)],
    ['today, afternoon', at(2026, 5, 15, 13, 59)],
    ['yesterday', at(2026, 5, 14, 23, 1)],
    ['this year', at(2026, 0, 2)],
    ['another year', at(2019, 11, 31, 18, 45)],
    ['invalid', 'not a date'],
  ];
  it.each(cases)('formatDateTime shows %s as before', (_label, iso) => {
    vi.useFakeTimers({ now: NOW });
    expect(formatDateTime(iso)).toBe(referenceDateTime(iso));
    expect(formatDateTime(iso)).toBe(referenceDateTime(iso)); // from the cache
  });

  it.each(cases)('formatDate and formatTime show %s as before', (_label, iso) => {
    expect(formatDate(iso)).toBe(referenceDate(iso));
    expect(formatTime(iso)).toBe(referenceTime(iso));
    expect(formatDate(iso)).toBe(referenceDate(iso));
    expect(formatTime(iso)).toBe(referenceTime(iso));
  });

  it('shows nothing for a missing timestamp', () => {
    expect([formatDateTime(null), formatDateTime(''), formatDate(undefined), formatTime(null)]).toEqual([
      '',
      '',
      '',
      '',
    ]);
  });

  it('does not keep calling a timestamp "Today" once the day has changed', () => {
    const iso = at(2026, 5, 15, 10, 0);
    vi.useFakeTimers({ now: NOW });
    expect(formatDateTime(iso)).toMatch(/^Today /);
    vi.setSystemTime(new Date(2026, 5, 16, 9, 0));
    expect(formatDateTime(iso)).toMatch(/^Yesterday /);
    vi.setSystemTime(new Date(2026, 5, 18, 9, 0));
    expect(formatDateTime(iso)).toBe(referenceDateTime(iso));
    expect(formatDateTime(iso)).not.toMatch(/^(Today|Yesterday)/);
  });
});
