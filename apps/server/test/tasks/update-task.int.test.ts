import { describe, expect, it } from 'vitest';
import { eventsOf, makeInbox } from '../factories.js';
import { useTestApp } from '../helpers.js';
import { arrangeTaskWorld, createTaskFor, FAR_FUTURE, type TTaskWorld } from './arrange.js';

const t = useTestApp();
const TASK_EVENTS = [
  'TASK/CLOSED',
  'TASK/REOPENED',
  'TASK/CONTENT_UPDATED',
  'TASK/ASSIGNEE_UPDATED',
  'TASK/DUE_DATE_UPDATED',
] as const;

function patch(w: TTaskWorld, taskId: string, body: unknown) {
  return w.o.request({ method: 'PATCH', url: `/api/v1/tasks/${taskId}`, body });
}

async function getTask(w: TTaskWorld, taskId: string) {
  const res = await w.o.request({ method: 'GET', url: `/api/v1/tasks/${taskId}` });
  return res.data as Record<string, unknown>;
}

/** A task created at a known instant, with its TASK/* context as events should report it. */
async function arrangeTask(w: TTaskWorld) {
  t.clock.set(new Date('2030-06-01T12:00:00.000Z'));
  try {
    const taskId = await createTaskFor(w, { body: 'Original', dueAt: '2030-06-10T00:00:00.000Z' });
    const context = {
      assignee: { inboxId: w.inboxId, agentId: w.agentId },
      dueAt: '2030-06-10T00:00:00.000Z',
      createdAt: '2030-06-01T12:00:00.000Z',
    };
    return { taskId, context };
  } finally {
    t.clock.reset();
  }
}

async function taskEvents(w: TTaskWorld) {
  return eventsOf(t, w.o.org.id, [...TASK_EVENTS]);
}

