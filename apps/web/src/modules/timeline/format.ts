// Small display helpers shared by the customer view.

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const now = new Date();
  const time = d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  if (d.toDateString() === now.toDateString()) return `Today ${time}`;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (d.toDateString() === yesterday.toDateString()) return `Yesterday ${time}`;
  const sameYear = d.getFullYear() === now.getFullYear();
  const date = d.toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
  return `${date}, ${time}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
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
