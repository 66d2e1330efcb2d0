import type { TEventType, TInitiator } from '@hearth/shared';
import type { Updateable } from 'kysely';
import type { TAppContext } from '../../../app-context.js';
import type { TasksTable } from '../../../db/schema.js';
import { appendEvent } from '../../../events/outbox.js';
import { notFound } from '../../../http/errors.js';
import { toIso } from '../../../lib/time.js';
import { assertDueInFuture, parseDueAt, sanitizeTaskBody, validateAssignee } from '../task-input.js';
import { presentAssignee, presentTaskContext } from '../tasks.presenter.js';
import { findTask, updateTaskRow } from '../tasks.repository.js';
import type { TTaskUpdate } from '../tasks.schemas.js';

export function taskNotFound(taskId: string) {
  return notFound(`task ${taskId} does not exist`);
}

/**
 * Apply a partial edit and append one event per field that really changed, each with the task as it stood before
 * the edit. Fields sent back unchanged are no-ops: Gladly's close sample re-sends the current assignee with
 * `status: CLOSED`, which must neither re-validate that assignee nor announce an assignment.
 */
export async function updateTask(
  ctx: TAppContext,
  orgId: string,
  initiator: TInitiator,
  taskId: string,
  input: TTaskUpdate,
): Promise<void> {
  const body = input.body == null ? undefined : sanitizeTaskBody(input.body);
  const dueAt = input.dueAt == null ? undefined : parseDueAt(input.dueAt);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findTask(trx, orgId, taskId, 'update');
    if (!before) throw taskNotFound(taskId);
    const changes: Updateable<TasksTable> = {};
    const events: Array<{ type: TEventType; content: Record<string, unknown> }> = [];

    if (body !== undefined && body !== before.body) {
      changes.body = body;
      events.push({ type: 'TASK/CONTENT_UPDATED', content: {} });
    }
    if (input.assignee) {
      const agentId = input.assignee.agentId || null;
      if (input.assignee.inboxId !== before.inbox_id || agentId !== before.agent_id) {
        const assignee = await validateAssignee(trx, orgId, input.assignee);
        changes.inbox_id = assignee.inboxId;
        changes.agent_id = assignee.agentId;
        events.push({
          type: 'TASK/ASSIGNEE_UPDATED',
          content: { assignee: presentAssignee(assignee.inboxId, assignee.agentId) },
        });
      }
    }
    if (dueAt && dueAt.getTime() !== before.due_at.getTime()) {
      assertDueInFuture(dueAt, now);
      changes.due_at = dueAt;
      events.push({ type: 'TASK/DUE_DATE_UPDATED', content: { dueAt: toIso(dueAt) } });
    }
    if (input.status && input.status !== before.status) {
      changes.status = input.status;
      changes.closed_at = input.status === 'CLOSED' ? now : null;
      events.push({ type: input.status === 'CLOSED' ? 'TASK/CLOSED' : 'TASK/REOPENED', content: {} });
    }
    if (events.length === 0) return;

    await updateTaskRow(trx, orgId, taskId, { ...changes, updated_at: now });
    const context = presentTaskContext(before);
    for (const event of events) {
      await appendEvent(trx, orgId, {
        type: event.type,
        initiator,
        content: { ...event.content, customerId: before.customer_id, taskId, context },
        occurredAt: now,
      });
    }
  });
}
