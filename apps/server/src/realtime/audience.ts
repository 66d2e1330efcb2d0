import type { TRole } from '@hearth/shared';

/**
 * Which events reach which socket (docs/REALTIME.md). Pure: the hub supplies the viewer and the current assignment
 * of the event's conversation or task (from its per-process cache or the database).
 */
export interface TViewer {
  userId: string;
  roles: readonly TRole[];
  inboxIds: ReadonlySet<string>;
  viewingConversationIds: ReadonlySet<string>;
  viewingCustomerIds: ReadonlySet<string>;
}

export interface TAudienceEvent {
  type: string;
  content: Record<string, unknown>;
}

export interface TAssigneeRef {
  inboxId: string | null;
  agentId: string | null;
}

const MANAGER_ROLES: readonly TRole[] = ['ADMINISTRATOR', 'TEAM_MANAGER'];

export function seesWholeOrg(roles: readonly TRole[]): boolean {
  return roles.some((role) => MANAGER_ROLES.includes(role));
}

export function concernsViewer(event: TAudienceEvent, viewer: TViewer, current?: TAssigneeRef): boolean {
  return audienceIncludes(audienceOf(event, current), viewer);
}

/**
 * Who an event is for, worked out once per event: a busy inbox's event is checked against every socket of the org,
 * so the per-socket test is a few set lookups.
 */
export interface TEventAudience {
  /** AGENT_STATUS / AGENT_AVAILABILITY: that agent only. Otherwise: the agents named and the inboxes' members. */
  agentOnly: boolean;
  /** Nobody but managers (export jobs, pings). */
  managersOnly: boolean;
  agentIds: readonly string[];
  inboxIds: readonly string[];
  conversationId: string | undefined;
  customerIds: readonly string[];
}

export function audienceOf(event: TAudienceEvent, current?: TAssigneeRef): TEventAudience {
  const c = event.content;
  const slash = event.type.indexOf('/');
  const family = slash < 0 ? event.type : event.type.slice(0, slash);
  const none: readonly string[] = [];
  if (family === 'AGENT_STATUS' || family === 'AGENT_AVAILABILITY') {
    const agentId = stringOf(c.agentId);
    return audience({ agentOnly: true, agentIds: agentId ? [agentId] : none });
  }
  if (family === 'CUSTOMER' || family === 'CUSTOMER_PROFILE') return audience({ customerIds: customerIdsOf(c) });
  if (family === 'EXPORT_JOB' || family === 'PING') return audience({ managersOnly: true });
  // Conversations, contacts, tasks, notes, payment requests, custom channel messages.
  const agentIds: string[] = [];
  const inboxIds: string[] = [];
  const agentId = stringOf(c.agentId);
  if (agentId) agentIds.push(agentId);
  for (const assignee of assigneesOf(c, current)) {
    if (assignee.agentId) agentIds.push(assignee.agentId);
    if (assignee.inboxId) inboxIds.push(assignee.inboxId);
  }
  return audience({ agentIds, inboxIds, conversationId: stringOf(c.conversationId), customerIds: customerIdsOf(c) });
}

function audience(parts: Partial<TEventAudience>): TEventAudience {
  return {
    agentOnly: false,
    managersOnly: false,
    agentIds: [],
    inboxIds: [],
    conversationId: undefined,
    customerIds: [],
    ...parts,
  };
}

export function audienceIncludes(audience: TEventAudience, viewer: TViewer): boolean {
  if (seesWholeOrg(viewer.roles)) return true;
  if (audience.managersOnly) return false;
  if (audience.agentIds.includes(viewer.userId)) return true;
  if (audience.agentOnly) return false;
  for (const inboxId of audience.inboxIds) if (viewer.inboxIds.has(inboxId)) return true;
  if (audience.conversationId && viewer.viewingConversationIds.has(audience.conversationId)) return true;
  for (const customerId of audience.customerIds) if (viewer.viewingCustomerIds.has(customerId)) return true;
  return false;
}

/** Before (context), after (assignee) and now (current): an agent sees an item both arrive and leave their inbox. */
export function assigneesOf(content: Record<string, unknown>, current?: TAssigneeRef): TAssigneeRef[] {
  const found: TAssigneeRef[] = [];
  const context = content.context;
  const before = assigneeRefOf(isRecord(context) ? context.assignee : undefined);
  if (before) found.push(before);
  const after = assigneeRefOf(content.assignee);
  if (after) found.push(after);
  if (current) found.push(current);
  return found;
}

export function assigneeRefOf(value: unknown): TAssigneeRef | null {
  if (!isRecord(value)) return null;
  const inboxId = stringOf(value.inboxId) ?? null;
  const agentId = stringOf(value.agentId) ?? null;
  return inboxId || agentId ? { inboxId, agentId } : null;
}

function customerIdsOf(content: Record<string, unknown>): string[] {
  return [content.customerId, content.sourceCustomerId, content.destinationCustomerId]
    .map(stringOf)
    .filter((id): id is string => id !== undefined);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
