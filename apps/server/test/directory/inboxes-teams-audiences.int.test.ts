import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.js';
import { makeInbox } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';

const t = useTestApp();

describe('GET /api/v1/inboxes', () => {
  it('lists the org’s inboxes with id, name and disabled only, by name', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const billing = await makeInbox(t, o.org.id, { name: 'Billing', slaMinutes: 30 });
    const archived = await makeInbox(t, o.org.id, { name: 'Archive', disabled: true });
    await makeInbox(t, other.org.id, { name: 'Elsewhere' });

    const res = await o.request({ method: 'GET', url: '/api/v1/inboxes' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual([
      { id: archived.id, name: 'Archive', disabled: true },
      { id: billing.id, name: 'Billing', disabled: false },
    ]);
  });

  it('an org without inboxes gets an empty array', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: '/api/v1/inboxes' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual([]);
  });

  it('GET one, 404 for unknown and for another org’s inbox', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const inbox = await makeInbox(t, o.org.id, { name: 'Support' });
    const foreign = await makeInbox(t, other.org.id);

    const one = await o.request({ method: 'GET', url: `/api/v1/inboxes/${inbox.id}` });
    expect(one.statusCode).toBe(200);
    expect(one.data).toEqual({ id: inbox.id, name: 'Support', disabled: false });

    for (const id of ['nope', foreign.id]) {
      const missing = await o.request({ method: 'GET', url: `/api/v1/inboxes/${id}` });
      expect(missing.statusCode).toBe(404);
      expect(missing.data).toEqual({ errors: [{ code: 'not_exist', detail: `inbox ${id} does not exist` }] });
    }
  });

  it('needs credentials', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: '/api/v1/inboxes', authorization: null });
    expect(res.statusCode).toBe(401);
  });
});

async function makeTeam(orgId: string, name: string, description: string, memberIds: string[]) {
  const id = newId();
  await t.db.insertInto('teams').values({ org_id: orgId, id, name, description }).execute();
  for (const userId of memberIds) {
    await t.db.insertInto('team_members').values({ org_id: orgId, team_id: id, user_id: userId }).execute();
  }
  return id;
}

// Member order is the database's; compare as sets.
function sortAgentIds(data: unknown): unknown {
  const sortOne = (team: { agentIds: string[] }) => ({ ...team, agentIds: [...team.agentIds].sort() });
  return Array.isArray(data) ? data.map(sortOne) : sortOne(data as { agentIds: string[] });
}

describe('GET /api/v1/teams', () => {
  it('lists teams with id, name, description and the ids of their active agents', async () => {
    const o = await createTestOrg(t);
    const a = await o.addUser(['AGENT']);
    const b = await o.addUser(['AGENT']);
    const gone = await o.addUser(['AGENT']);
    await t.db.updateTable('users').set({ active: false }).where('id', '=', gone.user.id).execute();
    const tier1 = await makeTeam(o.org.id, 'Tier 1', 'First line', [a.user.id, b.user.id, gone.user.id]);
    const empty = await makeTeam(o.org.id, 'Empty', '', []);

    const res = await o.request({ method: 'GET', url: '/api/v1/teams' });
    expect(res.statusCode).toBe(200);
    expect(sortAgentIds(res.data)).toEqual([
      { id: empty, name: 'Empty', description: '', agentIds: [] },
      { id: tier1, name: 'Tier 1', description: 'First line', agentIds: [a.user.id, b.user.id].sort() },
    ]);

    const one = await o.request({ method: 'GET', url: `/api/v1/teams/${tier1}` });
    expect(one.statusCode).toBe(200);
    expect(sortAgentIds(one.data)).toEqual({
      id: tier1,
      name: 'Tier 1',
      description: 'First line',
      agentIds: [a.user.id, b.user.id].sort(),
    });
  });

  it('404 for an unknown team and another org’s team', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const foreign = await makeTeam(other.org.id, 'Theirs', '', []);
    for (const id of ['nope', foreign]) {
      const res = await o.request({ method: 'GET', url: `/api/v1/teams/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: `team ${id} does not exist` }] });
    }
  });
});

describe('GET /api/v1/audiences', () => {
  it('lists the org’s audiences with id and name only', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    await t.db
      .insertInto('audiences')
      .values([
        { org_id: o.org.id, id: 'aud-vip', name: 'VIP' },
        { org_id: o.org.id, id: 'aud-all', name: 'Everyone' },
        { org_id: other.org.id, id: 'aud-x', name: 'Other org' },
      ])
      .execute();
    const res = await o.request({ method: 'GET', url: '/api/v1/audiences' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual([
      { id: 'aud-all', name: 'Everyone' },
      { id: 'aud-vip', name: 'VIP' },
    ]);
  });

  it('empty array when there are none', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'GET', url: '/api/v1/audiences' });
    expect(res.data).toEqual([]);
  });
});

describe('OpenAPI', () => {
  it('documents the directory paths and hides the internal API', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const doc = JSON.parse(res.body) as { paths: Record<string, unknown> };
    for (const path of [
      '/api/v1/inboxes',
      '/api/v1/inboxes/{inboxId}',
      '/api/v1/teams',
      '/api/v1/teams/{teamId}',
      '/api/v1/audiences',
      '/api/v1/topics',
      '/api/v1/topics/{topicId}',
      '/api/v1/custom-attributes/{customAttributeId}',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/internal/auth'))).toEqual([]);
  });
});
