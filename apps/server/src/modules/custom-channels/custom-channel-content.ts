// The stored and published shapes of custom channel messages (API spec 4.4 table, 4.15 CUSTOM_CHANNEL/MESSAGE_SENT).
// Every item envelope is discriminated by `content.type`, so a custom channel item reads `type: "CUSTOM_CHANNEL"`
// and carries the message type (TEXT | FILES, which Gladly's schema also calls `type`) as `messageType`, as
// CHAT_MESSAGE does. Replies echo `CUSTOM_CHANNEL` as their type, the same way clients echo `content.type`.

export const CUSTOM_CHANNEL_ITEM_TYPE = 'CUSTOM_CHANNEL';

export type TCustomChannelMessageType = 'TEXT' | 'FILES';
export type TCustomChannelStatus = 'SENDING' | 'SENT' | 'ACCEPTED' | 'DELIVERED' | 'READ' | 'FAILED';

export interface TStoredAttachment {
  id: string;
  contentType: string;
  filename: string;
  fileSize: number;
}

export type TCustomChannelMessageContent =
  | { text: string }
  | { caption?: string; files: { fileName?: string; url: string }[] };

export interface TCustomChannelItemContent {
  customChannelId: string;
  companyAddress: string;
  customerAddress: string;
  sessionId: string;
  groupId?: string;
  groupName?: string;
  messageType: TCustomChannelMessageType;
  content: TCustomChannelMessageContent;
  /** One per file, in the order of `content.files` (FILES messages). */
  attachments: TStoredAttachment[];
  status: { value: TCustomChannelStatus; details?: string };
}

/** The content of an agent's TEXT reply to a custom channel item: same channel, same addresses reversed. */
export function buildCustomChannelReplyContent(target: Record<string, unknown>, body: string): Record<string, unknown> {
  const text = (key: string) => (typeof target[key] === 'string' ? (target[key] as string) : undefined);
  const content: TCustomChannelItemContent & { type: string } = {
    type: CUSTOM_CHANNEL_ITEM_TYPE,
    customChannelId: text('customChannelId') ?? '',
    companyAddress: text('companyAddress') ?? '',
    customerAddress: text('customerAddress') ?? '',
    sessionId: text('sessionId') ?? '',
    ...(text('groupId') !== undefined ? { groupId: text('groupId') } : {}),
    ...(text('groupName') !== undefined ? { groupName: text('groupName') } : {}),
    messageType: 'TEXT',
    content: { text: body },
    attachments: [],
    status: { value: 'SENDING' },
  };
  return { ...content };
}

/**
 * The CUSTOM_CHANNEL/MESSAGE_SENT event content for an outbound item. File URLs point at Hearth's Basic-auth
 * download route (API spec 4.8: "the file URLs there need Basic auth to download"); they are relative, like
 * `recordingUrl`, because the org is known by the host the integrator already calls.
 */
export function messageSentEventContent(
  item: { id: string; conversation_id: string | null; customer_id: string },
  content: TCustomChannelItemContent,
) {
  const downloadUrl = (attachmentId: string) =>
    `/api/v1/conversation-items/${encodeURIComponent(item.id)}/attachments/${encodeURIComponent(attachmentId)}/content`;
  const message =
    'text' in content.content
      ? { text: content.content.text }
      : {
          ...(content.content.caption !== undefined ? { caption: content.content.caption } : {}),
          files: content.content.files.map((f, index) => {
            const stored = content.attachments[index];
            return {
              ...(f.fileName !== undefined ? { fileName: f.fileName } : {}),
              url: stored ? downloadUrl(stored.id) : f.url,
            };
          }),
        };
  return {
    customChannelId: content.customChannelId,
    companyAddress: content.companyAddress,
    customerAddress: content.customerAddress,
    conversationId: item.conversation_id,
    customerId: item.customer_id,
    ...(content.groupId !== undefined ? { groupId: content.groupId } : {}),
    ...(content.groupName !== undefined ? { groupName: content.groupName } : {}),
    sessionId: content.sessionId,
    messageId: item.id,
    type: content.messageType,
    content: message,
  };
}
