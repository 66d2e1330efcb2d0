import type { Selectable, Updateable } from 'kysely';
import type { TExecutor } from '../../db/database.js';
import type { TaskCommentsTable, TasksTable, TTaskRow } from '../../db/schema.js';

export type TTaskCommentRow = Selectable<TaskCommentsTable>;
export type TTaskStatus = TTaskRow['status'];

/** A customer that can own tasks: the tombstone a merge leaves behind does not. */
export async function customerExists(
  db: TExecutor,
  orgId: string,
  customerId: string,
  options: { lock?: boolean } = {},
): Promise<boolean> {
  let query = db
    .selectFrom('customers')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', customerId)
    .where('merged_into_id', 'is', null);
  // Held while a task is added, so a concurrent delete or merge cannot pull the customer out from under it.
  if (options.lock) query = query.forShare();
  return (await query.executeTakeFirst()) !== undefined;
}

/** Insert a task; undefined when the id is already taken in the org. */
export function insertTask(
  db: TExecutor,
  task: {
    orgId: string;
    id: string;
    customerId: string;
    inboxId: string;
    agentId: string | null;
    body: string;
    dueAt: Date;
    createdById: string;
    createdByType: string;
    now: Date;
  },
): Promise<TTaskRow | undefined> {
  return db
    .insertInto('tasks')
    .values({
      org_id: task.orgId,
      id: task.id,
      customer_id: task.customerId,
      inbox_id: task.inboxId,
      agent_id: task.agentId,
      body: task.body,
      due_at: task.dueAt,
      status: 'OPEN',
      created_by_id: task.createdById,
      created_by_type: task.createdByType,
      created_at: task.now,
      updated_at: task.now,
      closed_at: null,
    })
    .onConflict((oc) => oc.columns(['org_id', 'id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findTask(
  db: TExecutor,
  orgId: string,
  taskId: string,
  lock?: 'update' | 'share',
): Promise<TTaskRow | undefined> {
  let query = db.selectFrom('tasks').selectAll().where('org_id', '=', orgId).where('id', '=', taskId);
  if (lock === 'update') query = query.forUpdate();
  if (lock === 'share') query = query.forShare();
  return query.executeTakeFirst();
}

/** Newest first; asks for one row past the cap so the caller can tell whether the list was cut. */
export function listCustomerTasks(
  db: TExecutor,
  orgId: string,
  customerId: string,
  options: { status?: TTaskStatus; limit: number },
): Promise<TTaskRow[]> {
  let query = db
    .selectFrom('tasks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.status) query = query.where('status', '=', options.status);
  return query.execute();
}

export async function updateTaskRow(
  db: TExecutor,
  orgId: string,
  taskId: string,
  changes: Updateable<TasksTable>,
): Promise<void> {
  await db.updateTable('tasks').set(changes).where('org_id', '=', orgId).where('id', '=', taskId).execute();
}

/** Insert a comment; undefined when the id is already taken in the org. */
export function insertTaskComment(
  db: TExecutor,
  comment: { orgId: string; id: string; taskId: string; agentId: string; comment: string; now: Date },
): Promise<TTaskCommentRow | undefined> {
  return db
    .insertInto('task_comments')
    .values({
      org_id: comment.orgId,
      id: comment.id,
      task_id: comment.taskId,
      agent_id: comment.agentId,
      comment: comment.comment,
      created_at: comment.now,
    })
    .onConflict((oc) => oc.columns(['org_id', 'id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findTaskComment(
  db: TExecutor,
  orgId: string,
  taskId: string,
  commentId: string,
): Promise<TTaskCommentRow | undefined> {
  return db
    .selectFrom('task_comments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('task_id', '=', taskId)
    .where('id', '=', commentId)
    .executeTakeFirst();
}

/** Oldest first; asks for one row past the cap so the caller can tell whether the list was cut. */
export function listTaskComments(
  db: TExecutor,
  orgId: string,
  taskId: string,
  limit: number,
): Promise<TTaskCommentRow[]> {
  return db
    .selectFrom('task_comments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('task_id', '=', taskId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}
