import { z } from 'zod';

// Loose on purpose: the rules (lenient timestamps, known entities, the 24-hour window) are in events-query.ts,
// which answers with Gladly's attr and detail rather than zod's.
export const ZEventsQuery = z.object({
  startAt: z.string().min(1).describe('RFC 3339; within the last 24 hours. A `+hh:mm` offset may arrive as a space'),
  endAt: z.string().optional().describe('RFC 3339, exclusive; default now. Must be after startAt'),
  entities: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe(
      'Repeatable: AGENT_AVAILABILITY, AGENT_STATUS, CONTACT, CONVERSATION (with CONVERSATION_ASSIGNEE and ' +
        'CONVERSATION_STATUS events), CUSTOMER, CUSTOMER_PROFILE, PAYMENT_REQUEST, TASK',
    ),
});
