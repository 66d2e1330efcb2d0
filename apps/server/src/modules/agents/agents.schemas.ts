import { z } from 'zod';

export const ZAgent = z.object({ id: z.string(), name: z.string(), emailAddress: z.string() });
export const ZAgentParams = z.object({ agentId: z.string() });

export const ZCallRecorder = z.object({
  agentId: z.string(),
  customerId: z.string().optional().describe('Only while the agent is on a call'),
  conversationItemId: z.string().optional().describe('Only while the agent is on a call'),
  recording: z.boolean(),
});
export const ZCallRecorderParams = z.object({ agentIdOrEmail: z.string() });
export const ZCallRecorderPatch = z.object({ recording: z.boolean() });
