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
  if (seesWholeOrg(viewer.roles)) return true;
  const c = event.content;
  const family = event.type.split('/')[0] ?? '';
  if (family === 'AGENT_STATUS' || family === 'AGENT_AVAILABILITY') return c.agentId === viewer.userId;
  if (family === 'CUSTOMER' || family === 'CUSTOMER_PROFILE') {
    return customerIdsOf(c).some((id) => viewer.viewingCustomerIds.has(id));
  }
  if (family === 'EXPORT_JOB' || family === 'PING') return false;
  // Conversations, contacts, tasks, notes, payment requests, custom channel messages.
  if (c.agentId === viewer.userId) return true;
  for (const assignee of assigneesOf(c, current)) {
    if (assignee.agentId === viewer.userId) return true;
    if (assignee.inboxId && viewer.inboxIds.has(assignee.inboxId)) return true;
  }
  const conversationId = stringOf(c.conversationId);
  if (conversationId && viewer.viewingConversationIds.has(conversationId)) return true;
  return customerIdsOf(c).some((id) => viewer.viewingCustomerIds.has(id));
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
