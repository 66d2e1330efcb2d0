import { describe, expect, it } from 'vitest';
import { createTestOrg, useTestApp } from '../helpers.js';
import { expectError, signInAs } from './presence-helpers.js';

const t = useTestApp();

type TReason = { id: string; kind: string; name: string; isDefault: boolean; disabled: boolean };

describe('status reasons', () => {
  it('are seeded once per org and readable by any signed-in user', async () => {
    const o = await createTestOrg(t);
    const agent = await signInAs(t, o, ['AGENT']);
    const res = await agent.request({ method: 'GET', url: '/api/internal/status-reasons' });
    expect(res.statusCode).toBe(200);
    const list = res.data as TReason[];
    expect(list.map((r) => [r.kind, r.name, r.isDefault, r.disabled])).toEqual([
      ['ACTIVE', 'Working', true, false],
      ['AWAY', 'Break', false, false],
      ['AWAY', 'Lunch', false, false],
      ['AWAY', 'Meeting', false, false],
      ['AWAY', 'Training', false, false],
    ]);
    const again = await agent.request({ method: 'GET', url: '/api/internal/status-reasons' });
    expect(again.data).toEqual(list);
    const other = await createTestOrg(t);
    const otherAgent = await signInAs(t, other, ['AGENT']);
    const otherList = (await otherAgent.request({ method: 'GET', url: '/api/internal/status-reasons' }))
      .data as TReason[];
    expect(otherList).toHaveLength(5);
    expect(otherList.map((r) => r.id).filter((id) => list.some((r) => r.id === id))).toEqual([]);
  });

  it('administrators add, rename, disable reasons and move the default', async () => {
    const o = await createTestOrg(t);
    const admin = await signInAs(t, o, ['ADMINISTRATOR']);
    const created = await admin.request({
      method: 'POST',
      url: '/api/internal/status-reasons',
      body: { kind: 'AWAY', name: 'Coaching' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.data).toEqual({
      id: expect.any(String),
      kind: 'AWAY',
      name: 'Coaching',
      isDefault: false,
      disabled: false,
    });
    const id = (created.data as TReason).id;
    const renamed = await admin.request({
      method: 'PATCH',
      url: `/api/internal/status-reasons/${id}`,
      body: { name: '1:1 coaching', disabled: true },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.data).toMatchObject({ name: '1:1 coaching', disabled: true });

    const newDefault = await admin.request({
      method: 'POST',
      url: '/api/internal/status-reasons',
      body: { kind: 'ACTIVE', name: 'Work', isDefault: true },
    });
    expect(newDefault.statusCode).toBe(201);
    const list = (await admin.request({ method: 'GET', url: '/api/internal/status-reasons' })).data as TReason[];
    const defaults = list.filter((r) => r.isDefault);
    expect(defaults.map((r) => r.name)).toEqual(['Work']);

    const working = list.find((r) => r.name === 'Working') as TReason;
    const back = await admin.request({
      method: 'PATCH',
      url: `/api/internal/status-reasons/${working.id}`,
      body: { isDefault: true },
    });
    expect(back.statusCode).toBe(200);
    const after = (await admin.request({ method: 'GET', url: '/api/internal/status-reasons' })).data as TReason[];
    expect(after.filter((r) => r.isDefault).map((r) => r.name)).toEqual(['Working']);
  });

  it('the default Active reason cannot be disabled; Away reasons cannot be default', async () => {
    const o = await createTestOrg(t);
    const admin = await signInAs(t, o, ['ADMINISTRATOR']);
    const list = (await admin.request({ method: 'GET', url: '/api/internal/status-reasons' })).data as TReason[];
    const working = list.find((r) => r.name === 'Working') as TReason;
    const lunch = list.find((r) => r.name === 'Lunch') as TReason;
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/internal/status-reasons/${working.id}`,
        body: { disabled: true },
      }),
      400,
      'invalid_state',
    );
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/internal/status-reasons/${lunch.id}`,
        body: { isDefault: true },
      }),
      400,
    );
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/internal/status-reasons',
        body: { kind: 'AWAY', name: 'X', isDefault: true },
      }),
      400,
    );
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/internal/status-reasons/${working.id}`,
        body: { isDefault: false },
      }),
      400,
    );
    expectError(
      await admin.request({ method: 'POST', url: '/api/internal/status-reasons', body: { kind: 'AWAY' } }),
      400,
    );
    expectError(
      await admin.request({ method: 'POST', url: '/api/internal/status-reasons', body: { kind: 'LATER', name: 'x' } }),
      400,
    );
  });

  it('only administrators change reasons; other orgs’ reasons are 404', async () => {
    const o = await createTestOrg(t);
    const manager = await signInAs(t, o, ['TEAM_MANAGER', 'AGENT']);
    const list = (await manager.request({ method: 'GET', url: '/api/internal/status-reasons' })).data as TReason[];
    expectError(
      await manager.request({ method: 'POST', url: '/api/internal/status-reasons', body: { kind: 'AWAY', name: 'x' } }),
      403,
      'forbidden',
    );
    expectError(
      await manager.request({
        method: 'PATCH',
        url: `/api/internal/status-reasons/${list[0]?.id}`,
        body: { name: 'x' },
      }),
      403,
      'forbidden',
    );
    const other = await createTestOrg(t);
    const otherAdmin = await signInAs(t, other, ['ADMINISTRATOR']);
    expectError(
      await otherAdmin.request({
        method: 'PATCH',
        url: `/api/internal/status-reasons/${list[1]?.id}`,
        body: { name: 'stolen' },
      }),
      404,
      'not_exist',
    );
  });
});
