import { z } from 'zod';

export const ZUser = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});
export const ZUserParams = z.object({ userId: z.string() });

export const ZCreateUserBody = z.object({
  email: z.string().trim().min(1).max(320),
  name: z.string().trim().min(1).max(200),
  roles: z.array(z.string().max(50)).max(20),
  password: z.string().max(1024).optional(),
});

export const ZUpdateUserBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  roles: z.array(z.string().max(50)).max(20).optional(),
  active: z.boolean().optional(),
});
export type TUpdateUserBody = z.infer<typeof ZUpdateUserBody>;

export const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const ZApiTokenParams = z.object({ tokenId: z.string() });
export const ZCreateApiTokenBody = z.object({ name: z.string().trim().min(1).max(100) });
export const ZCreatedApiToken = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string().describe('Shown once; only its SHA-256 is stored'),
});
