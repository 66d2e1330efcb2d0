import { describe, expect, it } from 'vitest';
import { contactsOf, customerLabel, hrefForConversationHit, safeSnippetHtml } from './search-api';

describe('safeSnippetHtml', () => {
  it.each([
    ['plain &amp; escaped <mark>word</mark> text', 'plain &amp; escaped <mark>word</mark> text'],
    ['<MARK>Up</MARK>', '<MARK>Up</MARK>'],
    ['<script>alert(1)</script><mark>x</mark>', '&lt;script>alert(1)&lt;/script><mark>x</mark>'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)>'],
    ['<mark onclick="x">a</mark>', '&lt;mark onclick="x">a</mark>'],
    ['<marker>', '&lt;marker>'],
    ['a < b', 'a &lt; b'],
    [null, ''],
  ])('%j → %j', (input, expected) => {
    expect(safeSnippetHtml(input)).toBe(expected);
  });

  it('never leaves a tag other than mark', () => {
    const out = safeSnippetHtml('<b>x</b><mark>y</mark><a href="javascript:1">z</a><svg/onload=1>');
    expect(out.match(/<\/?([a-z]+)/gi)?.map((t) => t.replace(/[</]/g, '').toLowerCase())).toEqual(['mark', 'mark']);
  });
});

describe('hrefForConversationHit', () => {
  it('opens the customer at the conversation, or just the customer when the item has none', () => {
    const hit = { itemId: 'i', customerId: 'c 1', conversationId: 'v/2', occurredAt: '' };
    expect(hrefForConversationHit(hit)).toBe('/customers/c%201?conversation=v%2F2');
    expect(hrefForConversationHit({ ...hit, conversationId: null })).toBe('/customers/c%201');
  });
});

describe('customerLabel', () => {
  it('uses the name, else the first email, else the first phone', () => {
    expect(customerLabel({ id: '1', name: ' Ann ' })).toBe('Ann');
    expect(customerLabel({ id: '1', name: '', emails: [{ original: 'a@x.com' }] })).toBe('a@x.com');
    expect(customerLabel({ id: '1', phones: [{ original: '+1555' }] })).toBe('+1555');
    expect(customerLabel({ id: '1' })).toBe('Unnamed customer');
    expect(customerLabel({ id: '1', name: '', emails: ['m@evil.example'] })).toBe('m@evil.example');
  });

  it('lists contacts given as strings or objects', () => {
    expect(contactsOf({ id: '1', emails: ['a@x.com', { original: 'b@x.com' }], phones: ['+1555'] })).toEqual([
      'a@x.com',
      'b@x.com',
      '+1555',
    ]);
  });
});
