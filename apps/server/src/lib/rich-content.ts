import sanitizeHtml from 'sanitize-html';

// The rich-content allow-list of API spec 6, shared by notes, customer activities, tasks and answers. Gladly may
// reject other markup rather than strip it (UNCERTAIN); stripping is the safer choice for integrations that send
// whatever their own editor produced.

const TABLE_CELL_ALIGN = ['align', 'valign'];

// Style values are checked per property; anything that could load a resource or run code (url(), expression(),
// var()) fails these patterns and the declaration is dropped.
const ONE_LENGTH = String.raw`(?:auto|0|-?\d+(?:\.\d+)?(?:px|em|rem|%|pt|ex|ch|vw|vh)?)`;
const LENGTH = new RegExp(String.raw`^${ONE_LENGTH}(?:\s+${ONE_LENGTH}){0,3}$`, 'i');
const COLOR = /^(?:#[0-9a-f]{3,8}|[a-z]+|rgba?\(\s*[\d.%\s,/]+\)|hsla?\(\s*[\d.%\sdeg,/]+\))$/i;
const BORDER = /^(?!.*\b(?:url|expression|var|image-set)\s*\()[a-z0-9\s.#%,()/-]+$/i;

export const RICH_CONTENT_SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'a',
    'img',
    'h1',
    'h2',
    'h3',
    'hr',
    'br',
    'div',
    'span',
    'p',
    'font',
    'strong',
    'em',
    'b',
    'i',
    'u',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'table',
    'tbody',
    'tfoot',
    'col',
    'colgroup',
    'thead',
    'tr',
    'td',
    'th',
    'caption',
  ],
  allowedAttributes: {
    a: ['href', 'target'],
    img: ['src', 'align', 'alt', 'height', 'width'],
    div: ['style'],
    font: ['size', 'color'],
    ul: ['type'],
    ol: ['type'],
    li: ['type', 'value'],
    tbody: TABLE_CELL_ALIGN,
    tfoot: TABLE_CELL_ALIGN,
    col: [...TABLE_CELL_ALIGN, 'height', 'width', 'span'],
    colgroup: [...TABLE_CELL_ALIGN, 'height', 'width', 'span'],
    thead: TABLE_CELL_ALIGN,
    tr: TABLE_CELL_ALIGN,
    td: [...TABLE_CELL_ALIGN, 'style', 'abbr', 'colspan', 'rowspan', 'headers', 'height', 'width', 'scope', 'nowrap'],
    th: [...TABLE_CELL_ALIGN, 'style', 'abbr', 'colspan', 'rowspan', 'headers', 'height', 'width', 'scope', 'nowrap'],
  },
  allowedStyles: {
    '*': {
      'border-left': [BORDER],
      margin: [LENGTH],
      'padding-left': [LENGTH],
      'text-align': [/^(?:left|right|center|justify|start|end)$/i],
      'background-color': [COLOR],
    },
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // `col` is a void element; without this it would be written as `<col></col>`.
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'col'],
  // Unknown tags vanish but their text stays; script, style and similar lose their text too (sanitize-html default).
  disallowedTagsMode: 'discard',
};

/** Rich-content HTML reduced to the allow-list: scripts, event handlers and javascript: URLs never survive. */
export function sanitizeRichContent(html: string): string {
  return sanitizeHtml(html, RICH_CONTENT_SANITIZE_OPTIONS).trim();
}

/** Plain text of rich content, for channels that cannot carry HTML (an email's text part). */
export function richContentToPlainText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li|h[1-3]|tr|dd|dt)>/gi, '\n');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** True when rich content holds nothing a reader would see (no text, no image). */
export function isBlankRichContent(html: string): boolean {
  return !/<img\b/i.test(html) && richContentToPlainText(html).trim() === '';
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_m, name: string) => ENTITIES[name] ?? '');
}

// Received email keeps more of its sender's formatting than rich content allows (quotes, preformatted text,
// headings, colours and fonts, table layout), while anything active still goes: scripts, styles blocks, forms,
// event handlers, javascript: and data: URLs (data: would let a message smuggle any content past the allow-list).
const EMAIL_STYLE = /^(?!.*\b(?:url|expression|var|image-set)\s*\()[a-z0-9\s.#%,()'"/+-]+$/i;
const EMAIL_STYLE_PROPERTIES = [
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-decoration',
  'text-align',
  'line-height',
  'margin',
  'margin-left',
  'margin-right',
  'margin-top',
  'margin-bottom',
  'padding',
  'padding-left',
  'padding-right',
  'padding-top',
  'padding-bottom',
  'border',
  'border-left',
  'border-collapse',
  'width',
  'max-width',
  'height',
  'vertical-align',
  'white-space',
];

export const EMAIL_HTML_SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  ...RICH_CONTENT_SANITIZE_OPTIONS,
  allowedTags: [
    ...(RICH_CONTENT_SANITIZE_OPTIONS.allowedTags as string[]),
    'h4',
    'h5',
    'h6',
    'blockquote',
    'pre',
    'code',
    'center',
    'small',
    'big',
    'sub',
    'sup',
    's',
    'strike',
    'del',
    'ins',
    'mark',
    'abbr',
    'cite',
    'q',
    'tt',
  ],
  allowedAttributes: {
    '*': ['style', 'align', 'valign', 'dir', 'lang', 'title', 'width', 'height', 'bgcolor', 'color'],
    a: ['href', 'target', 'name', 'rel'],
    img: ['src', 'alt', 'border'],
    font: ['size', 'color', 'face'],
    table: ['border', 'cellpadding', 'cellspacing'],
    td: ['colspan', 'rowspan', 'nowrap'],
    th: ['colspan', 'rowspan', 'nowrap', 'scope'],
    blockquote: ['type', 'cite'],
    ol: ['type', 'start'],
    ul: ['type'],
    li: ['type', 'value'],
    col: ['span'],
    colgroup: ['span'],
  },
  allowedStyles: { '*': Object.fromEntries(EMAIL_STYLE_PROPERTIES.map((p) => [p, [EMAIL_STYLE]])) },
  // Inline images are rewritten to Hearth attachment URLs (relative) before sanitizing; remote ones stay.
  allowedSchemesByTag: { img: ['http', 'https'] },
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer' } }),
  },
};

/** A received email's HTML made safe to display (see EMAIL_HTML_SANITIZE_OPTIONS). */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, EMAIL_HTML_SANITIZE_OPTIONS).trim();
}
