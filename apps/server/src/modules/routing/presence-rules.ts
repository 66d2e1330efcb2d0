import type { TEventType } from '@hearth/shared';
import { invalidState } from '../../http/errors.js';
import { normalizeChannelGroups, type TChannelGroup } from './presence.presenter.js';
import type { TPresencePatch, TPresenceRow } from './presence.repository.js';
import type { TStatusReasonRow } from './status-reasons.repository.js';

/** What can happen to a presence: the agent's own edit, login/logout, a manager's remote Away, the idle timer. */
export type TPresenceAction =
  | {
      kind: 'UPDATE';
      availableFor?: TChannelGroup[];
      status?: 'ACTIVE' | 'AWAY';
      awayReasonId?: string;
      activeReasonId?: string;
      focusMode?: boolean;
    }
  | { kind: 'LOGIN' }
  | { kind: 'LOGOUT' }
  | { kind: 'AWAY'; awayReasonId?: string }
  | { kind: 'IDLE_AWAY' };

export interface TPresenceReasons {
  /** Every reason of the org by id (disabled ones included: a current reason may have been disabled since). */
  byId: Map<string, TStatusReasonRow>;
  defaultActive: TStatusReasonRow | undefined;
  /** Whether the org has any enabled Away reason (if none, going Away needs none). */
  hasAwayReasons: boolean;
}

export interface TPlannedEvent {
  type: TEventType;
  content: Record<string, unknown>;
}

export interface TPresencePlan {
  patch: TPresencePatch;
  events: TPlannedEvent[];
}

type TState = Pick<
  TPresenceRow,
  | 'user_id'
  | 'logged_in'
  | 'status'
  | 'active_reason_id'
  | 'away_reason_id'
  | 'away_since'
  | 'available_for'
  | 'focus_mode'
>;

function reasonError(detail: string, attr: string) {
  return invalidState(detail, attr);
}

/** A usable (existing, enabled) reason of the wanted kind, or a 400 naming the attribute. */
function pickReason(reasons: TPresenceReasons, id: string, kind: 'ACTIVE' | 'AWAY', attr: string): TStatusReasonRow {
  const reason = reasons.byId.get(id);
  if (!reason || reason.kind !== kind || reason.disabled) {
    throw reasonError(`${id} is not an enabled ${kind === 'ACTIVE' ? 'Active' : 'Away'} reason`, attr);
  }
  return reason;
}

function ref(reason: TStatusReasonRow | undefined | null): { id: string; name: string } | null {
  return reason ? { id: reason.id, name: reason.name } : null;
}

function sameGroups(a: readonly string[], b: readonly string[]): boolean {
  const x = normalizeChannelGroups(a);
  const y = normalizeChannelGroups(b);
  return x.length === y.length && x.every((g, i) => g === y[i]);
}

/**
 * The pure core of presence: from the current row and an action, the columns to change and the events to append
 * (none when nothing changes). Throws 400 invalid_state for a refused transition.
 */
