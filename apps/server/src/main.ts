import { realpathSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { TAppContext } from './app-context.js';
import { createDemoOrgIfEmpty, loadLoginHints } from './cli/first-run.js';
import { printDemoCredentials, printLoginHints, seedProgressReporter, type TOutput } from './cli/output.js';
import { publicUrl, type TProcessRole } from './cli/process-roles.js';
import { buildProgram, runProgram } from './cli/program.js';
import { openStorage, type TStorage } from './cli/storage.js';
import type { TEnv } from './config/env.js';
import { buildApp } from './http/app.js';
import { startJobQueue, type TJobQueue } from './jobs/job-queue.js';
import { registerWorkers } from './jobs/workers.js';
import { loadSecretKey } from './lib/secret-key.js';
import { startSmtpServer, type THearthSmtpServer } from './modules/email/inbound/smtp-server.js';

export interface THearthProcess {
  /** Where the HTTP server listens (null for a process without the api/ws roles). */
  url: string | null;
  stop(): Promise<void>;
}

/**
 * One Hearth process: storage (embedded or DATABASE_URL), migrations, the first-run demo org, the job queue and,
 * by role, the HTTP API (`api`, `ws`), job workers (`worker`) and pg-boss maintenance and cron (`scheduler`).
 * Every role may run in one process (the default) or in separate processes against one PostgreSQL.
 */
export async function startHearth(options: {
  env: TEnv;
  roles: ReadonlySet<TProcessRole>;
  log: FastifyBaseLogger;
  out: TOutput;
}): Promise<THearthProcess> {
  const { env, roles, log, out } = options;
  const serveHttp = roles.has('api') || roles.has('ws');
  let storage: TStorage | undefined;
  let jobs: TJobQueue | undefined;
  let app: FastifyInstance | undefined;
  let smtp: THearthSmtpServer | undefined;
  let stopWorkers: (() => Promise<void>) | undefined;
  const stop = async () => {
    // Order matters: stop taking requests and let in-flight ones finish, then jobs, then the pool, then PostgreSQL.
    await smtp?.close().catch((err) => log.error({ err }, 'closing the SMTP server failed'));
    await app?.close().catch((err) => log.error({ err }, 'closing the HTTP server failed'));
    await stopWorkers?.().catch((err) => log.error({ err }, 'stopping the workers failed'));
    await jobs?.stop().catch((err) => log.error({ err }, 'stopping the job queue failed'));
    await storage?.close().catch((err) => log.error({ err }, 'closing the database failed'));
  };
  try {
    storage = await openStorage(env, log);
    const demo = serveHttp
      ? await createDemoOrgIfEmpty(storage.db, {
          enabled: env.HEARTH_DEMO !== false,
          onProgress: seedProgressReporter(out),
        })
      : null;
    jobs = await startJobQueue(storage.databaseUrl, {
      runMaintenance: roles.has('scheduler'),
      onError: (err) => log.error({ err }, 'job queue error'),
    });
    const ctx: TAppContext = { db: storage.db, env, jobs, log, now: () => new Date() };
    // Fail fast on a bad HEARTH_SECRET_KEY, and create the key file on the very first start rather than mid-request.
    loadSecretKey(env);
    // The api role refuses replies on channels without an adapter, so it registers the same ones the worker does.
    if (roles.has('worker')) stopWorkers = await registerWorkers(ctx, { databaseUrl: storage.databaseUrl });
    let url: string | null = null;
    if (serveHttp) {
      app = await buildApp(ctx, { realtime: { databaseUrl: storage.databaseUrl } });
      await app.listen({ host: env.HEARTH_HOST, port: env.HEARTH_PORT });
      url = publicUrl(env, (app.server.address() as AddressInfo).port);
      // Inbound email is part of the api role: whatever serves the API also takes mail (HEARTH_SMTP_PORT).
      if (roles.has('api')) smtp = await startSmtpServer(ctx);
    }
    out.line();
    out.line(
      `Hearth is running${url ? ` at ${url}` : ''} (roles: ${[...roles].join(', ')}; data: ${storage.describe})`,
    );
    if (smtp) out.line(`Receiving email over SMTP at ${smtp.host}:${smtp.port}`);
    if (url) {
      if (demo) printDemoCredentials(out, demo, url);
      else printLoginHints(out, await loadLoginHints(storage.db), url);
      out.line('Press Ctrl-C to stop.');
    }
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The process entry point (bin/hearth.js, `tsx src/main.ts`). Returns the exit code. */
export async function main(argv: string[] = process.argv): Promise<number> {
  const code = await runProgram(buildProgram({ startHearth }), argv);
  // Every command closes what it opened; if a library still holds a handle, do not hang the shell.
  setTimeout(() => process.exit(code), 5_000).unref();
  return code;
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
