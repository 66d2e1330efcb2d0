import { z } from 'zod';

export const REOPEN_WINDOW_MAX_MINUTES = 7 * 24 * 60;

export const ZOrgSettings = z.object({
  name: z.string(),
  timezone: z.string().describe('IANA time zone'),
  reopenWindowMinutes: z.number().int(),
  topicsRequiredOnClose: z.boolean(),
});

export const ZUpdateOrgSettingsBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  timezone: z.string().trim().min(1).max(100).optional(),
  reopenWindowMinutes: z.number().int().min(0).max(REOPEN_WINDOW_MAX_MINUTES).optional(),
  topicsRequiredOnClose: z.boolean().optional(),
});
