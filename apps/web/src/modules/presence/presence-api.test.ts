import { describe, expect, it } from 'vitest';
import { isToggleOn, statusLabel, type TChannelGroup, toggleAvailability } from './presence-api';

describe('toggleAvailability', () => {
  it.each<[TChannelGroup[], TChannelGroup[], TChannelGroup[]]>([
    [[], ['VOICE'], ['VOICE']],
    [['VOICE'], ['VOICE'], []],
    [['MESSAGING'], ['MAIL', 'TASK'], ['MESSAGING', 'MAIL', 'TASK']],
    [['MAIL', 'TASK', 'VOICE'], ['MAIL', 'TASK'], ['VOICE']],
    // Half on (only TASK) counts as on: the toggle turns both off.
    [['TASK'], ['MAIL', 'TASK'], []],
    [['TASK', 'VOICE'], ['MESSAGING'], ['VOICE', 'MESSAGING', 'TASK']],
  ])('%j toggling %j → %j', (current, groups, next) => {
    expect(toggleAvailability(current, groups)).toEqual(next);
  });

  it.each<[TChannelGroup[], TChannelGroup[], boolean]>([
    [['MAIL'], ['MAIL', 'TASK'], true],
    [['VOICE'], ['MAIL', 'TASK'], false],
    [[], ['VOICE'], false],
  ])('isToggleOn(%j, %j) → %s', (current, groups, on) => {
    expect(isToggleOn(current, groups)).toBe(on);
  });
});

describe('statusLabel', () => {
  const base = { loggedIn: true, status: 'ACTIVE' as const, activeReason: null, awayReason: null, focusMode: false };
  it.each([
    [{ ...base, loggedIn: false }, 'Logged out'],
    [{ ...base, activeReason: { id: 'w', name: 'Working' } }, 'Active · Working'],
    [base, 'Active'],
    [{ ...base, activeReason: { id: 'w', name: 'Working' }, focusMode: true }, 'Active · Working · Focus'],
    [{ ...base, status: 'AWAY' as const, awayReason: { id: 'l', name: 'Lunch' } }, 'Away · Lunch'],
    [{ ...base, status: 'AWAY' as const }, 'Away'],
  ])('%o → %s', (presence, label) => {
    expect(statusLabel(presence)).toBe(label);
  });
});
