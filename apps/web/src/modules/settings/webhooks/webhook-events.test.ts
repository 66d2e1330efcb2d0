import { describe, expect, it } from 'vitest';
import { eventFamily, SUBSCRIBABLE_EVENTS, summarizeEvents } from './webhook-events';

const catalogue = ['A/ONE', 'A/TWO', 'B/ONE', 'C/ONE', 'C/TWO', 'C/THREE'];

describe('summarizeEvents', () => {
  it.each([
    { events: [], expected: 'No events' },
    { events: ['A/ONE'], expected: 'A/ONE' },
    { events: ['A/TWO', 'A/ONE'], expected: 'all A' },
    { events: ['B/ONE'], expected: 'B/ONE' },
    { events: ['C/ONE', 'A/ONE', 'C/THREE'], expected: 'A/ONE, C/ONE, C/THREE' },
    { events: ['A/ONE', 'A/TWO', 'C/TWO', 'X/GONE'], expected: 'all A, C/TWO, X/GONE' },
  ])('$events → $expected', ({ events, expected }) => {
    expect(summarizeEvents(events, catalogue)).toBe(expected);
  });
});

describe('the catalogue', () => {
  it('never offers PING and keeps the real families', () => {
    expect(SUBSCRIBABLE_EVENTS).not.toContain('PING');
    expect(SUBSCRIBABLE_EVENTS.length).toBeGreaterThan(10);
    expect(eventFamily('CONTACT/OFFERED')).toBe('CONTACT');
  });
});
