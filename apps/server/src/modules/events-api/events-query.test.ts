import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { EVENTS_SETTLE_MS, parseEventsQuery } from './events-query.js';

const NOW = new Date('2030-01-02T12:00:00.000Z');

describe('parseEventsQuery', () => {
  it('maps entities to type prefixes; CONVERSATION covers the assignee and status events', () => {
    const q = parseEventsQuery(
      { startAt: '2030-01-02T00:00:00Z', entities: ['CONVERSATION', 'conversation', 'TASK'] },
      NOW,
    );
    expect(q.typePrefixes).toEqual(['CONVERSATION', 'CONVERSATION_ASSIGNEE', 'CONVERSATION_STATUS', 'TASK']);
    expect(parseEventsQuery({ startAt: '2030-01-02T00:00:00Z', entities: 'CUSTOMER' }, NOW).typePrefixes).toEqual([
      'CUSTOMER',
    ]);
  });

  it('accepts comma-separated entities and caps endAt at now minus the settle delay', () => {
    const q = parseEventsQuery(
      { startAt: '2030-01-02T00:00:00Z', endAt: '2031-01-01T00:00:00Z', entities: 'CONTACT,AGENT_STATUS' },
      NOW,
    );
    expect(q.typePrefixes).toEqual(['CONTACT', 'AGENT_STATUS']);
    expect(q.endAt).toEqual(new Date(NOW.getTime() - EVENTS_SETTLE_MS));
    expect(q.startAt).toEqual(new Date('2030-01-02T00:00:00Z'));
  });

  it('accepts a startAt exactly 24 hours old and refuses one a millisecond older', () => {
    expect(() => parseEventsQuery({ startAt: '2030-01-01T12:00:00.000Z', entities: 'TASK' }, NOW)).not.toThrow();
    expect(() => parseEventsQuery({ startAt: '2030-01-01T11:59:59.999Z', entities: 'TASK' }, NOW)).toThrow(AppError);
  });
});
