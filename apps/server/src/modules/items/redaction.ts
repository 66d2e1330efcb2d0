// What "redact" leaves of an item (API spec 4.4, product spec 1.6): the item stays on the timeline with its type
// and structure (addresses, times, message type, session), while everything the customer or agent wrote or said
// is gone: text, subject, attachments, quick-reply labels, recordings and their summaries.

const TEXT_FIELDS = ['content', 'body', 'bodyPlain', 'subject'] as const;
const REMOVED_FIELDS = ['messageData', 'recordingUrl', 'transcript'] as const;

export function redactContent(content: Record<string, unknown>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...content };
  for (const field of TEXT_FIELDS) {
    if (field in next) next[field] = '';
  }
  for (const field of REMOVED_FIELDS) delete next[field];
  if ('attachments' in next) next.attachments = [];
  if ('recordingStatus' in next) next.recordingStatus = 'DELETED';
  if ('recordingSummary' in next) next.recordingSummary = { status: 'REDACTED' };
  return next;
}
