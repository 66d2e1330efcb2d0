import type { FastifyBaseLogger } from 'fastify';
import type { TEnv } from './config/env.js';
import type { TDatabase } from './db/database.js';
import type { TJobQueue } from './jobs/job-queue.js';

/** What every route plugin and command may use. The clock is injectable so time-based rules test in seconds. */
export interface TAppContext {
  db: TDatabase;
  env: TEnv;
  jobs: TJobQueue;
  log: FastifyBaseLogger;
  now: () => Date;
}

export interface TRoutePluginOptions {
  ctx: TAppContext;
}
