import type { TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../../app-context.js';
import { appendEvent } from '../../../events/outbox.js';
import { badRequest, conflict, invalidState } from '../../../http/errors.js';
import { findActiveAgent } from '../../agents/agents.queries.js';
import { resolveClientId } from '../task-input.js';
import { presentTaskContext } from '../tasks.presenter.js';
import { findTask, insertTaskComment, type TTaskCommentRow } from '../tasks.repository.js';
import type { TTaskCommentCreate } from '../tasks.schemas.js';
import { taskNotFound } from './update-task.js';

/** Comment on an open task as one of the org's agents (product spec 9: closed tasks take no comments). */
export async function addTaskComment(
  ctx: TAppContext,
  orgId: string,
  initiator: TInitiator,
  taskId: string,
  input: TTaskCommentCreate,
): Promise<TTaskCommentRow> {
  const text = input.comment ?? input.message ?? '';
  if (!text.trim()) throw badRequest('blank', 'comment cannot be blank', 'comment');
  const id = resolveClientId(input.id);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    // A share lock: comments may land side by side, but not while the task is being closed.
    const task = await findTask(trx, orgId, taskId, 'share');
    if (!task) throw taskNotFound(taskId);
    if (!(await findActiveAgent(trx, orgId, input.agentId))) {
      throw badRequest('invalid', `agent ${input.agentId} does not exist`, 'agentId');
    }
    if (task.status === 'CLOSED') throw invalidState('cannot comment on a closed task');
    const comment = await insertTaskComment(trx, { orgId, id, taskId, agentId: input.agentId, comment: text, now });
    if (!comment) throw conflict('taken', 'comment already exists', 'id');
    await appendEvent(trx, orgId, {
      type: 'TASK/COMMENT_ADDED',
      initiator,
      content: { customerId: task.customer_id, taskId, commentId: comment.id, context: presentTaskContext(task) },
      occurredAt: now,
    });
    return comment;
  });
}
