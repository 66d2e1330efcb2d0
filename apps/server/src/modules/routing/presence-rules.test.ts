import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import type { TPresenceRow } from './presence.repository.js';
import { planPresence, type TPresenceAction, type TPresenceReasons } from './presence-rules.js';
import type { TStatusReasonRow } from './status-reasons.repository.js';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const AWAY_AT = new Date('2026-03-01T09:00:00.000Z');

function reason(id: string, kind: 'ACTIVE' | 'AWAY', extra: Partial<TStatusReasonRow> = {}): TStatusReasonRow {
  return { id, kind, name: id.toUpperCase(), is_default: false, disabled: false, position: 0, ...extra };
}
const WORK = reason('work', 'ACTIVE', { is_default: true });
const EMAILS = reason('emails', 'ACTIVE');
const OLD = reason('old', 'ACTIVE', { disabled: true });
const LUNCH = reason('lunch', 'AWAY');
const GONE = reason('gone', 'AWAY', { disabled: true });
const REASONS: TPresenceReasons = {
  byId: new Map([WORK, EMAILS, OLD, LUNCH, GONE].map((r) => [r.id, r])),
  defaultActive: WORK,
  hasAwayReasons: true,
};
const NO_AWAY_REASONS: TPresenceReasons = { ...REASONS, hasAwayReasons: false };

type TState = Parameters<typeof planPresence>[0];
const ACTIVE: TState = {
  user_id: 'u1',
  logged_in: true,
  status: 'ACTIVE',
  active_reason_id: 'work',
  away_reason_id: null,
  away_since: null,
  available_for: ['VOICE'],
  focus_mode: false,
};
const AWAY: TState = { ...ACTIVE, status: 'AWAY', away_reason_id: 'lunch', away_since: AWAY_AT };
const IDLE: TState = { ...AWAY, away_reason_id: null };
const LOGGED_OUT: TState = { ...ACTIVE, logged_in: false };
const FOCUSED: TState = { ...ACTIVE, focus_mode: true };

interface TCase {
  name: string;
  state: TState;
  action: TPresenceAction;
  reasons?: TPresenceReasons;
  patch?: Partial<TPresenceRow>;
  events?: string[];
  error?: string;
}

