import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { startReceiver, type TReceiver } from './receiver.js';

const t = useTestApp({ HEARTH_ALLOW_INSECURE_WEBHOOKS: 'true' });
let receiver: TReceiver;
let path = 0;
const nextUrl = () => `${receiver.base}/hook-${++path}`;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

async function create(o: TTestOrg, body: Record<string, unknown>) {
  const res = await o.request({ method: 'POST', url: '/api/v1/webhooks', body });
  expect(res.statusCode, res.body).toBe(201);
  return String(res.headers.location).split('/').pop() as string;
}

async function get(o: TTestOrg, id: string) {
  const res = await o.request({ method: 'GET', url: `/api/v1/webhooks/${id}` });
  return res;
}

describe('POST /api/v1/webhooks', () => {
  it('creates a disabled webhook by default and sends nothing; secrets are never read back', async () => {
    const o = await createTestOrg(t);
    const url = nextUrl();
    const before = receiver.received.length;
    const res = await o.request({
      method: 'POST',
      url: '/api/v1/webhooks',
      body: {
        name: 'Connector',
        url,
        events: ['CONVERSATION/CREATED', 'CUSTOMER_PROFILE/MERGED (deprecated)', 'CONVERSATION/CREATED'],
        credentials: { username: 'hooks', password: 's3cret-pass', realm: 'Hooks' },
        headers: { 'X-Api-Key': 'key-value-123' },
        hasCredentials: false,
        id: 'ignored-read-only',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).toBe('');
    const id = String(res.headers.location).replace('/api/v1/webhooks/', '');
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const read = await get(o, id);
    expect(read.statusCode).toBe(200);
    const w = read.data as Record<string, unknown>;
    expect(Object.keys(w).sort()).toEqual(
      ['createdAt', 'enabled', 'events', 'hasCredentials', 'headerKeys', 'id', 'name', 'updatedAt', 'url'].sort(),
    );
    expect(w).toMatchObject({
      id,
      name: 'Connector',
      url,
      events: ['CONVERSATION/CREATED', 'CUSTOMER_PROFILE/MERGED'],
      enabled: false,
      hasCredentials: true,
      headerKeys: ['X-Api-Key'],
    });
    expect(w.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(read.body).not.toContain('s3cret-pass');
    expect(read.body).not.toContain('key-value-123');
    expect(receiver.received.length).toBe(before);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
    // Stored sealed: neither the password nor a header value is in the row as given.
    const row = await t.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.credentials).toMatchObject({ username: 'hooks', realm: 'Hooks' });
    expect(JSON.stringify(row)).not.toContain('s3cret-pass');
    expect(JSON.stringify(row)).not.toContain('key-value-123');
  });

  it('created enabled, it PINGs first with credentials and headers, and stores the webhook on a 2xx', async () => {
    const o = await createTestOrg(t);
    const url = nextUrl();
    const id = await create(o, {
      url,
      events: ['TASK/CREATED'],
      enabled: true,
      credentials: { username: 'u1', password: 'p1' },
      headers: { 'X-Token': 'tok' },
    });
    const pings = receiver.received.filter((r) => r.url === new URL(url).pathname);
    expect(pings).toHaveLength(1);
    const ping = pings[0];
    expect(Object.keys(ping?.body ?? {}).sort()).toEqual(['content', 'id', 'initiator', 'timestamp', 'type']);
    expect(ping?.body).toMatchObject({ type: 'PING', initiator: { id, type: 'SYSTEM' }, content: {} });
    expect(ping?.body.timestamp).toMatch(/Z$/);
    expect(ping?.headers['content-type']).toBe('application/json');
    expect(ping?.headers.authorization).toBe(`Basic ${Buffer.from('u1:p1').toString('base64')}`);
    expect(ping?.headers['x-token']).toBe('tok');
    expect((await get(o, id)).data).toMatchObject({ enabled: true, name: '' });
  });

  it('refuses an enabled webhook whose PING fails, and stores nothing', async () => {
    const o = await createTestOrg(t);
    const url = nextUrl();
    receiver.respond((r) => (r.url === new URL(url).pathname ? 503 : 200));
    try {
      const res = await o.request({
        method: 'POST',
        url: '/api/v1/webhooks',
        body: { url, events: ['TASK/CREATED'], enabled: true },
      });
      expect(res.statusCode).toBe(400);
      expect(res.data).toEqual({
        errors: [
          {
            attr: 'url',
            code: 'invalid',
            detail: 'the webhook url did not accept the PING (a 2xx answer is required): it answered 503',
          },
        ],
      });
    } finally {
      receiver.respond(() => 200);
    }
    expect((await o.request({ method: 'GET', url: '/api/v1/webhooks' })).data).toEqual([]);
  });

  it('refuses a PING that gets no answer at all (connection refused)', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({
      method: 'POST',
      url: '/api/v1/webhooks',
      body: { url: 'http://127.0.0.1:1/nothing-listens', events: ['TASK/CREATED'], enabled: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.data).toMatchObject({ errors: [{ attr: 'url', code: 'invalid' }] });
    expect((await o.request({ method: 'GET', url: '/api/v1/webhooks' })).data).toEqual([]);
  });

  it.each([
    [{ events: ['TASK/CREATED'] }, 'url', 'blank'],
    [{ url: 'URL' }, 'events', 'blank'],
    [{ url: 'URL', events: ['TASK/CREATED', 'NOT/AN_EVENT'] }, 'events.1', 'invalid'],
    [{ url: 'URL', events: ['PING'] }, 'events.0', 'invalid'],
    [{ url: 'URL', events: [], name: 'x'.repeat(201) }, 'name', 'too_long'],
    [{ url: 'not a url', events: [] }, 'url', 'invalid'],
    [{ url: 'ftp://127.0.0.1/x', events: [] }, 'url', 'invalid'],
    [{ url: 'http://user:pw@127.0.0.1/x', events: [] }, 'url', 'invalid'],
    [{ url: 'URL', events: [], enabled: 'yes' }, 'enabled', 'invalid'],
  ] as [Record<string, unknown>, string, string][])('refuses %j: %s %s', async (body, attr, code) => {
    const o = await createTestOrg(t);
    const withUrl = { ...body, ...(body.url === 'URL' ? { url: nextUrl() } : {}) };
    const res = await o.request({ method: 'POST', url: '/api/v1/webhooks', body: withUrl });
    expect(res.statusCode).toBe(400);
    expect((res.data as { errors: unknown[] }).errors[0]).toMatchObject({ attr, code });
    expect((await o.request({ method: 'GET', url: '/api/v1/webhooks' })).data).toEqual([]);
  });

  it('refuses a url another webhook of the org uses (409 taken), but another org may use it', async () => {
    const o = await createTestOrg(t);
    const url = nextUrl();
    await create(o, { url, events: [] });
    const res = await o.request({ method: 'POST', url: '/api/v1/webhooks', body: { url, events: ['TASK/CREATED'] } });
    expect(res.statusCode).toBe(409);
    expect(res.data).toEqual({
      errors: [{ attr: 'url', code: 'taken', detail: 'another webhook of this organization already uses this url' }],
    });
    await create(await createTestOrg(t), { url, events: [] });
  });

  it('allows at most 20 webhooks per org', async () => {
    const o = await createTestOrg(t);
    for (let i = 0; i < 20; i++) await create(o, { url: nextUrl(), events: [] });
    const res = await o.request({ method: 'POST', url: '/api/v1/webhooks', body: { url: nextUrl(), events: [] } });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [{ code: 'limit_exceeded', detail: 'an organization can have at most 20 webhooks' }],
    });
    expect((await o.request({ method: 'GET', url: '/api/v1/webhooks' })).data).toHaveLength(20);
  });
});

describe('GET /api/v1/webhooks and /{id}', () => {
  it('lists the org’s webhooks only, oldest first, and 404s an unknown or foreign id', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const a = await create(o, { url: nextUrl(), events: ['TASK/CREATED'], name: 'A' });
    const b = await create(o, { url: nextUrl(), events: [], name: 'B' });
    const foreign = await create(other, { url: nextUrl(), events: [] });
    const list = await o.request({ method: 'GET', url: '/api/v1/webhooks' });
    expect(list.statusCode).toBe(200);
    expect((list.data as { id: string }[]).map((w) => w.id)).toEqual([a, b]);
    for (const id of ['nope', foreign]) {
      const res = await get(o, id);
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'webhook does not exist' }] });
    }
  });
});

