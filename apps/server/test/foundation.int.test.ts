import { describe, expect, it } from 'vitest';
import { basicAuth, createTestApp, createTestOrg, useTestApp } from './helpers.js';

const t = useTestApp();

describe('organization and agents', () => {
  it('GET /organization answers the org of the host', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: '/api/v1/organization' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({
      id: o.org.id,
      loginDomain: o.org.slug,
      name: o.org.name,
      timezone: 'America/Los_Angeles',
      gladlyUrl: `http://${o.host}`,
    });
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });

  it('GET /agents lists agents with id, name and emailAddress only', async () => {
    const o = await createTestOrg(t);
    const agent = await o.addUser(['AGENT'], { name: 'Alice Agent' });
    await o.addUser(['ANALYST'], { name: 'Not An Agent' });
    const res = await o.request({ method: 'GET', url: '/api/v1/agents' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual([
      { id: agent.user.id, name: 'Alice Agent', emailAddress: agent.user.email },
      { id: o.apiUser.user.id, name: 'Integration User', emailAddress: o.apiUser.user.email },
    ]);
    const one = await o.request({ method: 'GET', url: `/api/v1/agents/${agent.user.id}` });
    expect(one.data).toEqual({ id: agent.user.id, name: 'Alice Agent', emailAddress: agent.user.email });
    const missing = await o.request({ method: 'GET', url: '/api/v1/agents/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.data).toEqual({ errors: [{ code: 'not_exist', detail: 'agent nope does not exist' }] });
  });
});

describe('call recorder', () => {
  it('answers not recording by agent id or email, and PATCH is a no-op 204 when not on a call', async () => {
    const o = await createTestOrg(t);
    const agent = await o.addUser(['AGENT'], { name: 'Voice Agent' });
    for (const key of [agent.user.id, agent.user.email]) {
      const res = await o.request({ method: 'GET', url: `/api/v1/agents/${encodeURIComponent(key)}/call-recorder` });
      expect(res.statusCode).toBe(200);
      expect(res.data).toEqual({ agentId: agent.user.id, recording: false });
    }
    const patch = await o.request({
      method: 'PATCH',
      url: `/api/v1/agents/${agent.user.id}/call-recorder`,
      body: { recording: true },
    });
    expect(patch.statusCode).toBe(204);
    const after = await o.request({ method: 'GET', url: `/api/v1/agents/${agent.user.id}/call-recorder` });
    expect(after.data).toEqual({ agentId: agent.user.id, recording: false });
  });

  it('404 for an unknown agent and 400 for a body without recording', async () => {
    const o = await createTestOrg(t);
    const missing = await o.request({ method: 'GET', url: '/api/v1/agents/ghost@example.com/call-recorder' });
    expect(missing.statusCode).toBe(404);
    expect(missing.data).toEqual({ errors: [{ code: 'not_exist', detail: 'agent ghost@example.com does not exist' }] });
    const bad = await o.request({
      method: 'PATCH',
      url: `/api/v1/agents/${o.apiUser.user.id}/call-recorder`,
      body: {},
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data).toMatchObject({ errors: [{ attr: 'recording', code: 'blank' }] });
  });
});

describe('authentication', () => {
  it.each([
    ['no header', null],
    ['not basic', 'Bearer abc'],
    ['garbage', 'Basic !!!'],
    ['no colon', `Basic ${Buffer.from('just-an-email').toString('base64')}`],
  ])('401 with %s', async (_name, authorization) => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: '/api/v1/agents', authorization });
    expect(res.statusCode).toBe(401);
    expect(res.data).toMatchObject({ errors: [{ code: 'unauthorized' }] });
    expect(res.headers['www-authenticate']).toMatch(/^Basic/);
  });

  it('401 for a wrong token, or a real token sent with another user’s email', async () => {
    const o = await createTestOrg(t);
    const other = await o.addUser(['AGENT', 'API_USER']);
    const wrongToken = await o.request({
      method: 'GET',
      url: '/api/v1/agents',
      authorization: basicAuth(o.apiUser.user.email, 'not-the-token'),
    });
    expect(wrongToken.statusCode).toBe(401);
    const swapped = await o.request({
      method: 'GET',
      url: '/api/v1/agents',
      authorization: basicAuth(other.user.email, o.apiUser.token),
    });
    expect(swapped.statusCode).toBe(401);
  });

  it('the email is matched case-insensitively', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({
      method: 'GET',
      url: '/api/v1/agents',
      authorization: basicAuth(o.apiUser.user.email.toUpperCase(), o.apiUser.token),
    });
    expect(res.statusCode).toBe(200);
  });

  it('403 for a user whose API User role was taken away', async () => {
    const o = await createTestOrg(t);
    await t.db
      .updateTable('users')
      .set({ roles: ['AGENT'] })
      .where('org_id', '=', o.org.id)
      .where('id', '=', o.apiUser.user.id)
      .execute();
    const res = await o.request({ method: 'GET', url: '/api/v1/agents' });
    expect(res.statusCode).toBe(403);
    expect(res.data).toMatchObject({ errors: [{ code: 'forbidden' }] });
  });

  it('a token of one org is 401 on another, sandboxes included', async () => {
    const production = await createTestOrg(t);
    const sandbox = await createTestOrg(t, { sandboxOf: production.org.id });
    const res = await production.request({
      method: 'GET',
      url: '/api/v1/organization',
      authorization: sandbox.apiUser.authorization,
    });
    expect(res.statusCode).toBe(401);
    const back = await sandbox.request({
      method: 'GET',
      url: '/api/v1/organization',
      authorization: production.apiUser.authorization,
    });
    expect(back.statusCode).toBe(401);
  });

  it('records when a token was last used', async () => {
    const o = await createTestOrg(t);
    await o.request({ method: 'GET', url: '/api/v1/agents' });
    await expect
      .poll(async () => {
        const row = await t.db
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('org_id', '=', o.org.id)
          .executeTakeFirstOrThrow();
        return row.last_used_at;
      })
      .not.toBeNull();
  });

  it('404 for a host naming an org that does not exist', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: '/api/v1/agents', headers: { host: 'nosuchorg.hearth.test' } });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'organization does not exist' }] });
  });
});

