import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../src/modules/webhooks/http-sender.js';
import { startReceiver, type TReceiver } from './receiver.js';

const env = { HEARTH_ALLOW_INSECURE_WEBHOOKS: true, HEARTH_WEBHOOK_ALLOW_PRIVATE_NETWORKS: false };
let receiver: TReceiver;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

describe('postJson', () => {
  it('a receiver that never answers is a failure once the timeout passes (15 s in production)', async () => {
    receiver.respond(() => 0);
    const result = await postJson(`${receiver.base}/silent`, '{}', {}, env, 300);
    receiver.respond(() => 200);
    expect(result).toMatchObject({ ok: false, error: 'no response within 300 ms' });
  });

  it('reports a non-2xx answer as not ok, with its status, headers and body', async () => {
    receiver.respond(() => 418);
    const result = await postJson(`${receiver.base}/teapot`, '{"a":1}', { 'x-one': '1' }, env);
    receiver.respond(() => 200);
    expect(result).toMatchObject({ ok: false, status: 418, body: 'nope' });
    const got = receiver.received.find((r) => r.url === '/teapot');
    expect(got?.headers).toMatchObject({ 'x-one': '1', 'content-type': 'application/json' });
  });

  it('keeps only the first 10 KB of a long response body', async () => {
    const big = http.createServer((_req, res) => res.end('a'.repeat(25_000)));
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = big.address() as AddressInfo;
      const result = await postJson(`http://127.0.0.1:${port}/big`, '{}', {}, env);
      expect(result.ok).toBe(true);
      expect(result.body).toBe('a'.repeat(10 * 1024));
    } finally {
      big.closeAllConnections();
      big.close();
    }
  });
});
