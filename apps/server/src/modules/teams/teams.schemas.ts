import { z } from 'zod';

export const ZTeam = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  agentIds: z.array(z.string()).describe('Active members of the team'),
});
export const ZTeamParams = z.object({ teamId: z.string() });

const ZName = z.string().trim().min(1).max(200);
const ZDescription = z.string().max(2000);
const ZAgentIds = z.array(z.string()).max(10_000);

export const ZCreateTeamBody = z.object({
  name: ZName,
  description: ZDescription.optional(),
  agentIds: ZAgentIds.optional(),
});
export type TCreateTeamBody = z.infer<typeof ZCreateTeamBody>;

export const ZUpdateTeamBody = z.object({
  name: ZName.optional(),
  description: ZDescription.optional(),
  agentIds: ZAgentIds.optional(),
});
export type TUpdateTeamBody = z.infer<typeof ZUpdateTeamBody>;
