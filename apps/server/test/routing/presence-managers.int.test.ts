import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.js';
import { loadAgentLoads } from '../../src/modules/routing/agent-states.queries.js';
import { eventsOf, makeConversation, makeCustomer, makeInbox } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { expectError, reasonsByName, signInAs } from './presence-helpers.js';

const t = useTestApp();

async function setChannel(orgId: string, conversationId: string, channel: string | null) {
  await t.db
    .updateTable('conversations')
    .set({ channel })
    .where('org_id', '=', orgId)
    .where('id', '=', conversationId)
    .execute();
}

async function makeTask(
  orgId: string,
  inboxId: string,
  customerId: string,
  agentId: string,
  status: 'OPEN' | 'CLOSED',
) {
  await t.db
    .insertInto('tasks')
    .values({
      org_id: orgId,
      id: newId(),
      customer_id: customerId,
      inbox_id: inboxId,
      agent_id: agentId,
      body: 'call back',
      due_at: new Date(Date.now() + 3_600_000),
      status,
      created_by_id: null,
      created_by_type: 'API',
      closed_at: status === 'CLOSED' ? new Date() : null,
    })
    .execute();
}

describe('GET /agent-states', () => {
  it('lists every active agent with presence and open load by channel group', async () => {
    const o = await createTestOrg(t);
    const manager = await signInAs(t, o, ['TEAM_MANAGER'], 'Manager');
    const ann = await signInAs(t, o, ['AGENT'], 'Ann');
    const bob = (await o.addUser(['AGENT'], { name: 'Bob' })).user;
    const gone = (await o.addUser(['AGENT'], { name: 'Gone' })).user;
    await t.db
      .updateTable('users')
      .set({ active: false })
      .where('org_id', '=', o.org.id)
      .where('id', '=', gone.id)
      .execute();
    const inbox = await makeInbox(t, o.org.id);
    const customer = await makeCustomer(t, o.org.id);
    const channels: [string | null, 'OPEN' | 'WAITING' | 'CLOSED'][] = [
      ['PHONE_CALL', 'OPEN'],
      ['CHAT', 'OPEN'],
      ['SMS', 'WAITING'],
      ['WHATSAPP', 'OPEN'],
      ['CUSTOM_CHANNEL', 'OPEN'],
      ['EMAIL', 'OPEN'],
      ['VOICEMAIL', 'OPEN'],
      [null, 'OPEN'],
      ['CHAT', 'CLOSED'],
      ['EMAIL', 'CLOSED'],
    ];
    for (const [channel, status] of channels) {
      const c = await makeConversation(t, o.org.id, {
        customerId: (await makeCustomer(t, o.org.id)).id,
        inboxId: inbox.id,
        agentId: ann.user.id,
        status,
      });
      await setChannel(o.org.id, c.id, channel);
    }
    await makeTask(o.org.id, inbox.id, customer.id, ann.user.id, 'OPEN');
    await makeTask(o.org.id, inbox.id, customer.id, ann.user.id, 'OPEN');
    await makeTask(o.org.id, inbox.id, customer.id, ann.user.id, 'CLOSED');

    const res = await manager.request({ method: 'GET', url: '/api/internal/agent-states' });
    expect(res.statusCode).toBe(200);
    const states = res.data as { user: { id: string; name: string }; presence: { loggedIn: boolean }; load: unknown }[];
    const names = states.map((s) => s.user.name);
    expect(names).toContain('Ann');
    expect(names).toContain('Bob');
    expect(names).toContain('Integration User');
    expect(names).not.toContain('Gone');
    expect(names).not.toContain('Manager');
    const annState = states.find((s) => s.user.id === ann.user.id);
    expect(annState).toEqual({
      user: { id: ann.user.id, name: 'Ann', email: ann.user.email },
      presence: expect.objectContaining({ userId: ann.user.id, loggedIn: true, status: 'ACTIVE' }),
      load: { voice: 1, messaging: 4, mail: 3, tasks: 2 },
    });
    const bobState = states.find((s) => s.user.id === bob.id);
    expect(bobState?.presence).toMatchObject({ loggedIn: false });
    expect(bobState?.load).toEqual({ voice: 0, messaging: 0, mail: 0, tasks: 0 });

    const loads = await loadAgentLoads(t.db, o.org.id, [bob.id]);
    expect(loads.size).toBe(0);
    const all = await loadAgentLoads(t.db, o.org.id);
    expect(all.get(ann.user.id)).toEqual({ voice: 1, messaging: 4, mail: 3, tasks: 2 });
    expect(await loadAgentLoads(t.db, o.org.id, [])).toEqual(new Map());
  });

  it('is refused to agents', async () => {
    const o = await createTestOrg(t);
    const agent = await signInAs(t, o, ['AGENT']);
    expectError(await agent.request({ method: 'GET', url: '/api/internal/agent-states' }), 403, 'forbidden');
  });
});

