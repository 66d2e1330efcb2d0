import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { buildReplyContent, parseReplyInput } from './reply-content.js';

function errorOf(raw: unknown) {
  try {
    parseReplyInput(raw);
  } catch (error) {
    if (error instanceof AppError) return error.errors[0];
    throw error;
  }
  throw new Error('expected a validation error');
}

const options = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `o${i}`, label: `Option ${i}` }));

describe('parseReplyInput', () => {
  it.each([
    [undefined, { code: 'blank', attr: 'content.type' }],
    [{ body: 'hi' }, { code: 'blank', attr: 'content.type' }],
    [{ type: '' }, { code: 'blank', attr: 'content.type' }],
    [
      { type: 'VOICEMAIL', body: 'hi' },
      { code: 'invalid', detail: 'type [VOICEMAIL] is not supported' },
    ],
    [{ type: 'SMS' }, { code: 'blank', attr: 'content.body' }],
    [
      { type: 'SMS', body: '   ' },
      { code: 'blank', attr: 'content.body' },
    ],
    [
      { type: 'SMS', body: 'x'.repeat(2049) },
      { code: 'too_long', attr: 'content.body', detail: 'content.body cannot be larger than 2048 characters' },
    ],
    [
      { type: 'CHAT_MESSAGE', body: 'x', messageType: 'QUICK_REPLY_RESPONSE' },
      { code: 'invalid', attr: 'content.messageType' },
    ],
    [
      { type: 'CHAT_MESSAGE', body: 'x', messageType: 'QUICK_REPLY_REQUEST' },
      { code: 'blank', attr: 'content.messageData.options' },
    ],
    [
      { type: 'CHAT_MESSAGE', body: 'x', messageType: 'QUICK_REPLY_REQUEST', messageData: { options: [] } },
      { code: 'invalid', attr: 'content.messageData.options' },
    ],
    [
      { type: 'CHAT_MESSAGE', body: 'x', messageType: 'QUICK_REPLY_REQUEST', messageData: { options: options(11) } },
      { code: 'invalid', attr: 'content.messageData.options' },
    ],
    [
      {
        type: 'CHAT_MESSAGE',
        body: 'x',
        messageType: 'QUICK_REPLY_REQUEST',
        messageData: { options: [{ id: 'a b', label: 'x' }] },
      },
      { code: 'invalid', attr: 'content.messageData.options.0.id' },
    ],
    [
      {
        type: 'CHAT_MESSAGE',
        body: 'x',
        messageType: 'QUICK_REPLY_REQUEST',
        messageData: { options: [{ id: 'a', label: 'x'.repeat(51) }] },
      },
      {
        code: 'too_long',
        attr: 'content.messageData.options.0.label',
        detail: 'content.messageData.options.0.label cannot be larger than 50 characters',
      },
    ],
    [
      {
        type: 'CHAT_MESSAGE',
        body: 'x',
        messageType: 'QUICK_REPLY_REQUEST',
        messageData: {
          options: [
            { id: 'a', label: 'x' },
            { id: 'a', label: 'y' },
          ],
        },
      },
      {
        code: 'invalid',
        attr: 'content.messageData.options',
        detail: 'content.messageData.options ids must be unique',
      },
    ],
  ])('%j → %j', (raw, expected) => {
    expect(errorOf(raw)).toMatchObject(expected);
  });

  it('accepts 1 and 10 options, ids of letters, digits, - and _', () => {
    for (const n of [1, 10]) {
      const input = parseReplyInput({
        type: 'CHAT_MESSAGE',
        body: 'Pick one',
        messageType: 'QUICK_REPLY_REQUEST',
        messageData: { options: options(n).map((o) => ({ ...o, id: `A-z_${o.id}` })) },
      });
      expect(input.options).toHaveLength(n);
    }
  });

  it('accepts a body of exactly 2048 characters; messageType only matters for chat', () => {
    expect(parseReplyInput({ type: 'SMS', body: 'x'.repeat(2048), messageType: 'QUICK_REPLY_REQUEST' })).toEqual({
      type: 'SMS',
      body: 'x'.repeat(2048),
      messageType: 'TEXT',
    });
  });
});

describe('buildReplyContent', () => {
  it('SMS answers from the number the customer wrote to', () => {
    const input = parseReplyInput({ type: 'SMS', body: 'Hi there' });
    expect(buildReplyContent(input, { content: { from: '+1555', to: '+1666' }, sessionId: null })).toEqual({
      type: 'SMS',
      from: '+1666',
      to: '+1555',
      content: 'Hi there',
      attachments: [],
    });
  });

  it('EMAIL keeps sanitized HTML in body, plain text in content, and replies to the thread', () => {
    const input = parseReplyInput({ type: 'EMAIL', body: '<p>Hello <b>you</b></p><script>x()</script>' });
    expect(
      buildReplyContent(input, {
        content: { from: 'pat@x.test', to: ['help@org.test'], cc: ['c@x.test'], subject: 'Broken' },
        sessionId: null,
      }),
    ).toEqual({
      type: 'EMAIL',
      from: 'help@org.test',
      to: ['pat@x.test'],
      cc: ['c@x.test'],
      bcc: [],
      subject: 'Re: Broken',
      content: 'Hello you',
      body: '<p>Hello <b>you</b></p>',
      attachments: [],
    });
    const plain = parseReplyInput({ type: 'EMAIL', body: '<p>x</p>', bodyPlain: 'plain' });
    expect(buildReplyContent(plain, { content: { subject: 'Re: a' }, sessionId: null })).toMatchObject({
      subject: 'Re: a',
      content: 'plain',
    });
  });

  it('CHAT_MESSAGE carries the session and the quick-reply options', () => {
    const input = parseReplyInput({
      type: 'CHAT_MESSAGE',
      body: 'Pick',
      messageType: 'QUICK_REPLY_REQUEST',
      messageData: { options: [{ id: 'y', label: 'Yes' }] },
    });
    expect(buildReplyContent(input, { content: {}, sessionId: 'sess-1' })).toEqual({
      type: 'CHAT_MESSAGE',
      messageType: 'QUICK_REPLY_REQUEST',
      sessionId: 'sess-1',
      content: 'Pick',
      attachments: [],
      messageData: { options: [{ id: 'y', label: 'Yes' }] },
    });
  });

  it('does not mask card numbers (the browser does, product spec 3.4)', () => {
    const input = parseReplyInput({ type: 'WHATSAPP', body: 'card 4111 1111 1111 1111' });
    expect(buildReplyContent(input, { content: {}, sessionId: null })).toEqual({
      type: 'WHATSAPP',
      content: 'card 4111 1111 1111 1111',
      attachments: [],
    });
  });
});
