import { describe, expect, it } from 'vitest';
import { eventsOf, makeCustomer, makeInbox } from '../factories.js';
import { useTestApp } from '../helpers.js';
import {
  arrangeTaskWorld,
  countCustomers,
  createTaskFor,
  FAR_FUTURE,
  storedTasks,
  type TTaskWorld,
} from './arrange.js';

const t = useTestApp();

function postTask(w: TTaskWorld, body: Record<string, unknown>) {
  return w.o.request({ method: 'POST', url: '/api/v1/tasks', body });
}

function postCustomerTask(w: TTaskWorld, body: Record<string, unknown>, customerId = w.customerId) {
  return w.o.request({ method: 'POST', url: `/api/v1/customers/${customerId}/tasks`, body });
}

/** Expect a refused write: the given error, and no task, customer or event added. */
async function expectRefused(
  w: TTaskWorld,
  send: () => Promise<{ statusCode: number; data: unknown }>,
  status: number,
  errors: unknown,
) {
  const tasksBefore = (await storedTasks(t, w.o.org.id)).length;
  const customersBefore = await countCustomers(t, w.o.org.id);
  const eventsBefore = (await eventsOf(t, w.o.org.id)).length;
  const res = await send();
  expect(res.statusCode).toBe(status);
  expect(res.data).toEqual(errors);
  expect(await storedTasks(t, w.o.org.id)).toHaveLength(tasksBefore);
  expect(await countCustomers(t, w.o.org.id)).toBe(customersBefore);
  expect(await eventsOf(t, w.o.org.id)).toHaveLength(eventsBefore);
}

