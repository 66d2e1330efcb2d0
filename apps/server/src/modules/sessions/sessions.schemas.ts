import { z } from 'zod';

export const ZLoginBody = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export type TLoginBody = z.infer<typeof ZLoginBody>;

export const ZSessionUser = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
});

export const ZLoginResponse = z.object({ user: ZSessionUser });

export const ZMeResponse = z.object({
  user: ZSessionUser,
  org: z.object({ id: z.string(), name: z.string(), timezone: z.string() }),
});
