import { describe, expect, it } from 'vitest';
import { detectAutoReply, detectBounce } from './email-classification.js';

const lines = (headers: Record<string, string>) => Object.entries(headers).map(([key, value]) => ({ key, value }));

describe('detectAutoReply', () => {
  it('recognises RFC 3834 Auto-Submitted other than "no", X-Autoreply / X-Autorespond and bulk precedence', () => {
    const autoReplies: Record<string, string>[] = [
      { 'auto-submitted': 'auto-replied' },
      { 'auto-submitted': 'auto-generated; owner-email="x@y.example"' },
      { 'x-autoreply': 'yes' },
      { 'x-autorespond': 'Thanks for writing' },
      { precedence: 'bulk' },
      { precedence: 'Junk' },
      { precedence: 'list' },
    ];
    for (const headers of autoReplies) {
      expect(detectAutoReply(lines(headers)), JSON.stringify(headers)).toBe(true);
    }
  });

  it('does not flag a person’s message, nor a subject alone', () => {
    const people: Record<string, string>[] = [
      {},
      { 'auto-submitted': 'no' },
      { 'x-autoreply': 'no' },
      { precedence: 'first-class' },
      { subject: 'Out of office: back Monday' },
    ];
    for (const headers of people) {
      expect(detectAutoReply(lines(headers)), JSON.stringify(headers)).toBe(false);
    }
  });
});

describe('detectBounce', () => {
  const report = 'multipart/report; report-type=delivery-status; boundary="x"';
  const part = (contentType: string, text: string) => ({ contentType, content: Buffer.from(text) });

  it('reads a DSN: the original Message-ID, failed or not, and the diagnostic', () => {
    const bounce = detectBounce({
      headerLines: lines({ 'content-type': report }),
      from: 'mailer-daemon@mx.example',
      text: 'could not deliver',
      threadIds: [],
      parts: [
        part(
          'message/delivery-status',
          'Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User\n  unknown\n',
        ),
        part('text/rfc822-headers', 'Subject: x\nMessage-ID: <ours-1@acme.example>\n'),
      ],
    });
    expect(bounce).toEqual({
      failed: true,
      referencedMessageIds: ['ours-1@acme.example'],
      error: '550 5.1.1 User unknown',
    });
  });

  it('a delayed report is a bounce that fails nothing; status fields folded into the text count too', () => {
    const bounce = detectBounce({
      headerLines: lines({ 'content-type': report }),
      from: 'mailer-daemon@googlemail.com',
      text: 'Not delivered yet.\nAction: delayed\nStatus: 4.4.1\n',
      threadIds: ['ours-2@acme.example'],
      parts: [],
    });
    expect(bounce).toMatchObject({ failed: false, referencedMessageIds: ['ours-2@acme.example'] });
  });

  it('a plain MAILER-DAEMON notice quoting our Message-ID is a failure; other mail is no bounce', () => {
    expect(
      detectBounce({
        headerLines: [],
        from: 'MAILER-DAEMON@old.example',
        text: 'I was not able to deliver.\n552 5.2.2 mailbox full\nMessage-ID: <ours-3@acme.example>\n',
        threadIds: [],
        parts: [],
      }),
    ).toEqual({ failed: true, referencedMessageIds: ['ours-3@acme.example'], error: '552 5.2.2 mailbox full' });
    expect(
      detectBounce({
        headerLines: lines({ 'content-type': 'text/plain' }),
        from: 'pat@x.example',
        text: '',
        threadIds: [],
        parts: [],
      }),
    ).toBeNull();
  });
});
