import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { TAppContext } from '../../src/app-context.js';
import type { TJobQueue } from '../../src/jobs/job-queue.js';
import { EVENT_RETENTION_JOB, registerEventRetention } from '../../src/modules/events-api/events-retention.js';
import { EXPORT_TICK_JOB, registerExportWorker } from '../../src/modules/exports/exports-worker.js';
import { useTestApp } from '../helpers.js';

const t = useTestApp();

/** A queue that records what is registered; its handlers are not run (they sweep every org of the database). */
function recordingQueue() {
  const schedules: { name: string; cron: string }[] = [];
  const workers: string[] = [];
  const queue: TJobQueue = {
    send: async () => null,
    work: async (name) => {
      workers.push(name);
    },
    schedule: async (name, cron) => {
      schedules.push({ name, cron });
    },
    stop: async () => {},
  };
  return { queue, schedules, workers };
}

describe('background work of the Events and Export APIs', () => {
  it('runs the export tick every minute and the event purge hourly, as pg-boss cron jobs worked by workers', async () => {
    const { queue, schedules, workers } = recordingQueue();
    const ctx: TAppContext = { ...t.ctx, jobs: queue, log: pino({ level: 'silent' }) };
    await registerEventRetention(ctx);
    await registerExportWorker(ctx);
    expect(workers).toEqual([EVENT_RETENTION_JOB, EXPORT_TICK_JOB]);
    expect(schedules).toEqual([
      { name: 'events.retention', cron: '23 * * * *' },
      { name: 'exports.tick', cron: '* * * * *' },
    ]);
  });
});
