import { z } from 'zod';

export const ZStatusReason = z.object({
  id: z.string(),
  kind: z.enum(['ACTIVE', 'AWAY']),
  name: z.string(),
  isDefault: z.boolean(),
  disabled: z.boolean(),
});

const ZReasonName = z.string().trim().min(1).max(100);

export const ZCreateStatusReasonBody = z
  .object({ kind: z.enum(['ACTIVE', 'AWAY']), name: ZReasonName, isDefault: z.boolean().optional() })
  .strict();
export type TCreateStatusReasonBody = z.infer<typeof ZCreateStatusReasonBody>;

export const ZUpdateStatusReasonBody = z
  .object({ name: ZReasonName, isDefault: z.literal(true), disabled: z.boolean() })
  .partial()
  .strict();
export type TUpdateStatusReasonBody = z.infer<typeof ZUpdateStatusReasonBody>;

export const ZStatusReasonParams = z.object({ id: z.string().min(1).max(100) });