describe('PATCH /api/v1/webhooks/{id}', () => {
  it('updates given fields only, without a PING when neither enabling nor changing the url', async () => {
    const o = await createTestOrg(t);
    const url = nextUrl();
    const id = await create(o, { url, events: ['TASK/CREATED'], credentials: { username: 'a', password: 'b' } });
    const before = (await get(o, id)).data as { updatedAt: string };
    t.clock.advance(1000);
    const sent = receiver.received.length;
    const res = await o.request({
      method: 'PATCH',
      url: `/api/v1/webhooks/${id}`,
      body: {
        name: 'Renamed',
        events: ['CONVERSATION/CLOSED'],
        credentials: null,
        headers: { 'X-A': '1', 'X-B': '2' },
      },
    });
    t.clock.reset();
    expect(res.statusCode).toBe(204);
    const after = (await get(o, id)).data as Record<string, unknown>;
    expect(after).toMatchObject({
      name: 'Renamed',
      url,
      events: ['CONVERSATION/CLOSED'],
      enabled: false,
      hasCredentials: false,
      headerKeys: ['X-A', 'X-B'],
    });
    expect(after.updatedAt).not.toBe(before.updatedAt);
    expect(receiver.received.length).toBe(sent);
  });

  it('enabling PINGs; a failed PING refuses the change and leaves the webhook as it was', async () => {
    const o = await createTestOrg(t);
    const url = nextUrl();
    const id = await create(o, { url, events: ['TASK/CREATED'] });
    receiver.respond(() => 500);
    const refused = await o.request({
      method: 'PATCH',
      url: `/api/v1/webhooks/${id}`,
      body: { enabled: true, name: 'N' },
    });
    receiver.respond(() => 200);
    expect(refused.statusCode).toBe(400);
    expect(refused.data).toMatchObject({ errors: [{ attr: 'url', code: 'invalid' }] });
    expect((await get(o, id)).data).toMatchObject({ enabled: false, name: '' });

    const ok = await o.request({ method: 'PATCH', url: `/api/v1/webhooks/${id}`, body: { enabled: true } });
    expect(ok.statusCode).toBe(204);
    expect((await get(o, id)).data).toMatchObject({ enabled: true });
    expect(receiver.received.filter((r) => r.url === new URL(url).pathname && r.body.type === 'PING')).toHaveLength(2);
  });

  it('changing the url PINGs the new url; a taken url is 409', async () => {
    const o = await createTestOrg(t);
    const taken = nextUrl();
    await create(o, { url: taken, events: [] });
    const id = await create(o, { url: nextUrl(), events: [] });
    const fresh = nextUrl();
    expect((await o.request({ method: 'PATCH', url: `/api/v1/webhooks/${id}`, body: { url: fresh } })).statusCode).toBe(
      204,
    );
    expect(receiver.received.filter((r) => r.url === new URL(fresh).pathname && r.body.type === 'PING')).toHaveLength(
      1,
    );
    const res = await o.request({ method: 'PATCH', url: `/api/v1/webhooks/${id}`, body: { url: taken } });
    expect(res.statusCode).toBe(409);
    expect((await get(o, id)).data).toMatchObject({ url: fresh });
  });

  it('404s an unknown webhook and 400s a bad event name', async () => {
    const o = await createTestOrg(t);
    const missing = await o.request({ method: 'PATCH', url: '/api/v1/webhooks/nope', body: { name: 'x' } });
    expect(missing.statusCode).toBe(404);
    const id = await create(o, { url: nextUrl(), events: ['TASK/CREATED'] });
    const bad = await o.request({ method: 'PATCH', url: `/api/v1/webhooks/${id}`, body: { events: ['TASK/NOPE'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.data).toEqual({
      errors: [{ attr: 'events.0', code: 'invalid', detail: 'unknown event type TASK/NOPE' }],
    });
    expect((await get(o, id)).data).toMatchObject({ events: ['TASK/CREATED'] });
  });
});

describe('DELETE /api/v1/webhooks/{id}', () => {
  it('refuses an enabled webhook, deletes a disabled one, 404s an unknown one', async () => {
    const o = await createTestOrg(t);
    const id = await create(o, { url: nextUrl(), events: [], enabled: true });
    const refused = await o.request({ method: 'DELETE', url: `/api/v1/webhooks/${id}` });
    expect(refused.statusCode).toBe(400);
    expect(refused.data).toEqual({
      errors: [{ code: 'invalid_state', detail: 'webhook must be disabled before it can be deleted' }],
    });
    expect((await get(o, id)).statusCode).toBe(200);
    await o.request({ method: 'PATCH', url: `/api/v1/webhooks/${id}`, body: { enabled: false } });
    expect((await o.request({ method: 'DELETE', url: `/api/v1/webhooks/${id}` })).statusCode).toBe(204);
    expect((await get(o, id)).statusCode).toBe(404);
    expect((await o.request({ method: 'DELETE', url: `/api/v1/webhooks/${id}` })).statusCode).toBe(404);
  });
});

describe('delivery log and redeliver (Hearth extension)', () => {
  it('an unknown webhook or delivery is 404; a new webhook has an empty log', async () => {
    const o = await createTestOrg(t);
    expect((await o.request({ method: 'GET', url: '/api/v1/webhooks/nope/deliveries' })).statusCode).toBe(404);
    const id = await create(o, { url: nextUrl(), events: [] });
    const log = await o.request({ method: 'GET', url: `/api/v1/webhooks/${id}/deliveries` });
    expect(log.statusCode).toBe(200);
    expect(log.data).toEqual([]);
    const res = await o.request({ method: 'POST', url: `/api/v1/webhooks/${id}/deliveries/nope/redeliver` });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'delivery does not exist' }] });
  });
});
