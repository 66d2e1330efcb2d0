import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnHearth } from './cli-helpers.js';

// What `npm start` does on a fresh machine: no DATABASE_URL, so Hearth runs its own PostgreSQL under the data
// directory, and stops it again on SIGTERM; the next start finds the data where it left it.
describe('hearth start on its embedded PostgreSQL (a real process)', () => {
  let dataDir: string;
  let pgPort: number;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'hearth-embedded-'));
    // Under root, PostgreSQL runs as the `postgres` user, which must be able to reach the directory.
    await chmod(dataDir, 0o755);
    pgPort = await freePort();
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const env = () => ({
    DATABASE_URL: '',
    HEARTH_DATA_DIR: dataDir,
    HEARTH_EMBEDDED_PG_PORT: String(pgPort),
    HEARTH_PORT: '0',
    HEARTH_HOST: '127.0.0.1',
  });

  it('initialises the data directory, serves the demo org, stops PostgreSQL on SIGTERM, and reuses the data', async () => {
    const first = spawnHearth(['start', '--roles=api'], env());
    let url: string | undefined;
    try {
      const output = await first.waitFor('Press Ctrl-C to stop.');
      url = /Hearth is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      expect(output).toContain(`embedded PostgreSQL in ${dataDir}`);
      expect(output).toContain('A demo organization was created');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    } finally {
      first.child.kill('SIGKILL');
    }
    // A clean stop leaves no running server behind: its pid file is gone and its port is free again.
    expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(await portIsFree(pgPort)).toBe(true);

    const second = spawnHearth(['start', '--roles=api'], env());
    try {
      const output = await second.waitFor('Press Ctrl-C to stop.');
      expect(output).not.toContain('A demo organization was created');
      expect(output).toContain('api@demo.example.com');
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      second.child.kill('SIGKILL');
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
