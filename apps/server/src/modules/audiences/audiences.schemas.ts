import { z } from 'zod';

export const ZAudience = z.object({ id: z.string(), name: z.string() });
