import { z } from 'zod';

export const ZAgent = z.object({ id: z.string(), name: z.string(), emailAddress: z.string() });
export const ZAgentParams = z.object({ agentId: z.string() });
