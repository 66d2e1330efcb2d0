import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/cli/storage.js';
import { createDatabase, type TDatabase } from '../../src/db/database.js';
import { bannerValue, createScratchDatabase, spawnHearth } from './cli-helpers.js';

// The real process: `hearth start` on an empty database creates the demo org and prints working credentials, a
// second start reuses it without showing secrets again, and SIGTERM ends it cleanly with exit code 0.
describe('hearth start (a real process)', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: TDatabase;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = createDatabase(scratch.url, { max: 2 });
    await migrate(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await scratch?.drop();
  });

  const env = () => ({ DATABASE_URL: scratch.url, HEARTH_PORT: '0', HEARTH_HOST: '127.0.0.1' });

  it('first start creates the demo org, prints a login and a token that work, and stops cleanly on SIGTERM', async () => {
    const hearth = spawnHearth(['start'], env());
    try {
      const output = await hearth.waitFor('Press Ctrl-C to stop.');
      const url = /Hearth is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      expect(url).toBeDefined();
      expect(bannerValue(output, 'Log in at')).toBe(`${url}/`);
      expect(bannerValue(output, 'Administrator')).toBe('admin@demo.example.com');
      expect(bannerValue(output, 'Password')).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(bannerValue(output, 'API user')).toBe('api@demo.example.com');
      const token = bannerValue(output, 'API token');
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const authorization = `Basic ${Buffer.from(`api@demo.example.com:${token}`).toString('base64')}`;
      const organization = await fetch(`${url}/api/v1/organization`, { headers: { authorization } });
      expect(organization.status).toBe(200);
      expect(await organization.json()).toMatchObject({ name: 'Hearth Demo Co.', loginDomain: 'demo' });
      const agents = (await (await fetch(`${url}/api/v1/agents`, { headers: { authorization } })).json()) as unknown[];
      expect(agents.length).toBeGreaterThanOrEqual(10);

      hearth.child.kill('SIGTERM');
      expect(await hearth.exited).toBe(0);
    } finally {
      hearth.child.kill('SIGKILL');
    }

    const orgs = await db.selectFrom('orgs').select(['slug', 'is_default']).execute();
    expect(orgs).toEqual([{ slug: 'demo', is_default: true }]);
  });

  it('a second start reuses the data: no new org, no password or token shown, a hint to mint a token', async () => {
    const hearth = spawnHearth(['start', '--roles=api'], env());
    try {
      const output = await hearth.waitFor('Press Ctrl-C to stop.');
      expect(output).toContain('(roles: api;');
      expect(output).not.toMatch(/^\s+Password\s/m);
      expect(output).not.toMatch(/^\s+API token\s/m);
      expect(bannerValue(output, 'Administrator')).toBe('admin@demo.example.com');
      expect(output).toContain('npx hearth token create --org demo --email api@demo.example.com');
      hearth.child.kill('SIGINT');
      expect(await hearth.exited).toBe(0);
    } finally {
      hearth.child.kill('SIGKILL');
    }
    const orgs = await db.selectFrom('orgs').select('slug').execute();
    expect(orgs).toEqual([{ slug: 'demo' }]);
    const users = await db.selectFrom('users').select('email').where('email', 'like', 'admin@%').execute();
    expect(users).toHaveLength(1);
  });
});
