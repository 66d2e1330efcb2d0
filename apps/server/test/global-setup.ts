import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { startJobQueue } from '../src/jobs/job-queue.js';
import { dropDatabase } from './drop-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One PostgreSQL for the whole run: a throw-away database on DATABASE_URL when it is set (CI's second pass against
 * Debian's server), otherwise an embedded PostgreSQL in a temporary directory. Tests isolate by org, not by database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.DATABASE_URL;
  let databaseUrl: string;
  let teardown: () => Promise<void>;
  if (external) {
    const name = `hearth_test_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(external);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    teardown = () => dropDatabase(external, name);
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hearth-test-'));
    // Under root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory.
    await chmod(dataDir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    databaseUrl = server.connectionString;
    teardown = async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl }) }),
  });
  await migrateToLatest(db);
  await sql`SELECT 1`.execute(db);
  await db.destroy();
  // Create pg-boss's schema once, so each test file's queue starts without racing the others to migrate it.
  const jobs = await startJobQueue(databaseUrl, { runMaintenance: false });
  await jobs.stop();
  project.provide('databaseUrl', databaseUrl);
  return teardown;
}

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