describe('PATCH /tasks/{taskId}', () => {
  it('Gladly’s close sample (same assignee + CLOSED) closes with only TASK/CLOSED; reopening emits TASK/REOPENED', async () => {
    const w = await arrangeTaskWorld(t);
    const { taskId, context } = await arrangeTask(w);
    const closed = await patch(w, taskId, { assignee: { inboxId: w.inboxId, agentId: w.agentId }, status: 'CLOSED' });
    expect(closed.statusCode).toBe(204);
    expect(closed.body).toBe('');
    expect(await getTask(w, taskId)).toMatchObject({ status: 'CLOSED' });
    const row = await t.db.selectFrom('tasks').select('closed_at').where('id', '=', taskId).executeTakeFirstOrThrow();
    expect(row.closed_at).toBeInstanceOf(Date);
    const initiator = { id: w.o.apiUser.user.id, type: 'API' };
    expect(await taskEvents(w)).toEqual([
      { type: 'TASK/CLOSED', initiator, content: { customerId: w.customerId, taskId, context } },
    ]);

    // Closing again changes nothing and says nothing.
    expect((await patch(w, taskId, { status: 'CLOSED' })).statusCode).toBe(204);
    expect(await taskEvents(w)).toHaveLength(1);

    expect((await patch(w, taskId, { status: 'OPEN' })).statusCode).toBe(204);
    expect(await getTask(w, taskId)).toMatchObject({ status: 'OPEN' });
    const reopened = await t.db
      .selectFrom('tasks')
      .select('closed_at')
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow();
    expect(reopened.closed_at).toBeNull();
    expect((await taskEvents(w)).map((e) => e.type)).toEqual(['TASK/CLOSED', 'TASK/REOPENED']);
  });

  it('closing keeps working when the unchanged assignee has since left the inbox', async () => {
    const w = await arrangeTaskWorld(t);
    const { taskId } = await arrangeTask(w);
    await t.db.deleteFrom('inbox_members').where('org_id', '=', w.o.org.id).execute();
    const res = await patch(w, taskId, { assignee: { inboxId: w.inboxId, agentId: w.agentId }, status: 'CLOSED' });
    expect(res.statusCode).toBe(204);
    expect((await taskEvents(w)).map((e) => e.type)).toEqual(['TASK/CLOSED']);
  });

  it('changes body, assignee and due date with one event each, every context the state before', async () => {
    const w = await arrangeTaskWorld(t);
    const { taskId, context } = await arrangeTask(w);
    const colleague = await w.o.addUser(['AGENT']);
    const inbox2 = await makeInbox(t, w.o.org.id, { memberIds: [colleague.user.id] });
    const res = await patch(w, taskId, {
      body: '<p>New <em>body</em></p><script>x</script>',
      assignee: { inboxId: inbox2.id, agentId: colleague.user.id },
      dueAt: '2031-01-01T00:00:00-08:00',
      status: 'CLOSED',
    });
    expect(res.statusCode, res.body).toBe(204);
    expect(await getTask(w, taskId)).toMatchObject({
      body: '<p>New <em>body</em></p>',
      assignee: { inboxId: inbox2.id, agentId: colleague.user.id },
      dueAt: '2031-01-01T08:00:00.000Z',
      status: 'CLOSED',
      timestamp: '2030-06-01T12:00:00.000Z',
    });
    const base = { customerId: w.customerId, taskId, context };
    expect((await taskEvents(w)).map((e) => ({ type: e.type, content: e.content }))).toEqual([
      { type: 'TASK/CONTENT_UPDATED', content: base },
      {
        type: 'TASK/ASSIGNEE_UPDATED',
        content: { ...base, assignee: { inboxId: inbox2.id, agentId: colleague.user.id } },
      },
      { type: 'TASK/DUE_DATE_UPDATED', content: { ...base, dueAt: '2031-01-01T08:00:00.000Z' } },
      { type: 'TASK/CLOSED', content: base },
    ]);
  });

  it('unassigning the agent (agentId null) is an assignee update to the inbox alone', async () => {
    const w = await arrangeTaskWorld(t);
    const { taskId } = await arrangeTask(w);
    expect((await patch(w, taskId, { assignee: { inboxId: w.inboxId, agentId: null } })).statusCode).toBe(204);
    const task = await getTask(w, taskId);
    expect(task.assignee).toEqual({ inboxId: w.inboxId });
    const events = await taskEvents(w);
    expect(events.map((e) => [e.type, e.content.assignee])).toEqual([
      ['TASK/ASSIGNEE_UPDATED', { inboxId: w.inboxId }],
    ]);
  });

  it('unchanged values are no-ops: same body, same due date (even if now past), a whole task PATCHed back', async () => {
    const w = await arrangeTaskWorld(t);
    const { taskId } = await arrangeTask(w);
    const current = await getTask(w, taskId);
    t.clock.set(new Date('2035-01-01T00:00:00.000Z'));
    try {
      const res = await patch(w, taskId, current);
      expect(res.statusCode).toBe(204);
      expect(await patch(w, taskId, {})).toMatchObject({ statusCode: 204 });
    } finally {
      t.clock.reset();
    }
    expect(await getTask(w, taskId)).toEqual(current);
    expect(await taskEvents(w)).toEqual([]);
  });

  it.each([
    [
      'a past dueAt',
      { dueAt: '2001-01-01T00:00:00Z' },
      { attr: 'dueAt', code: 'invalid', detail: 'dueAt must be in the future' },
    ],
    [
      'a malformed dueAt',
      { dueAt: 'soon' },
      { attr: 'dueAt', code: 'invalid', detail: 'dueAt must be an RFC 3339 timestamp' },
    ],
    ['an unknown status', { status: 'DONE' }, { attr: 'status', code: 'invalid' }],
    ['an empty body', { body: '' }, { attr: 'body', code: 'blank', detail: 'body cannot be blank' }],
    ['a too long body', { body: 'x'.repeat(10_001) }, { attr: 'body', code: 'too_long' }],
    [
      'an unknown inbox',
      { assignee: { inboxId: 'nope' } },
      { attr: 'assignee.inboxId', code: 'invalid', detail: 'inbox nope does not exist' },
    ],
    ['an assignee without inbox', { assignee: { agentId: 'x' } }, { attr: 'assignee.inboxId', code: 'blank' }],
  ])('400 for %s; nothing changes and no event', async (_label, body, error) => {
    const w = await arrangeTaskWorld(t);
    const { taskId } = await arrangeTask(w);
    const before = await getTask(w, taskId);
    const res = await patch(w, taskId, { status: 'CLOSED', ...body });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ errors: [error] });
    expect((res.data as { errors: unknown[] }).errors).toHaveLength(1);
    expect(await getTask(w, taskId)).toEqual(before);
    expect(await taskEvents(w)).toEqual([]);
  });

  it('400 invalid_state for an agent outside the new inbox, with nothing changed', async () => {
    const w = await arrangeTaskWorld(t);
    const { taskId } = await arrangeTask(w);
    const before = await getTask(w, taskId);
    const inbox2 = await makeInbox(t, w.o.org.id);
    const res = await patch(w, taskId, { assignee: { inboxId: inbox2.id, agentId: w.agentId }, body: 'changed' });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [{ attr: 'assignee.agentId', code: 'invalid_state', detail: 'agent does not belong to inbox' }],
    });
    expect(await getTask(w, taskId)).toEqual(before);
    expect(await taskEvents(w)).toEqual([]);
  });

  it('404 for an unknown task', async () => {
    const w = await arrangeTaskWorld(t);
    const res = await patch(w, 'missing', { status: 'CLOSED' });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'task missing does not exist' }] });
  });

  it('a far-future dueAt change keeps other fields; dueAt given with an offset is stored as UTC', async () => {
    const w = await arrangeTaskWorld(t);
    const { taskId } = await arrangeTask(w);
    expect((await patch(w, taskId, { dueAt: '2098-12-31T16:00:00-08:00' })).statusCode).toBe(204);
    expect(await getTask(w, taskId)).toMatchObject({ dueAt: FAR_FUTURE, body: 'Original', status: 'OPEN' });
    expect((await taskEvents(w)).map((e) => [e.type, e.content.dueAt])).toEqual([
      ['TASK/DUE_DATE_UPDATED', FAR_FUTURE],
    ]);
  });
});