const at = NOW.toISOString();
const cases: TCase[] = [
  { name: 'nothing asked, nothing changes', state: ACTIVE, action: { kind: 'UPDATE' }, patch: {}, events: [] },
  {
    name: 'same availability in another order is no change',
    state: { ...ACTIVE, available_for: ['VOICE', 'MESSAGING'] },
    action: { kind: 'UPDATE', availableFor: ['MESSAGING', 'VOICE'] },
    patch: {},
    events: [],
  },
  {
    name: 'adding messaging updates availability without mail push',
    state: ACTIVE,
    action: { kind: 'UPDATE', availableFor: ['MESSAGING', 'VOICE'] },
    patch: { available_for: ['VOICE', 'MESSAGING'] },
    events: ['AGENT_AVAILABILITY/UPDATED'],
  },
  {
    name: 'going available for MAIL sets the one-item push',
    state: ACTIVE,
    action: { kind: 'UPDATE', availableFor: ['VOICE', 'MAIL'] },
    patch: { available_for: ['VOICE', 'MAIL'], mail_task_auto_push_pending: true },
    events: ['AGENT_AVAILABILITY/UPDATED'],
  },
  {
    name: 'going available for TASK alone sets the one-item push',
    state: ACTIVE,
    action: { kind: 'UPDATE', availableFor: ['TASK'] },
    patch: { available_for: ['TASK'], mail_task_auto_push_pending: true },
    events: ['AGENT_AVAILABILITY/UPDATED'],
  },
  {
    name: 'focus needs a channel',
    state: { ...ACTIVE, available_for: [] },
    action: { kind: 'UPDATE', focusMode: true },
    error: 'invalid_state',
  },
  {
    name: 'entering focus',
    state: ACTIVE,
    action: { kind: 'UPDATE', focusMode: true },
    patch: { focus_mode: true },
    events: ['AGENT_AVAILABILITY/FOCUS_ENTERED'],
  },
  {
    name: 'focus again is no change',
    state: FOCUSED,
    action: { kind: 'UPDATE', focusMode: true },
    patch: {},
    events: [],
  },
  {
    name: 'dropping every channel ends focus',
    state: FOCUSED,
    action: { kind: 'UPDATE', availableFor: [] },
    patch: { available_for: [], focus_mode: false },
    events: ['AGENT_AVAILABILITY/UPDATED', 'AGENT_AVAILABILITY/FOCUS_EXITED'],
  },
  {
    name: 'dropping every channel while asking for focus is refused',
    state: FOCUSED,
    action: { kind: 'UPDATE', availableFor: [], focusMode: true },
    error: 'invalid_state',
  },
  {
    name: 'going away needs a reason when reasons exist',
    state: ACTIVE,
    action: { kind: 'UPDATE', status: 'AWAY' },
    error: 'invalid_state',
  },
  {
    name: 'going away without reason when none are configured',
    state: ACTIVE,
    reasons: NO_AWAY_REASONS,
    action: { kind: 'UPDATE', status: 'AWAY' },
    patch: { status: 'AWAY', away_reason_id: null, away_since: NOW },
    events: ['AGENT_STATUS/WENT_AWAY'],
  },
  {
    name: 'going away with a reason',
    state: ACTIVE,
    action: { kind: 'UPDATE', status: 'AWAY', awayReasonId: 'lunch' },
    patch: { status: 'AWAY', away_reason_id: 'lunch', away_since: NOW },
    events: ['AGENT_STATUS/WENT_AWAY'],
  },
  {
    name: 'a disabled away reason is refused',
    state: ACTIVE,
    action: { kind: 'UPDATE', status: 'AWAY', awayReasonId: 'gone' },
    error: 'invalid_state',
  },
  {
    name: 'an active reason is not an away reason',
    state: ACTIVE,
    action: { kind: 'UPDATE', status: 'AWAY', awayReasonId: 'work' },
    error: 'invalid_state',
  },
  {
    name: 'status change needs a login',
    state: LOGGED_OUT,
    action: { kind: 'UPDATE', status: 'AWAY', awayReasonId: 'lunch' },
    error: 'invalid_state',
  },
  {
    name: 'availability may change while logged out',
    state: LOGGED_OUT,
    action: { kind: 'UPDATE', availableFor: [] },
    patch: { available_for: [] },
    events: ['AGENT_AVAILABILITY/UPDATED'],
  },
  {
    name: 'returning applies the default active reason',
    state: AWAY,
    action: { kind: 'UPDATE', status: 'ACTIVE' },
    patch: { status: 'ACTIVE', active_reason_id: 'work', away_reason_id: null, away_since: null },
    events: ['AGENT_STATUS/RETURNED_FROM_AWAY'],
  },
  {
    name: 'returning with a chosen active reason',
    state: AWAY,
    action: { kind: 'UPDATE', status: 'ACTIVE', activeReasonId: 'emails' },
    patch: { status: 'ACTIVE', active_reason_id: 'emails', away_reason_id: null, away_since: null },
    events: ['AGENT_STATUS/RETURNED_FROM_AWAY'],
  },
  {
    name: 'returning with Mail & Tasks on pushes one item',
    state: { ...AWAY, available_for: ['MAIL', 'TASK'] },
    action: { kind: 'UPDATE', status: 'ACTIVE' },
    patch: {
      status: 'ACTIVE',
      active_reason_id: 'work',
      away_reason_id: null,
      away_since: null,
      mail_task_auto_push_pending: true,
    },
    events: ['AGENT_STATUS/RETURNED_FROM_AWAY'],
  },
  {
    name: 'returning from an idle away needs an away reason',
    state: IDLE,
    action: { kind: 'UPDATE', status: 'ACTIVE' },
    error: 'invalid_state',
  },
  {
    name: 'returning from an idle away with the reason chosen',
    state: IDLE,
    action: { kind: 'UPDATE', status: 'ACTIVE', awayReasonId: 'lunch' },
    patch: { status: 'ACTIVE', active_reason_id: 'work', away_reason_id: null, away_since: null },
    events: ['AGENT_STATUS/RETURNED_FROM_AWAY'],
  },
  {
    name: 'choosing a reason while away changes it silently',
    state: IDLE,
    action: { kind: 'UPDATE', awayReasonId: 'lunch' },
    patch: { away_reason_id: 'lunch' },
    events: [],
  },
  {
    name: 'changing the active reason',
    state: ACTIVE,
    action: { kind: 'UPDATE', activeReasonId: 'emails' },
    patch: { active_reason_id: 'emails' },
    events: ['AGENT_STATUS/CHANGED_ACTIVE_REASON'],
  },
  {
    name: 'the same active reason is no change',
    state: ACTIVE,
    action: { kind: 'UPDATE', activeReasonId: 'work' },
    patch: {},
    events: [],
  },
  {
    name: 'a disabled active reason is refused',
    state: ACTIVE,
    action: { kind: 'UPDATE', activeReasonId: 'old' },
    error: 'invalid_state',
  },
  {
    name: 'an away reason while active is refused',
    state: ACTIVE,
    action: { kind: 'UPDATE', awayReasonId: 'lunch' },
    error: 'invalid_state',
  },
  {
    name: 'an unknown active reason is refused',
    state: AWAY,
    action: { kind: 'UPDATE', status: 'ACTIVE', activeReasonId: 'nope' },
    error: 'invalid_state',
  },
  {
    name: 'login applies the default active reason and keeps availability',
    state: { ...LOGGED_OUT, status: 'AWAY', away_reason_id: 'lunch', away_since: AWAY_AT },
    action: { kind: 'LOGIN' },
    patch: {
      logged_in: true,
      logged_in_at: NOW,
      status: 'ACTIVE',
      active_reason_id: 'work',
      away_reason_id: null,
      away_since: null,
      focus_mode: false,
      last_activity_at: NOW,
    },
    events: ['AGENT_STATUS/LOGGED_IN'],
  },
  {
    name: 'login with mail on pushes one item',
    state: { ...LOGGED_OUT, available_for: ['MAIL', 'TASK'] },
    action: { kind: 'LOGIN' },
    events: ['AGENT_STATUS/LOGGED_IN'],
  },
  { name: 'login when logged in is no change', state: ACTIVE, action: { kind: 'LOGIN' }, patch: {}, events: [] },
  {
    name: 'logout',
    state: ACTIVE,
    action: { kind: 'LOGOUT' },
    patch: { logged_in: false, next_requests: 0 },
    events: ['AGENT_STATUS/LOGGED_OUT'],
  },
  {
    name: 'logout in focus exits focus first',
    state: FOCUSED,
    action: { kind: 'LOGOUT' },
    patch: { logged_in: false, next_requests: 0, focus_mode: false },
    events: ['AGENT_AVAILABILITY/FOCUS_EXITED', 'AGENT_STATUS/LOGGED_OUT'],
  },
  { name: 'logout when logged out is no change', state: LOGGED_OUT, action: { kind: 'LOGOUT' }, patch: {}, events: [] },
  {
    name: 'idle away has no reason',
    state: ACTIVE,
    action: { kind: 'IDLE_AWAY' },
    patch: { status: 'AWAY', away_reason_id: null, away_since: NOW },
    events: ['AGENT_STATUS/WENT_AWAY'],
  },
  { name: 'idle away when away is no change', state: AWAY, action: { kind: 'IDLE_AWAY' }, patch: {}, events: [] },
  { name: 'idle away when logged out is no change', state: LOGGED_OUT, action: { kind: 'IDLE_AWAY' }, patch: {} },
  {
    name: 'manager away without reason',
    state: ACTIVE,
    action: { kind: 'AWAY' },
    patch: { status: 'AWAY', away_reason_id: null, away_since: NOW },
    events: ['AGENT_STATUS/WENT_AWAY'],
  },
  { name: 'manager away of a logged-out agent', state: LOGGED_OUT, action: { kind: 'AWAY' }, error: 'invalid_state' },
];

