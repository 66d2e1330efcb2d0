import { describe, expect, it } from 'vitest';
import { makeInbox } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { signIn } from '../internal/session-helpers.js';

const t = useTestApp();

describe('/api/internal/custom-channels', () => {
  it('administrators create, read, list and change entry points', async () => {
    const o = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    const inbox = await makeInbox(t, o.org.id);
    const created = await admin.request({
      method: 'POST',
      url: '/api/internal/custom-channels',
      body: { name: ' Acme Chat ', inboxId: inbox.id, companyAddresses: ['chat@acme', 'chat@acme', 'bot@acme'] },
    });
    expect(created.statusCode).toBe(201);
    const channel = created.data as { id: string };
    expect(created.headers.location).toBe(`/api/internal/custom-channels/${channel.id}`);
    expect(created.data).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      name: 'Acme Chat',
      inboxId: inbox.id,
      companyAddresses: ['chat@acme', 'bot@acme'],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await admin.request({ method: 'GET', url: `/api/internal/custom-channels/${channel.id}` })).data).toEqual(
      created.data,
    );
    const other = await makeInbox(t, o.org.id);
    const patched = await admin.request({
      method: 'PATCH',
      url: `/api/internal/custom-channels/${channel.id}`,
      body: { inboxId: other.id, companyAddresses: ['new@acme'] },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.data).toMatchObject({ name: 'Acme Chat', inboxId: other.id, companyAddresses: ['new@acme'] });
    const list = await admin.request({ method: 'GET', url: '/api/internal/custom-channels' });
    expect(list.data).toEqual([patched.data]);
  });

  it('refuses non-administrators, unknown inboxes, blank fields and unknown channels', async () => {
    const o = await createTestOrg(t);
    const admin = await signIn(t, o, ['ADMINISTRATOR']);
    const agent = await signIn(t, o, ['AGENT']);
    const inbox = await makeInbox(t, o.org.id);
    const body = { name: 'Chat', inboxId: inbox.id, companyAddresses: ['a@b'] };
    expect((await agent.request({ method: 'POST', url: '/api/internal/custom-channels', body })).statusCode).toBe(403);
    expect((await agent.request({ method: 'GET', url: '/api/internal/custom-channels' })).statusCode).toBe(403);

    const unknownInbox = await admin.request({
      method: 'POST',
      url: '/api/internal/custom-channels',
      body: { ...body, inboxId: 'nope' },
    });
    expect(unknownInbox.statusCode).toBe(400);
    expect(unknownInbox.data).toEqual({
      errors: [{ attr: 'inboxId', code: 'invalid', detail: 'inbox nope does not exist' }],
    });
    const noAddresses = await admin.request({
      method: 'POST',
      url: '/api/internal/custom-channels',
      body: { ...body, companyAddresses: [] },
    });
    expect(noAddresses.statusCode).toBe(400);
    expect((noAddresses.data as { errors: unknown[] }).errors[0]).toMatchObject({ attr: 'companyAddresses' });
    const blankName = await admin.request({
      method: 'POST',
      url: '/api/internal/custom-channels',
      body: { ...body, name: '' },
    });
    expect((blankName.data as { errors: unknown[] }).errors[0]).toMatchObject({ attr: 'name', code: 'blank' });
    expect((await admin.request({ method: 'GET', url: '/api/internal/custom-channels' })).data).toEqual([]);
    const missing = await admin.request({ method: 'PATCH', url: '/api/internal/custom-channels/nope', body: {} });
    expect(missing.statusCode).toBe(404);
  });
});