describe('transport', () => {
  it('unknown paths answer 404 in the envelope', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'entity does not exist' }] });
  });

  it('bodies over 1 MB are refused with 413 in the envelope', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({
      method: 'POST',
      url: '/api/v1/topics',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.data).toMatchObject({ errors: [{ code: 'too_long' }] });
  });

  it('malformed JSON is a 400 in the envelope', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({
      method: 'POST',
      url: '/api/v1/topics',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({ errors: [{ code: 'invalid', detail: 'request body is not valid JSON' }] });
  });

  it.each([
    ['bad percent-encoding', '/api/v1/agents/%', 400, 'invalid'],
    ['a truncated UTF-8 escape', '/api/v1/agents/%E0%A4%A', 400, 'invalid'],
    ['a NUL in the path', '/api/v1/agents/a%00b', 400, 'invalid'],
    ['a NUL in the query', '/api/v1/agents?x=%00', 400, 'invalid'],
    ['an id past the router limit', `/api/v1/agents/${'x'.repeat(600)}`, 414, 'too_long'],
  ])('%s is refused in the envelope', async (_name, url, status, code) => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.data).toMatchObject({ errors: [{ code }] });
  });

  it.each([
    ['a value', { name: 'a\u0000b' }, 'name'],
    ['a nested value', { name: 'ok', parent: { deep: ['x\u0000'] } }, 'parent.deep.0'],
    ['a key', { inner: { 'na\u0000me': 'x' } }, 'inner'],
  ])('a NUL character in %s of a JSON body is a 400 naming the field, never a 500', async (_name, body, attr) => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'POST', url: '/api/v1/topics', body });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({ errors: [{ attr, code: 'invalid', detail: `${attr} may not contain NUL characters` }] });
  });

  it.each([
    ['a lone high surrogate', { name: 'a\ud800b' }, 'name', 'is not valid Unicode text (it holds a lone surrogate)'],
    ['a lone low surrogate', { tags: ['\udc00'] }, 'tags.0', 'is not valid Unicode text (it holds a lone surrogate)'],
  ])('%s in a JSON body is a 400 naming the field', async (_name, body, attr, detail) => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'POST', url: '/api/v1/topics', body });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({ errors: [{ attr, code: 'invalid', detail: `${attr} ${detail}` }] });
  });

  it('a body nested thousands of levels deep is a 400, not a stack overflow', async () => {
    const o = await createTestOrg(t);
    const body = `{"name":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const res = await o.request({
      method: 'POST',
      url: '/api/v1/topics',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({
      errors: [{ code: 'invalid', detail: expect.stringMatching(/nested more than 64/) }],
    });
  });

  it('a well-formed surrogate pair (an emoji) is fine', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'POST', url: '/api/v1/topics', body: { name: 'Billing 🔥' } });
    expect(res.statusCode).toBe(201);
  });

  it.each([
    ['/api/v1/agents/a%00b', 'agentId'],
    ['/api/v1/agents?x=%00', 'x'],
  ])('a NUL character in %s names the parameter', async (url, attr) => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({ errors: [{ attr, code: 'invalid', detail: `${attr} may not contain NUL characters` }] });
  });

  it('GET with a JSON content type and no body is fine', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({
      method: 'GET',
      url: '/api/v1/agents',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('serves the OpenAPI document and the reference page', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(JSON.parse(doc.body).paths);
    expect(paths).toContain('/api/v1/agents');
    expect(paths.filter((p) => p.startsWith('/api/internal'))).toEqual([]);
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('rate limits', () => {
  it('allows 10 requests per second per org per method, then 429 without Retry-After', async () => {
    const limited = await createTestApp({ HEARTH_API_RATE_LIMIT_PER_SECOND: '10' });
    try {
      const o = await createTestOrg(limited);
      const statuses: number[] = [];
      const remaining: string[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await o.request({ method: 'GET', url: '/api/v1/organization' });
        statuses.push(res.statusCode);
        remaining.push(String(res.headers['ratelimit-remaining-second']));
        expect(res.headers['ratelimit-limit-second']).toBe('10');
        if (res.statusCode === 429) {
          expect(res.headers['retry-after']).toBeUndefined();
          expect(res.data).toMatchObject({ errors: [{ code: 'rate_limited' }] });
        }
      }
      // The bucket refills at 10/s, so a slow machine may earn back a request mid-loop; at least one is refused.
      expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
      expect(statuses).toContain(429);
      expect(remaining[0]).toBe('9');
      // Another method and another org have budgets of their own.
      const post = await o.request({ method: 'POST', url: '/api/v1/topics', body: {} });
      expect(post.statusCode).not.toBe(429);
      const other = await createTestOrg(limited);
      expect((await other.request({ method: 'GET', url: '/api/v1/organization' })).statusCode).toBe(200);
    } finally {
      await limited.app.close();
    }
  });
});
