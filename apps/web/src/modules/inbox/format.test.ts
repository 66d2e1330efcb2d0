import { describe, expect, it } from 'vitest';
import { compactDuration, formatAgo, formatDue } from './format';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

describe('compactDuration', () => {
  it.each([
    [0, '<1 min'],
    [59_999, '<1 min'],
    [MIN, '1 min'],
    [15 * MIN + 30_000, '15 min'],
    [59 * MIN, '59 min'],
    [H, '1 h'],
    [89 * MIN, '1 h'],
    [90 * MIN, '2 h'],
    [2 * H, '2 h'],
    [23 * H + 40 * MIN, '24 h'],
    [D, '1 d'],
    [3 * D + 2 * H, '3 d'],
    [-15 * MIN, '15 min'],
  ])('%d ms → %s', (ms, text) => {
    expect(compactDuration(ms)).toBe(text);
  });
});

describe('formatDue', () => {
  it.each([
    [null, '', 'none'],
    [undefined, '', 'none'],
    ['not a date', '', 'none'],
    [at(2 * H), 'due in 2 h', 'normal'],
    [at(H), 'due in 1 h', 'normal'],
    [at(59 * MIN), 'due in 59 min', 'soon'],
    [at(30_000), 'due in <1 min', 'soon'],
    [at(0), 'due in <1 min', 'soon'],
    [at(-1), 'overdue <1 min', 'overdue'],
    [at(-15 * MIN), 'overdue 15 min', 'overdue'],
    [at(-5 * H), 'overdue 5 h', 'overdue'],
    [at(-2 * D), 'overdue 2 d', 'overdue'],
    [at(3 * D), 'due in 3 d', 'normal'],
  ])('%s → %s (%s)', (dueAt, text, tone) => {
    expect(formatDue(dueAt, NOW)).toEqual({ text, tone });
  });
});

describe('formatAgo', () => {
  it.each([
    [null, ''],
    ['garbage', ''],
    [at(-10_000), 'just now'],
    [at(5_000), 'just now'],
    [at(-5 * MIN), '5 min ago'],
    [at(-3 * H - 5 * MIN), '3 h ago'],
    [at(-2 * D), '2 d ago'],
    ['2026-02-04T09:00:00.000Z', 'Feb 4'],
    ['2025-12-24T09:00:00.000Z', 'Dec 24, 2025'],
  ])('%s → %s', (value, text) => {
    expect(formatAgo(value, NOW)).toBe(text);
  });
});
