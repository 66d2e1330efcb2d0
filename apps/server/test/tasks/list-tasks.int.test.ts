import { describe, expect, it } from 'vitest';
import { makeCustomer } from '../factories.js';
import { useTestApp } from '../helpers.js';
import { arrangeTaskWorld, createTaskFor, FAR_FUTURE } from './arrange.js';

const t = useTestApp();

describe('GET /customers/{customerId}/tasks', () => {
  it('lists the customer’s tasks newest first, filters by status, and says the list is complete', async () => {
    const w = await arrangeTaskWorld(t);
    const otherCustomer = await makeCustomer(t, w.o.org.id);
    t.clock.set(new Date('2030-01-01T00:00:00.000Z'));
    const ids: string[] = [];
    try {
      for (const body of ['first', 'second', 'third']) {
        ids.push(await createTaskFor(w, { body }));
        t.clock.advance(1000);
      }
      await createTaskFor(w, { body: 'not theirs' }, otherCustomer.id);
    } finally {
      t.clock.reset();
    }
    const closed = await w.o.request({ method: 'PATCH', url: `/api/v1/tasks/${ids[1]}`, body: { status: 'CLOSED' } });
    expect(closed.statusCode).toBe(204);

    const all = await w.o.request({ method: 'GET', url: `/api/v1/customers/${w.customerId}/tasks` });
    expect(all.statusCode).toBe(200);
    expect(all.headers['gladly-limited-data']).toBe('false');
    const tasks = all.data as Array<Record<string, unknown>>;
    expect(tasks.map((x) => x.body)).toEqual(['third', 'second', 'first']);
    expect(tasks[0]).toEqual({
      id: ids[2],
      customerId: w.customerId,
      timestamp: '2030-01-01T00:00:02.000Z',
      createdBy: { id: w.o.apiUser.user.id, type: 'API' },
      assignee: { inboxId: w.inboxId, agentId: w.agentId },
      body: 'third',
      dueAt: FAR_FUTURE,
      status: 'OPEN',
    });

    const open = await w.o.request({ method: 'GET', url: `/api/v1/customers/${w.customerId}/tasks?status=OPEN` });
    expect((open.data as Array<{ id: string }>).map((x) => x.id)).toEqual([ids[2], ids[0]]);
    expect(open.headers['gladly-limited-data']).toBe('false');
    const onlyClosed = await w.o.request({
      method: 'GET',
      url: `/api/v1/customers/${w.customerId}/tasks?status=CLOSED`,
    });
    expect((onlyClosed.data as Array<{ id: string; status: string }>).map((x) => [x.id, x.status])).toEqual([
      [ids[1], 'CLOSED'],
    ]);
  });

  it('an empty list for a customer without tasks', async () => {
    const w = await arrangeTaskWorld(t);
    const res = await w.o.request({ method: 'GET', url: `/api/v1/customers/${w.customerId}/tasks` });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual([]);
    expect(res.headers['gladly-limited-data']).toBe('false');
  });

  it('400 for an unknown status; 404 for an unknown customer', async () => {
    const w = await arrangeTaskWorld(t);
    const bad = await w.o.request({ method: 'GET', url: `/api/v1/customers/${w.customerId}/tasks?status=DONE` });
    expect(bad.statusCode).toBe(400);
    expect(bad.data).toMatchObject({ errors: [{ attr: 'status', code: 'invalid' }] });
    const missing = await w.o.request({ method: 'GET', url: '/api/v1/customers/nobody/tasks' });
    expect(missing.statusCode).toBe(404);
    expect(missing.data).toEqual({ errors: [{ code: 'not_exist', detail: 'customer profile nobody does not exist' }] });
  });

  it('caps at 2000, newest first, and flags the cut with Gladly-Limited-Data: true', async () => {
    const w = await arrangeTaskWorld(t);
    const base = Date.UTC(2030, 0, 1);
    const rows = Array.from({ length: 2001 }, (_, i) => ({
      org_id: w.o.org.id,
      id: `bulk-${String(i).padStart(4, '0')}`,
      customer_id: w.customerId,
      inbox_id: w.inboxId,
      agent_id: null,
      body: `task ${i}`,
      due_at: new Date(FAR_FUTURE),
      status: 'OPEN' as const,
      created_by_id: w.agentId,
      created_by_type: 'API',
      created_at: new Date(base + i * 1000),
      updated_at: new Date(base + i * 1000),
      closed_at: null,
    }));
    await t.db.insertInto('tasks').values(rows).execute();
    const res = await w.o.request({ method: 'GET', url: `/api/v1/customers/${w.customerId}/tasks` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['gladly-limited-data']).toBe('true');
    const tasks = res.data as Array<{ id: string }>;
    expect(tasks).toHaveLength(2000);
    expect(tasks[0]!.id).toBe('bulk-2000');
    expect(tasks[1999]!.id).toBe('bulk-0001');
    const closedOnly = await w.o.request({
      method: 'GET',
      url: `/api/v1/customers/${w.customerId}/tasks?status=CLOSED`,
    });
    expect(closedOnly.data).toEqual([]);
    expect(closedOnly.headers['gladly-limited-data']).toBe('false');
  });
});

describe('OpenAPI', () => {
  it('documents the task and business hours endpoints', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const paths = JSON.parse(doc.body).paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/api/v1/tasks/{taskId}'] ?? {})).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(paths['/api/v1/customers/{customerId}/tasks']).toHaveProperty('get.responses.200');
    expect(paths['/api/v1/tasks/{taskId}/comments/{commentId}']).toHaveProperty('get');
    expect(Object.keys(paths['/api/v1/business-hours/{businessHoursId}'] ?? {})).toEqual(
      expect.arrayContaining(['get', 'put', 'delete']),
    );
  });
});
