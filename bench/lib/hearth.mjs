// What every benchmark needs to run Hearth: the built CLI, a free port, and a database of its own.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const hearthBin = path.join(root, 'apps/server/bin/hearth.js');

/** Bring dist/ up to date (tsc -b is incremental), so a benchmark always measures the current code. */
export function buildHearth() {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Run one `hearth` CLI command and return its stdout (stderr shows through). */
export function hearth(cliArgs, env) {
  return execFileSync(process.execPath, [hearthBin, ...cliArgs], {
    cwd: root,
    env: { ...process.env, HEARTH_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  }).toString();
}

export function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL kept under bench/.data/<name> between runs. */
export async function openBenchDatabase(name) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const { startEmbeddedPostgres } = await import(path.join(root, 'apps/server/dist/db/embedded-postgres.js'));
  const dataDir = path.join(root, 'bench/.data', name);
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  return { url: server.connectionString, stop: () => server.stop() };
}

export async function waitForHealth(url) {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} never became healthy`);
}
