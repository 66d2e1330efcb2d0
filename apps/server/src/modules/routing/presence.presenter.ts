import type { TPresenceRow } from './presence.repository.js';
import type { TStatusReasonRow } from './status-reasons.repository.js';

export const CHANNEL_GROUPS = ['VOICE', 'MESSAGING', 'MAIL', 'TASK'] as const;
export type TChannelGroup = (typeof CHANNEL_GROUPS)[number];

export interface TPresence {
  userId: string;
  loggedIn: boolean;
  status: 'ACTIVE' | 'AWAY';
  activeReason: { id: string; name: string } | null;
  awayReason: { id: string; name: string } | null;
  awaySince: string | null;
  availableFor: TChannelGroup[];
  focusMode: boolean;
  skills: string[];
  messagingCapacity: { standard: number; maximum: number };
}

/** Channel groups in their canonical order, unknown values dropped. */
export function normalizeChannelGroups(groups: readonly string[]): TChannelGroup[] {
  return CHANNEL_GROUPS.filter((g) => groups.includes(g));
}

function reasonRef(reasons: Map<string, TStatusReasonRow>, id: string | null): { id: string; name: string } | null {
  if (!id) return null;
  const reason = reasons.get(id);
  return reason ? { id: reason.id, name: reason.name } : null;
}

export function presentPresence(row: TPresenceRow, reasons: Map<string, TStatusReasonRow>): TPresence {
  return {
    userId: row.user_id,
    loggedIn: row.logged_in,
    status: row.status,
    activeReason: row.status === 'ACTIVE' ? reasonRef(reasons, row.active_reason_id) : null,
    awayReason: row.status === 'AWAY' ? reasonRef(reasons, row.away_reason_id) : null,
    awaySince: row.status === 'AWAY' && row.away_since ? row.away_since.toISOString() : null,
    availableFor: normalizeChannelGroups(row.available_for),
    focusMode: row.focus_mode,
    skills: [...row.skills],
    messagingCapacity: { standard: row.messaging_capacity_standard, maximum: row.messaging_capacity_maximum },
  };
}

export function presentStatusReason(row: TStatusReasonRow) {
  return { id: row.id, kind: row.kind, name: row.name, isDefault: row.is_default, disabled: row.disabled };
}
