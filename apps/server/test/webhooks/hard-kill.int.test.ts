import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/cli/storage.js';
import { createDatabase, type TDatabase } from '../../src/db/database.js';
import { appendEvent } from '../../src/events/outbox.js';
import { createOrg } from '../../src/modules/orgs/commands/create-org.js';
import { createApiToken } from '../../src/modules/users/commands/create-api-token.js';
import { createUser } from '../../src/modules/users/commands/create-user.js';
import { createScratchDatabase, spawnHearth, type THearthChild } from '../cli/cli-helpers.js';
import { basicAuth } from '../helpers.js';

// At-least-once across a crash: a real Hearth process is killed with SIGKILL while a delivery is on the wire,
// restarted, and every event still arrives (receivers de-duplicate by event id, as Gladly's do).
const EVENTS = 300;
const KILL_AT = 80;

describe('webhook delivery survives a hard kill', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: TDatabase;
  let server: http.Server;
  let hearth: THearthChild | undefined;
  const arrivals: string[] = [];
  let onDelivery: (id: string, res: http.ServerResponse) => void = (_id, res) => res.end('ok');

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = createDatabase(scratch.url, { max: 3 });
    await migrate(db);
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string; type: string };
        if (body.type === 'PING') return res.end('pong');
        arrivals.push(body.id);
        onDelivery(body.id, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    hearth?.child.kill('SIGKILL');
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await db?.destroy();
    await scratch?.drop();
  });

  const start = async () => {
    const child = spawnHearth(['start'], {
      DATABASE_URL: scratch.url,
      HEARTH_PORT: '0',
      HEARTH_HOST: '127.0.0.1',
      HEARTH_DEMO: 'false',
      HEARTH_ALLOW_INSECURE_WEBHOOKS: 'true',
      // Both runs must open the credentials the first one sealed; and no key file lands in the working tree.
      HEARTH_SECRET_KEY: 'hearth-test-secret-key-not-for-production-use',
    });
    const output = await child.waitFor('Hearth is running at', 60_000);
    const url = /Hearth is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
    return { proc: child, url };
  };

  it('delivers every event at least once with its id after SIGKILL mid-delivery and a restart', {
    timeout: 180_000,
  }, async () => {
    const org = await createOrg(db, { slug: 'killtest', name: 'Kill test', makeDefault: true });
    const user = await createUser(db, {
      orgId: org.id,
      email: 'api@kill.example.com',
      name: 'API',
      roles: ['API_USER'],
    });
    const { token } = await createApiToken(db, { orgId: org.id, userId: user.id, name: 'test' });

    const first = await start();
    hearth = first.proc;
    const receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const created = await fetch(`${first.url}/api/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: basicAuth(user.email, token), 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiverUrl, events: ['TASK/CREATED'], enabled: true }),
    });
    expect(created.status).toBe(201);

    const killed = new Promise<void>((resolve) => {
      onDelivery = (_id, res) => {
        if (arrivals.length < KILL_AT) return res.end('ok');
        // The process dies while this request waits for its answer: the delivery is neither confirmed nor recorded.
        first.proc.child.kill('SIGKILL');
        res.destroy();
        resolve();
      };
    });
    const ids: string[] = [];
    for (let i = 0; i < EVENTS; i += 10) {
      await db.transaction().execute(async (trx) => {
        for (let j = i; j < i + 10; j++) {
          ids.push(
            await appendEvent(trx, org.id, {
              type: 'TASK/CREATED',
              initiator: { id: 'SYSTEM', type: 'SYSTEM' },
              content: { taskId: `task-${j}` },
            }),
          );
        }
      });
    }
    await killed;
    expect(await first.proc.exited).toBe('SIGKILL');
    onDelivery = (_id, res) => res.end('ok');
    const beforeRestart = new Set(arrivals).size;
    expect(beforeRestart).toBeLessThan(EVENTS);

    const second = await start();
    hearth = second.proc;
    await expect.poll(() => new Set(arrivals).size, { timeout: 60_000, interval: 200 }).toBe(EVENTS);
    expect([...new Set(arrivals)].sort()).toEqual([...ids].sort());
    // Order holds across the crash too: the first arrival of each event follows event order.
    const firstSeen = arrivals.filter((id, index) => arrivals.indexOf(id) === index);
    expect(firstSeen).toEqual(ids);
    await expect
      .poll(
        async () =>
          (await db.selectFrom('webhook_deliveries').select('status').where('org_id', '=', org.id).execute()).every(
            (d) => d.status === 'SUCCEEDED',
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
    second.proc.child.kill('SIGTERM');
    expect(await second.proc.exited).toBe(0);
  });
});
