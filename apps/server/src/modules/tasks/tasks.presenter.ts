import type { Selectable } from 'kysely';
import type { TaskCommentsTable, TTaskRow } from '../../db/schema.js';
import { toIso } from '../../lib/time.js';

export function presentAssignee(inboxId: string, agentId: string | null) {
  return { inboxId, ...(agentId ? { agentId } : {}) };
}

/** Task object (API spec 4.7); an unassigned task's assignee has no agentId. */
export function presentTask(row: TTaskRow) {
  return {
    id: row.id,
    customerId: row.customer_id,
    timestamp: toIso(row.created_at),
    createdBy: { ...(row.created_by_id ? { id: row.created_by_id } : {}), type: row.created_by_type },
    assignee: presentAssignee(row.inbox_id, row.agent_id),
    body: row.body,
    dueAt: toIso(row.due_at),
    status: row.status,
  };
}

/** `context` of every TASK/* event: the task as it stood just before the event (API spec 4.15). */
export function presentTaskContext(row: TTaskRow) {
  return {
    assignee: presentAssignee(row.inbox_id, row.agent_id),
    dueAt: toIso(row.due_at),
    createdAt: toIso(row.created_at),
  };
}

export function presentTaskComment(row: Selectable<TaskCommentsTable>) {
  return {
    id: row.id,
    agentId: row.agent_id,
    comment: row.comment,
    taskId: row.task_id,
    createdAt: toIso(row.created_at),
  };
}
