import { z } from 'zod';

export const ZInboundEntryPointParams = z.object({ entryPointId: z.string().min(1).max(100) });

export const ZInboundAccepted = z.object({ id: z.string() });

export const ZInboundEmailListQuery = z.object({
  status: z.enum(['RECEIVED', 'PROCESSED', 'DUPLICATE', 'AUTO_REPLY', 'BOUNCE', 'UNPARSEABLE']).default('UNPARSEABLE'),
});

export const ZInboundEmailSummary = z.object({
  id: z.string(),
  entryPointId: z.string(),
  receivedAt: z.string(),
  via: z.enum(['SMTP', 'HTTP']),
  mailFrom: z.string(),
  rcptTo: z.array(z.string()),
  sizeBytes: z.number(),
  status: z.string(),
  error: z.string().nullable(),
  messageId: z.string().nullable(),
  itemId: z.string().nullable(),
  conversationId: z.string().nullable(),
  processedAt: z.string().nullable(),
});
