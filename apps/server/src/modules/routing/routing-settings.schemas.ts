import { z } from 'zod';

const ZSeconds = z
  .number()
  .int()
  .min(0)
  .max(7 * 24 * 3600);
const ZTimeouts = z
  .object({ VOICE: ZSeconds.min(1), MESSAGING: ZSeconds.min(1), MAIL: ZSeconds.min(1), TASK: ZSeconds.min(1) })
  .strict();

const inboxConfigShape = {
  offerTimeoutSeconds: ZTimeouts,
  messagingAutoAssign: z.boolean(),
  nextMessageDelaySeconds: ZSeconds,
  declineGraceSeconds: ZSeconds,
  // Longer values are accepted and capped at 24 h when stored (spec 2.4: 24 h is a hard maximum).
  messagingAutoEndSeconds: z
    .number()
    .int()
    .min(1)
    .max(10 * 365 * 24 * 3600),
};

export const ZInboxRoutingConfig = z.object(inboxConfigShape).strict();
/** A partial config: for overrides and for PUT's defaults (merged onto the current ones). */
export const ZPartialInboxRoutingConfig = z
  .object({ ...inboxConfigShape, offerTimeoutSeconds: ZTimeouts.partial() })
  .partial()
  .strict();

const ZIdleMinutes = z
  .number()
  .int()
  .min(1)
  .max(24 * 60)
  .nullable();

export const ZRoutingSettings = z.object({
  defaults: ZInboxRoutingConfig,
  inboxOverrides: z.record(z.string(), ZPartialInboxRoutingConfig),
  idleMinutesUntilAway: z.number().int().nullable(),
  idleMinutesUntilLogout: z.number().int().nullable(),
  sameAgentTimeLimitMinutes: z.number().int(),
});

export const ZUpdateRoutingSettingsBody = z
  .object({
    defaults: ZPartialInboxRoutingConfig,
    inboxOverrides: z.record(z.string().min(1).max(100), ZPartialInboxRoutingConfig),
    idleMinutesUntilAway: ZIdleMinutes,
    idleMinutesUntilLogout: ZIdleMinutes,
    sameAgentTimeLimitMinutes: z
      .number()
      .int()
      .min(0)
      .max(30 * 24 * 60),
  })
  .partial()
  .strict();
export type TUpdateRoutingSettingsBody = z.infer<typeof ZUpdateRoutingSettingsBody>;
