import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { TEnv } from '../config/env.js';
import { createDatabase, type TDatabase } from '../db/database.js';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { migrateToLatest } from '../db/migrator.js';

export interface TStorage {
  databaseUrl: string;
  db: TDatabase;
  /** Where the data lives, for messages: the data directory or the server named by DATABASE_URL (no password). */
  describe: string;
  close(): Promise<void>;
}

/**
 * DATABASE_URL set: use that server and start nothing. Otherwise run the embedded PostgreSQL under HEARTH_DATA_DIR,
 * or join the one another Hearth process already runs there (so `hearth token create` works beside `hearth start`).
 * Migrations run on every open: they are idempotent, and a fresh machine needs no separate step.
 */
export async function openStorage(
  env: TEnv,
  log: FastifyBaseLogger,
  options: { migrate?: boolean; poolSize?: number } = {},
): Promise<TStorage> {
  let databaseUrl: string;
  let stopServer: () => Promise<void> = async () => {};
  let describe: string;
  if (env.DATABASE_URL) {
    databaseUrl = env.DATABASE_URL;
    describe = redactUrl(env.DATABASE_URL);
  } else {
    const dataDir = path.resolve(env.HEARTH_DATA_DIR);
    describe = `embedded PostgreSQL in ${dataDir}`;
    const url = `postgres://hearth:hearth@127.0.0.1:${env.HEARTH_EMBEDDED_PG_PORT}/hearth`;
    if (await canConnect(url)) {
      log.info({ port: env.HEARTH_EMBEDDED_PG_PORT }, 'embedded PostgreSQL is already running; joining it');
      databaseUrl = url;
    } else {
      await prepareDataDir(dataDir);
      log.info({ dataDir, port: env.HEARTH_EMBEDDED_PG_PORT }, 'starting embedded PostgreSQL');
      const recent: string[] = [];
      try {
        const server = await startEmbeddedPostgres({
          dataDir,
          port: env.HEARTH_EMBEDDED_PG_PORT,
          onLog: (message) => {
            recent.push(String(message).trim());
            if (recent.length > 20) recent.shift();
            log.debug({ postgres: String(message).trim() }, 'postgres');
          },
        });
        databaseUrl = server.connectionString;
        stopServer = guardEmbeddedStop(server, dataDir);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error ?? 'it exited during start-up');
        throw new Error(
          `Could not start the embedded PostgreSQL in ${dataDir} on port ${env.HEARTH_EMBEDDED_PG_PORT}: ${reason}\n` +
            `Its last messages:\n  ${recent.join('\n  ')}\n` +
            'Is another program using that port? Set HEARTH_EMBEDDED_PG_PORT, or DATABASE_URL to use your own server.',
        );
      }
    }
  }
  const db = createDatabase(databaseUrl, { max: options.poolSize ?? 10 });
  try {
    if (options.migrate !== false) {
      const applied = await migrate(db);
      if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');
    }
  } catch (error) {
    await db.destroy();
    await stopServer();
    throw error;
  }
  return {
    databaseUrl,
    db,
    describe,
    async close() {
      await db.destroy();
      await stopServer();
    },
  };
}

/**
 * Stop the embedded server once. On Ctrl-C the terminal signals PostgreSQL too (same process group) and it may
 * already be gone: waiting for its exit event then would hang, so a server without postmaster.pid counts as stopped.
 * If the process exits without a clean close, the `exit` hook still sends PostgreSQL its stop signal.
 */
function guardEmbeddedStop(server: { stop(): Promise<void> }, dataDir: string): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))
      ? Promise.race([server.stop(), delay(15_000, undefined, { ref: false })])
      : Promise.resolve();
    return stopping;
  };
  const onExit = () => void stop();
  process.once('exit', onExit);
  return () => {
    process.off('exit', onExit);
    return stop();
  };
}

async function prepareDataDir(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  // Run as root, PostgreSQL drops to the `postgres` user, which must be able to enter the data directory.
  if (process.getuid?.() === 0) await chmod(dataDir, 0o755).catch(() => {});
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/** The migrator works on an untyped Kysely: migrations predate the typed schema they create. */
export function migrate(db: TDatabase): Promise<string[]> {
  return migrateToLatest(db as unknown as Kysely<unknown>);
}
