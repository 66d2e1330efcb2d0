import { describe, expect, it } from 'vitest';
import { eventsOf, makeTopic } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';

const t = useTestApp();

async function topicRows(orgId: string) {
  return t.db
    .selectFrom('topics')
    .select(['id', 'name', 'disabled', 'parent_id'])
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();
}

function post(o: TTestOrg, body: unknown) {
  return o.request({ method: 'POST', url: '/api/v1/topics', body });
}

function patch(o: TTestOrg, id: string, body: unknown) {
  return o.request({ method: 'PATCH', url: `/api/v1/topics/${id}`, body });
}

describe('GET /api/v1/topics', () => {
  it('lists topics with parentId only on nested ones, by name', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const billing = await makeTopic(t, o.org.id, { name: 'Billing' });
    const refunds = await makeTopic(t, o.org.id, { name: 'refunds', parentId: billing.id, disabled: true });
    await makeTopic(t, other.org.id, { name: 'Not mine' });
    const res = await o.request({ method: 'GET', url: '/api/v1/topics' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual([
      { id: billing.id, name: 'Billing', disabled: false },
      { id: refunds.id, name: 'refunds', disabled: true, parentId: billing.id },
    ]);
    expect(Object.keys((res.data as object[])[0] as object)).toEqual(['id', 'name', 'disabled']);
  });

  it('GET one; 404 with the spec’s detail for unknown and foreign topics', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const topic = await makeTopic(t, o.org.id, { name: 'Shipping' });
    const foreign = await makeTopic(t, other.org.id);
    const one = await o.request({ method: 'GET', url: `/api/v1/topics/${topic.id}` });
    expect(one.statusCode).toBe(200);
    expect(one.data).toEqual({ id: topic.id, name: 'Shipping', disabled: false });
    for (const id of ['nope', foreign.id]) {
      const res = await o.request({ method: 'GET', url: `/api/v1/topics/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: `conversation topic ${id} does not exist` }] });
    }
  });
});

describe('POST /api/v1/topics', () => {
  it('creates with a generated id: 201, Location, no body; appends no event', async () => {
    const o = await createTestOrg(t);
    const res = await post(o, { name: '  Returns  ' });
    expect(res.statusCode).toBe(201);
    expect(res.body).toBe('');
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/api\/v1\/topics\/[A-Za-z0-9_-]{22}$/);
    const got = await o.request({ method: 'GET', url: location });
    expect(got.data).toEqual({ id: location.split('/').pop(), name: 'Returns', disabled: false });
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('accepts a client id, disabled and parentId; ignores unknown fields', async () => {
    const o = await createTestOrg(t);
    const parent = await makeTopic(t, o.org.id, { name: 'Orders' });
    const res = await post(o, { id: 'user@2:late', name: 'Late', disabled: true, parentId: parent.id, color: 'red' });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/api/v1/topics/user@2:late');
    const got = await o.request({ method: 'GET', url: '/api/v1/topics/user@2:late' });
    expect(got.data).toEqual({ id: 'user@2:late', name: 'Late', disabled: true, parentId: parent.id });
  });

  it('the same client id may be used by another org', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    expect((await post(o, { id: 'shared-id', name: 'One' })).statusCode).toBe(201);
    expect((await post(other, { id: 'shared-id', name: 'One' })).statusCode).toBe(201);
  });

  it.each([
    ['missing name', {}, { attr: 'name', code: 'blank', detail: 'name cannot be blank' }],
    ['empty name', { name: '' }, { attr: 'name', code: 'blank', detail: 'name cannot be blank' }],
    ['blank name', { name: '   ' }, { attr: 'name', code: 'blank', detail: 'name cannot be blank' }],
    ['null name', { name: null }, { attr: 'name', code: 'blank', detail: 'name cannot be blank' }],
    [
      'id with a slash',
      { id: 'a/b', name: 'X' },
      { attr: 'id', code: 'invalid', detail: 'id contains unsupported characters' },
    ],
    [
      'id with a space',
      { id: 'a b', name: 'X' },
      { attr: 'id', code: 'invalid', detail: 'id contains unsupported characters' },
    ],
    ['empty id', { id: '', name: 'X' }, { attr: 'id', code: 'invalid', detail: 'id contains unsupported characters' }],
    [
      'id of 50 characters',
      { id: 'x'.repeat(50), name: 'X' },
      { attr: 'id', code: 'invalid', detail: 'id contains unsupported characters' },
    ],
  ])('400 for %s, nothing stored', async (_name, body, error) => {
    const o = await createTestOrg(t);
    const res = await post(o, body);
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({ errors: [error] });
    expect(await topicRows(o.org.id)).toEqual([]);
  });

  it('400 for a name over 500 characters and for a non-boolean disabled', async () => {
    const o = await createTestOrg(t);
    const long = await post(o, { name: 'n'.repeat(501) });
    expect(long.statusCode).toBe(400);
    expect(long.data).toEqual({
      errors: [{ attr: 'name', code: 'too_long', detail: 'name cannot be longer than 500 characters' }],
    });
    const wrongType = await post(o, { name: 'Fine', disabled: 'yes' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.data).toMatchObject({ errors: [{ attr: 'disabled', code: 'invalid' }] });
    expect(await topicRows(o.org.id)).toEqual([]);
  });

  it('400 parentId invalid for an unknown parent (or another org’s)', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const foreign = await makeTopic(t, other.org.id);
    for (const parentId of ['ghost', foreign.id, '']) {
      const res = await post(o, { name: 'Child', parentId });
      expect(res.statusCode).toBe(400);
      expect(res.data).toEqual({
        errors: [{ attr: 'parentId', code: 'invalid', detail: `parent topic ${parentId} does not exist` }],
      });
    }
    expect(await topicRows(o.org.id)).toEqual([]);
  });

  it('409 id taken', async () => {
    const o = await createTestOrg(t);
    await post(o, { id: 'dup', name: 'First' });
    const res = await post(o, { id: 'dup', name: 'Second' });
    expect(res.statusCode).toBe(409);
    expect(res.data).toEqual({
      errors: [{ attr: 'id', code: 'taken', detail: 'the topic with specified id already exists' }],
    });
    expect(await topicRows(o.org.id)).toEqual([{ id: 'dup', name: 'First', disabled: false, parent_id: null }]);
  });

  it('409 name taken, case-insensitively, with meta.id of the holder', async () => {
    const o = await createTestOrg(t);
    const existing = await makeTopic(t, o.org.id, { name: 'Damaged Item' });
    const res = await post(o, { name: 'damaged ITEM' });
    expect(res.statusCode).toBe(409);
    expect(res.data).toEqual({
      errors: [
        { attr: 'name', code: 'taken', detail: 'another topic already has this name', meta: { id: existing.id } },
      ],
    });
    expect(await topicRows(o.org.id)).toHaveLength(1);
  });

  it('concurrent creates of one name: exactly one wins, the others get 409 (never 500)', async () => {
    const o = await createTestOrg(t);
    const results = await Promise.all(Array.from({ length: 6 }, () => post(o, { name: 'Race' })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await topicRows(o.org.id)).toHaveLength(1);
  });
});

describe('PATCH /api/v1/topics/{topicId}', () => {
  it('renames, disables and moves; 204; tolerates the id in the body; no event', async () => {
    const o = await createTestOrg(t);
    const parent = await makeTopic(t, o.org.id, { name: 'Parent' });
    const topic = await makeTopic(t, o.org.id, { name: 'Old' });
    const res = await patch(o, topic.id, { id: topic.id, name: 'New', disabled: true, parentId: parent.id });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    const got = await o.request({ method: 'GET', url: `/api/v1/topics/${topic.id}` });
    expect(got.data).toEqual({ id: topic.id, name: 'New', disabled: true, parentId: parent.id });
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('absent fields stay; parentId null makes it top-level; renaming to its own name in other case is fine', async () => {
    const o = await createTestOrg(t);
    const parent = await makeTopic(t, o.org.id, { name: 'Parent' });
    const topic = await makeTopic(t, o.org.id, { name: 'child', parentId: parent.id, disabled: true });
    expect((await patch(o, topic.id, { name: 'Child' })).statusCode).toBe(204);
    let got = await o.request({ method: 'GET', url: `/api/v1/topics/${topic.id}` });
    expect(got.data).toEqual({ id: topic.id, name: 'Child', disabled: true, parentId: parent.id });
    expect((await patch(o, topic.id, { name: 'Child', parentId: null, disabled: false })).statusCode).toBe(204);
    got = await o.request({ method: 'GET', url: `/api/v1/topics/${topic.id}` });
    expect(got.data).toEqual({ id: topic.id, name: 'Child', disabled: false });
  });

  it('404 for an unknown topic', async () => {
    const o = await createTestOrg(t);
    const res = await patch(o, 'nope', { name: 'X' });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: 'conversation topic nope does not exist' }] });
  });

  it('400 name blank (name is required by the spec); nothing changes', async () => {
    const o = await createTestOrg(t);
    const topic = await makeTopic(t, o.org.id, { name: 'Keep' });
    for (const body of [{ disabled: true }, { name: ' ' }]) {
      const res = await patch(o, topic.id, body);
      expect(res.statusCode).toBe(400);
      expect(res.data).toEqual({ errors: [{ attr: 'name', code: 'blank', detail: 'name cannot be blank' }] });
    }
    expect(await topicRows(o.org.id)).toEqual([{ id: topic.id, name: 'Keep', disabled: false, parent_id: null }]);
  });

  it('409 name taken with meta.id; nothing changes', async () => {
    const o = await createTestOrg(t);
    const holder = await makeTopic(t, o.org.id, { name: 'Taken' });
    const topic = await makeTopic(t, o.org.id, { name: 'Mine' });
    const res = await patch(o, topic.id, { name: 'TAKEN', disabled: true });
    expect(res.statusCode).toBe(409);
    expect(res.data).toEqual({
      errors: [{ attr: 'name', code: 'taken', detail: 'another topic already has this name', meta: { id: holder.id } }],
    });
    const got = await o.request({ method: 'GET', url: `/api/v1/topics/${topic.id}` });
    expect(got.data).toEqual({ id: topic.id, name: 'Mine', disabled: false });
  });

  it('400 when the topic would become its own ancestor, or the parent is unknown', async () => {
    const o = await createTestOrg(t);
    const root = await makeTopic(t, o.org.id, { name: 'Root' });
    const mid = await makeTopic(t, o.org.id, { name: 'Mid', parentId: root.id });
    const leaf = await makeTopic(t, o.org.id, { name: 'Leaf', parentId: mid.id });
    for (const parentId of [root.id, leaf.id, mid.id]) {
      const target = parentId === mid.id ? mid : root;
      const res = await patch(o, target.id, { name: target.name, parentId });
      expect(res.statusCode, parentId).toBe(400);
      expect(res.data).toEqual({
        errors: [{ attr: 'parentId', code: 'invalid', detail: 'a topic cannot be its own ancestor' }],
      });
    }
    const unknown = await patch(o, leaf.id, { name: 'Leaf', parentId: 'ghost' });
    expect(unknown.data).toEqual({
      errors: [{ attr: 'parentId', code: 'invalid', detail: 'parent topic ghost does not exist' }],
    });
    const rows = await topicRows(o.org.id);
    expect(Object.fromEntries(rows.map((r) => [r.name, r.parent_id]))).toEqual({
      Root: null,
      Mid: root.id,
      Leaf: mid.id,
    });
  });

  it('concurrent moves cannot build a cycle', async () => {
    const o = await createTestOrg(t);
    const a = await makeTopic(t, o.org.id, { name: 'A' });
    const b = await makeTopic(t, o.org.id, { name: 'B' });
    const [ab, ba] = await Promise.all([
      patch(o, a.id, { name: 'A', parentId: b.id }),
      patch(o, b.id, { name: 'B', parentId: a.id }),
    ]);
    expect([ab.statusCode, ba.statusCode].sort()).toEqual([204, 400]);
  });
});