describe('POST /tasks', () => {
  it('creates the customer from an email, the task with every field, and both events', async () => {
    const w = await arrangeTaskWorld(t);
    t.clock.set(new Date('2030-03-04T05:06:07.089Z'));
    try {
      const res = await postTask(w, {
        assignee: { inboxId: w.inboxId, agentId: w.agentId },
        body: '<p>Call <b>back</b><script>alert(1)</script><img src="x" onerror="alert(2)"></p>',
        dueAt: '2030-03-05T00:00:00+02:00',
        customer: { emailAddress: 'New.Person@Example.com' },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.body).toBe('');
      const location = String(res.headers.location);
      expect(location).toMatch(/^\/api\/v1\/tasks\/[A-Za-z0-9_-]{22}$/);
      const taskId = location.split('/').pop()!;

      const customer = await t.db
        .selectFrom('customer_emails')
        .select('customer_id')
        .where('org_id', '=', w.o.org.id)
        .where('normalized', '=', 'new.person@example.com')
        .executeTakeFirstOrThrow();
      const got = await w.o.request({ method: 'GET', url: location });
      expect(got.statusCode).toBe(200);
      expect(got.data).toEqual({
        id: taskId,
        customerId: customer.customer_id,
        timestamp: '2030-03-04T05:06:07.089Z',
        createdBy: { id: w.o.apiUser.user.id, type: 'API' },
        assignee: { inboxId: w.inboxId, agentId: w.agentId },
        body: '<p>Call <b>back</b><img src="x" /></p>',
        dueAt: '2030-03-04T22:00:00.000Z',
        status: 'OPEN',
      });
      const context = {
        assignee: { inboxId: w.inboxId, agentId: w.agentId },
        dueAt: '2030-03-04T22:00:00.000Z',
        createdAt: '2030-03-04T05:06:07.089Z',
      };
      expect(await eventsOf(t, w.o.org.id)).toEqual([
        {
          type: 'CUSTOMER_PROFILE/CREATED',
          initiator: { id: w.o.apiUser.user.id, type: 'API' },
          content: { customerId: customer.customer_id },
        },
        {
          type: 'TASK/CREATED',
          initiator: { id: w.o.apiUser.user.id, type: 'API' },
          content: { customerId: customer.customer_id, taskId, context },
        },
      ]);
    } finally {
      t.clock.reset();
    }
  });

  it('finds an existing customer by mobile phone and leaves an unassigned task without agentId', async () => {
    const w = await arrangeTaskWorld(t);
    const existing = await makeCustomer(t, w.o.org.id, { mobile: '+14155550123' });
    const res = await postTask(w, {
      id: 'client@task-1',
      assignee: { inboxId: w.inboxId, agentId: null },
      body: 'Plain text body',
      dueAt: FAR_FUTURE,
      customer: { mobilePhone: '+1 (415) 555-0123' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.location).toBe('/api/v1/tasks/client@task-1');
    const got = await w.o.request({ method: 'GET', url: '/api/v1/tasks/client@task-1' });
    expect(got.data).toMatchObject({
      id: 'client@task-1',
      customerId: existing.id,
      assignee: { inboxId: w.inboxId },
      body: 'Plain text body',
      dueAt: FAR_FUTURE,
    });
    expect((got.data as { assignee: object }).assignee).not.toHaveProperty('agentId');
    expect((await eventsOf(t, w.o.org.id)).map((e) => e.type)).toEqual(['TASK/CREATED']);
  });

  it.each([
    ['no customer', undefined],
    ['an empty customer', {}],
    ['blank values', { emailAddress: '', mobilePhone: ' ' }],
    ['both email and mobile', { emailAddress: 'a@example.com', mobilePhone: '+14155550123' }],
  ])('400 blank for %s', async (_label, customer) => {
    const w = await arrangeTaskWorld(t);
    await expectRefused(
      w,
      () => postTask(w, { assignee: { inboxId: w.inboxId }, body: 'x', dueAt: FAR_FUTURE, customer }),
      400,
      { errors: [{ code: 'blank', detail: 'one of emailAddress, phoneNumber must be present' }] },
    );
  });

  it('400 for an invalid email, and no customer is created', async () => {
    const w = await arrangeTaskWorld(t);
    const tasksBefore = await countCustomers(t, w.o.org.id);
    const res = await postTask(w, {
      assignee: { inboxId: w.inboxId },
      body: 'x',
      dueAt: FAR_FUTURE,
      customer: { emailAddress: 'abc' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ errors: [{ attr: 'customer.emailAddress', code: 'invalid' }] });
    expect(await countCustomers(t, w.o.org.id)).toBe(tasksBefore);
    expect(await eventsOf(t, w.o.org.id)).toEqual([]);
  });

  it('a refused task (bad assignee, reused id) does not leave behind the customer it would have created', async () => {
    const w = await arrangeTaskWorld(t);
    const stranger = await w.o.addUser(['AGENT']);
    await expectRefused(
      w,
      () =>
        postTask(w, {
          assignee: { inboxId: w.inboxId, agentId: stranger.user.id },
          body: 'x',
          dueAt: FAR_FUTURE,
          customer: { emailAddress: 'fresh@example.com' },
        }),
      400,
      { errors: [{ attr: 'assignee.agentId', code: 'invalid_state', detail: 'agent does not belong to inbox' }] },
    );
    const taskId = await createTaskFor(w, { id: 'dup-1' });
    expect(taskId).toBe('dup-1');
    await expectRefused(
      w,
      () =>
        postTask(w, {
          id: 'dup-1',
          assignee: { inboxId: w.inboxId },
          body: 'x',
          dueAt: FAR_FUTURE,
          customer: { emailAddress: 'fresh@example.com' },
        }),
      409,
      { errors: [{ attr: 'newConversationItems', code: 'taken', detail: 'task already exists' }] },
    );
  });
});

describe('POST /customers/{customerId}/tasks', () => {
  it('creates a task for the customer with a Location and a TASK/CREATED event', async () => {
    const w = await arrangeTaskWorld(t);
    const res = await postCustomerTask(w, {
      assignee: { inboxId: w.inboxId, agentId: w.agentId },
      body: 'Follow up',
      dueAt: FAR_FUTURE,
      customer: { emailAddress: 'ignored@example.com' },
    });
    expect(res.statusCode).toBe(201);
    const taskId = String(res.headers.location).split('/').pop()!;
    expect(res.headers.location).toBe(`/api/v1/tasks/${taskId}`);
    const [row] = await storedTasks(t, w.o.org.id);
    expect(row).toMatchObject({
      id: taskId,
      customer_id: w.customerId,
      inbox_id: w.inboxId,
      agent_id: w.agentId,
      body: 'Follow up',
      status: 'OPEN',
      created_by_id: w.o.apiUser.user.id,
      created_by_type: 'API',
      closed_at: null,
    });
    const events = await eventsOf(t, w.o.org.id);
    expect(events).toEqual([
      {
        type: 'TASK/CREATED',
        initiator: { id: w.o.apiUser.user.id, type: 'API' },
        content: {
          customerId: w.customerId,
          taskId,
          context: {
            assignee: { inboxId: w.inboxId, agentId: w.agentId },
            dueAt: FAR_FUTURE,
            createdAt: row!.created_at.toISOString(),
          },
        },
      },
    ]);
    expect(await countCustomers(t, w.o.org.id)).toBe(1);
  });

  it('404 for an unknown customer and for a merged-away one', async () => {
    const w = await arrangeTaskWorld(t);
    const body = { assignee: { inboxId: w.inboxId }, body: 'x', dueAt: FAR_FUTURE };
    await expectRefused(w, () => postCustomerTask(w, body, 'nobody'), 404, {
      errors: [{ code: 'not_exist', detail: 'customer profile nobody does not exist' }],
    });
    const merged = await makeCustomer(t, w.o.org.id);
    await t.db
      .updateTable('customers')
      .set({ merged_into_id: w.customerId })
      .where('org_id', '=', w.o.org.id)
      .where('id', '=', merged.id)
      .execute();
    const res = await postCustomerTask(w, body, merged.id);
    expect(res.statusCode).toBe(404);
  });

  it('409 for a reused id, also one used by another customer’s task', async () => {
    const w = await arrangeTaskWorld(t);
    await createTaskFor(w, { id: 'T-1' });
    const other = await makeCustomer(t, w.o.org.id);
    await expectRefused(
      w,
      () =>
        postCustomerTask(w, { id: 'T-1', assignee: { inboxId: w.inboxId }, body: 'x', dueAt: FAR_FUTURE }, other.id),
      409,
      { errors: [{ attr: 'newConversationItems', code: 'taken', detail: 'task already exists' }] },
    );
  });

  it('the same client id may exist in two orgs', async () => {
    const a = await arrangeTaskWorld(t);
    const b = await arrangeTaskWorld(t);
    expect(await createTaskFor(a, { id: 'shared-id' })).toBe('shared-id');
    expect(await createTaskFor(b, { id: 'shared-id' })).toBe('shared-id');
  });

  it.each([
    [
      'an id with a space',
      { id: 'has space' },
      { attr: 'id', code: 'invalid', detail: 'id contains unsupported characters' },
    ],
    [
      'an id of 50 characters',
      { id: 'x'.repeat(50) },
      { attr: 'id', code: 'too_long', detail: 'id must be shorter than 50 characters' },
    ],
    ['no assignee', { assignee: undefined }, { attr: 'assignee', code: 'blank', detail: 'assignee cannot be blank' }],
    [
      'no inboxId',
      { assignee: { agentId: null } },
      { attr: 'assignee.inboxId', code: 'blank', detail: 'assignee.inboxId cannot be blank' },
    ],
    [
      'unknown inbox',
      { assignee: { inboxId: 'nope' } },
      { attr: 'assignee.inboxId', code: 'invalid', detail: 'inbox nope does not exist' },
    ],
    ['no body', { body: undefined }, { attr: 'body', code: 'blank', detail: 'body cannot be blank' }],
    ['an empty body', { body: '' }, { attr: 'body', code: 'blank', detail: 'body cannot be blank' }],
    [
      'a body that sanitizes to nothing',
      { body: '<script>x()</script> ' },
      { attr: 'body', code: 'blank', detail: 'body cannot be blank' },
    ],
    [
      'a body over 10000 characters',
      { body: 'x'.repeat(10_001) },
      { attr: 'body', code: 'too_long', detail: 'body cannot be longer than 10000 characters' },
    ],
    ['no dueAt', { dueAt: undefined }, { attr: 'dueAt', code: 'blank', detail: 'dueAt cannot be blank' }],
    [
      'a malformed dueAt',
      { dueAt: 'tomorrow' },
      { attr: 'dueAt', code: 'invalid', detail: 'dueAt must be an RFC 3339 timestamp' },
    ],
    [
      'a past dueAt',
      { dueAt: '2001-01-01T00:00:00Z' },
      { attr: 'dueAt', code: 'invalid', detail: 'dueAt must be in the future' },
    ],
  ])('400 for %s, nothing written', async (_label, overrides, error) => {
    const w = await arrangeTaskWorld(t);
    const body = { assignee: { inboxId: w.inboxId, agentId: w.agentId }, body: 'x', dueAt: FAR_FUTURE, ...overrides };
    await expectRefused(w, () => postCustomerTask(w, body), 400, { errors: [error] });
  });

  it('400 when the agent is not a member of the inbox, or the inbox is disabled', async () => {
    const w = await arrangeTaskWorld(t);
    const otherInbox = await makeInbox(t, w.o.org.id);
    await expectRefused(
      w,
      () =>
        postCustomerTask(w, { assignee: { inboxId: otherInbox.id, agentId: w.agentId }, body: 'x', dueAt: FAR_FUTURE }),
      400,
      { errors: [{ attr: 'assignee.agentId', code: 'invalid_state', detail: 'agent does not belong to inbox' }] },
    );
    const disabled = await makeInbox(t, w.o.org.id, { disabled: true, memberIds: [w.agentId] });
    await expectRefused(
      w,
      () => postCustomerTask(w, { assignee: { inboxId: disabled.id }, body: 'x', dueAt: FAR_FUTURE }),
      400,
      { errors: [{ attr: 'assignee.inboxId', code: 'invalid_state', detail: 'inbox is disabled' }] },
    );
  });

  it('dueAt must be after the app clock, not the wall clock', async () => {
    const w = await arrangeTaskWorld(t);
    t.clock.set(new Date('2040-01-01T00:00:00.000Z'));
    try {
      const past = await postCustomerTask(w, {
        assignee: { inboxId: w.inboxId },
        body: 'x',
        dueAt: '2040-01-01T00:00:00.000Z',
      });
      expect(past.statusCode).toBe(400);
      const future = await postCustomerTask(w, {
        assignee: { inboxId: w.inboxId },
        body: 'x',
        dueAt: '2040-01-01T00:00:00.001Z',
      });
      expect(future.statusCode).toBe(201);
    } finally {
      t.clock.reset();
    }
  });
});

describe('GET /tasks/{taskId}', () => {
  it('404 for an unknown task and for another org’s task', async () => {
    const w = await arrangeTaskWorld(t);
    const other = await arrangeTaskWorld(t);
    const theirs = await createTaskFor(other);
    for (const id of ['missing', theirs]) {
      const res = await w.o.request({ method: 'GET', url: `/api/v1/tasks/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: `task ${id} does not exist` }] });
    }
  });
});
