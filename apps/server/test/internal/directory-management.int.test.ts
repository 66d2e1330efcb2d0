import { describe, expect, it } from 'vitest';
import { makeInbox, makeTopic } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { signIn } from './session-helpers.js';

const t = useTestApp();

describe('internal inboxes', () => {
  it('a team manager creates and edits an inbox; every signed-in user can list; the public API sees it', async () => {
    const o = await createTestOrg(t);
    const manager = await signIn(t, o, ['TEAM_MANAGER', 'AGENT']);
    const agent = await o.addUser(['AGENT']);
    const created = await manager.request({
      method: 'POST',
      url: '/api/internal/inboxes',
      body: { name: 'VIP', slaMinutes: 15, memberIds: [agent.user.id, agent.user.id] },
    });
    expect(created.statusCode).toBe(201);
    const inbox = created.data as { id: string };
    expect(created.data).toEqual({
      id: inbox.id,
      name: 'VIP',
      disabled: false,
      slaMinutes: 15,
      memberIds: [agent.user.id],
    });
    expect(created.headers.location).toBe(`/api/internal/inboxes/${inbox.id}`);

    const patched = await manager.request({
      method: 'PATCH',
      url: `/api/internal/inboxes/${inbox.id}`,
      body: { disabled: true, memberIds: [manager.user.id] },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.data).toEqual({
      id: inbox.id,
      name: 'VIP',
      disabled: true,
      slaMinutes: 15,
      memberIds: [manager.user.id],
    });

    const viewer = await signIn(t, o, ['AGENT']);
    const list = await viewer.request({ method: 'GET', url: '/api/internal/inboxes' });
    expect(list.data).toEqual([patched.data]);
    const one = await viewer.request({ method: 'GET', url: `/api/internal/inboxes/${inbox.id}` });
    expect(one.data).toEqual(patched.data);
    const pub = await o.request({ method: 'GET', url: `/api/v1/inboxes/${inbox.id}` });
    expect(pub.data).toEqual({ id: inbox.id, name: 'VIP', disabled: true });
  });

  it('400 for a blank name, a bad SLA and unknown or deactivated members; nothing is stored', async () => {
    const o = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    const gone = await o.addUser(['AGENT']);
    await t.db.updateTable('users').set({ active: false }).where('id', '=', gone.user.id).execute();
    const cases: [unknown, Record<string, unknown>][] = [
      [{ slaMinutes: 10 }, { attr: 'name', code: 'blank', detail: 'name cannot be blank' }],
      [
        { name: 'X', slaMinutes: 0 },
        { attr: 'slaMinutes', code: 'invalid' },
      ],
      [{ name: 'X' }, { attr: 'slaMinutes', code: 'blank' }],
      [
        { name: 'X', slaMinutes: 5, memberIds: ['ghost'] },
        { attr: 'memberIds', code: 'invalid', detail: 'memberIds: user ghost does not exist or is deactivated' },
      ],
      [
        { name: 'X', slaMinutes: 5, memberIds: [gone.user.id] },
        { attr: 'memberIds', code: 'invalid' },
      ],
    ];
    for (const [body, error] of cases) {
      const res = await admin.request({ method: 'POST', url: '/api/internal/inboxes', body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.data).toMatchObject({ errors: [error] });
    }
    expect(await t.db.selectFrom('inboxes').select('id').where('org_id', '=', o.org.id).execute()).toEqual([]);
  });

  it('404 for PATCH of an unknown inbox; 403 for agents', async () => {
    const o = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    const missing = await admin.request({ method: 'PATCH', url: '/api/internal/inboxes/nope', body: { name: 'X' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.data).toEqual({ errors: [{ code: 'not_exist', detail: 'inbox nope does not exist' }] });

    const agent = await signIn(t, o, ['AGENT']);
    const inbox = await makeInbox(t, o.org.id, { name: 'Keep' });
    const create = await agent.request({
      method: 'POST',
      url: '/api/internal/inboxes',
      body: { name: 'X', slaMinutes: 5 },
    });
    expect(create.statusCode).toBe(403);
    expect(create.data).toMatchObject({ errors: [{ code: 'forbidden' }] });
    const edit = await agent.request({
      method: 'PATCH',
      url: `/api/internal/inboxes/${inbox.id}`,
      body: { name: 'Y' },
    });
    expect(edit.statusCode).toBe(403);
    const row = await t.db.selectFrom('inboxes').select('name').where('id', '=', inbox.id).executeTakeFirstOrThrow();
    expect(row.name).toBe('Keep');
  });
});

describe('internal teams', () => {
  it('create, edit and list; agents get 403 on writes; unknown agents are 400', async () => {
    const o = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    const agent = await o.addUser(['AGENT']);
    const created = await admin.request({
      method: 'POST',
      url: '/api/internal/teams',
      body: { name: 'Night shift', agentIds: [agent.user.id] },
    });
    expect(created.statusCode).toBe(201);
    const team = created.data as { id: string };
    expect(created.data).toEqual({ id: team.id, name: 'Night shift', description: '', agentIds: [agent.user.id] });

    const patched = await admin.request({
      method: 'PATCH',
      url: `/api/internal/teams/${team.id}`,
      body: { description: 'After 10pm', agentIds: [] },
    });
    expect(patched.data).toEqual({ id: team.id, name: 'Night shift', description: 'After 10pm', agentIds: [] });
    const pub = await o.request({ method: 'GET', url: `/api/v1/teams/${team.id}` });
    expect(pub.data).toEqual(patched.data);

    const bad = await admin.request({
      method: 'POST',
      url: '/api/internal/teams',
      body: { name: 'T', agentIds: ['x'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data).toMatchObject({ errors: [{ attr: 'agentIds', code: 'invalid' }] });
    const missing = await admin.request({ method: 'PATCH', url: '/api/internal/teams/nope', body: { name: 'X' } });
    expect(missing.statusCode).toBe(404);

    const viewer = await signIn(t, o, ['AGENT']);
    expect((await viewer.request({ method: 'GET', url: '/api/internal/teams' })).data).toEqual([patched.data]);
    const denied = await viewer.request({ method: 'POST', url: '/api/internal/teams', body: { name: 'Mine' } });
    expect(denied.statusCode).toBe(403);
  });
});

describe('internal topics', () => {
  it('managers create and edit with the public API’s rules; everyone lists; agents get 403', async () => {
    const o = await createTestOrg(t);
    const manager = await signIn(t, o, ['TEAM_MANAGER']);
    const existing = await makeTopic(t, o.org.id, { name: 'Billing' });
    const created = await manager.request({
      method: 'POST',
      url: '/api/internal/topics',
      body: { name: 'Refunds', parentId: existing.id },
    });
    expect(created.statusCode).toBe(201);
    const topic = created.data as { id: string };
    expect(created.data).toEqual({ id: topic.id, name: 'Refunds', disabled: false, parentId: existing.id });
    const taken = await manager.request({ method: 'POST', url: '/api/internal/topics', body: { name: 'billing' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.data).toMatchObject({ errors: [{ attr: 'name', code: 'taken', meta: { id: existing.id } }] });
    const patched = await manager.request({
      method: 'PATCH',
      url: `/api/internal/topics/${topic.id}`,
      body: { name: 'Refunds', disabled: true },
    });
    expect(patched.data).toEqual({ id: topic.id, name: 'Refunds', disabled: true, parentId: existing.id });

    const agent = await signIn(t, o, ['AGENT']);
    const list = await agent.request({ method: 'GET', url: '/api/internal/topics' });
    expect((list.data as { id: string }[]).map((x) => x.id)).toEqual([existing.id, topic.id]);
    const denied = await agent.request({ method: 'POST', url: '/api/internal/topics', body: { name: 'Mine' } });
    expect(denied.statusCode).toBe(403);
  });
});

describe('internal custom attributes', () => {
  it('managers define and deactivate; createdBy is the user; the public GET answers it; duplicates are 409', async () => {
    const o = await createTestOrg(t);
    const manager = await signIn(t, o, ['TEAM_MANAGER', 'AGENT']);
    const created = await manager.request({
      method: 'POST',
      url: '/api/internal/custom-attributes',
      body: { key: 'ORDER_ID', label: 'Order number' },
    });
    expect(created.statusCode).toBe(201);
    const definition = created.data as { id: string; createdAt: string };
    expect(created.data).toEqual({
      id: definition.id,
      key: 'ORDER_ID',
      label: 'Order number',
      deactivated: false,
      createdAt: definition.createdAt,
      createdBy: manager.user.id,
    });
    const pub = await o.request({ method: 'GET', url: `/api/v1/custom-attributes/${definition.id}` });
    expect(pub.data).toEqual(created.data);

    const dup = await manager.request({
      method: 'POST',
      url: '/api/internal/custom-attributes',
      body: { key: 'ORDER_ID', label: 'Again' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.data).toEqual({
      errors: [{ attr: 'key', code: 'taken', detail: 'another custom attribute already has this key' }],
    });

    const off = await manager.request({
      method: 'PATCH',
      url: `/api/internal/custom-attributes/${definition.id}`,
      body: { deactivated: true },
    });
    expect(off.data).toMatchObject({ deactivated: true, label: 'Order number' });
    const missing = await manager.request({
      method: 'PATCH',
      url: '/api/internal/custom-attributes/nope',
      body: { label: 'x' },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.data).toEqual({ errors: [{ code: 'not_exist', detail: 'custom attribute nope does not exist' }] });

    const agent = await signIn(t, o, ['AGENT']);
    expect(
      ((await agent.request({ method: 'GET', url: '/api/internal/custom-attributes' })).data as unknown[]).length,
    ).toBe(1);
    const denied = await agent.request({
      method: 'POST',
      url: '/api/internal/custom-attributes',
      body: { key: 'SKU', label: 'SKU' },
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe('registration', () => {
  it('module routes (customers merge included) sit behind session auth', async () => {
    const o = await createTestOrg(t);
    const agent = await signIn(t, o, ['AGENT']);
    for (const url of [
      '/api/internal/inboxes',
      '/api/internal/teams',
      '/api/internal/topics',
      '/api/internal/custom-attributes',
    ]) {
      expect((await agent.request({ method: 'GET', url, cookie: null })).statusCode, url).toBe(401);
    }
    const merge = {
      method: 'POST',
      url: '/api/internal/customers/nope/merge',
      body: { sourceCustomerId: 'also-nope' },
    } as const;
    expect((await agent.request({ ...merge, cookie: null })).statusCode).toBe(401);
    const signedIn = await agent.request(merge);
    // The route exists: an unknown route answers the generic "entity does not exist".
    expect(signedIn.data).not.toEqual({ errors: [{ code: 'not_exist', detail: 'entity does not exist' }] });
  });
});
