import { TEXT_LIMITS } from '@hearth/shared';
import { z } from 'zod';
import { zText } from '../items/content-validation.js';

const ADDRESS_MAX = 500;
const NAME_MAX = 200;
const GROUP_MAX = 500;
const CAPTION_MAX = TEXT_LIMITS.replyBody;
const TEXT_MAX = 25_000;
const FILES_MAX = 10;

/** An enum whose absence reads `blank` (a string is required first) and whose wrong value reads `invalid`. */
function requiredEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return zText().pipe(z.enum(values, { error: `must be ${values.join(', ')}` }));
}

export const ZChannelParams = z.object({ customChannelId: zText() });
export const ZMessageParams = z.object({ customChannelId: zText(), messageId: zText() });

// API spec 4.8. Content is checked by the command against `type`, so its attrs read `content.…` either way.
export const ZInboundMessageBody = z.object({
  sender: z.object({
    address: zText().trim().min(1).max(ADDRESS_MAX),
    displayName: zText().trim().max(NAME_MAX).nullish(),
    profileIdentifier: z
      .object({
        type: requiredEnum(['EMAIL', 'PHONE_NUMBER']),
        address: zText().trim().min(1).max(ADDRESS_MAX),
      })
      .nullish(),
  }),
  to: zText().trim().min(1).max(ADDRESS_MAX),
  type: requiredEnum(['TEXT', 'FILES']),
  groupId: zText().trim().max(GROUP_MAX).nullish(),
  groupName: zText().trim().max(GROUP_MAX).nullish(),
  content: z
    .looseObject({})
    .describe('TEXT: {text}; FILES: {caption?, files:[{fileName?, url (http/https, fetched and stored)}] (1–10)}'),
});
export type TInboundMessageBody = z.infer<typeof ZInboundMessageBody>;

export const ZTextContent = z.object({ text: zText().trim().min(1).max(TEXT_MAX) });
export const ZFilesContent = z.object({
  caption: zText().trim().max(CAPTION_MAX).nullish(),
  files: z
    .array(z.object({ fileName: zText().trim().max(NAME_MAX).nullish(), url: zText().trim().min(1).max(2048) }))
    .min(1, { error: 'content.files must hold 1 to 10 files' })
    .max(FILES_MAX, { error: 'content.files must hold 1 to 10 files' }),
});

export const ZMessageStatusBody = z.object({
  value: requiredEnum(['ACCEPTED', 'DELIVERED', 'READ', 'FAILED']),
  details: zText().max(2048).nullish(),
});
export type TMessageStatusBody = z.infer<typeof ZMessageStatusBody>;

export const ZMessageStatus = z.object({
  messageId: z.string(),
  customChannelId: z.string(),
  status: z.object({ value: z.string(), details: z.string().optional() }),
});

// The web app's management shapes (internal API).
export const ZCustomChannel = z.object({
  id: z.string(),
  name: z.string(),
  inboxId: z.string(),
  companyAddresses: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const ZCompanyAddresses = z
  .array(zText().trim().min(1).max(ADDRESS_MAX))
  .min(1, { error: 'companyAddresses must hold at least one address' })
  .max(20, { error: 'companyAddresses holds at most 20 addresses' });

export const ZCreateCustomChannelBody = z.object({
  id: zText().optional(),
  name: zText().trim().min(1).max(NAME_MAX),
  inboxId: zText().min(1),
  companyAddresses: ZCompanyAddresses,
});
export type TCreateCustomChannelBody = z.infer<typeof ZCreateCustomChannelBody>;

export const ZUpdateCustomChannelBody = z.object({
  name: zText().trim().min(1).max(NAME_MAX).optional(),
  inboxId: zText().min(1).optional(),
  companyAddresses: ZCompanyAddresses.optional(),
});
export type TUpdateCustomChannelBody = z.infer<typeof ZUpdateCustomChannelBody>;
