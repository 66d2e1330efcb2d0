import { z } from 'zod';

export const WEBHOOK_NAME_MAX = 200;
export const WEBHOOKS_PER_ORG_MAX = 20;
export const WEBHOOK_URL_MAX = 2048;

export const ZWebhook = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  hasCredentials: z.boolean().describe('Basic credentials are configured (they are never returned)'),
  headerKeys: z
    .array(z.string())
    .describe('Names of the static headers sent on every delivery (values never returned)'),
  createdAt: z.string(),
  updatedAt: z.string(),
  disabledAtDueToRetryLimit: z
    .string()
    .optional()
    .describe('When Hearth disabled the webhook after the last retry of a delivery failed'),
});
export const ZWebhookParams = z.object({ webhookId: z.string() });
export const ZDeliveryParams = z.object({ webhookId: z.string(), deliveryId: z.string() });

const ZCredentials = z
  .object({
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(500),
    realm: z.string().max(200).optional(),
  })
  .nullable()
  .describe('Write-only Basic credentials; null removes them');
// Header names are HTTP tokens; values must be sendable (no CR/LF).
const ZHeaders = z
  .record(
    z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/),
    z
      .string()
      .max(2000)
      .regex(/^[^\r\n\0]*$/),
  )
  .nullable()
  .describe('Write-only static headers sent on every delivery; null removes them');

export const ZCreateWebhookBody = z.object({
  name: z.string().trim().max(WEBHOOK_NAME_MAX).optional(),
  url: z.string().trim().min(1).max(WEBHOOK_URL_MAX),
  events: z.array(z.string()).max(100),
  enabled: z.boolean().optional(),
  credentials: ZCredentials.optional(),
  headers: ZHeaders.optional(),
});
export type TCreateWebhookBody = z.infer<typeof ZCreateWebhookBody>;

export const ZUpdateWebhookBody = ZCreateWebhookBody.partial();
export type TUpdateWebhookBody = z.infer<typeof ZUpdateWebhookBody>;

export const ZDeliveryAttempt = z.object({
  id: z.string(),
  deliveryId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  attempt: z.number().describe('1 for the first try, 2–5 for the retries'),
  status: z
    .enum(['SUCCESS', 'DEBUG', 'ERROR'])
    .describe('DEBUG: a failed attempt; ERROR: the one that disabled the webhook'),
  attemptedAt: z.string(),
  request: z.object({ url: z.string(), headers: z.record(z.string(), z.string()), body: z.string() }),
  response: z.object({
    status: z.number().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.string().optional().describe('The first 10 KB'),
    durationMs: z.number(),
    error: z.string().optional(),
  }),
});
