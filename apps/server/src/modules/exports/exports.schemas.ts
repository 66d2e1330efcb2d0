import { z } from 'zod';

export const EXPORT_JOB_STATUSES = ['PENDING', 'IN_PROGRESS', 'COMPLETED', 'FAILED'] as const;

export const ZExportSchedule = z.object({
  id: z.string(),
  frequency: z.string().describe('HOURLY or DAILY'),
  type: z.string().describe('CONVERSATIONS'),
  nextStartAt: z.string().describe('Start of the next window to export'),
  updatedAt: z.string(),
});

export const ZExportJob = z.object({
  id: z.string(),
  scheduleId: z.string(),
  status: z.string().describe('PENDING, IN_PROGRESS, COMPLETED or FAILED'),
  updatedAt: z.string(),
  parameters: z.object({
    type: z.string(),
    startAt: z.string().describe('Items whose timestamp is at or after this'),
    endAt: z.string().describe('…and before this'),
  }),
  files: z.array(z.string()),
});

export const ZListJobsQuery = z.object({
  status: z.enum(EXPORT_JOB_STATUSES).optional(),
  startAt: z.string().optional().describe('Jobs updated at or after this (default: 14 days ago)'),
  endAt: z.string().optional().describe('Jobs updated before this'),
});

export const ZJobParams = z.object({ jobId: z.string() });
export const ZFileParams = z.object({ jobId: z.string(), filename: z.string() });

export const ZChangeScheduleBody = z.object({ frequency: z.enum(['HOURLY', 'DAILY']) });
