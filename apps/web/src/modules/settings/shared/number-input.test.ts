import { describe, expect, it } from 'vitest';
import { formatMinutes, parseNumberInput } from './number-input';

describe('parseNumberInput', () => {
  it.each([
    { text: '', expected: null },
    { text: '  ', expected: null },
    { text: '15', expected: 15 },
    { text: ' 7 ', expected: 7 },
    { text: '1.5', expected: 1.5 },
    { text: 'abc', expected: null },
    { text: '0', expected: 0 },
  ])('$text → $expected', ({ text, expected }) => {
    expect(parseNumberInput(text)).toBe(expected);
  });
});

describe('formatMinutes', () => {
  it.each([
    { minutes: 0, expected: '0 min' },
    { minutes: 45, expected: '45 min' },
    { minutes: 60, expected: '1 h' },
    { minutes: 90, expected: '1 h 30 min' },
    { minutes: 1440, expected: '1 day' },
    { minutes: 2 * 1440 + 61, expected: '2 days 1 h 1 min' },
  ])('$minutes → $expected', ({ minutes, expected }) => {
    expect(formatMinutes(minutes)).toBe(expected);
  });
});
