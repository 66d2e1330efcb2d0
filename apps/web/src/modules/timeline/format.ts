// Small display helpers shared by the customer view.
//
// `Date.prototype.toLocale*String(undefined, options)` builds a new Intl.DateTimeFormat on every call, which costs
// a fraction of a millisecond each: with a timestamp on every timeline row and every conversation in the profile
// panel that was tens of milliseconds per render. The formatters are built once (same locale and options, so the
// same text) and the formatted strings are remembered per timestamp for the current day.

const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const DATE_FORMAT_SAME_YEAR = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const DATE_FORMAT_OTHER_YEAR = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
const FULL_DATE_FORMAT = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

const MAX_CACHED = 4000;
/** Results that depend on "today" are valid for the day they were computed on only. */
let cacheDay = '';
const dateTimeCache = new Map<string, string>();
const timeCache = new Map<string, string>();
const dateCache = new Map<string, string>();

function remember(cache: Map<string, string>, key: string, value: string): string {
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, value);
  return value;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const now = new Date();
  const today = now.toDateString();
  if (today !== cacheDay) {
    cacheDay = today;
    dateTimeCache.clear();
  }
  const cached = dateTimeCache.get(iso);
  if (cached !== undefined) return cached;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return remember(dateTimeCache, iso, '');
  const time = TIME_FORMAT.format(d);
  if (d.toDateString() === today) return remember(dateTimeCache, iso, `Today ${time}`);
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (d.toDateString() === yesterday.toDateString()) return remember(dateTimeCache, iso, `Yesterday ${time}`);
  const sameYear = d.getFullYear() === now.getFullYear();
  const date = (sameYear ? DATE_FORMAT_SAME_YEAR : DATE_FORMAT_OTHER_YEAR).format(d);
  return remember(dateTimeCache, iso, `${date}, ${time}`);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const cached = dateCache.get(iso);
  if (cached !== undefined) return cached;
  const d = new Date(iso);
  return remember(dateCache, iso, Number.isNaN(d.getTime()) ? '' : FULL_DATE_FORMAT.format(d));
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const cached = timeCache.get(iso);
  if (cached !== undefined) return cached;
  const d = new Date(iso);
  return remember(timeCache, iso, Number.isNaN(d.getTime()) ? '' : TIME_FORMAT.format(d));
}

export function formatBytes(bytes: number | null | undefined): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatDuration(seconds: unknown): string {
  const n = typeof seconds === 'string' ? Number(seconds) : seconds;
  if (typeof n !== 'number' || !Number.isFinite(n)) return '';
  const m = Math.floor(n / 60);
  const s = Math.round(n % 60);
  return m ? `${m}m ${String(s).padStart(2, '0')}s` : `${s}s`;
}

const CHANNEL_LABELS: Record<string, string> = {
  EMAIL: 'Email',
  CHAT_MESSAGE: 'Chat',
  CHAT: 'Chat',
  SMS: 'SMS',
  WHATSAPP: 'WhatsApp',
  FACEBOOK_MESSAGE: 'Messenger',
  FACEBOOK_MESSENGER: 'Messenger',
  INSTAGRAM_DIRECT: 'Instagram',
  TWITTER: 'Twitter',
  CUSTOM_CHANNEL: 'Custom channel',
  PHONE_CALL: 'Phone',
  VOICE: 'Phone',
  VOICEMAIL: 'Voicemail',
};

export function channelLabel(channel: string | null | undefined): string {
  if (!channel) return '';
  return (
    CHANNEL_LABELS[channel.toUpperCase()] ??
    channel
      .toLowerCase()
      .replace(/_/g, ' ')
      .replace(/^\w/, (c) => c.toUpperCase())
  );
}
