import DOMPurify from 'dompurify';

// Email and note HTML arrives sanitized by the server. It is sanitized a second time here, in the browser, with
// DOMPurify before it touches the page (defence in depth: a server bug alone cannot run script in an agent's
// session). We render into a normal <div> rather than a sandboxed iframe because the virtualized timeline must
// measure each row's height, and an iframe without allow-same-origin cannot be measured or sized to its content;
// the div also keeps text selection, find-in-page and the app's fonts. The container uses CSS containment so
// inline styles (position: fixed, huge widths) cannot escape the email's box.

const FORBID_TAGS = [
  'script',
  'style',
  'link',
  'meta',
  'base',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'template',
  'noscript',
];

let hooked = false;
function installHooks() {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (href && !/^(https?:|mailto:|tel:|#)/i.test(href.trim())) node.removeAttribute('href');
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
    if (node.tagName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (src && !/^(https?:|cid:|data:image\/(png|gif|jpe?g|webp);)/i.test(src.trim())) node.removeAttribute('src');
      node.setAttribute('loading', 'lazy');
    }
  });
}

/** HTML safe to put in the page: no script, no event handlers, no javascript: URLs, no forms or frames. */
export function sanitizeHtml(html: string): string {
  installHooks();
  return DOMPurify.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR: ['srcset', 'action', 'formaction', 'ping', 'background'],
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
  });
}

/** Plain text as HTML: escaped, line breaks kept, links left as text. */
export function textToHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '<br>');
}
