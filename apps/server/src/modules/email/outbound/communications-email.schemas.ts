import { z } from 'zod';
import { zText } from '../../items/content-validation.js';

/** Gladly's limit is "under 1,000 characters" (API spec 4.8). */
export const SUBJECT_MAX = 999;
const BODY_MAX = 500_000;

export const ZSendEmailBody = z.object({
  to: z.array(z.object({ email: zText().trim().min(1).max(254), name: zText().max(200).nullish() })),
  from: zText().trim().min(1).max(254),
  subject: zText().max(SUBJECT_MAX),
  body: z.object({ html: zText().max(BODY_MAX).nullish(), text: zText().max(BODY_MAX).nullish() }),
});
export type TSendEmailBody = z.infer<typeof ZSendEmailBody>;

export const ZSendEmailResult = z.object({ customerId: z.string(), conversationItemId: z.string() });
