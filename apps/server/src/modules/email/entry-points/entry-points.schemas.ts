import { z } from 'zod';

export const ZEntryPointParams = z.object({ entryPointId: z.string() });

/** What the web app shows; the inbound secret itself is shown only when created or rotated. */
export const ZEntryPoint = z.object({
  id: z.string(),
  address: z.string(),
  kind: z.enum(['ADDRESS', 'DOMAIN']),
  displayName: z.string(),
  inboxId: z.string(),
  slaMinutes: z.number().int().nullable(),
  isDefaultFrom: z.boolean(),
  disabled: z.boolean(),
  hasInboundSecret: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZEntryPointWithSecret = ZEntryPoint.extend({ inboundSecret: z.string() });
export const ZInboundSecret = z.object({ inboundSecret: z.string() });

const ZDisplayName = z.string().trim().max(200);
const ZSlaMinutes = z.number().int().min(1).max(525_600).nullable();

export const ZCreateEntryPointBody = z.object({
  /** `support@acme.com` (one address) or `@acme.com` (every address of the domain). */
  address: z.string().trim().min(1).max(254),
  displayName: ZDisplayName.optional(),
  inboxId: z.string().min(1),
  slaMinutes: ZSlaMinutes.optional(),
  isDefaultFrom: z.boolean().optional(),
  disabled: z.boolean().optional(),
});
export type TCreateEntryPointBody = z.infer<typeof ZCreateEntryPointBody>;

export const ZUpdateEntryPointBody = z.object({
  displayName: ZDisplayName.optional(),
  inboxId: z.string().min(1).optional(),
  slaMinutes: ZSlaMinutes.optional(),
  isDefaultFrom: z.boolean().optional(),
  disabled: z.boolean().optional(),
});
export type TUpdateEntryPointBody = z.infer<typeof ZUpdateEntryPointBody>;