describe('PUT /agents/:userId/routing-profile', () => {
  it('sets skills and messaging capacity', async () => {
    const o = await createTestOrg(t);
    const admin = await signInAs(t, o, ['ADMINISTRATOR']);
    const agent = await signInAs(t, o, ['AGENT']);
    const url = `/api/internal/agents/${agent.user.id}/routing-profile`;
    const res = await admin.request({
      method: 'PUT',
      url,
      body: { skills: ['spanish', 'billing', 'spanish'], messagingCapacity: { standard: 2, maximum: 4 } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ skills: ['spanish', 'billing'], messagingCapacity: { standard: 2, maximum: 4 } });
    const mine = await agent.request({ method: 'GET', url: '/api/internal/me/presence' });
    expect(mine.data).toMatchObject({ skills: ['spanish', 'billing'], messagingCapacity: { standard: 2, maximum: 4 } });
    const skillsOnly = await admin.request({ method: 'PUT', url, body: { skills: [] } });
    expect(skillsOnly.data).toMatchObject({ skills: [], messagingCapacity: { standard: 2, maximum: 4 } });
  });

  it('team managers may; agents may not; bad input and unknown users are refused', async () => {
    const o = await createTestOrg(t);
    const manager = await signInAs(t, o, ['TEAM_MANAGER']);
    const agent = await signInAs(t, o, ['AGENT']);
    const url = `/api/internal/agents/${agent.user.id}/routing-profile`;
    expect((await manager.request({ method: 'PUT', url, body: { skills: ['vip'] } })).statusCode).toBe(200);
    expectError(await agent.request({ method: 'PUT', url, body: { skills: ['me'] } }), 403, 'forbidden');
    expectError(
      await manager.request({ method: 'PUT', url, body: { messagingCapacity: { standard: 5, maximum: 2 } } }),
      400,
    );
    expectError(
      await manager.request({ method: 'PUT', url, body: { messagingCapacity: { standard: -1, maximum: 2 } } }),
      400,
    );
    expectError(await manager.request({ method: 'PUT', url, body: { skills: 'vip' } }), 400);
    const other = await createTestOrg(t);
    const stranger = await signInAs(t, other, ['AGENT']);
    expectError(
      await manager.request({
        method: 'PUT',
        url: `/api/internal/agents/${stranger.user.id}/routing-profile`,
        body: {},
      }),
      404,
      'not_exist',
    );
  });
});

describe('POST /agents/:userId/presence', () => {
  it('a manager sets an agent Away and logs them out, as the initiator', async () => {
    const o = await createTestOrg(t);
    const manager = await signInAs(t, o, ['TEAM_MANAGER']);
    const agent = await signInAs(t, o, ['AGENT']);
    const reasons = await reasonsByName(agent);
    const url = `/api/internal/agents/${agent.user.id}/presence`;
    const away = await manager.request({
      method: 'POST',
      url,
      body: { action: 'AWAY', awayReasonId: reasons.Meeting?.id },
    });
    expect(away.statusCode).toBe(200);
    expect(away.data).toMatchObject({ status: 'AWAY', awayReason: { id: reasons.Meeting?.id, name: 'Meeting' } });
    const out = await manager.request({ method: 'POST', url, body: { action: 'LOGOUT' } });
    expect(out.statusCode).toBe(200);
    expect(out.data).toMatchObject({ loggedIn: false });
    const events = await eventsOf(t, o.org.id, ['AGENT_STATUS/WENT_AWAY', 'AGENT_STATUS/LOGGED_OUT']);
    expect(events).toEqual([
      {
        type: 'AGENT_STATUS/WENT_AWAY',
        initiator: { id: manager.user.id, type: 'AGENT' },
        content: {
          agentId: agent.user.id,
          awayReason: { id: reasons.Meeting?.id, name: 'Meeting' },
          occurredAt: expect.any(String),
        },
      },
      {
        type: 'AGENT_STATUS/LOGGED_OUT',
        initiator: { id: manager.user.id, type: 'AGENT' },
        content: { agentId: agent.user.id, occurredAt: expect.any(String) },
      },
    ]);
    expectError(await manager.request({ method: 'POST', url, body: { action: 'AWAY' } }), 400, 'invalid_state');
  });

  it('an Away without reason must get one before the agent returns', async () => {
    const o = await createTestOrg(t);
    const admin = await signInAs(t, o, ['ADMINISTRATOR']);
    const agent = await signInAs(t, o, ['AGENT']);
    const reasons = await reasonsByName(agent);
    const res = await admin.request({
      method: 'POST',
      url: `/api/internal/agents/${agent.user.id}/presence`,
      body: { action: 'AWAY' },
    });
    expect(res.data).toMatchObject({ status: 'AWAY', awayReason: null });
    const put = (body: unknown) => agent.request({ method: 'PUT', url: '/api/internal/me/presence', body });
    expectError(await put({ status: 'ACTIVE' }), 400, 'invalid_state');
    const back = await put({ status: 'ACTIVE', awayReasonId: reasons.Break?.id });
    expect(back.statusCode).toBe(200);
    const [returned] = await eventsOf(t, o.org.id, ['AGENT_STATUS/RETURNED_FROM_AWAY']);
    expect(returned?.content).toMatchObject({ awayReason: { id: reasons.Break?.id, name: 'Break' } });
  });

  it('is refused to agents, to bad actions and to other orgs’ users', async () => {
    const o = await createTestOrg(t);
    const manager = await signInAs(t, o, ['ADMINISTRATOR']);
    const agent = await signInAs(t, o, ['AGENT']);
    const colleague = await signInAs(t, o, ['AGENT']);
    expectError(
      await agent.request({
        method: 'POST',
        url: `/api/internal/agents/${colleague.user.id}/presence`,
        body: { action: 'LOGOUT' },
      }),
      403,
      'forbidden',
    );
    expectError(
      await manager.request({
        method: 'POST',
        url: `/api/internal/agents/${agent.user.id}/presence`,
        body: { action: 'DANCE' },
      }),
      400,
    );
    expectError(
      await manager.request({
        method: 'POST',
        url: `/api/internal/agents/${agent.user.id}/presence`,
        body: { action: 'AWAY', awayReasonId: 'nope' },
      }),
      400,
      'invalid_state',
    );
    const other = await createTestOrg(t);
    const stranger = await signInAs(t, other, ['AGENT']);
    expectError(
      await manager.request({
        method: 'POST',
        url: `/api/internal/agents/${stranger.user.id}/presence`,
        body: { action: 'LOGOUT' },
      }),
      404,
      'not_exist',
    );
    const strangerPresence = await stranger.request({ method: 'GET', url: '/api/internal/me/presence' });
    expect(strangerPresence.data).toMatchObject({ loggedIn: true });
  });
});
