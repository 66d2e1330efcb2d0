import { describe, expect, it } from 'vitest';
import { buildCustomChannelReplyContent, messageSentEventContent } from './custom-channel-content.js';
import { isAllowedContentType } from './custom-channel-files.js';

const inbound = {
  type: 'CUSTOM_CHANNEL',
  customChannelId: 'ch1',
  companyAddress: 'chat@acme',
  customerAddress: 'robin',
  sessionId: 's1',
  groupId: 'g1',
  messageType: 'FILES',
  content: { files: [{ url: 'https://x/a.png' }] },
};

describe('custom channel content', () => {
  it('a reply keeps the channel, addresses, session and group of the message it answers', () => {
    expect(buildCustomChannelReplyContent(inbound, 'Hi')).toEqual({
      type: 'CUSTOM_CHANNEL',
      customChannelId: 'ch1',
      companyAddress: 'chat@acme',
      customerAddress: 'robin',
      sessionId: 's1',
      groupId: 'g1',
      messageType: 'TEXT',
      content: { text: 'Hi' },
      attachments: [],
      status: { value: 'SENDING' },
    });
  });

  it('MESSAGE_SENT points stored files at the Basic-auth download route, others keep their URL', () => {
    const content = messageSentEventContent(
      { id: 'it1', conversation_id: 'c1', customer_id: 'cu1' },
      {
        customChannelId: 'ch1',
        companyAddress: 'chat@acme',
        customerAddress: 'robin',
        sessionId: 's1',
        messageType: 'FILES',
        content: { caption: 'two', files: [{ fileName: 'a.png', url: 'https://x/a.png' }, { url: 'https://x/b' }] },
        attachments: [{ id: 'at1', contentType: 'image/png', filename: 'a.png', fileSize: 3 }],
        status: { value: 'SENDING' },
      },
    );
    expect(content).toEqual({
      customChannelId: 'ch1',
      companyAddress: 'chat@acme',
      customerAddress: 'robin',
      conversationId: 'c1',
      customerId: 'cu1',
      sessionId: 's1',
      messageId: 'it1',
      type: 'FILES',
      content: {
        caption: 'two',
        files: [
          { fileName: 'a.png', url: '/api/v1/conversation-items/it1/attachments/at1/content' },
          { url: 'https://x/b' },
        ],
      },
    });
  });

  it('accepts documents and media, refuses markup and executables', () => {
    for (const type of ['image/png', 'application/pdf', 'video/mp4', 'text/csv'])
      expect(isAllowedContentType(type)).toBe(true);
    for (const type of ['text/html', 'image/svg+xml', 'application/x-msdownload', 'application/javascript']) {
      expect(isAllowedContentType(type)).toBe(false);
    }
  });
});
