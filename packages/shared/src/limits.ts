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
