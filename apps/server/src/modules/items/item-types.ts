// Which stored item types the public API shows, changes and replies on (API spec 4.4). Exports reuse these lists.

/**
 * The content types of API spec 4.4's table. Anything else the platform stores on a timeline (a custom-channel
 * message, which has no `content.type` discriminator in Gladly's schema, or any internal bookkeeping type a module
 * adds later) is not exposed: GET by id answers 400 "exists but is not supported by the API" and lists omit it.
 */
export const EXPOSED_ITEM_TYPES = [
  'CHAT_MESSAGE',
  'CONVERSATION_STATUS_CHANGE',
  'CUSTOMER_ACTIVITY',
  'EMAIL',
  'FACEBOOK_MESSAGE',
  'CONVERSATION_NOTE',
  'PHONE_CALL',
  'SMS',
  'TOPIC_CHANGE',
  'VOICE_AI_MESSAGE',
  'VOICEMAIL',
  'WHATSAPP',
  'INSTAGRAM_DIRECT',
  'TWITTER',
  'TASK',
  // Hearth's discriminator for custom channel messages (Gladly's schema has none; see custom-channel-content.ts).
  'CUSTOM_CHANNEL',
] as const;

export function isExposedItemType(type: string): boolean {
  return (EXPOSED_ITEM_TYPES as readonly string[]).includes(type);
}

/** Only customer activities may be deleted through the API (API spec 4.4, product spec 1.6). */
export const DELETABLE_ITEM_TYPES = ['CUSTOMER_ACTIVITY'] as const;

/** Types whose content `POST /conversation-items/{id}/redact` wipes (API spec 4.4). */
export const REDACTABLE_ITEM_TYPES = [
  'CHAT_MESSAGE',
  'SMS',
  'EMAIL',
  'TWITTER',
  'WHATSAPP',
  'VOICEMAIL',
  'PHONE_CALL',
] as const;

/** Reply content types the API accepts (API spec 4.4 reply body union). */
export const REPLY_TYPES = [
  'EMAIL',
  'CHAT_MESSAGE',
  'FACEBOOK_MESSAGE',
  'INSTAGRAM_DIRECT',
  'SMS',
  'TWITTER',
  'WHATSAPP',
  'CUSTOM_CHANNEL',
] as const;
export type TReplyType = (typeof REPLY_TYPES)[number];

export function isReplyType(type: string): type is TReplyType {
  return (REPLY_TYPES as readonly string[]).includes(type);
}

/**
 * The contact `channel` of CONTACT/* events for a message type. Twitter has no channel value in the catalogue
 * (the service was switched off in 2023); its name is passed through.
 */
export const CHANNEL_OF_REPLY_TYPE: Record<TReplyType, string> = {
  EMAIL: 'EMAIL',
  CHAT_MESSAGE: 'CHAT',
  FACEBOOK_MESSAGE: 'FB_MESSENGER',
  INSTAGRAM_DIRECT: 'INSTAGRAM_DIRECT',
  SMS: 'SMS',
  TWITTER: 'TWITTER',
  WHATSAPP: 'WHATSAPP',
  CUSTOM_CHANNEL: 'CUSTOM_CHANNEL',
};
