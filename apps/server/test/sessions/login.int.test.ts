import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lib/sha256.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { internalRequest, logIn, PASSWORD, sessionCookieOf, signIn } from '../internal/session-helpers.js';

const t = useTestApp({ HEARTH_LOGIN_MAX_FAILURES: '3', HEARTH_LOGIN_LOCK_MINUTES: '10' });

afterEach(() => t.clock.reset());

const LOCKED = { errors: [{ code: 'locked', detail: 'too many failed logins; try again later' }] };
const WRONG = { errors: [{ code: 'unauthorized', detail: 'wrong email or password' }] };

describe('POST /api/internal/auth/login', () => {
  it('200 with the user, and an HttpOnly SameSite=Lax session cookie stored only as its SHA-256', async () => {
    const o = await createTestOrg(t);
    const { user } = await o.addUser(['AGENT', 'TEAM_MANAGER'], { name: 'Tess Manager', password: PASSWORD });
    const res = await logIn(t, o, user.email.toUpperCase(), PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({
      user: { id: user.id, name: 'Tess Manager', email: user.email, roles: ['AGENT', 'TEAM_MANAGER'] },
    });
    const header = ([] as string[]).concat(res.headers['set-cookie'] as string | string[]).join('\n');
    expect(header).toMatch(/^hearth_session=[A-Za-z0-9_-]{43};/);
    expect(header).toMatch(/; HttpOnly/i);
    expect(header).toMatch(/; SameSite=Lax/i);
    expect(header).toMatch(/; Path=\//i);
    expect(header).toMatch(/; Max-Age=43200/i);
    expect(header).not.toMatch(/; Secure/i);
    expect(header).not.toMatch(/; Domain=/i);
    const token = sessionCookieOf(res).split('=')[1] as string;
    const rows = await t.db.selectFrom('sessions').selectAll().where('org_id', '=', o.org.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(sha256Hex(token));
    expect(rows[0]?.user_id).toBe(user.id);
    expect(rows[0]!.expires_at.getTime() - rows[0]!.created_at.getTime()).toBe(12 * 3600_000);
  });

  it('the same 401 for an unknown email, a wrong password, a user without a password and a deactivated user', async () => {
    const o = await createTestOrg(t);
    const { user } = await o.addUser(['AGENT'], { password: PASSWORD });
    const noPassword = await o.addUser(['AGENT']);
    const inactive = await o.addUser(['AGENT'], { password: PASSWORD });
    await t.db.updateTable('users').set({ active: false }).where('id', '=', inactive.user.id).execute();
    for (const [email, password] of [
      ['nobody@example.com', PASSWORD],
      [user.email, 'wrong password'],
      [noPassword.user.email, PASSWORD],
      [inactive.user.email, PASSWORD],
    ] as const) {
      const res = await logIn(t, o, email, password);
      expect(res.statusCode, email).toBe(401);
      expect(res.data).toEqual(WRONG);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['www-authenticate']).toBeUndefined();
    }
    expect(await t.db.selectFrom('sessions').selectAll().where('org_id', '=', o.org.id).execute()).toEqual([]);
  });

  it('400 blank for a missing email or password', async () => {
    const o = await createTestOrg(t);
    const res = await internalRequest(t, o.host, { method: 'POST', url: '/api/internal/auth/login', body: {} });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [
        { attr: 'email', code: 'blank', detail: 'email cannot be blank' },
        { attr: 'password', code: 'blank', detail: 'password cannot be blank' },
      ],
    });
  });

  it('a user of org A cannot log in on org B’s host', async () => {
    const a = await createTestOrg(t);
    const b = await createTestOrg(t);
    const { user } = await a.addUser(['AGENT'], { password: PASSWORD });
    const res = await logIn(t, b, user.email, PASSWORD);
    expect(res.statusCode).toBe(401);
  });
});

