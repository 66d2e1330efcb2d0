import { z } from 'zod';

const ZIds = z.array(z.string().min(1).max(100)).min(1).max(500);
const ZSecondsCondition = z
  .number()
  .int()
  .min(0)
  .max(10 * 365 * 24 * 3600);
const ZKey = z.string().trim().min(1).max(200);
const CHANNELS = [
  'PHONE_CALL',
  'CHAT',
  'SMS',
  'FB_MESSENGER',
  'INSTAGRAM_DIRECT',
  'WHATSAPP',
  'CUSTOM_CHANNEL',
  'EMAIL',
  'VOICEMAIL',
  'TASK',
] as const;

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}

/** One People Match condition, exactly the engine's TBoostCondition (engine/routing-types.ts). */
export const ZBoostCondition = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('SKILLS'),
      match: z.enum(['ALL', 'ANY']),
      skills: z.array(z.string().trim().min(1).max(200)).min(1).max(500),
    })
    .strict(),
  z.object({ kind: z.literal('CHANNEL'), channels: z.array(z.enum(CHANNELS)).min(1) }).strict(),
  z.object({ kind: z.literal('INBOX'), op: z.enum(['INCLUDES', 'EXCLUDES']), inboxIds: ZIds }).strict(),
  z.object({ kind: z.literal('TRANSFER_STATUS'), status: z.enum(['INITIAL', 'REMATCHING']) }).strict(),
  z
    .object({ kind: z.literal('DUE'), op: z.enum(['DUE_IN', 'OVERDUE', 'OVERDUE_BY']), seconds: ZSecondsCondition })
    .strict(),
  z
    .object({
      kind: z.literal('WAIT_TIME'),
      op: z.enum(['LONGER_THAN', 'SHORTER_THAN']),
      seconds: ZSecondsCondition,
    })
    .strict(),
  z.object({ kind: z.literal('TOPICS'), match: z.enum(['ANY', 'ALL']), topicIds: ZIds }).strict(),
  z
    .object({
      kind: z.literal('STRING_ATTRIBUTE'),
      key: ZKey,
      op: z.enum(['CONTAINS', 'NOT_CONTAINS']),
      mode: z.enum(['ANY', 'ONLY', 'REGEX', 'WORDS']),
      values: z.array(z.string().min(1).max(500)).min(1).max(200),
    })
    .strict()
    .refine((c) => c.mode !== 'REGEX' || c.values.every(compiles), {
      message: 'every value must be a valid regular expression',
      path: ['values'],
    }),
  z
    .object({
      kind: z.literal('NUMBER_ATTRIBUTE'),
      key: ZKey,
      negate: z.boolean(),
      comparator: z.enum(['EQ', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN']),
      value: z.number().finite(),
      upper: z.number().finite().optional(),
    })
    .strict()
    .refine((c) => c.comparator !== 'BETWEEN' || (c.upper !== undefined && c.upper >= c.value), {
      message: 'BETWEEN needs an upper bound not below value',
      path: ['upper'],
    }),
]);

const ZPoints = z.union([z.literal(1), z.literal(3), z.literal(5), z.literal(10)]);
const ZBoostName = z.string().trim().min(1).max(200);
const ZConditions = z.array(ZBoostCondition).max(50);

export const ZBoost = z.object({
  id: z.string(),
  name: z.string(),
  points: z.number().int(),
  enabled: z.boolean(),
  conditions: z.array(z.record(z.string(), z.unknown())),
});

export const ZCreateBoostBody = z
  .object({ name: ZBoostName, points: ZPoints, enabled: z.boolean().optional(), conditions: ZConditions.optional() })
  .strict();
export type TCreateBoostBody = z.infer<typeof ZCreateBoostBody>;

export const ZUpdateBoostBody = z
  .object({ name: ZBoostName, points: ZPoints, enabled: z.boolean(), conditions: ZConditions })
  .partial()
  .strict();
export type TUpdateBoostBody = z.infer<typeof ZUpdateBoostBody>;

export const ZBoostParams = z.object({ id: z.string().min(1).max(100) });
