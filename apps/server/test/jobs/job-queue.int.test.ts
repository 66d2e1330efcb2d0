import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startJobQueue, type TJobQueue } from '../../src/jobs/job-queue.js';
import { newId } from '../../src/lib/ids.js';
import { useTestApp } from '../helpers.js';

const t = useTestApp();
let queue: TJobQueue;
beforeAll(async () => {
  queue = await startJobQueue(inject('databaseUrl'), { runMaintenance: false });
});
afterAll(() => queue.stop());

describe('job queue', () => {
  it('fails only the job that threw: the rest of its batch completes once and is not run again', async () => {
    const name = `test.batch.${newId().replace(/[^A-Za-z0-9]/g, '')}`;
    // Sent before the worker starts, so all three arrive in one batch.
    await t.db.transaction().execute(async (trx) => {
      for (const n of [1, 2, 3]) await queue.send(trx, name, { n }, { retryLimit: 1, retryDelaySeconds: 0 });
    });
    const runs: number[] = [];
    await queue.work<{ n: number }>(
      name,
      async ({ n }) => {
        runs.push(n);
        if (n === 2) throw new Error('job 2 fails');
      },
      { batchSize: 10, pollingIntervalSeconds: 0.5 },
    );
    // Job 2 runs once, then once more on its retry; jobs 1 and 3 ran in the first batch and are done.
    await expect.poll(() => runs.filter((n) => n === 2).length, { timeout: 15_000 }).toBe(2);
    expect(runs.filter((n) => n === 1)).toEqual([1]);
    expect(runs.filter((n) => n === 3)).toEqual([3]);
  });
});
