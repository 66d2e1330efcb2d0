import { describe, expect, it } from 'vitest';
import { createTestOrg, useTestApp } from '../helpers.js';

// The default configuration: https only, and no target inside the server's own networks.
const t = useTestApp();

describe('webhook targets (SSRF)', () => {
  it.each([
    ['http://127.0.0.1:9/hook', 'url must use https'],
    ['https://10.0.0.1/hook', 'url resolves to a private address (10.0.0.1), which webhooks may not call'],
    ['https://169.254.169.254/latest/meta-data', 'url resolves to a linkLocal address (169.254.169.254)'],
    ['https://[::1]/hook', 'url resolves to a loopback address (::1)'],
    ['https://localhost/hook', 'loopback address'],
    ['https://0.0.0.0/hook', 'unspecified address'],
    ['https://[fd12::1]/hook', 'uniqueLocal address'],
    ['https://no-such-host.invalid/hook', 'does not resolve'],
  ])('refuses %s on create and on update, and stores nothing', async (url, detail) => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'POST', url: '/api/v1/webhooks', body: { url, events: ['TASK/CREATED'] } });
    expect(res.statusCode).toBe(400);
    const [error] = (res.data as { errors: { attr: string; code: string; detail: string }[] }).errors;
    expect(error).toMatchObject({ attr: 'url', code: 'invalid' });
    expect(error?.detail).toContain(detail);
    expect((await o.request({ method: 'GET', url: '/api/v1/webhooks' })).data).toEqual([]);

    const ok = await o.request({
      method: 'POST',
      url: '/api/v1/webhooks',
      body: { url: 'https://93.184.216.34/hook', events: ['TASK/CREATED'] },
    });
    expect(ok.statusCode).toBe(201);
    const id = String(ok.headers.location).split('/').pop();
    const patch = await o.request({ method: 'PATCH', url: `/api/v1/webhooks/${id}`, body: { url } });
    expect(patch.statusCode).toBe(400);
    expect((await o.request({ method: 'GET', url: `/api/v1/webhooks/${id}` })).data).toMatchObject({
      url: 'https://93.184.216.34/hook',
    });
  });
});
