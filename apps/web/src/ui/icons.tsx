import type { SVGProps } from 'react';

// Small line icons (16 px, currentColor), drawn for Hearth. Channel icons map the server's channel names.

type TIconProps = SVGProps<SVGSVGElement> & { size?: number };

function Svg({ size = 16, children, ...rest }: TIconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {children}
    </svg>
  );
}

export const MailIcon = (p: TIconProps) => (
  <Svg {...p}>
    <rect x="2" y="3.5" width="12" height="9" rx="1.5" />
    <path d="m2.5 4.5 5.5 4 5.5-4" />
  </Svg>
);
export const ChatIcon = (p: TIconProps) => (
  <Svg {...p}>
    <path d="M3 3.5h10a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H7l-3 2.5v-2.5H3a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1Z" />
  </Svg>
);
export const SmsIcon = (p: TIconProps) => (
  <Svg {...p}>
    <rect x="4" y="1.5" width="8" height="13" rx="1.5" />
    <path d="M7 12.5h2" />
  </Svg>
);
export const PhoneIcon = (p: TIconProps) => (
  <Svg {...p}>
    <path d="M5.5 2.5 4 2.5C3 2.5 2.4 3.3 2.5 4.3c.5 5 4.2 8.7 9.2 9.2 1 .1 1.8-.5 1.8-1.5V10.5l-2.5-1-1.3 1.3a7 7 0 0 1-3.3-3.3L7.7 6.2 6.5 3.5Z" />
  </Svg>
);
export const VoicemailIcon = (p: TIconProps) => (
  <Svg {...p}>
    <circle cx="4.5" cy="8.5" r="2.5" />
    <circle cx="11.5" cy="8.5" r="2.5" />
    <path d="M4.5 11h7" />
  </Svg>
);
export const TaskIcon = (p: TIconProps) => (
  <Svg {...p}>
    <rect x="2.5" y="2.5" width="11" height="11" rx="2" />
    <path d="m5.5 8 1.8 1.8L10.8 6" />
  </Svg>
);
export const SocialIcon = (p: TIconProps) => (
  <Svg {...p}>
    <circle cx="8" cy="8" r="5.5" />
    <path d="M5.5 9.5s.9 1.2 2.5 1.2 2.5-1.2 2.5-1.2M6 6.5h.01M10 6.5h.01" />
  </Svg>
);
export const InboxIcon = (p: TIconProps) => (
  <Svg {...p}>
    <path d="M2 9.5 3.8 3.6a1 1 0 0 1 1-.6h6.4a1 1 0 0 1 1 .6L14 9.5v3a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1v-3Z" />
    <path d="M2 9.5h3.2l.8 1.5h4l.8-1.5H14" />
  </Svg>
);
export const UserIcon = (p: TIconProps) => (
  <Svg {...p}>
    <circle cx="8" cy="5.5" r="2.5" />
    <path d="M3 13.5c.6-2.4 2.6-4 5-4s4.4 1.6 5 4" />
  </Svg>
);
export const ChevronDownIcon = (p: TIconProps) => (
  <Svg {...p}>
    <path d="m4 6 4 4 4-4" />
  </Svg>
);
export const CheckIcon = (p: TIconProps) => (
  <Svg {...p}>
    <path d="m3.5 8.5 3 3 6-7" />
  </Svg>
);
export const ArrowRightIcon = (p: TIconProps) => (
  <Svg {...p}>
    <path d="M3 8h10M9 4l4 4-4 4" />
  </Svg>
);
export const ClockIcon = (p: TIconProps) => (
  <Svg {...p}>
    <circle cx="8" cy="8" r="5.5" />
    <path d="M8 5v3l2 1.5" />
  </Svg>
);
export const TeamIcon = (p: TIconProps) => (
  <Svg {...p}>
    <circle cx="6" cy="6" r="2.2" />
    <circle cx="11.5" cy="6.5" r="1.8" />
    <path d="M2 13c.4-2 2-3.3 4-3.3S9.6 11 10 13M10.5 9.6c1.7 0 3 1 3.5 2.9" />
  </Svg>
);
export const KeyboardIcon = (p: TIconProps) => (
  <Svg {...p}>
    <rect x="1.5" y="4" width="13" height="8" rx="1.5" />
    <path d="M4 6.5h.01M6.5 6.5h.01M9 6.5h.01M11.5 6.5h.01M5 9.5h6" />
  </Svg>
);
export const SettingsIcon = (p: TIconProps) => (
  <Svg {...p}>
    <circle cx="8" cy="8" r="2" />
    <path d="M8 1.5v2M8 12.5v2M14.5 8h-2M3.5 8h-2M12.6 3.4l-1.4 1.4M4.8 11.2l-1.4 1.4M12.6 12.6l-1.4-1.4M4.8 4.8 3.4 3.4" />
  </Svg>
);
export const LogoutIcon = (p: TIconProps) => (
  <Svg {...p}>
    <path d="M6 2.5H3.5a1 1 0 0 0-1 1v9a1 1 0 0 0 1 1H6M10.5 11l3-3-3-3M13.5 8H6" />
  </Svg>
);

/** The icon of a channel name as the server spells it (EMAIL, CHAT, SMS, PHONE_CALL, VOICEMAIL, TASK, …). */
export const ConversationIcon = (p: TIconProps) => (
  <Svg {...p}>
    <path d="M4 4.5h8M4 8h8M4 11.5h5" />
  </Svg>
);

export function ChannelIcon({ channel, ...rest }: TIconProps & { channel: string | null | undefined }) {
  const c = (channel ?? '').toUpperCase();
  if (!c) return <ConversationIcon {...rest} />;
  if (c === 'EMAIL' || c === 'MAIL') return <MailIcon {...rest} />;
  if (c === 'CHAT' || c === 'MESSAGING') return <ChatIcon {...rest} />;
  if (c === 'SMS' || c === 'WHATSAPP') return <SmsIcon {...rest} />;
  if (c === 'PHONE_CALL' || c === 'VOICE' || c === 'PHONE') return <PhoneIcon {...rest} />;
  if (c === 'VOICEMAIL') return <VoicemailIcon {...rest} />;
  if (c === 'TASK') return <TaskIcon {...rest} />;
  if (c.includes('MESSENGER') || c.includes('INSTAGRAM') || c.includes('TWITTER') || c === 'CUSTOM') {
    return <SocialIcon {...rest} />;
  }
  return <ChatIcon {...rest} />;
}

const CHANNEL_NAMES: Record<string, string> = {
  EMAIL: 'Email',
  CHAT: 'Chat',
  SMS: 'SMS',
  PHONE_CALL: 'Voice',
  VOICEMAIL: 'Voicemail',
  TASK: 'Task',
  FB_MESSENGER: 'Messenger',
  INSTAGRAM_DIRECT: 'Instagram',
  WHATSAPP: 'WhatsApp',
  CUSTOM: 'Custom channel',
};

export function channelName(channel: string | null | undefined): string {
  if (!channel) return 'Conversation';
  return CHANNEL_NAMES[channel.toUpperCase()] ?? channel.charAt(0) + channel.slice(1).toLowerCase().replace(/_/g, ' ');
}
