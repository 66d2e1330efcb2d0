import { describe, expect, it } from 'vitest';
import { basicAuth, createTestOrg, useTestApp } from '../helpers.js';
import { logIn, PASSWORD, signIn } from './session-helpers.js';

const t = useTestApp();

describe('/api/internal/settings', () => {
  it('GET and PATCH by an administrator; absent fields stay', async () => {
    const o = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    const got = await admin.request({ method: 'GET', url: '/api/internal/settings' });
    expect(got.statusCode).toBe(200);
    expect(got.data).toEqual({
      name: o.org.name,
      timezone: 'America/Los_Angeles',
      reopenWindowMinutes: 1440,
      topicsRequiredOnClose: false,
    });
    const patched = await admin.request({
      method: 'PATCH',
      url: '/api/internal/settings',
      body: { reopenWindowMinutes: 10080, topicsRequiredOnClose: true, timezone: 'Europe/Berlin' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.data).toEqual({
      name: o.org.name,
      timezone: 'Europe/Berlin',
      reopenWindowMinutes: 10080,
      topicsRequiredOnClose: true,
    });
    const renamed = await admin.request({
      method: 'PATCH',
      url: '/api/internal/settings',
      body: { name: ' Acme ', reopenWindowMinutes: 0 },
    });
    expect(renamed.data).toEqual({
      name: 'Acme',
      timezone: 'Europe/Berlin',
      reopenWindowMinutes: 0,
      topicsRequiredOnClose: true,
    });
    // The public API sees the new name and zone.
    const org = await o.request({ method: 'GET', url: '/api/v1/organization' });
    expect(org.data).toMatchObject({ name: 'Acme', timezone: 'Europe/Berlin' });
  });

  it.each([
    ['reopen window over a week', { reopenWindowMinutes: 10081 }, 'reopenWindowMinutes', 'invalid'],
    ['negative reopen window', { reopenWindowMinutes: -1 }, 'reopenWindowMinutes', 'invalid'],
    ['fractional reopen window', { reopenWindowMinutes: 1.5 }, 'reopenWindowMinutes', 'invalid'],
    ['blank name', { name: '  ' }, 'name', 'blank'],
    ['non-boolean flag', { topicsRequiredOnClose: 'yes' }, 'topicsRequiredOnClose', 'invalid'],
  ])('400 for %s; nothing changes', async (_name, body, attr, code) => {
    const o = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    const res = await admin.request({ method: 'PATCH', url: '/api/internal/settings', body });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ errors: [{ attr, code }] });
    const got = await admin.request({ method: 'GET', url: '/api/internal/settings' });
    expect(got.data).toMatchObject({ name: o.org.name, reopenWindowMinutes: 1440, topicsRequiredOnClose: false });
  });

  it('400 for a time zone that is not IANA', async () => {
    const o = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    const res = await admin.request({
      method: 'PATCH',
      url: '/api/internal/settings',
      body: { timezone: 'Mars/Olympus' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({ errors: [{ attr: 'timezone', code: 'invalid', detail: 'Timezone is invalid' }] });
  });

  it('403 for non-administrators', async () => {
    const o = await createTestOrg(t);
    const manager = await signIn(t, o, ['TEAM_MANAGER', 'AGENT']);
    for (const method of ['GET', 'PATCH'] as const) {
      const res = await manager.request({ method, url: '/api/internal/settings', body: { name: 'Nope' } });
      expect(res.statusCode).toBe(403);
      expect(res.data).toEqual({
        errors: [{ code: 'forbidden', detail: 'only administrators can change organization settings' }],
      });
    }
  });
});

describe('/api/internal/users', () => {
  it('an administrator lists and creates users; the new user can log in', async () => {
    const o = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR'], 'Ada');
    const created = await admin.request({
      method: 'POST',
      url: '/api/internal/users',
      body: { email: 'New.Agent@Example.com', name: 'Nia', roles: ['agent', 'API_USER'], password: 'a long password' },
    });
    expect(created.statusCode).toBe(201);
    const user = created.data as Record<string, unknown>;
    expect(user).toEqual({
      id: expect.any(String),
      name: 'Nia',
      email: 'new.agent@example.com',
      roles: ['AGENT', 'API_USER'],
      active: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(created.headers.location).toBe(`/api/internal/users/${user.id}`);
    expect((await logIn(t, o, 'new.agent@example.com', 'a long password')).statusCode).toBe(200);

    const list = await admin.request({ method: 'GET', url: '/api/internal/users' });
    expect(list.statusCode).toBe(200);
    const users = list.data as Record<string, unknown>[];
    expect(users.map((u) => u.name)).toEqual(['Ada', 'Integration User', 'Nia']);
    expect(JSON.stringify(users)).not.toMatch(/password|argon/i);
  });

  it('POST errors: 409 email taken, 400 bad email, unknown role, short password, Task User with another role', async () => {
    const o = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    const cases: [Record<string, unknown>, number, Record<string, unknown>][] = [
      [{ email: admin.user.email.toUpperCase(), name: 'X', roles: ['AGENT'] }, 409, { attr: 'email', code: 'taken' }],
      [{ email: 'not-an-email', name: 'X', roles: ['AGENT'] }, 400, { attr: 'email', code: 'invalid' }],
      [{ email: 'a@b.co', name: 'X', roles: ['WIZARD'] }, 400, { attr: 'roles', code: 'invalid' }],
      [{ email: 'a@b.co', name: 'X', roles: [] }, 400, { attr: 'roles', code: 'blank' }],
      [{ email: 'a@b.co', name: 'X', roles: ['TASK_USER', 'AGENT'] }, 400, { attr: 'roles', code: 'invalid' }],
      [
        { email: 'a@b.co', name: 'X', roles: ['AGENT'], password: 'short' },
        400,
        { attr: 'password', code: 'too_short' },
      ],
      [{ email: 'a@b.co', roles: ['AGENT'] }, 400, { attr: 'name', code: 'blank' }],
    ];
    for (const [body, status, error] of cases) {
      const res = await admin.request({ method: 'POST', url: '/api/internal/users', body });
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.data).toMatchObject({ errors: [error] });
    }
    const users = await t.db.selectFrom('users').select('id').where('org_id', '=', o.org.id).execute();
    expect(users).toHaveLength(2);
  });

  it('PATCH renames and changes roles', async () => {
    const o = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    const agent = await o.addUser(['AGENT']);
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/internal/users/${agent.user.id}`,
      body: { name: 'Renamed', roles: ['AGENT', 'TEAM_MANAGER'] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      id: agent.user.id,
      name: 'Renamed',
      roles: ['AGENT', 'TEAM_MANAGER'],
      active: true,
    });
  });

  it('deactivating deletes the user’s sessions and stops their tokens; reactivating lets them log in again', async () => {
    const o = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    const victim = await signIn(t, o, ['AGENT', 'API_USER']);
    const authorization = basicAuth(victim.user.email, victim.token as string);
    expect((await o.request({ method: 'GET', url: '/api/v1/agents', authorization })).statusCode).toBe(200);

    const res = await admin.request({
      method: 'PATCH',
      url: `/api/internal/users/${victim.user.id}`,
      body: { active: false },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ active: false });
    const sessions = await t.db
      .selectFrom('sessions')
      .select('user_id')
      .where('user_id', '=', victim.user.id)
      .execute();
    expect(sessions).toEqual([]);
    expect((await victim.request({ method: 'GET', url: '/api/internal/auth/me' })).statusCode).toBe(401);
    expect((await o.request({ method: 'GET', url: '/api/v1/agents', authorization })).statusCode).toBe(401);
    expect((await logIn(t, o, victim.user.email, PASSWORD)).statusCode).toBe(401);
    expect((await admin.request({ method: 'GET', url: '/api/internal/auth/me' })).statusCode).toBe(200);

    await admin.request({ method: 'PATCH', url: `/api/internal/users/${victim.user.id}`, body: { active: true } });
    expect((await logIn(t, o, victim.user.email, PASSWORD)).statusCode).toBe(200);
  });

  it('the last active administrator can be neither demoted nor deactivated', async () => {
    const o = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR', 'AGENT']);
    const detail = 'the organization needs at least one active administrator';
    const demote = await admin.request({
      method: 'PATCH',
      url: `/api/internal/users/${admin.user.id}`,
      body: { roles: ['AGENT'] },
    });
    expect(demote.statusCode).toBe(400);
    expect(demote.data).toEqual({ errors: [{ attr: 'roles', code: 'invalid_state', detail }] });
    const off = await admin.request({
      method: 'PATCH',
      url: `/api/internal/users/${admin.user.id}`,
      body: { active: false },
    });
    expect(off.data).toEqual({ errors: [{ attr: 'active', code: 'invalid_state', detail }] });
    const row = await t.db
      .selectFrom('users')
      .select(['roles', 'active'])
      .where('id', '=', admin.user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ roles: ['ADMINISTRATOR', 'AGENT'], active: true });

    const second = await o.addUser(['ADMINISTRATOR']);
    const path = `/api/internal/users/${second.user.id}`;
    expect((await admin.request({ method: 'PATCH', url: path, body: { active: false } })).statusCode).toBe(200);
    // A deactivated administrator does not count.
    const stillLast = await admin.request({
      method: 'PATCH',
      url: `/api/internal/users/${admin.user.id}`,
      body: { roles: ['AGENT'] },
    });
    expect(stillLast.statusCode).toBe(400);
    expect((await admin.request({ method: 'PATCH', url: path, body: { active: true } })).statusCode).toBe(200);
    const now = await admin.request({
      method: 'PATCH',
      url: `/api/internal/users/${admin.user.id}`,
      body: { roles: ['AGENT'] },
    });
    expect(now.statusCode).toBe(200);
  });

  it('404 for an unknown user and another org’s user; 400 for unknown roles', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    for (const id of ['nope', other.apiUser.user.id]) {
      const res = await admin.request({ method: 'PATCH', url: `/api/internal/users/${id}`, body: { name: 'X' } });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: `user ${id} does not exist` }] });
    }
    const bad = await admin.request({
      method: 'PATCH',
      url: `/api/internal/users/${o.apiUser.user.id}`,
      body: { roles: ['GOD'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data).toEqual({ errors: [{ attr: 'roles', code: 'invalid', detail: 'unknown role GOD' }] });
  });

  it('403 for non-administrators on every users endpoint', async () => {
    const o = await createTestOrg(t);
    const manager = await signIn(t, o, ['TEAM_MANAGER', 'AGENT']);
    const attempts = [
      { method: 'GET', url: '/api/internal/users' },
      { method: 'POST', url: '/api/internal/users', body: { email: 'x@y.co', name: 'X', roles: ['AGENT'] } },
      { method: 'PATCH', url: `/api/internal/users/${manager.user.id}`, body: { roles: ['ADMINISTRATOR'] } },
    ] as const;
    for (const attempt of attempts) {
      const res = await manager.request(attempt);
      expect(res.statusCode, attempt.method).toBe(403);
      expect(res.data).toEqual({ errors: [{ code: 'forbidden', detail: 'only administrators can manage users' }] });
    }
    const row = await t.db
      .selectFrom('users')
      .select('roles')
      .where('id', '=', manager.user.id)
      .executeTakeFirstOrThrow();
    expect(row.roles).toEqual(['TEAM_MANAGER', 'AGENT']);
  });
});
