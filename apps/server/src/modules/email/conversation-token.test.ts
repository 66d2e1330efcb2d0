import { describe, expect, it } from 'vitest';
import {
  conversationToken,
  parseConversationToken,
  stripConversationTokens,
  withConversationToken,
} from './conversation-token.js';

const ID = 'AbC_def-0123456789xyzQ';
const OTHER = 'zzzzzzzzzzzzzzzzzzzzzz';

describe('conversation token', () => {
  it('formats as [#hx-<id>] and parses back from anywhere in a reply subject', () => {
    expect(conversationToken(ID)).toBe(`[#hx-${ID}]`);
    expect(parseConversationToken(`Re: RE: Fwd: Your order [#hx-${ID}]`)).toBe(ID);
    expect(parseConversationToken(`AW: [#hx-${ID}] Bestellung`)).toBe(ID);
  });

  it('finds nothing in subjects without a valid token', () => {
    for (const subject of [null, undefined, '', 'Re: order [#12345]', `[#hx-${ID.slice(0, 21)}]`, `[hx-${ID}]`]) {
      expect(parseConversationToken(subject)).toBeNull();
    }
  });

  it('appends one token, replacing any earlier one, and strips tokens for display', () => {
    expect(withConversationToken('Your order', ID)).toBe(`Your order [#hx-${ID}]`);
    expect(withConversationToken(`Re: Your order [#hx-${OTHER}]`, ID)).toBe(`Re: Your order [#hx-${ID}]`);
    expect(withConversationToken('', ID)).toBe(`[#hx-${ID}]`);
    expect(stripConversationTokens(`Re: Your order [#hx-${ID}]`)).toBe('Re: Your order');
  });
});