export function planPresence(
  state: TState,
  action: TPresenceAction,
  reasons: TPresenceReasons,
  now: Date,
): TPresencePlan {
  const at = now.toISOString();
  const agentId = state.user_id;
  const patch: TPresencePatch = {};
  const events: TPlannedEvent[] = [];
  const currentGroups = normalizeChannelGroups(state.available_for);

  const goAway = (awayReason: TStatusReasonRow | null) => {
    patch.status = 'AWAY';
    patch.away_reason_id = awayReason?.id ?? null;
    patch.away_since = now;
    events.push({
      type: 'AGENT_STATUS/WENT_AWAY',
      content: { agentId, ...(awayReason ? { awayReason: ref(awayReason) } : {}), occurredAt: at },
    });
  };

  switch (action.kind) {
    case 'LOGIN': {
      if (state.logged_in) return { patch, events };
      const active = reasons.defaultActive;
      Object.assign(patch, {
        logged_in: true,
        logged_in_at: now,
        status: 'ACTIVE',
        active_reason_id: active?.id ?? null,
        away_reason_id: null,
        away_since: null,
        focus_mode: false,
        last_activity_at: now,
      } satisfies TPresencePatch);
      // Logging in with Mail & Tasks on is going available for them: one item is pushed (spec 5.2).
      if (currentGroups.includes('MAIL') || currentGroups.includes('TASK')) patch.mail_task_auto_push_pending = true;
      events.push({ type: 'AGENT_STATUS/LOGGED_IN', content: { agentId, occurredAt: at, activeReason: ref(active) } });
      return { patch, events };
    }
    case 'LOGOUT': {
      if (!state.logged_in) return { patch, events };
      patch.logged_in = false;
      patch.next_requests = 0;
      if (state.focus_mode) {
        patch.focus_mode = false;
        events.push({
          type: 'AGENT_AVAILABILITY/FOCUS_EXITED',
          content: { agentId, context: { availableFor: currentGroups } },
        });
      }
      events.push({ type: 'AGENT_STATUS/LOGGED_OUT', content: { agentId, occurredAt: at } });
      return { patch, events };
    }
    case 'IDLE_AWAY': {
      if (state.logged_in && state.status === 'ACTIVE') goAway(null);
      return { patch, events };
    }
    case 'AWAY': {
      if (!state.logged_in) throw invalidState('the agent is not logged in');
      const reason = action.awayReasonId ? pickReason(reasons, action.awayReasonId, 'AWAY', 'awayReasonId') : null;
      if (state.status === 'ACTIVE') goAway(reason);
      else if (reason && reason.id !== state.away_reason_id) patch.away_reason_id = reason.id;
      return { patch, events };
    }
    case 'UPDATE':
      break;
  }

  // UPDATE: the agent's own change from the desktop.
  const groups = action.availableFor ? normalizeChannelGroups(action.availableFor) : currentGroups;
  if (action.availableFor && !sameGroups(groups, currentGroups)) {
    patch.available_for = groups;
    const wentMailTask = (['MAIL', 'TASK'] as const).some((g) => groups.includes(g) && !currentGroups.includes(g));
    if (wentMailTask) patch.mail_task_auto_push_pending = true;
    events.push({ type: 'AGENT_AVAILABILITY/UPDATED', content: { agentId, availableFor: groups, occurredAt: at } });
  }

  // Focus mode needs availability in at least one channel; dropping the last channel ends it.
  const wantFocus = action.focusMode ?? state.focus_mode;
  if (wantFocus && !state.focus_mode) {
    if (groups.length === 0) throw invalidState('focus mode needs availability in at least one channel', 'focusMode');
    patch.focus_mode = true;
    events.push({ type: 'AGENT_AVAILABILITY/FOCUS_ENTERED', content: { agentId, context: { availableFor: groups } } });
  } else if (state.focus_mode && (!wantFocus || groups.length === 0)) {
    if (action.focusMode === true) {
      throw invalidState('focus mode needs availability in at least one channel', 'focusMode');
    }
    patch.focus_mode = false;
    events.push({ type: 'AGENT_AVAILABILITY/FOCUS_EXITED', content: { agentId, context: { availableFor: groups } } });
  }

  const targetStatus = action.status ?? state.status;
  if (targetStatus === 'AWAY') {
    if (action.activeReasonId !== undefined)
      throw invalidState('an Active reason needs status ACTIVE', 'activeReasonId');
    if (state.status === 'ACTIVE') {
      if (!state.logged_in) throw invalidState('log in before changing status', 'status');
      if (!action.awayReasonId && reasons.hasAwayReasons) throw invalidState('choose an Away reason', 'awayReasonId');
      goAway(action.awayReasonId ? pickReason(reasons, action.awayReasonId, 'AWAY', 'awayReasonId') : null);
    } else if (action.awayReasonId && action.awayReasonId !== state.away_reason_id) {
      // Choosing a reason while Away (after an automatic Away): no event exists for it; the return carries it.
      patch.away_reason_id = pickReason(reasons, action.awayReasonId, 'AWAY', 'awayReasonId').id;
    }
  } else if (state.status === 'AWAY') {
    // Returning from Away: an Away without reason (idle, manager) must get one first (spec 5.4).
    if (!state.logged_in) throw invalidState('log in before changing status', 'status');
    const awayReason = action.awayReasonId
      ? pickReason(reasons, action.awayReasonId, 'AWAY', 'awayReasonId')
      : state.away_reason_id
        ? (reasons.byId.get(state.away_reason_id) ?? null)
        : null;
    if (!awayReason && reasons.hasAwayReasons)
      throw invalidState('choose an Away reason before returning', 'awayReasonId');
    const active = action.activeReasonId
      ? pickReason(reasons, action.activeReasonId, 'ACTIVE', 'activeReasonId')
      : reasons.defaultActive;
    Object.assign(patch, {
      status: 'ACTIVE',
      active_reason_id: active?.id ?? null,
      away_reason_id: null,
      away_since: null,
    } satisfies TPresencePatch);
    // Coming back with Mail & Tasks on is going available for them again: one item is pushed (spec 5.2).
    if (groups.includes('MAIL') || groups.includes('TASK')) patch.mail_task_auto_push_pending = true;
    events.push({
      type: 'AGENT_STATUS/RETURNED_FROM_AWAY',
      content: {
        agentId,
        awayAt: state.away_since?.toISOString() ?? null,
        activeReason: ref(active),
        awayReason: ref(awayReason),
        occurredAt: at,
      },
    });
  } else {
    if (action.awayReasonId !== undefined) throw invalidState('an Away reason needs status AWAY', 'awayReasonId');
    if (action.activeReasonId && action.activeReasonId !== state.active_reason_id) {
      const active = pickReason(reasons, action.activeReasonId, 'ACTIVE', 'activeReasonId');
      patch.active_reason_id = active.id;
      events.push({
        type: 'AGENT_STATUS/CHANGED_ACTIVE_REASON',
        content: { agentId, occurredAt: at, activeReason: ref(active) },
      });
    }
  }
  return { patch, events };
}
