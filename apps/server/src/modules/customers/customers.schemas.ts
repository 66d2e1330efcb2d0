import { z } from 'zod';

/** Text PostgreSQL can store: a NUL character is refused here as `invalid` rather than failing in the database. */
const ZText = z.string().refine((text) => !text.includes('\u0000'), 'must not contain NUL characters');

export const SMS_PREFERENCES = ['ON', 'OFF', 'FORBIDDEN'] as const;
export const PHONE_TYPES = ['HOME', 'MOBILE', 'OFFICE'] as const;

// Request shapes are lenient on purpose (API spec 3.7): a GET body sent back whole carries read-only fields
// (`id`, `createdAt`, `normalized`, `externalCustomerIds`, `type: ""`) that are accepted and ignored.

const ZEmailIn = z.object({
  original: ZText,
  normalized: z.unknown().optional(),
  primary: z.boolean().nullish(),
});

const ZPhoneIn = z.object({
  original: ZText,
  normalized: z.unknown().optional(),
  extension: ZText.nullish(),
  regionCode: ZText.nullish(),
  primary: z.boolean().nullish(),
  smsPreference: z.enum(SMS_PREFERENCES).nullish(),
  // `""` (and absence) mean OTHER: that is what GET shows for a phone without a type.
  type: z.union([z.enum(PHONE_TYPES), z.literal('')]).nullish(),
});

const ZProfileFields = {
  name: ZText.max(1000).nullish(),
  image: ZText.max(2048).nullish(),
  address: ZText.max(2000).nullish(),
  emails: z.array(ZEmailIn).max(100).nullish(),
  phones: z.array(ZPhoneIn).max(100).nullish(),
  externalCustomerId: ZText.max(1000).nullish(),
  customAttributes: z.record(ZText, ZText).nullish(),
};

export const ZCreateCustomerBody = z.object({ id: ZText.nullish(), ...ZProfileFields });
export type TCreateCustomerBody = z.infer<typeof ZCreateCustomerBody>;

export const ZUpdateCustomerBody = z.object(ZProfileFields);
export type TUpdateCustomerBody = z.infer<typeof ZUpdateCustomerBody>;

export type TEmailBody = z.infer<typeof ZEmailIn>;
export type TPhoneBody = z.infer<typeof ZPhoneIn>;

export const ZCustomerIdParams = z.object({ customerId: ZText });

export const ZSearchCustomersQuery = z.object({
  email: ZText.optional(),
  phoneNumber: ZText.optional(),
  externalCustomerId: ZText.optional(),
});

export const ZEmail = z.object({ original: z.string(), normalized: z.string(), primary: z.boolean() });

export const ZPhone = z.object({
  original: z.string(),
  normalized: z.string(),
  extension: z.string().optional(),
  regionCode: z.string(),
  primary: z.boolean(),
  smsPreference: z.enum(SMS_PREFERENCES).optional(),
  type: z.union([z.enum(PHONE_TYPES), z.literal('')]).optional(),
});

/** The customer profile object (API spec 4.2). */
export const ZCustomerProfile = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string().optional(),
  address: z.string(),
  emails: z.array(ZEmail),
  phones: z.array(ZPhone),
  externalCustomerId: z.string().optional(),
  externalCustomerIds: z.record(z.string(), z.string()).optional(),
  customAttributes: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TCustomerProfileJson = z.infer<typeof ZCustomerProfile>;

export const ZMergeCustomersBody = z.object({ sourceCustomerId: ZText.min(1) });
export const ZMergeCustomersResult = z.object({ customerId: z.string(), conversationId: z.string().optional() });
