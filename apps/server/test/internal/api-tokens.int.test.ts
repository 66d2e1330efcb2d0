import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lib/sha256.js';
import { basicAuth, createTestOrg, useTestApp } from '../helpers.js';
import { signIn } from './session-helpers.js';

const t = useTestApp();

describe('/api/internal/api-tokens', () => {
  it('creates a token shown once that works on /api/v1; lists own tokens without secrets; revokes at once', async () => {
    const o = await createTestOrg(t);
    const me = await signIn(t, o, ['AGENT', 'API_USER']);
    const created = await me.request({ method: 'POST', url: '/api/internal/api-tokens', body: { name: ' Zapier ' } });
    expect(created.statusCode).toBe(201);
    const body = created.data as { id: string; name: string; token: string };
    expect(Object.keys(body).sort()).toEqual(['id', 'name', 'token']);
    expect(body.name).toBe('Zapier');
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await t.db.selectFrom('api_tokens').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256Hex(body.token));
    expect(stored.user_id).toBe(me.user.id);

    const authorization = basicAuth(me.user.email, body.token);
    expect((await o.request({ method: 'GET', url: '/api/v1/agents', authorization })).statusCode).toBe(200);

    const list = await me.request({ method: 'GET', url: '/api/internal/api-tokens' });
    expect(list.statusCode).toBe(200);
    const tokens = list.data as Record<string, unknown>[];
    const mine = tokens.find((tk) => tk.id === body.id);
    expect(mine).toEqual({
      id: body.id,
      name: 'Zapier',
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
    });
    expect(JSON.stringify(list.data)).not.toContain(body.token);
    expect(JSON.stringify(list.data)).not.toContain(stored.token_hash);
    // Only own tokens: the org's integration user's token is not listed.
    expect(tokens.map((tk) => tk.name).sort()).toEqual(['Zapier', 'test']);
    const apiUsersToken = await t.db
      .selectFrom('api_tokens')
      .select('id')
      .where('user_id', '=', o.apiUser.user.id)
      .executeTakeFirstOrThrow();
    expect(tokens.map((tk) => tk.id)).not.toContain(apiUsersToken.id);

    const revoked = await me.request({ method: 'DELETE', url: `/api/internal/api-tokens/${body.id}` });
    expect(revoked.statusCode).toBe(204);
    const after = await o.request({ method: 'GET', url: '/api/v1/agents', authorization });
    expect(after.statusCode).toBe(401);
    const listAfter = (await me.request({ method: 'GET', url: '/api/internal/api-tokens' })).data as { id: string }[];
    expect(listAfter.map((tk) => tk.id)).not.toContain(body.id);
  });

  it('403 for a user without API User; nothing is stored', async () => {
    const o = await createTestOrg(t);
    const me = await signIn(t, o, ['AGENT']);
    const res = await me.request({ method: 'POST', url: '/api/internal/api-tokens', body: { name: 'x' } });
    expect(res.statusCode).toBe(403);
    expect(res.data).toEqual({
      errors: [{ code: 'forbidden', detail: 'only users with the API User role can create API tokens' }],
    });
    const rows = await t.db.selectFrom('api_tokens').select('id').where('user_id', '=', me.user.id).execute();
    expect(rows).toEqual([]);
  });

  it('400 blank name', async () => {
    const o = await createTestOrg(t);
    const me = await signIn(t, o, ['AGENT', 'API_USER']);
    for (const body of [{}, { name: '  ' }]) {
      const res = await me.request({ method: 'POST', url: '/api/internal/api-tokens', body });
      expect(res.statusCode).toBe(400);
      expect(res.data).toEqual({ errors: [{ attr: 'name', code: 'blank', detail: 'name cannot be blank' }] });
    }
  });

  it('404 when revoking another user’s token, an unknown one or an already revoked one; theirs keeps working', async () => {
    const o = await createTestOrg(t);
    const me = await signIn(t, o, ['AGENT', 'API_USER']);
    const theirs = await t.db
      .selectFrom('api_tokens')
      .select('id')
      .where('user_id', '=', o.apiUser.user.id)
      .executeTakeFirstOrThrow();
    for (const id of [theirs.id, 'nope']) {
      const res = await me.request({ method: 'DELETE', url: `/api/internal/api-tokens/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: `api token ${id} does not exist` }] });
    }
    expect((await o.request({ method: 'GET', url: '/api/v1/agents' })).statusCode).toBe(200);
    const created = (await me.request({ method: 'POST', url: '/api/internal/api-tokens', body: { name: 'n' } }))
      .data as {
      id: string;
    };
    expect((await me.request({ method: 'DELETE', url: `/api/internal/api-tokens/${created.id}` })).statusCode).toBe(
      204,
    );
    expect((await me.request({ method: 'DELETE', url: `/api/internal/api-tokens/${created.id}` })).statusCode).toBe(
      404,
    );
  });

  it('401 without a session', async () => {
    const o = await createTestOrg(t);
    const me = await signIn(t, o, ['AGENT', 'API_USER']);
    for (const method of ['GET', 'POST'] as const) {
      const res = await me.request({ method, url: '/api/internal/api-tokens', body: { name: 'x' }, cookie: null });
      expect(res.statusCode).toBe(401);
    }
  });
});
