import { describe, expect, it } from 'vitest';
import { sanitizeTimelineHtml, textToHtml, timelineHtmlOf } from './timeline-html.js';

describe('sanitizeTimelineHtml', () => {
  it.each([
    ['<p>Hi <b>there</b></p>', '<p>Hi <b>there</b></p>'],
    ['<script>alert(1)</script>kept', 'kept'],
    ['<style>p{color:red}</style>kept', 'kept'],
    ['<iframe src="https://x.example"></iframe>kept', 'kept'],
    ['<object data="x"></object><embed src="x">kept', 'kept'],
    ['<form action="https://x.example"><input name="a"></form>kept', 'kept'],
    ['<meta http-equiv="refresh" content="0"><link rel="stylesheet" href="x">kept', 'kept'],
    ['<p onclick="alert(1)">a</p>', '<p>a</p>'],
    ['<a href="javascript:alert(1)">a</a>', '<a target="_blank" rel="noopener noreferrer">a</a>'],
    ['<a href="data:text/html,x">a</a>', '<a target="_blank" rel="noopener noreferrer">a</a>'],
    [
      '<a href="https://x.example/">a</a>',
      '<a href="https://x.example/" target="_blank" rel="noopener noreferrer">a</a>',
    ],
    ['<img src="https://x.example/a.png" onerror="alert(1)">', '<img src="https://x.example/a.png" />'],
    ['<img src="http://x.example/a.png">', '<img />'],
    ['<img src="//x.example/a.png">', '<img />'],
    [
      '<img src="/api/v1/conversation-items/i/attachments/a">',
      '<img src="/api/v1/conversation-items/i/attachments/a" />',
    ],
    ['<img src="data:image/png;base64,iVBORw0KGgo=">', '<img src="data:image/png;base64,iVBORw0KGgo=" />'],
    ['<img src="data:image/svg+xml;base64,PHN2Zz4=">', '<img />'],
    ['<img src="data:text/html;base64,PHNjcmlwdD4=">', '<img />'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeTimelineHtml(input)).toBe(expected);
  });
});

describe('timelineHtmlOf', () => {
  it('builds HTML from an email’s text when it has no HTML part, escaped, line breaks kept', () => {
    expect(timelineHtmlOf('EMAIL', { content: 'a < b\r\nc & "d"' })).toBe('a &lt; b<br>c &amp; &quot;d&quot;');
    expect(textToHtml("it's")).toBe('it&#39;s');
  });
  it('sanitizes email and note HTML and leaves other types without html', () => {
    expect(timelineHtmlOf('EMAIL', { body: '<p>x</p><script>y</script>', content: 'x' })).toBe('<p>x</p>');
    expect(timelineHtmlOf('CONVERSATION_NOTE', { body: '<p onclick="z()">n</p>' })).toBe('<p>n</p>');
    expect(timelineHtmlOf('SMS', { content: '<b>x</b>' })).toBeUndefined();
  });
});
