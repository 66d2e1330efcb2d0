import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TEventType } from '@hearth/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent } from '../../src/events/outbox.js';
import { createTestOrg, useTestApp } from '../helpers.js';

const t = useTestApp();
let baseUrl = '';
beforeAll(async () => {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterEach(() => t.clock.reset());
afterAll(() => t.clock.reset());

const NOW = new Date('2033-05-06T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;

async function addEvent(orgId: string, type: TEventType, at: Date, content: Record<string, unknown> = {}) {
  return t.db
    .transaction()
    .execute((trx) => appendEvent(trx, orgId, { type, initiator: { id: 'u1', type: 'API' }, content, occurredAt: at }));
}

function lines(body: string): Record<string, unknown>[] {
  return body
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe('GET /events', () => {
  it('streams the org’s events of the asked entities as JSON Lines, oldest first, in the exact envelope', async () => {
    t.clock.set(NOW);
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const created = await addEvent(o.org.id, 'CONVERSATION/CREATED', ago(50 * MIN), { conversationId: 'c1' });
    const assignee = await addEvent(o.org.id, 'CONVERSATION_ASSIGNEE/UPDATED', ago(40 * MIN));
    const status = await addEvent(o.org.id, 'CONVERSATION_STATUS/UPDATED', ago(40 * MIN));
    const task = await addEvent(o.org.id, 'TASK/CREATED', ago(30 * MIN), { taskId: 't1' });
    await addEvent(o.org.id, 'CUSTOMER_PROFILE/CREATED', ago(20 * MIN));
    const merged = await addEvent(o.org.id, 'CUSTOMER/MERGED', ago(10 * MIN));
    await addEvent(o.org.id, 'EXPORT_JOB/COMPLETED', ago(10 * MIN));
    await addEvent(o.org.id, 'TASK/CLOSED', ago(25 * HOUR));
    await addEvent(other.org.id, 'TASK/CREATED', ago(30 * MIN));

    const startAt = ago(HOUR).toISOString();
    const res = await o.request({
      method: 'GET',
      url: `/api/v1/events?startAt=${startAt}&entities=CONVERSATION&entities=TASK&entities=CUSTOMER`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-jsonlines');
    const events = lines(res.body);
    expect(events.map((e) => e.id)).toEqual([created, assignee, status, task, merged]);
    expect(events[0]).toEqual({
      id: created,
      type: 'CONVERSATION/CREATED',
      timestamp: ago(50 * MIN).toISOString(),
      initiator: { id: 'u1', type: 'API' },
      content: { conversationId: 'c1' },
    });
    for (const e of events) expect(Object.keys(e)).toEqual(['id', 'type', 'timestamp', 'initiator', 'content']);
    expect(res.body.endsWith('\n')).toBe(true);

    const profiles = await o.request({
      method: 'GET',
      url: `/api/v1/events?startAt=${startAt}&entities=CUSTOMER_PROFILE`,
    });
    expect(lines(profiles.body).map((e) => e.type)).toEqual(['CUSTOMER_PROFILE/CREATED']);
  });

  it('takes startAt inclusive and endAt exclusive, and tolerates a + offset decoded to a space', async () => {
    t.clock.set(NOW);
    const o = await createTestOrg(t);
    const a = await addEvent(o.org.id, 'TASK/CREATED', ago(3 * HOUR));
    const b = await addEvent(o.org.id, 'TASK/CLOSED', ago(2.5 * HOUR));
    await addEvent(o.org.id, 'TASK/REOPENED', ago(2 * HOUR));
    await addEvent(o.org.id, 'TASK/CREATED', ago(3 * HOUR + 1));
    // 09:00Z written as 11:00+02:00 with the + unencoded, as Gladly's events-wfm sample sends it.
    const res = await o.request({
      method: 'GET',
      url: '/api/v1/events?startAt=2033-05-06T11:00:00+02:00&endAt=2033-05-06T10:00:00.000Z&entities=TASK',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(lines(res.body).map((e) => e.id)).toEqual([a, b]);
    expect(ago(3 * HOUR).toISOString()).toBe('2033-05-06T09:00:00.000Z');
  });

  it('serves an event only once it is a few seconds old, so a cursor never skips a slower commit', async () => {
    t.clock.set(NOW);
    const o = await createTestOrg(t);
    const fresh = await addEvent(o.org.id, 'TASK/CREATED', ago(1_000));
    const url = `/api/v1/events?startAt=${ago(MIN).toISOString()}&entities=TASK`;
    expect((await o.request({ method: 'GET', url })).body).toBe('');
    t.clock.advance(5_000);
    expect(lines((await o.request({ method: 'GET', url })).body).map((e) => e.id)).toEqual([fresh]);
  });

  it('answers 200 with an empty body when nothing matches', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({
      method: 'GET',
      url: `/api/v1/events?startAt=${new Date(Date.now() - HOUR).toISOString()}&entities=AGENT_STATUS`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });

  it('streams a long result in several chunks, page after page, in order', async () => {
    t.clock.set(NOW);
    const o = await createTestOrg(t);
    await t.db
      .insertInto('outbox_events')
      .values(
        Array.from({ length: 1600 }, (_, i) => ({
          id: `ev-${o.org.id}-${String(i).padStart(5, '0')}`,
          org_id: o.org.id,
          type: 'CONTACT/MESSAGE_RECEIVED',
          // Pairs share a timestamp: the page boundary must order them by seq and lose none.
          occurred_at: ago(HOUR - Math.floor(i / 2) * 1000),
          initiator: JSON.stringify({ id: 'c1', type: 'CUSTOMER' }),
          content: JSON.stringify({ messageId: `m${i}`, padding: 'x'.repeat(80) }),
        })),
      )
      .execute();
    const received = await new Promise<{ headers: http.IncomingHttpHeaders; parts: number; body: string }>(
      (resolve, reject) => {
        const url = `${baseUrl}/api/v1/events?startAt=${ago(2 * HOUR).toISOString()}&entities=CONTACT`;
        http
          .get(url, { headers: { host: o.host, authorization: o.apiUser.authorization } }, (res) => {
            let parts = 0;
            const buffers: Buffer[] = [];
            res.on('data', (b: Buffer) => {
              parts += 1;
              buffers.push(b);
            });
            res.on('end', () => resolve({ headers: res.headers, parts, body: Buffer.concat(buffers).toString() }));
            res.on('error', reject);
          })
          .on('error', reject);
      },
    );
    expect(received.headers['content-type']).toBe('application/x-jsonlines');
    expect(received.headers['transfer-encoding']).toBe('chunked');
    expect(received.headers['content-length']).toBeUndefined();
    expect(received.parts).toBeGreaterThan(1);
    const ids = lines(received.body).map((e) => e.id);
    expect(ids).toEqual(Array.from({ length: 1600 }, (_, i) => `ev-${o.org.id}-${String(i).padStart(5, '0')}`));
  });
});

describe('GET /events refusals', () => {
  const within = () => new Date(NOW.getTime() - HOUR).toISOString();
  it.each([
    ['no startAt', () => 'entities=TASK', { attr: 'startAt', code: 'blank', detail: 'startAt cannot be blank' }],
    [
      'a startAt that is not a timestamp',
      () => 'startAt=yesterday&entities=TASK',
      { attr: 'startAt', code: 'invalid', detail: 'startAt must be an RFC 3339 timestamp' },
    ],
    [
      'a startAt older than 24 hours',
      () => `startAt=${new Date(NOW.getTime() - 24 * HOUR - 1).toISOString()}&entities=TASK`,
      { attr: 'startAt', code: 'invalid', detail: 'startAt must be within the last 24 hours' },
    ],
    [
      'a startAt in the future',
      () => `startAt=${new Date(NOW.getTime() + MIN).toISOString()}&entities=TASK`,
      { attr: 'startAt', code: 'invalid', detail: 'startAt must be within the last 24 hours' },
    ],
    [
      'an endAt that is not a timestamp',
      () => `startAt=${within()}&endAt=soon&entities=TASK`,
      { attr: 'endAt', code: 'invalid', detail: 'endAt must be an RFC 3339 timestamp' },
    ],
    [
      'an endAt before startAt',
      () => `startAt=${within()}&endAt=${new Date(NOW.getTime() - 2 * HOUR).toISOString()}&entities=TASK`,
      { attr: 'startAt', code: 'invalid', detail: 'endAt must occur after startAt' },
    ],
    [
      'an endAt equal to startAt',
      () => `startAt=${within()}&endAt=${within()}&entities=TASK`,
      { attr: 'startAt', code: 'invalid', detail: 'endAt must occur after startAt' },
    ],
    [
      'no entities',
      () => `startAt=${within()}`,
      { attr: 'entities', code: 'blank', detail: 'entities cannot be blank' },
    ],
    [
      'an unknown entity',
      () => `startAt=${within()}&entities=TASK&entities=EXPORT_JOB`,
      {
        attr: 'entities',
        code: 'invalid',
        detail:
          'unknown entity [EXPORT_JOB]; expected one of AGENT_AVAILABILITY, AGENT_STATUS, CONTACT, CONVERSATION, ' +
          'CUSTOMER, CUSTOMER_PROFILE, PAYMENT_REQUEST, TASK',
      },
    ],
  ])('400 for %s', async (_name, query, error) => {
    t.clock.set(NOW);
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: `/api/v1/events?${query()}` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.data).toEqual({ errors: [error] });
  });

  it('401 in the JSON envelope without credentials', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({
      method: 'GET',
      url: `/api/v1/events?startAt=${new Date().toISOString()}&entities=TASK`,
      authorization: null,
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });
});
