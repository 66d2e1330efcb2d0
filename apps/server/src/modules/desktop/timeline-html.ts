import sanitizeHtml from 'sanitize-html';
import { EMAIL_HTML_SANITIZE_OPTIONS } from '../../lib/rich-content.js';

// The HTML the desktop renders for an email or a note. Stored HTML was sanitized when it arrived, but the rules
// that decide what a browser may load belong to the place that renders it, and they may tighten after a message
// was stored, so every read sanitizes again:
// - no script, style, iframe, object, embed, form, meta or link (not on the allow-list; script and style lose their
//   text too), no on* attributes (attributes are allow-listed), no javascript: or data: links;
// - images: https, relative (Hearth's own attachment links) or data:image/*; plain-http images would leak the
//   reader's address over an unencrypted request and show mixed content, so their src is dropped;
// - every link opens in a new tab with rel="noopener noreferrer".

const DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=\s]+$/i;

export const TIMELINE_HTML_OPTIONS: sanitizeHtml.IOptions = {
  ...EMAIL_HTML_SANITIZE_OPTIONS,
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer' } }),
    img: (tagName, attribs) => {
      const src = (attribs.src ?? '').trim();
      const { src: _dropped, ...rest } = attribs;
      const safe = /^https:\/\//i.test(src) || (src.startsWith('/') && !src.startsWith('//')) || DATA_IMAGE.test(src);
      return { tagName, attribs: safe ? { ...rest, src } : rest };
    },
  },
  disallowedTagsMode: 'discard',
};

export function sanitizeTimelineHtml(html: string): string {
  return sanitizeHtml(html, TIMELINE_HTML_OPTIONS).trim();
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** HTML for a message that has only plain text: escaped, line breaks kept. */
export function textToHtml(text: string): string {
  return escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * The renderable HTML of an EMAIL or CONVERSATION_NOTE item, or undefined for other types. An email keeps its HTML
 * in `content.body` beside the text in `content.content` (modules/email/inbound); one without HTML is shown from its
 * text.
 */
export function timelineHtmlOf(contentType: string, content: Record<string, unknown>): string | undefined {
  const str = (key: string) => (typeof content[key] === 'string' ? (content[key] as string) : '');
  if (contentType === 'EMAIL') {
    const html = str('body');
    return html.trim() ? sanitizeTimelineHtml(html) : textToHtml(str('content'));
  }
  if (contentType === 'CONVERSATION_NOTE') return sanitizeTimelineHtml(str('body'));
  return undefined;
}
