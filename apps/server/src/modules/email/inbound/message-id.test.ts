import { describe, expect, it } from 'vitest';
import { derivedMessageId, lookupForms, messageIdsIn, normalizeMessageId } from './message-id.js';

describe('Message-IDs', () => {
  it('are stored bare, without brackets; blanks and ids with spaces are unusable', () => {
    expect(normalizeMessageId(' <abc@host.example> ')).toBe('abc@host.example');
    expect(normalizeMessageId('abc@host.example')).toBe('abc@host.example');
    expect(normalizeMessageId('<>')).toBeNull();
    expect(normalizeMessageId('a b@c')).toBeNull();
    expect(normalizeMessageId(undefined)).toBeNull();
  });

  it('are read from References / In-Reply-To in order, bracketed or not', () => {
    expect(messageIdsIn('<a@x> <b@y>\r\n <c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
    expect(messageIdsIn(['<a@x>', '<b@y>'])).toEqual(['a@x', 'b@y']);
    expect(messageIdsIn('bare@x')).toEqual(['bare@x']);
    expect(messageIdsIn(undefined)).toEqual([]);
  });

  it('are derived from the raw bytes when missing: the same bytes give the same id', () => {
    const id = derivedMessageId(Buffer.from('Subject: x\r\n\r\nbody'));
    expect(id).toMatch(/^derived-[0-9a-f]{64}@hearth\.invalid$/);
    expect(derivedMessageId(Buffer.from('Subject: x\r\n\r\nbody'))).toBe(id);
    expect(derivedMessageId(Buffer.from('Subject: y\r\n\r\nbody'))).not.toBe(id);
    expect(lookupForms(['a@x'])).toEqual(['a@x', '<a@x>']);
  });
});
