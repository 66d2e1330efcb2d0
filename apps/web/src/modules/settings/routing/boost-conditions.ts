import type { TBoostCondition, TBoostPoints } from '../shared/settings-types';

// Pure helpers of the People Match boost editor (spec 5.6): sizes, new conditions, readable summaries.

export const BOOST_SIZES: readonly { points: TBoostPoints; label: string }[] = [
  { points: 1, label: 'Small' },
  { points: 3, label: 'Medium' },
  { points: 5, label: 'Large' },
  { points: 10, label: 'Very large' },
];

export const CONDITION_KINDS: readonly { kind: TBoostCondition['kind']; label: string }[] = [
  { kind: 'SKILLS', label: 'Agent skills' },
  { kind: 'CHANNEL', label: 'Channel' },
  { kind: 'INBOX', label: 'Inbox' },
  { kind: 'TRANSFER_STATUS', label: 'Transfer status' },
  { kind: 'DUE', label: 'Due date' },
  { kind: 'WAIT_TIME', label: 'Wait time' },
  { kind: 'TOPICS', label: 'Topics' },
  { kind: 'STRING_ATTRIBUTE', label: 'Customer attribute (text)' },
  { kind: 'NUMBER_ATTRIBUTE', label: 'Customer attribute (number)' },
];

/** People Match covers messaging and email only (spec 5.6), so these are the channels a boost can name. */
export const BOOST_CHANNELS = [
  'CHAT',
  'EMAIL',
  'FB_MESSENGER',
  'SMS',
  'VOICEMAIL',
  'INSTAGRAM_DIRECT',
  'WHATSAPP',
  'CUSTOM_CHANNEL',
] as const;

export function sizeLabel(points: number): string {
  return BOOST_SIZES.find((s) => s.points === points)?.label ?? `${points} points`;
}

export function defaultCondition(kind: TBoostCondition['kind']): TBoostCondition {
  switch (kind) {
    case 'SKILLS':
      return { kind, match: 'ANY', skills: [] };
    case 'CHANNEL':
      return { kind, channels: ['CHAT'] };
    case 'INBOX':
      return { kind, op: 'INCLUDES', inboxIds: [] };
    case 'TRANSFER_STATUS':
      return { kind, status: 'INITIAL' };
    case 'DUE':
      return { kind, op: 'DUE_IN', seconds: 600 };
    case 'WAIT_TIME':
      return { kind, op: 'LONGER_THAN', seconds: 300 };
    case 'TOPICS':
      return { kind, match: 'ANY', topicIds: [] };
    case 'STRING_ATTRIBUTE':
      return { kind, key: '', op: 'CONTAINS', mode: 'ANY', values: [] };
    case 'NUMBER_ATTRIBUTE':
      return { kind, key: '', negate: false, comparator: 'GTE', value: 0 };
  }
}

/** "a, b , ,c" → ["a", "b", "c"]: comma-separated lists typed by people (skills, attribute values). */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0 && seconds >= 3600) return `${seconds / 3600} h`;
  if (seconds % 60 === 0 && seconds >= 60) return `${seconds / 60} min`;
  return `${seconds} s`;
}

const COMPARATORS = { EQ: '=', GT: '>', GTE: '≥', LT: '<', LTE: '≤', BETWEEN: 'between' } as const;

export function describeCondition(
  condition: TBoostCondition,
  names: { inbox?: (id: string) => string; topic?: (id: string) => string } = {},
): string {
  const inbox = names.inbox ?? ((id: string) => id);
  const topic = names.topic ?? ((id: string) => id);
  switch (condition.kind) {
    case 'SKILLS':
      return `Agent has ${condition.match === 'ALL' ? 'all' : 'any'} of: ${condition.skills.join(', ') || '—'}`;
    case 'CHANNEL':
      return `Channel is ${condition.channels.join(' or ') || '—'}`;
    case 'INBOX':
      return `Inbox ${condition.op === 'INCLUDES' ? 'is' : 'is not'} ${condition.inboxIds.map(inbox).join(' or ') || '—'}`;
    case 'TRANSFER_STATUS':
      return condition.status === 'INITIAL' ? 'Initial matching' : 'Rematching';
    case 'DUE':
      if (condition.op === 'OVERDUE') return 'Overdue';
      return condition.op === 'DUE_IN'
        ? `Due in ${duration(condition.seconds)}`
        : `Overdue by ${duration(condition.seconds)}`;
    case 'WAIT_TIME':
      return `Waiting ${condition.op === 'LONGER_THAN' ? 'longer' : 'shorter'} than ${duration(condition.seconds)}`;
    case 'TOPICS':
      return `Has ${condition.match === 'ALL' ? 'all' : 'any'} of topics: ${condition.topicIds.map(topic).join(', ') || '—'}`;
    case 'STRING_ATTRIBUTE': {
      const verb = condition.op === 'CONTAINS' ? 'contains' : 'does not contain';
      return `${condition.key || '?'} ${verb} (${condition.mode.toLowerCase()}) ${condition.values.join(', ') || '—'}`;
    }
    case 'NUMBER_ATTRIBUTE': {
      const range =
        condition.comparator === 'BETWEEN'
          ? `between ${condition.value} and ${condition.upper ?? '?'}`
          : `${COMPARATORS[condition.comparator]} ${condition.value}`;
      return `${condition.key || '?'} ${condition.negate ? 'is not' : 'is'} ${range}`;
    }
  }
}
