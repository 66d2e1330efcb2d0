import { describe, expect, it } from 'vitest';
import {
  headerOf,
  messageIdsOf,
  newMessageId,
  parseMailbox,
  parseMailboxes,
  replyCc,
  replyReferences,
  replySubject,
} from './email-composer.js';

const CONVERSATION = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('email composer', () => {
  it('reads mailboxes in the shapes items hold', () => {
    expect(parseMailbox('Pat <Pat@X.test>')).toEqual({ name: 'Pat', address: 'pat@x.test' });
    expect(parseMailbox('pat@x.test')).toEqual({ name: '', address: 'pat@x.test' });
    expect(parseMailbox({ name: 'Pat', address: 'pat@x.test' })).toEqual({ name: 'Pat', address: 'pat@x.test' });
    expect(parseMailbox('not an address')).toBeNull();
    expect(parseMailbox(42)).toBeNull();
    expect(parseMailboxes(['a@x.test', 'junk', 'B <b@x.test>']).map((m) => m.address)).toEqual([
      'a@x.test',
      'b@x.test',
    ]);
  });

  it('copies everyone else on To and Cc once, never us or the customer', () => {
    const cc = replyCc({
      to: parseMailboxes(['support@acme.test', 'Dana <dana@p.test>']),
      cc: parseMailboxes(['PAT@x.test', 'dana@p.test', 'boss@x.test', 'sales@help.acme.test']),
      customer: 'pat@x.test',
      isOurs: (a) => a === 'support@acme.test' || a.endsWith('@help.acme.test'),
    });
    expect(cc).toEqual([
      { name: 'Dana', address: 'dana@p.test' },
      { name: '', address: 'boss@x.test' },
    ]);
  });

  it('says Re: once and carries exactly one token of this conversation', () => {
    expect(replySubject('Late order', CONVERSATION)).toBe(`Re: Late order [#hx-${CONVERSATION}]`);
    expect(replySubject('RE: Late order', CONVERSATION)).toBe(`RE: Late order [#hx-${CONVERSATION}]`);
    expect(replySubject(`Re: Late order [#hx-BBBBBBBBBBBBBBBBBBBBBB]`, CONVERSATION)).toBe(
      `Re: Late order [#hx-${CONVERSATION}]`,
    );
    expect(replySubject('', CONVERSATION)).toBe(`[#hx-${CONVERSATION}]`);
  });

  it('makes Message-IDs on the sender domain, unique', () => {
    const a = newMessageId('support@acme.test');
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}@acme\.test$/);
    expect(newMessageId('support@acme.test')).not.toBe(a);
  });

  it('builds References from the parent, capped at 20 keeping the root', () => {
    expect(replyReferences(['a@x', 'b@x'], 'c@x')).toEqual(['a@x', 'b@x', 'c@x']);
    expect(replyReferences(['a@x'], 'a@x')).toEqual(['a@x']);
    expect(replyReferences([], null)).toEqual([]);
    const long = Array.from({ length: 30 }, (_, i) => `m${i}@x`);
    const refs = replyReferences(long, 'last@x');
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('m0@x');
    expect(refs.at(-1)).toBe('last@x');
  });

  it('reads folded headers from the head of a raw message only', () => {
    const raw = 'Subject: hi\r\nReferences: <a@x>\r\n <b@x>\r\nX: y\r\n\r\nReferences: <body@x>\r\n';
    expect(headerOf(raw, 'references')).toBe('<a@x> <b@x>');
    expect(messageIdsOf(headerOf(raw, 'References'))).toEqual(['a@x', 'b@x']);
    expect(headerOf(raw, 'In-Reply-To')).toBeNull();
    expect(messageIdsOf(null)).toEqual([]);
  });
});
