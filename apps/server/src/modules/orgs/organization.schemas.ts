import { z } from 'zod';

export const ZOrganization = z.object({
  id: z.string(),
  loginDomain: z.string(),
  name: z.string(),
  timezone: z.string().describe('IANA time zone'),
  gladlyUrl: z.string().describe('The base URL this organization is served at'),
});
