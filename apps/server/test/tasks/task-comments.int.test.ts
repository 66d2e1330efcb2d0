import { describe, expect, it } from 'vitest';
import { eventsOf } from '../factories.js';
import { useTestApp } from '../helpers.js';
import { arrangeTaskWorld, createTaskFor, FAR_FUTURE, type TTaskWorld } from './arrange.js';

const t = useTestApp();

function postComment(w: TTaskWorld, taskId: string, body: unknown) {
  return w.o.request({ method: 'POST', url: `/api/v1/tasks/${taskId}/comments`, body });
}

async function commentEvents(w: TTaskWorld) {
  return eventsOf(t, w.o.org.id, ['TASK/COMMENT_ADDED']);
}

async function storedComments(w: TTaskWorld) {
  return t.db.selectFrom('task_comments').selectAll().where('org_id', '=', w.o.org.id).execute();
}

describe('POST /tasks/{taskId}/comments', () => {
  it('adds a comment by an agent, readable at its Location, with TASK/COMMENT_ADDED', async () => {
    const w = await arrangeTaskWorld(t);
    const colleague = await w.o.addUser(['AGENT']);
    t.clock.set(new Date('2030-02-02T02:02:02.222Z'));
    try {
      const taskId = await createTaskFor(w);
      t.clock.advance(500);
      const res = await postComment(w, taskId, { agentId: colleague.user.id, comment: 'Called, no answer' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.body).toBe('');
      const location = String(res.headers.location);
      expect(location).toMatch(new RegExp(`^/api/v1/tasks/${taskId}/comments/[A-Za-z0-9_-]{22}$`));
      const commentId = location.split('/').pop()!;
      const got = await w.o.request({ method: 'GET', url: location });
      expect(got.statusCode).toBe(200);
      expect(got.data).toEqual({
        id: commentId,
        agentId: colleague.user.id,
        comment: 'Called, no answer',
        taskId,
        createdAt: '2030-02-02T02:02:02.722Z',
      });
      expect(await commentEvents(w)).toEqual([
        {
          type: 'TASK/COMMENT_ADDED',
          initiator: { id: w.o.apiUser.user.id, type: 'API' },
          content: {
            customerId: w.customerId,
            taskId,
            commentId,
            context: {
              assignee: { inboxId: w.inboxId, agentId: w.agentId },
              dueAt: FAR_FUTURE,
              createdAt: '2030-02-02T02:02:02.222Z',
            },
          },
        },
      ]);
    } finally {
      t.clock.reset();
    }
  });

  it('accepts a client id and Gladly’s `message` spelling; a reused id is 409', async () => {
    const w = await arrangeTaskWorld(t);
    const taskId = await createTaskFor(w);
    const res = await postComment(w, taskId, { id: 'c-1', agentId: w.agentId, message: 'via message' });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/tasks/${taskId}/comments/c-1`);
    const got = await w.o.request({ method: 'GET', url: `/api/v1/tasks/${taskId}/comments/c-1` });
    expect(got.data).toMatchObject({ id: 'c-1', comment: 'via message' });
    const again = await postComment(w, taskId, { id: 'c-1', agentId: w.agentId, comment: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.data).toEqual({ errors: [{ attr: 'id', code: 'taken', detail: 'comment already exists' }] });
    expect(await storedComments(w)).toHaveLength(1);
    expect(await commentEvents(w)).toHaveLength(1);
  });

  it.each([
    ['no agentId', { comment: 'x' }, { attr: 'agentId', code: 'blank', detail: 'agentId cannot be blank' }],
    [
      'an unknown agent',
      { agentId: 'ghost', comment: 'x' },
      { attr: 'agentId', code: 'invalid', detail: 'agent ghost does not exist' },
    ],
    ['no comment', { agentId: 'AGENT' }, { attr: 'comment', code: 'blank', detail: 'comment cannot be blank' }],
    [
      'a blank comment',
      { agentId: 'AGENT', comment: '   ' },
      { attr: 'comment', code: 'blank', detail: 'comment cannot be blank' },
    ],
    [
      'a comment over 10000 characters',
      { agentId: 'AGENT', comment: 'x'.repeat(10_001) },
      { attr: 'comment', code: 'too_long', detail: 'comment cannot be longer than 10000 characters' },
    ],
    [
      'a bad id',
      { id: 'a b', agentId: 'AGENT', comment: 'x' },
      { attr: 'id', code: 'invalid', detail: 'id contains unsupported characters' },
    ],
  ])('400 for %s; nothing stored, no event', async (_label, body, error) => {
    const w = await arrangeTaskWorld(t);
    const taskId = await createTaskFor(w);
    const resolved = { ...body, ...('agentId' in body && body.agentId === 'AGENT' ? { agentId: w.agentId } : {}) };
    const res = await postComment(w, taskId, resolved);
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({ errors: [error] });
    expect(await storedComments(w)).toEqual([]);
    expect(await commentEvents(w)).toEqual([]);
  });

  it('400 for a user who is not an agent', async () => {
    const w = await arrangeTaskWorld(t);
    const analyst = await w.o.addUser(['ANALYST']);
    const taskId = await createTaskFor(w);
    const res = await postComment(w, taskId, { agentId: analyst.user.id, comment: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ errors: [{ attr: 'agentId', code: 'invalid' }] });
    expect(await storedComments(w)).toEqual([]);
  });

  it('400 invalid_state on a closed task; allowed again once reopened', async () => {
    const w = await arrangeTaskWorld(t);
    const taskId = await createTaskFor(w);
    await w.o.request({ method: 'PATCH', url: `/api/v1/tasks/${taskId}`, body: { status: 'CLOSED' } });
    const res = await postComment(w, taskId, { agentId: w.agentId, comment: 'late' });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({ errors: [{ code: 'invalid_state', detail: 'cannot comment on a closed task' }] });
    expect(await storedComments(w)).toEqual([]);
    expect(await commentEvents(w)).toEqual([]);
    await w.o.request({ method: 'PATCH', url: `/api/v1/tasks/${taskId}`, body: { status: 'OPEN' } });
    expect((await postComment(w, taskId, { agentId: w.agentId, comment: 'now' })).statusCode).toBe(201);
  });

  it('404 for an unknown task', async () => {
    const w = await arrangeTaskWorld(t);
    const res = await postComment(w, 'missing', { agentId: w.agentId, comment: 'x' });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'task missing does not exist' }] });
    expect(await commentEvents(w)).toEqual([]);
  });
});

describe('GET /tasks/{taskId}/comments', () => {
  it('lists oldest first, only this task’s comments, with Gladly-Limited-Data: false', async () => {
    const w = await arrangeTaskWorld(t);
    const taskId = await createTaskFor(w);
    const otherTask = await createTaskFor(w);
    t.clock.set(new Date('2030-01-01T00:00:00.000Z'));
    try {
      for (const comment of ['one', 'two', 'three']) {
        expect((await postComment(w, taskId, { agentId: w.agentId, comment })).statusCode).toBe(201);
        t.clock.advance(-1000);
      }
      await postComment(w, otherTask, { agentId: w.agentId, comment: 'elsewhere' });
    } finally {
      t.clock.reset();
    }
    const res = await w.o.request({ method: 'GET', url: `/api/v1/tasks/${taskId}/comments` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['gladly-limited-data']).toBe('false');
    const comments = res.data as Array<{ comment: string; createdAt: string; taskId: string }>;
    expect(comments.map((c) => [c.comment, c.createdAt])).toEqual([
      ['three', '2029-12-31T23:59:58.000Z'],
      ['two', '2029-12-31T23:59:59.000Z'],
      ['one', '2030-01-01T00:00:00.000Z'],
    ]);
    expect(new Set(comments.map((c) => c.taskId))).toEqual(new Set([taskId]));
    const empty = await w.o.request({ method: 'GET', url: `/api/v1/tasks/${await createTaskFor(w)}/comments` });
    expect(empty.data).toEqual([]);
    expect(empty.headers['gladly-limited-data']).toBe('false');
  });

  it('caps at 1000, oldest first, with Gladly-Limited-Data: true', async () => {
    const w = await arrangeTaskWorld(t);
    const taskId = await createTaskFor(w);
    const base = Date.UTC(2030, 0, 1);
    await t.db
      .insertInto('task_comments')
      .values(
        Array.from({ length: 1001 }, (_, i) => ({
          org_id: w.o.org.id,
          id: `bulk-${String(i).padStart(4, '0')}`,
          task_id: taskId,
          agent_id: w.agentId,
          comment: `comment ${i}`,
          created_at: new Date(base + i * 1000),
        })),
      )
      .execute();
    const res = await w.o.request({ method: 'GET', url: `/api/v1/tasks/${taskId}/comments` });
    expect(res.headers['gladly-limited-data']).toBe('true');
    const comments = res.data as Array<{ id: string }>;
    expect(comments).toHaveLength(1000);
    expect(comments[0]!.id).toBe('bulk-0000');
    expect(comments[999]!.id).toBe('bulk-0999');
  });

  it('404 for an unknown task, an unknown comment, and a comment of another task', async () => {
    const w = await arrangeTaskWorld(t);
    const taskId = await createTaskFor(w);
    const otherTask = await createTaskFor(w);
    await postComment(w, otherTask, { id: 'theirs', agentId: w.agentId, comment: 'x' });
    const list = await w.o.request({ method: 'GET', url: '/api/v1/tasks/missing/comments' });
    expect(list.statusCode).toBe(404);
    expect(list.data).toEqual({ errors: [{ code: 'not_exist', detail: 'task missing does not exist' }] });
    const one = await w.o.request({ method: 'GET', url: '/api/v1/tasks/missing/comments/theirs' });
    expect(one.statusCode).toBe(404);
    for (const commentId of ['nope', 'theirs']) {
      const res = await w.o.request({ method: 'GET', url: `/api/v1/tasks/${taskId}/comments/${commentId}` });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: `task comment ${commentId} does not exist` }] });
    }
  });
});