describe('lock-out after failed logins', () => {
  it('locks after MAX failures (even the right password gets 429), unlocks after LOCK minutes', async () => {
    const o = await createTestOrg(t);
    const { user } = await o.addUser(['AGENT'], { password: PASSWORD });
    t.clock.set(new Date('2030-01-01T10:00:00Z'));
    for (let i = 0; i < 3; i++) {
      const res = await logIn(t, o, user.email, 'nope');
      expect(res.statusCode).toBe(401);
    }
    const locked = await logIn(t, o, user.email, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.data).toEqual(LOCKED);
    expect(locked.headers['set-cookie']).toBeUndefined();

    t.clock.advance(9 * 60_000);
    expect((await logIn(t, o, user.email, PASSWORD)).statusCode).toBe(429);

    t.clock.advance(61_000);
    const ok = await logIn(t, o, user.email, PASSWORD);
    expect(ok.statusCode).toBe(200);
    const rows = await t.db.selectFrom('login_failures').selectAll().where('org_id', '=', o.org.id).execute();
    expect(rows).toEqual([]);
  });

  it('a success resets the counter', async () => {
    const o = await createTestOrg(t);
    const { user } = await o.addUser(['AGENT'], { password: PASSWORD });
    for (let round = 0; round < 2; round++) {
      expect((await logIn(t, o, user.email, 'nope')).statusCode).toBe(401);
      expect((await logIn(t, o, user.email, 'nope')).statusCode).toBe(401);
      expect((await logIn(t, o, user.email, PASSWORD)).statusCode).toBe(200);
    }
  });

  it('unknown emails lock the same way (a lock reveals nothing); other emails are unaffected', async () => {
    const o = await createTestOrg(t);
    const { user } = await o.addUser(['AGENT'], { password: PASSWORD });
    for (let i = 0; i < 3; i++) expect((await logIn(t, o, 'ghost@example.com', 'x')).statusCode).toBe(401);
    const res = await logIn(t, o, 'GHOST@example.com', 'x');
    expect(res.statusCode).toBe(429);
    expect(res.data).toEqual(LOCKED);
    expect((await logIn(t, o, user.email, PASSWORD)).statusCode).toBe(200);
  });

  it('the same email in another org is not locked', async () => {
    const a = await createTestOrg(t);
    const b = await createTestOrg(t);
    for (let i = 0; i < 4; i++) await logIn(t, a, 'same@example.com', 'x');
    expect((await logIn(t, a, 'same@example.com', 'x')).statusCode).toBe(429);
    expect((await logIn(t, b, 'same@example.com', 'x')).statusCode).toBe(401);
  });

  it('parallel guesses are all counted: at most MAX of them are checked', async () => {
    const o = await createTestOrg(t);
    const { user } = await o.addUser(['AGENT'], { password: PASSWORD });
    const results = await Promise.all(Array.from({ length: 8 }, () => logIn(t, o, user.email, 'guess')));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(3);
    expect(codes.filter((c) => c === 429)).toHaveLength(5);
  });

  it('old failures expire: a failure after a quiet LOCK window starts a new count', async () => {
    const o = await createTestOrg(t);
    const { user } = await o.addUser(['AGENT'], { password: PASSWORD });
    t.clock.set(new Date('2030-01-01T10:00:00Z'));
    await logIn(t, o, user.email, 'nope');
    await logIn(t, o, user.email, 'nope');
    t.clock.advance(11 * 60_000);
    expect((await logIn(t, o, user.email, 'nope')).statusCode).toBe(401);
    expect((await logIn(t, o, user.email, 'nope')).statusCode).toBe(401);
    expect((await logIn(t, o, user.email, PASSWORD)).statusCode).toBe(200);
  });
});

