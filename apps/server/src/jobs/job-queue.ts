import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { TTransaction } from '../db/database.js';

export interface TJobOptions {
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  startAfter?: Date;
  singletonKey?: string;
}

/** How a worker polls: `batchSize` jobs (pg-boss default 1) every `pollingIntervalSeconds` (default 2, min 0.5). */
export interface TWorkOptions {
  batchSize?: number;
  pollingIntervalSeconds?: number;
}

/** Durable background work on pg-boss, in the same PostgreSQL: no Redis, and a job commits with its cause. */
export interface TJobQueue {
  /** Enqueue inside the caller's transaction: the job exists if and only if the transaction commits. */
  send(trx: TTransaction, name: string, data: object, options?: TJobOptions): Promise<string | null>;
  /** Process jobs of one queue in this process (worker role). */
  work<T extends object>(name: string, handler: (data: T) => Promise<void>, options?: TWorkOptions): Promise<void>;
  /**
   * Send a job to `name` on a cron schedule (UTC). Stored in PostgreSQL, so any process may register it; the cron
   * fires only in processes with the scheduler role, and whichever worker is free takes the job.
   */
  schedule(name: string, cron: string, data?: object): Promise<void>;
  stop(): Promise<void>;
}

export async function startJobQueue(
  connectionString: string,
  options: { runMaintenance: boolean; onError?: (error: Error) => void },
): Promise<TJobQueue> {
  const boss = new PgBoss({
    connectionString,
    max: 4,
    // Maintenance and cron run only where the scheduler role runs; pg-boss itself elects one supervisor.
    supervise: options.runMaintenance,
    schedule: options.runMaintenance,
  });
  // pg-boss reports connection, cron and maintenance failures here; they must reach the log, not vanish.
  boss.on('error', options.onError ?? (() => {}));
  await boss.start();
  const created = new Set<string>();
  async function ensureQueue(name: string): Promise<void> {
    if (created.has(name)) return;
    await boss.createQueue(name);
    created.add(name);
  }
  return {
    async send(trx, name, data, jobOptions = {}) {
      await ensureQueue(name);
      const db: PgBoss.Db = {
        executeSql: async (text, values) => {
          const result = await trx.executeQuery(CompiledQuery.raw(text, values));
          return { rows: result.rows as unknown[] };
        },
      };
      return boss.send(name, data, { ...jobOptions, db });
    },
    async work(name, handler, workOptions = {}) {
      await ensureQueue(name);
      // Jobs of a batch succeed or fail one by one: pg-boss would otherwise fail (and retry) the whole batch when one
      // handler throws, spending the retries of jobs that had already succeeded. A failed job leaves the `active`
      // state, so the batch's completion at the end leaves it alone.
      await boss.work<object>(name, workOptions, async (jobs) => {
        for (const job of jobs) {
          try {
            await handler(job.data as never);
          } catch (error) {
            const err = error instanceof Error ? error : new Error(String(error));
            options.onError?.(err);
            await boss.fail(name, job.id, { message: err.message });
          }
        }
      });
    },
    async schedule(name, cron, data = {}) {
      await ensureQueue(name);
      await boss.schedule(name, cron, data, { tz: 'UTC' });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
