import { normalizeMessageId } from './message-id.js';

// Loops and noise. An automatic message is recognised by its headers only (RFC 3834 Auto-Submitted, the de-facto
// X-Autoreply / X-Autorespond, Precedence bulk/junk/list): an "Out of office" subject alone proves nothing, since
// people write such subjects by hand. A bounce is a delivery-status notification (RFC 3464 multipart/report) or
// a MAILER-DAEMON / postmaster message quoting one of our Message-IDs.

export interface THeaderLine {
  key: string;
  value: string;
}

export interface TBounce {
  /** False for a "delayed" or "delivered" report: nothing to mark. */
  failed: boolean;
  /** Message-IDs of the original message the report is about, best candidates first. */
  referencedMessageIds: string[];
  /** What the reporting server said, for the failed item. */
  error: string;
}

function header(lines: THeaderLine[], key: string): string | undefined {
  return lines.find((l) => l.key === key)?.value;
}

export function detectAutoReply(lines: THeaderLine[]): boolean {
  const autoSubmitted = header(lines, 'auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted.split(';')[0]!.trim().toLowerCase() !== 'no') return true;
  for (const key of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    const value = header(lines, key);
    if (value !== undefined && !/^(no|false|0)$/i.test(value.trim())) return true;
  }
  const precedence = header(lines, 'precedence')?.trim().toLowerCase();
  return precedence === 'bulk' || precedence === 'junk' || precedence === 'list' || precedence === 'auto_reply';
}

interface TBouncePart {
  contentType: string;
  content: Buffer;
}

export function detectBounce(mail: {
  headerLines: THeaderLine[];
  from: string;
  text: string;
  threadIds: string[];
  parts: TBouncePart[];
}): TBounce | null {
  const contentType = header(mail.headerLines, 'content-type') ?? '';
  const isReport =
    /^\s*multipart\/report\b/i.test(contentType) && /report-type\s*=\s*"?delivery-status/i.test(contentType);
  const isDaemon = /^(mailer-daemon|postmaster)@/i.test(mail.from);
  if (!isReport && !isDaemon) return null;

  const status = mail.parts.find((p) => /^message\/(global-)?delivery-status$/i.test(p.contentType));
  // mailparser folds a message/delivery-status part into the text, so the fields are looked for there too.
  const statusText = status ? status.content.toString('utf8') : mail.text;
  const original = mail.parts
    .filter((p) => /^(message\/(global-)?rfc822|text\/rfc822-headers|message\/global-headers)$/i.test(p.contentType))
    .map((p) => p.content.subarray(0, 256 * 1024).toString('utf8'));
  const ids: string[] = [];
  for (const text of original) {
    const match = /^message-id:\s*(<[^>\s]+>)/im.exec(text);
    const id = normalizeMessageId(match?.[1]);
    if (id) ids.push(id);
  }
  ids.push(...mail.threadIds);
  // A bare MAILER-DAEMON text report quotes the original inline: any Message-ID-looking token is a candidate.
  if (ids.length === 0 || !isReport) {
    for (const m of `${mail.text}\n${statusText}`.matchAll(/<([^<>\s@]+@[^<>\s]+)>/g)) ids.push(m[1]!);
  }
  const actions = [...statusText.matchAll(/^action:\s*(\S+)/gim)].map((m) => m[1]!.toLowerCase());
  const statuses = [...statusText.matchAll(/^status:\s*(\d)\./gim)].map((m) => m[1]!);
  // Without machine-readable fields (a plain-text daemon report) the message is a failure notice.
  const failed = actions.length > 0 ? actions.includes('failed') : statuses.length > 0 ? statuses.includes('5') : true;
  return { failed, referencedMessageIds: [...new Set(ids)], error: diagnosticOf(statusText, mail.text) };
}

function diagnosticOf(statusText: string, text: string): string {
  const diagnostic = /^diagnostic-code:\s*(?:[a-z-]+;\s*)?(.+(?:\n[ \t]+.+)*)/im.exec(statusText)?.[1];
  if (diagnostic) return diagnostic.replace(/\s+/g, ' ').trim().slice(0, 1000);
  const status = /^status:\s*(\S+)/im.exec(statusText)?.[1];
  if (status) return `delivery failed (status ${status})`;
  const line = text.split('\n').find((l) => /\b[45]\d\d[\s-][245]\.\d/.test(l) || /\b5\d\d\b/.test(l));
  return (line ?? 'delivery failed').trim().slice(0, 1000);
}
