import type { TInitiator } from '@hearth/shared';
import type { TAppContext } from '../../../app-context.js';
import type { TTaskRow } from '../../../db/schema.js';
import { appendEvent } from '../../../events/outbox.js';
import { AppError, conflict, notFound } from '../../../http/errors.js';
import {
  findOrCreateCustomerByContact,
  type TCustomerContact,
} from '../../customers/commands/find-or-create-customer.js';
import { assertDueInFuture, parseDueAt, resolveClientId, sanitizeTaskBody, validateAssignee } from '../task-input.js';
import { presentTaskContext } from '../tasks.presenter.js';
import { customerExists, insertTask } from '../tasks.repository.js';
import type { TCustomerTaskCreate, TTaskCreate } from '../tasks.schemas.js';

/** Whose task it is: a known customer, or POST /tasks' `customer` whose email/mobile finds (or creates) one. */
export type TTaskOwner = { customerId: string } | { customer: TTaskCreate['customer'] };

export function customerNotFound(customerId: string): AppError {
  return notFound(`customer profile ${customerId} does not exist`);
}

/** `customer` of POST /tasks must name exactly one of emailAddress or mobilePhone (API spec 3.3's headline error). */
function contactOf(customer: TTaskCreate['customer']): TCustomerContact {
  const emailAddress = customer?.emailAddress?.trim();
  const mobilePhone = customer?.mobilePhone?.trim();
  if (emailAddress && !mobilePhone) return { emailAddress };
  if (mobilePhone && !emailAddress) return { mobilePhone };
  throw new AppError(400, [{ code: 'blank', detail: 'one of emailAddress, phoneNumber must be present' }]);
}

/**
 * Create an open task. Everything is checked before anything is written, and the customer a contact creates is
 * rolled back with the task when the task is refused (a reused id), so a refused request leaves no trace.
 */
export async function createTask(
  ctx: TAppContext,
  orgId: string,
  initiator: TInitiator,
  owner: TTaskOwner,
  input: TCustomerTaskCreate,
): Promise<TTaskRow> {
  const target: { customerId: string } | { contact: TCustomerContact } =
    'customer' in owner ? { contact: contactOf(owner.customer) } : { customerId: owner.customerId };
  const id = resolveClientId(input.id);
  const body = sanitizeTaskBody(input.body);
  const now = ctx.now();
  const dueAt = parseDueAt(input.dueAt);
  assertDueInFuture(dueAt, now);
  return ctx.db.transaction().execute(async (trx) => {
    if ('customerId' in target && !(await customerExists(trx, orgId, target.customerId, { lock: true }))) {
      throw customerNotFound(target.customerId);
    }
    const assignee = await validateAssignee(trx, orgId, input.assignee);
    const customerId =
      'customerId' in target
        ? target.customerId
        : (await findOrCreateCustomerByContact(trx, orgId, target.contact, initiator, { now })).customerId;
    const task = await insertTask(trx, {
      orgId,
      id,
      customerId,
      inboxId: assignee.inboxId,
      agentId: assignee.agentId,
      body,
      dueAt,
      createdById: initiator.id,
      createdByType: initiator.type,
      now,
    });
    // Gladly names this attr after its internal model; clients match on the code, so it is kept verbatim.
    if (!task) throw conflict('taken', 'task already exists', 'newConversationItems');
    await appendEvent(trx, orgId, {
      type: 'TASK/CREATED',
      initiator,
      content: { customerId, taskId: task.id, context: presentTaskContext(task) },
      occurredAt: now,
    });
    return task;
  });
}
