import { describe, expect, it } from 'vitest';
import { redactContent } from './redaction.js';

describe('redactContent', () => {
  it('blanks what was said and keeps the structure', () => {
    expect(
      redactContent({
        type: 'EMAIL',
        from: 'pat@x.test',
        to: ['help@org.test'],
        subject: 'My card',
        content: '4111…',
        body: '<p>4111…</p>',
        attachments: [{ id: 'a', filename: 'card.png' }],
      }),
    ).toEqual({
      type: 'EMAIL',
      from: 'pat@x.test',
      to: ['help@org.test'],
      subject: '',
      content: '',
      body: '',
      attachments: [],
    });
  });

  it('removes quick-reply labels and recordings', () => {
    expect(
      redactContent({
        type: 'CHAT_MESSAGE',
        messageType: 'QUICK_REPLY_REQUEST',
        content: 'x',
        messageData: { options: [] },
      }),
    ).toEqual({ type: 'CHAT_MESSAGE', messageType: 'QUICK_REPLY_REQUEST', content: '' });
    expect(
      redactContent({
        type: 'PHONE_CALL',
        from: '+1',
        to: '+2',
        startedAt: 't',
        recordingStatus: 'AVAILABLE',
        recordingUrl: '/api/v1/conversation-items/i/media/recording',
        recordingDuration: 100,
        recordingSummary: { status: 'READY', summary: 'talked about a card', language: 'en' },
      }),
    ).toEqual({
      type: 'PHONE_CALL',
      from: '+1',
      to: '+2',
      startedAt: 't',
      recordingStatus: 'DELETED',
      recordingDuration: 100,
      recordingSummary: { status: 'REDACTED' },
    });
  });
});
