/** Caps and sizes from Gladly's API and product docs; the server enforces them and the web app shows them. */
export const LIST_CAPS = {
  customerSearch: 50,
  customerConversations: 100,
  conversationItems: 1000,
  customerTasks: 2000,
  taskComments: 1000,
} as const;

export const TEXT_LIMITS = {
  clientIdExclusiveMax: 50,
  replyBody: 2048,
  activityTitle: 100,
  activityBody: 25_000,
  activitySourceName: 50,
  activityLinkText: 50,
  taskBody: 10_000,
  taskComment: 10_000,
  businessHoursName: 200,
  noteBody: 25_000,
} as const;

export const REQUEST_BODY_LIMIT_BYTES = 1024 * 1024;
export const DEFAULT_REOPEN_WINDOW_MINUTES = 24 * 60;

/** Files an agent attaches in the composer (replies by email, notes): size, count and allowed types. */
export const COMPOSER_ATTACHMENTS = {
  maxBytes: 10 * 1024 * 1024,
  perItem: 10,
  types: [
    'application/pdf',
    'application/zip',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.ms-powerpoint',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'image/png',
    'image/jpeg',
    'image/gif',
    'image/webp',
    'image/heic',
    'text/plain',
    'text/csv',
    'audio/mpeg',
    'video/mp4',
  ],
} as const;
