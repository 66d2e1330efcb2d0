import { expect } from 'vitest';
import { newId } from '../../src/lib/ids.js';
import { makeCustomer, makeInbox } from '../factories.js';
import { createTestOrg, type TTestApp, type TTestOrg } from '../helpers.js';

export const FAR_FUTURE = '2099-01-01T00:00:00.000Z';

export interface TTaskWorld {
  o: TTestOrg;
  inboxId: string;
  agentId: string;
  customerId: string;
}

/** An org with an inbox the API user belongs to and one customer: enough to create tasks. */
export async function arrangeTaskWorld(t: TTestApp): Promise<TTaskWorld> {
  const o = await createTestOrg(t);
  const inbox = await makeInbox(t, o.org.id, { memberIds: [o.apiUser.user.id] });
  const customer = await makeCustomer(t, o.org.id, { email: `c-${newId().slice(0, 6)}@example.com` });
  return { o, inboxId: inbox.id, agentId: o.apiUser.user.id, customerId: customer.id };
}

/** Create a task through the API for the world's customer and return its id. */
export async function createTaskFor(
  w: TTaskWorld,
  overrides: Record<string, unknown> = {},
  customerId = w.customerId,
): Promise<string> {
  const res = await w.o.request({
    method: 'POST',
    url: `/api/v1/customers/${customerId}/tasks`,
    body: { assignee: { inboxId: w.inboxId, agentId: w.agentId }, body: 'Call back', dueAt: FAR_FUTURE, ...overrides },
  });
  expect(res.statusCode, res.body).toBe(201);
  return String(res.headers.location).split('/').pop()!;
}

export async function storedTasks(t: TTestApp, orgId: string) {
  return t.db.selectFrom('tasks').selectAll().where('org_id', '=', orgId).execute();
}

export async function countCustomers(t: TTestApp, orgId: string): Promise<number> {
  const rows = await t.db.selectFrom('customers').select('id').where('org_id', '=', orgId).execute();
  return rows.length;
}
