import { describe, expect, it } from 'vitest';
import { isInsideReopenWindow, statusAfterAssignment } from './conversation-rules.js';

describe('statusAfterAssignment', () => {
  it.each([
    ['WAITING', 'agent', true, 'OPEN'],
    ['WAITING', 'agent', false, 'WAITING'],
    ['OPEN', 'agent', false, 'OPEN'],
    ['WAITING', null, false, 'OPEN'],
    ['OPEN', null, true, 'OPEN'],
  ] as const)('%s with agent %s, customer waiting %s → %s', (current, agentId, waiting, expected) => {
    expect(statusAfterAssignment(current, agentId, waiting)).toBe(expected);
  });
});

describe('isInsideReopenWindow', () => {
  const closedAt = new Date('2024-01-01T00:00:00.000Z');
  it.each([
    [0, 1440, true],
    [1440 * 60_000 - 1, 1440, true],
    [1440 * 60_000, 1440, false],
    [1440 * 60_000 + 1, 1440, false],
    [0, 0, false],
  ])('%i ms after closing with a %i minute window → %s', (elapsed, window, expected) => {
    expect(isInsideReopenWindow(closedAt, new Date(closedAt.getTime() + elapsed), window)).toBe(expected);
  });

  it('never reopens a conversation without a close time', () => {
    expect(isInsideReopenWindow(null, closedAt, 1440)).toBe(false);
  });
});