describe('session use', () => {
  it('GET /auth/me answers the user and org; 401 without, with a bad or expired cookie', async () => {
    const o = await createTestOrg(t);
    const me = await signIn(t, o, ['ADMINISTRATOR'], 'Ada Admin');
    const res = await me.request({ method: 'GET', url: '/api/internal/auth/me' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({
      user: { id: me.user.id, name: 'Ada Admin', email: me.user.email, roles: ['ADMINISTRATOR'] },
      org: { id: o.org.id, name: o.org.name, timezone: 'America/Los_Angeles' },
    });
    expect(res.headers['cache-control']).toBe('no-store');

    const UNAUTH = { errors: [{ code: 'unauthorized', detail: 'not signed in or the session has expired' }] };
    for (const cookie of [null, 'hearth_session=forged', 'other=1']) {
      const r = await me.request({ method: 'GET', url: '/api/internal/auth/me', cookie });
      expect(r.statusCode).toBe(401);
      expect(r.data).toEqual(UNAUTH);
      expect(r.headers['www-authenticate']).toBeUndefined();
    }

    t.clock.advance(12 * 3600_000 - 1000);
    expect((await me.request({ method: 'GET', url: '/api/internal/auth/me' })).statusCode).toBe(200);
    t.clock.advance(2000);
    const expired = await me.request({ method: 'GET', url: '/api/internal/auth/me' });
    expect(expired.statusCode).toBe(401);
  });

  it('a session cookie of org A is 401 on org B’s host', async () => {
    const a = await createTestOrg(t);
    const b = await createTestOrg(t);
    const me = await signIn(t, a, ['AGENT']);
    const res = await me.request({ method: 'GET', url: '/api/internal/auth/me', host: b.host });
    expect(res.statusCode).toBe(401);
  });

  it('an API token is not a session: Basic auth on the internal API is 401', async () => {
    const o = await createTestOrg(t);
    const res = await internalRequest(t, o.host, {
      method: 'GET',
      url: '/api/internal/auth/me',
      headers: { authorization: o.apiUser.authorization },
    });
    expect(res.statusCode).toBe(401);
  });

  // The public API takes the session cookie only without an Authorization header (docs/REALTIME.md; the cookie
  // alone is tested in api-v1-session.int.test.ts).
  it('a session cookie does not rescue a wrong Authorization header on the public API', async () => {
    const o = await createTestOrg(t);
    const me = await signIn(t, o, ['AGENT', 'API_USER']);
    const res = await o.request({
      method: 'GET',
      url: '/api/v1/agents',
      authorization: `Basic ${Buffer.from(`${me.user.email}:wrong`).toString('base64')}`,
      headers: { cookie: me.cookie },
    });
    expect(res.statusCode).toBe(401);
  });

  it('404 on an unknown org host', async () => {
    const o = await createTestOrg(t);
    const res = await internalRequest(t, o.host, {
      method: 'GET',
      url: '/api/internal/auth/me',
      host: 'no-such-org.hearth.test',
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('CSRF protection', () => {
  it('refuses POST, PATCH and DELETE without X-Requested-With: hearth (login included), before anything runs', async () => {
    const o = await createTestOrg(t);
    const me = await signIn(t, o, ['ADMINISTRATOR', 'AGENT', 'API_USER']);
    const CSRF = {
      errors: [{ code: 'forbidden', detail: 'requests that change data need the header X-Requested-With: hearth' }],
    };
    const attempts = [
      { method: 'POST', url: '/api/internal/auth/login', body: { email: me.user.email, password: PASSWORD } },
      { method: 'POST', url: '/api/internal/auth/logout' },
      { method: 'POST', url: '/api/internal/api-tokens', body: { name: 'sneaky' } },
      { method: 'PATCH', url: '/api/internal/settings', body: { name: 'Pwned' } },
      { method: 'DELETE', url: '/api/internal/api-tokens/anything' },
    ] as const;
    for (const attempt of attempts) {
      const res = await me.request({ ...attempt, noCsrfHeader: true });
      expect(res.statusCode, attempt.url).toBe(403);
      expect(res.data).toEqual(CSRF);
    }
    const wrongValue = await me.request({
      ...attempts[3],
      noCsrfHeader: true,
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    expect(wrongValue.statusCode).toBe(403);
    // Nothing happened: still signed in, no token made, the name unchanged.
    expect((await me.request({ method: 'GET', url: '/api/internal/auth/me' })).statusCode).toBe(200);
    const tokens = (await me.request({ method: 'GET', url: '/api/internal/api-tokens' })).data as { name: string }[];
    expect(tokens.map((tk) => tk.name)).toEqual(['test']);
    const org = await t.db.selectFrom('orgs').select('name').where('id', '=', o.org.id).executeTakeFirstOrThrow();
    expect(org.name).toBe(o.org.name);
  });

  it('GET needs no header', async () => {
    const o = await createTestOrg(t);
    const me = await signIn(t, o, ['AGENT']);
    const res = await me.request({ method: 'GET', url: '/api/internal/auth/me', noCsrfHeader: true });
    expect(res.statusCode).toBe(200);
  });
});

describe('POST /api/internal/auth/logout', () => {
  it('204, deletes the session and clears the cookie; the cookie no longer works; repeating is fine', async () => {
    const o = await createTestOrg(t);
    const me = await signIn(t, o, ['AGENT']);
    const other = await signIn(t, o, ['AGENT']);
    const res = await me.request({ method: 'POST', url: '/api/internal/auth/logout' });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(String(res.headers['set-cookie'])).toMatch(/^hearth_session=;.*Max-Age=0/i);
    expect((await me.request({ method: 'GET', url: '/api/internal/auth/me' })).statusCode).toBe(401);
    expect((await other.request({ method: 'GET', url: '/api/internal/auth/me' })).statusCode).toBe(200);
    expect((await me.request({ method: 'POST', url: '/api/internal/auth/logout' })).statusCode).toBe(204);
    expect((await me.request({ method: 'POST', url: '/api/internal/auth/logout', cookie: null })).statusCode).toBe(204);
  });

  it('logging in again replaces the browser’s previous session', async () => {
    const o = await createTestOrg(t);
    const me = await signIn(t, o, ['AGENT']);
    const again = await internalRequest(t, o.host, {
      method: 'POST',
      url: '/api/internal/auth/login',
      body: { email: me.user.email, password: PASSWORD },
      cookie: me.cookie,
    });
    expect(again.statusCode).toBe(200);
    const fresh = sessionCookieOf(again);
    expect(fresh).not.toBe(me.cookie);
    expect((await me.request({ method: 'GET', url: '/api/internal/auth/me' })).statusCode).toBe(401);
    expect((await me.request({ method: 'GET', url: '/api/internal/auth/me', cookie: fresh })).statusCode).toBe(200);
  });
});
