// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { textToHtml } from './safe-html';

// sanitizeHtml (DOMPurify) is exercised in a real browser by e2e/hostile-email.e2e.test.ts: happy-dom's DOM is not
// faithful enough for DOMPurify's tree walking, so a unit test here would test happy-dom, not the sanitizer.

describe('textToHtml', () => {
  it('escapes markup and keeps line breaks', () => {
    expect(textToHtml('a <b>\n"c" & d')).toBe('a &lt;b&gt;<br>&quot;c&quot; &amp; d');
  });
});
