import { z } from 'zod';
import { CHANNEL_GROUPS } from './presence.presenter.js';

const ZReasonRef = z.object({ id: z.string(), name: z.string() }).nullable();
export const ZChannelGroup = z.enum(CHANNEL_GROUPS);

export const ZPresence = z.object({
  userId: z.string(),
  loggedIn: z.boolean(),
  status: z.enum(['ACTIVE', 'AWAY']),
  activeReason: ZReasonRef,
  awayReason: ZReasonRef,
  awaySince: z.string().nullable(),
  availableFor: z.array(ZChannelGroup),
  focusMode: z.boolean(),
  skills: z.array(z.string()),
  messagingCapacity: z.object({ standard: z.number().int(), maximum: z.number().int() }),
});

export const ZUpdatePresenceBody = z
  .object({
    availableFor: z.array(ZChannelGroup).max(4),
    status: z.enum(['ACTIVE', 'AWAY']),
    awayReasonId: z.string().min(1).max(100),
    activeReasonId: z.string().min(1).max(100),
    focusMode: z.boolean(),
  })
  .partial()
  .strict();

export const ZUserParams = z.object({ userId: z.string().min(1).max(100) });

export const ZManagerPresenceBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('AWAY'), awayReasonId: z.string().min(1).max(100).optional() }).strict(),
  z.object({ action: z.literal('LOGOUT') }).strict(),
]);

const ZCapacity = z.number().int().min(0).max(100);
export const ZRoutingProfileBody = z
  .object({
    skills: z.array(z.string().trim().min(1).max(200)).max(500).optional(),
    messagingCapacity: z
      .object({ standard: ZCapacity, maximum: ZCapacity })
      .strict()
      .refine((c) => c.standard <= c.maximum, {
        message: 'standard capacity must not exceed maximum',
        path: ['standard'],
      })
      .optional(),
  })
  .strict();

export const ZAgentState = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  presence: ZPresence,
  load: z.object({
    voice: z.number().int(),
    messaging: z.number().int(),
    mail: z.number().int(),
    tasks: z.number().int(),
  }),
});