describe('planPresence', () => {
  it.each(cases)('$name', (c) => {
    const run = () => planPresence(c.state, c.action, c.reasons ?? REASONS, NOW);
    if (c.error) {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).status).toBe(400);
      expect((caught as AppError).errors[0]?.code).toBe(c.error);
      return;
    }
    const plan = run();
    if (c.patch) expect(plan.patch).toEqual(c.patch);
    if (c.events) expect(plan.events.map((e) => e.type)).toEqual(c.events);
  });

  it('login with mail on sets the push flag', () => {
    const plan = planPresence({ ...LOGGED_OUT, available_for: ['MAIL'] }, { kind: 'LOGIN' }, REASONS, NOW);
    expect(plan.patch.mail_task_auto_push_pending).toBe(true);
  });

  it('writes the exact event contents of the API catalogue', () => {
    const content = (state: TState, action: TPresenceAction) =>
      planPresence(state, action, REASONS, NOW).events.map((e) => e.content);
    expect(content(ACTIVE, { kind: 'UPDATE', availableFor: ['MAIL', 'VOICE'] })).toEqual([
      { agentId: 'u1', availableFor: ['VOICE', 'MAIL'], occurredAt: at },
    ]);
    expect(content(ACTIVE, { kind: 'UPDATE', focusMode: true })).toEqual([
      { agentId: 'u1', context: { availableFor: ['VOICE'] } },
    ]);
    expect(content(ACTIVE, { kind: 'UPDATE', status: 'AWAY', awayReasonId: 'lunch' })).toEqual([
      { agentId: 'u1', awayReason: { id: 'lunch', name: 'LUNCH' }, occurredAt: at },
    ]);
    expect(content(ACTIVE, { kind: 'IDLE_AWAY' })).toEqual([{ agentId: 'u1', occurredAt: at }]);
    expect(content(AWAY, { kind: 'UPDATE', status: 'ACTIVE' })).toEqual([
      {
        agentId: 'u1',
        awayAt: AWAY_AT.toISOString(),
        activeReason: { id: 'work', name: 'WORK' },
        awayReason: { id: 'lunch', name: 'LUNCH' },
        occurredAt: at,
      },
    ]);
    expect(content(ACTIVE, { kind: 'UPDATE', activeReasonId: 'emails' })).toEqual([
      { agentId: 'u1', occurredAt: at, activeReason: { id: 'emails', name: 'EMAILS' } },
    ]);
    expect(content(LOGGED_OUT, { kind: 'LOGIN' })).toEqual([
      { agentId: 'u1', occurredAt: at, activeReason: { id: 'work', name: 'WORK' } },
    ]);
    expect(content(ACTIVE, { kind: 'LOGOUT' })).toEqual([{ agentId: 'u1', occurredAt: at }]);
  });
});
