import { describe, expect, it } from 'vitest';
import { eventsOf, makeConversation, makeCustomer, makeInbox } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { internalRequest, signIn } from '../internal/session-helpers.js';

// A small Gladly budget for the org, to show session requests do not spend from it.
const t = useTestApp({ HEARTH_API_RATE_LIMIT_PER_SECOND: '5' });

async function arrange() {
  const o = await createTestOrg(t);
  // A plain agent: no API User role, so no token would work for them.
  const agent = await signIn(t, o, ['AGENT'], 'Desk Agent');
  const inbox = await makeInbox(t, o.org.id, { memberIds: [agent.user.id] });
  const customer = await makeCustomer(t, o.org.id);
  const conversation = await makeConversation(t, o.org.id, { customerId: customer.id, inboxId: inbox.id });
  const v1 = (options: Parameters<typeof agent.request>[0]) => agent.request(options);
  return { o, agent, inbox, customer, conversation, v1 };
}

describe('/api/v1 with the web app session', () => {
  it('reads as the signed-in user without the API User role, and without the Gladly rate headers', async () => {
    const { conversation, v1 } = await arrange();
    const res = await v1({ method: 'GET', url: `/api/v1/conversations/${conversation.id}`, noCsrfHeader: true });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ id: conversation.id });
    expect(res.headers['ratelimit-limit-second']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('writes need X-Requested-With: hearth (403 envelope), and are the agent’s (initiator AGENT)', async () => {
    const { o, agent, conversation, v1 } = await arrange();
    const url = `/api/v1/conversations/${conversation.id}`;
    const refused = await v1({ method: 'PATCH', url, body: { status: { value: 'CLOSED' } }, noCsrfHeader: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.data).toEqual({
      errors: [{ code: 'forbidden', detail: 'requests that change data need the header X-Requested-With: hearth' }],
    });
    const closed = await v1({ method: 'PATCH', url, body: { status: { value: 'CLOSED' } } });
    expect(closed.statusCode).toBe(204);
    const note = await v1({ method: 'POST', url: `${url}/notes`, body: { body: 'from the desktop' } });
    expect(note.statusCode).toBe(201);
    const noCsrfNote = await v1({ method: 'POST', url: `${url}/notes`, body: { body: 'x' }, noCsrfHeader: true });
    expect(noCsrfNote.statusCode).toBe(403);

    const events = await eventsOf(t, o.org.id, ['CONVERSATION/CLOSED', 'CONVERSATION/NOTE_CREATED']);
    expect(events.map((e) => [e.type, e.initiator])).toEqual([
      ['CONVERSATION/CLOSED', { id: agent.user.id, type: 'AGENT' }],
      ['CONVERSATION/NOTE_CREATED', { id: agent.user.id, type: 'AGENT' }],
    ]);
    const noteId = (note.headers.location as string).split('/').at(-1) as string;
    const item = await t.db
      .selectFrom('conversation_items')
      .select(['initiator_id', 'initiator_type'])
      .where('org_id', '=', o.org.id)
      .where('id', '=', noteId)
      .executeTakeFirstOrThrow();
    expect(item).toEqual({ initiator_id: agent.user.id, initiator_type: 'AGENT' });
  });

  it('is for the desktop roles: an Analyst or a Task User signed in gets 403', async () => {
    const { o, conversation } = await arrange();
    for (const roles of [['ANALYST'], ['TASK_USER']] as const) {
      const user = await signIn(t, o, [...roles]);
      const res = await user.request({ method: 'GET', url: `/api/v1/conversations/${conversation.id}` });
      expect(res.statusCode).toBe(403);
      expect(res.data).toMatchObject({ errors: [{ code: 'forbidden' }] });
    }
  });

  it('refuses a forged or ended session, and a cookie of another org', async () => {
    const { conversation, agent } = await arrange();
    const b = await createTestOrg(t);
    const url = `/api/v1/conversations/${conversation.id}`;
    const forged = await agent.request({ method: 'GET', url, cookie: 'hearth_session=forged' });
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['www-authenticate']).toBeUndefined();
    const elsewhere = await internalRequest(t, b.host, { method: 'GET', url, cookie: agent.cookie });
    expect(elsewhere.statusCode).toBe(401);
    expect((await agent.request({ method: 'POST', url: '/api/internal/auth/logout' })).statusCode).toBeLessThan(300);
    expect((await agent.request({ method: 'GET', url })).statusCode).toBe(401);
  });

  it('an Authorization header wins: token requests behave as before, even with a cookie', async () => {
    const { o, agent, conversation } = await arrange();
    const url = `/api/v1/conversations/${conversation.id}`;
    const wrongToken = await agent.request({
      method: 'GET',
      url,
      headers: { authorization: `Basic ${Buffer.from(`${agent.user.email}:nope`).toString('base64')}` },
    });
    expect(wrongToken.statusCode).toBe(401);
    const token = await o.request({ method: 'GET', url });
    expect(token.statusCode).toBe(200);
    expect(token.headers['ratelimit-limit-second']).toBe('5');
    // Without any credentials it is still the Gladly 401.
    expect((await o.request({ method: 'GET', url, authorization: null })).statusCode).toBe(401);
  });

  it("spends from a per-user budget, not the org's Gladly budget", async () => {
    const { o, conversation, v1 } = await arrange();
    const url = `/api/v1/conversations/${conversation.id}`;
    // Far more than the org's 5 per second, within the user's 50.
    for (let i = 0; i < 20; i++) expect((await v1({ method: 'GET', url })).statusCode).toBe(200);
    const token = await o.request({ method: 'GET', url });
    expect(token.statusCode).toBe(200);
    expect(Number(token.headers['ratelimit-remaining-second'])).toBeGreaterThanOrEqual(3);
    // A burst well past the user's budget is refused with the Gladly 429 envelope.
    const burst = await Promise.all(Array.from({ length: 200 }, () => v1({ method: 'GET', url })));
    const limited = burst.filter((r) => r.statusCode === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.data).toEqual({
      errors: [{ code: 'rate_limited', detail: 'too many requests; the limit is per second' }],
    });
  });
});
