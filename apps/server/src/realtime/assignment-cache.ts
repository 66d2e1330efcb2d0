import type { TDatabase } from '../db/database.js';
import { assigneeRefOf, type TAssigneeRef } from './audience.js';
import { findAssignments, type TPositionedEvent } from './realtime.repository.js';

const ASSIGNMENT_CACHE_SIZE = 50_000;

/**
 * Where each conversation and task is now (inbox, agent), per process, for events that do not say (a note, a
 * message): the hub needs it to tell whose inbox an event belongs to. Kept current from live events; what it does not
 * know is read in one query per page of events. The oldest entries go first past 50,000.
 */
export class AssignmentCache {
  private readonly assignments = new Map<string, TAssigneeRef>();

  constructor(private readonly db: TDatabase) {}

  current(orgId: string, event: TPositionedEvent): TAssigneeRef | undefined {
    const key = itemKeyOf(orgId, event);
    return key ? this.assignments.get(key) : undefined;
  }

  /** Look up conversations and tasks whose events carry no assignee and that the cache does not know. */
  async load(orgId: string, events: TPositionedEvent[]): Promise<void> {
    const conversationIds = new Set<string>();
    const taskIds = new Set<string>();
    for (const event of events) {
      const key = itemKeyOf(orgId, event);
      if (!key || this.assignments.has(key)) continue;
      const c = event.content;
      if (assigneeRefOf(c.assignee) || assigneeRefOf((c.context as Record<string, unknown> | undefined)?.assignee)) {
        continue;
      }
      if (typeof c.taskId === 'string') taskIds.add(c.taskId);
      else if (typeof c.conversationId === 'string') conversationIds.add(c.conversationId);
    }
    if (conversationIds.size === 0 && taskIds.size === 0) return;
    const found = await findAssignments(this.db, orgId, {
      conversationIds: [...conversationIds],
      taskIds: [...taskIds],
    });
    for (const [id, a] of found.conversations) this.remember(`${orgId}:c:${id}`, a, false);
    for (const [id, a] of found.tasks) this.remember(`${orgId}:t:${id}`, a, false);
  }

  /** Keep the cache current from live events: an assignee update moves the item, other events only fill gaps. */
  learn(orgId: string, event: TPositionedEvent): void {
    const key = itemKeyOf(orgId, event);
    if (!key) return;
    const c = event.content;
    const after = assigneeRefOf(c.assignee);
    if (after) {
      this.remember(key, after, true);
      return;
    }
    const context = c.context as Record<string, unknown> | undefined;
    const before = assigneeRefOf(context?.assignee);
    if (before) this.remember(key, before, false);
  }

  private remember(key: string, assignment: TAssigneeRef, overwrite: boolean): void {
    if (!overwrite && this.assignments.has(key)) return;
    this.assignments.delete(key);
    this.assignments.set(key, assignment);
    if (this.assignments.size > ASSIGNMENT_CACHE_SIZE) {
      const oldest = this.assignments.keys().next().value;
      if (oldest !== undefined) this.assignments.delete(oldest);
    }
  }
}

/** The cache key of the event's task or conversation, if it has one. */
function itemKeyOf(orgId: string, event: TPositionedEvent): string | null {
  const c = event.content;
  if (typeof c.taskId === 'string') return `${orgId}:t:${c.taskId}`;
  if (typeof c.conversationId === 'string') return `${orgId}:c:${c.conversationId}`;
  return null;
}
