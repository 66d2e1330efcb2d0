import { z } from 'zod';

export const ZCustomAttribute = z.object({
  id: z.string(),
  key: z.string(),
  label: z.string(),
  deactivated: z.boolean(),
  createdAt: z.string().describe('RFC 3339 UTC'),
  createdBy: z.string().describe('Id of the user who defined it'),
});
export const ZCustomAttributeParams = z.object({ customAttributeId: z.string() });

export const ZCreateCustomAttributeBody = z.object({
  key: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.-]+$/, 'key may hold only letters, digits, dots, dashes and underscores'),
  label: z.string().trim().min(1).max(200),
});
export type TCreateCustomAttributeBody = z.infer<typeof ZCreateCustomAttributeBody>;

export const ZUpdateCustomAttributeBody = z.object({
  label: z.string().trim().min(1).max(200).optional(),
  deactivated: z.boolean().optional(),
});
export type TUpdateCustomAttributeBody = z.infer<typeof ZUpdateCustomAttributeBody>;
