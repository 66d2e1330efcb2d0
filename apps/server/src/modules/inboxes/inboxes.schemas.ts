import { z } from 'zod';

export const ZInbox = z.object({ id: z.string(), name: z.string(), disabled: z.boolean() });
export const ZInboxParams = z.object({ inboxId: z.string() });

/** What admins and team managers see and edit in the web app; the public API shows only ZInbox. */
export const ZInboxDetail = ZInbox.extend({ slaMinutes: z.number().int(), memberIds: z.array(z.string()) });

const ZName = z.string().trim().min(1).max(200);
const ZSlaMinutes = z.number().int().min(1).max(525_600);
const ZMemberIds = z.array(z.string()).max(10_000);

export const ZCreateInboxBody = z.object({
  name: ZName,
  slaMinutes: ZSlaMinutes,
  memberIds: ZMemberIds.optional(),
  disabled: z.boolean().optional(),
});
export type TCreateInboxBody = z.infer<typeof ZCreateInboxBody>;

export const ZUpdateInboxBody = z.object({
  name: ZName.optional(),
  slaMinutes: ZSlaMinutes.optional(),
  memberIds: ZMemberIds.optional(),
  disabled: z.boolean().optional(),
});
export type TUpdateInboxBody = z.infer<typeof ZUpdateInboxBody>;
