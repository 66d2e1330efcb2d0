import type { ReactNode } from 'react';
import { Button, inputClass } from '../../../ui/ui';
import s from '../settings.module.css';
import { CheckList } from '../shared/CheckList';
import { ListInput } from '../shared/ListInput';
import { parseNumberInput } from '../shared/number-input';
import type { TBoostCondition, TInbox, TTopic } from '../shared/settings-types';
import { BOOST_CHANNELS, CONDITION_KINDS, defaultCondition } from './boost-conditions';

/** One condition of a boost: its kind, then the inputs that kind needs. */
export function ConditionEditor({
  condition,
  onChange,
  onRemove,
  inboxes,
  topics,
}: {
  condition: TBoostCondition;
  onChange: (next: TBoostCondition) => void;
  onRemove: () => void;
  inboxes: readonly TInbox[];
  topics: readonly TTopic[];
}) {
  const select = <T extends string>(label: string, value: T, options: readonly [T, string][], set: (v: T) => void) => (
    <select className={inputClass} aria-label={label} value={value} onChange={(e) => set(e.target.value as T)}>
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
  );
  const seconds = (value: number, set: (n: number) => void) => (
    <>
      <input
        type="number"
        min={0}
        className={inputClass}
        style={{ width: 90 }}
        aria-label="Minutes"
        value={String(Math.round(value / 60))}
        onChange={(e) => set((parseNumberInput(e.target.value) ?? 0) * 60)}
      />
      <span className={s.muted}>minutes</span>
    </>
  );
  let body: ReactNode = null;
  const c = condition;
  switch (c.kind) {
    case 'SKILLS':
      body = (
        <>
          {select(
            'Match',
            c.match,
            [
              ['ANY', 'any of'],
              ['ALL', 'all of'],
            ],
            (match) => onChange({ ...c, match }),
          )}
          <ListInput
            label="Skills"
            placeholder="skills, comma separated"
            value={c.skills}
            onChange={(skills) => onChange({ ...c, skills })}
          />
        </>
      );
      break;
    case 'CHANNEL':
      body = (
        <span className={s.badges}>
          {BOOST_CHANNELS.map((channel) => (
            <label key={channel} className={s.checkRow}>
              <input
                type="checkbox"
                checked={c.channels.includes(channel)}
                onChange={(e) =>
                  onChange({
                    ...c,
                    channels: e.target.checked ? [...c.channels, channel] : c.channels.filter((x) => x !== channel),
                  })
                }
              />
              {channel}
            </label>
          ))}
        </span>
      );
      break;
    case 'INBOX':
      body = (
        <div style={{ flex: 1 }}>
          {select(
            'Inbox operator',
            c.op,
            [
              ['INCLUDES', 'is one of'],
              ['EXCLUDES', 'is not one of'],
            ],
            (op) => onChange({ ...c, op }),
          )}
          <CheckList
            label="Inboxes"
            options={inboxes.map((i) => ({ value: i.id, label: i.name }))}
            selected={c.inboxIds}
            onChange={(inboxIds) => onChange({ ...c, inboxIds })}
          />
        </div>
      );
      break;
    case 'TRANSFER_STATUS':
      body = select(
        'Transfer status',
        c.status,
        [
          ['INITIAL', 'initial matching'],
          ['REMATCHING', 'rematching'],
        ],
        (status) => onChange({ ...c, status }),
      );
      break;
    case 'DUE':
      body = (
        <>
          {select(
            'Due',
            c.op,
            [
              ['DUE_IN', 'due in'],
              ['OVERDUE', 'overdue'],
              ['OVERDUE_BY', 'overdue by'],
            ],
            (op) => onChange({ ...c, op }),
          )}
          {c.op === 'OVERDUE' ? null : seconds(c.seconds, (n) => onChange({ ...c, seconds: n }))}
        </>
      );
      break;
    case 'WAIT_TIME':
      body = (
        <>
          {select(
            'Wait',
            c.op,
            [
              ['LONGER_THAN', 'longer than'],
              ['SHORTER_THAN', 'shorter than'],
            ],
            (op) => onChange({ ...c, op }),
          )}
          {seconds(c.seconds, (n) => onChange({ ...c, seconds: n }))}
        </>
      );
      break;
    case 'TOPICS':
      body = (
        <div style={{ flex: 1 }}>
          {select(
            'Match',
            c.match,
            [
              ['ANY', 'any of'],
              ['ALL', 'all of'],
            ],
            (match) => onChange({ ...c, match }),
          )}
          <CheckList
            label="Topics"
            options={topics.filter((t) => !t.disabled).map((t) => ({ value: t.id, label: t.name }))}
            selected={c.topicIds}
            onChange={(topicIds) => onChange({ ...c, topicIds })}
          />
        </div>
      );
      break;
    case 'STRING_ATTRIBUTE':
      body = (
        <>
          <input
            className={inputClass}
            style={{ width: 130 }}
            placeholder="attribute key"
            aria-label="Attribute key"
            value={c.key}
            onChange={(e) => onChange({ ...c, key: e.target.value })}
          />
          {select(
            'Operator',
            c.op,
            [
              ['CONTAINS', 'contains'],
              ['NOT_CONTAINS', 'does not contain'],
            ],
            (op) => onChange({ ...c, op }),
          )}
          {select(
            'Mode',
            c.mode,
            [
              ['ANY', 'any'],
              ['ONLY', 'only'],
              ['REGEX', 'regex'],
              ['WORDS', 'words'],
            ],
            (mode) => onChange({ ...c, mode }),
          )}
          <ListInput
            label="Values"
            placeholder="values, comma separated"
            value={c.values}
            onChange={(values) => onChange({ ...c, values })}
          />
        </>
      );
      break;
    case 'NUMBER_ATTRIBUTE':
      body = (
        <>
          <input
            className={inputClass}
            style={{ width: 130 }}
            placeholder="attribute key"
            aria-label="Attribute key"
            value={c.key}
            onChange={(e) => onChange({ ...c, key: e.target.value })}
          />
          {select(
            'Negate',
            c.negate ? 'NOT' : 'IS',
            [
              ['IS', 'is'],
              ['NOT', 'is not'],
            ],
            (v) => onChange({ ...c, negate: v === 'NOT' }),
          )}
          {select(
            'Comparator',
            c.comparator,
            [
              ['EQ', '='],
              ['GT', '>'],
              ['GTE', '≥'],
              ['LT', '<'],
              ['LTE', '≤'],
              ['BETWEEN', 'between'],
            ],
            (comparator) => onChange({ ...c, comparator }),
          )}
          <input
            type="number"
            className={inputClass}
            style={{ width: 90 }}
            aria-label="Value"
            value={String(c.value)}
            onChange={(e) => onChange({ ...c, value: parseNumberInput(e.target.value) ?? 0 })}
          />
          {c.comparator === 'BETWEEN' ? (
            <input
              type="number"
              className={inputClass}
              style={{ width: 90 }}
              aria-label="Upper value"
              value={String(c.upper ?? '')}
              onChange={(e) => onChange({ ...c, upper: parseNumberInput(e.target.value) ?? undefined })}
            />
          ) : null}
        </>
      );
      break;
  }
  return (
    <div className={s.conditionRow} data-testid="boost-condition">
      <select
        className={inputClass}
        aria-label="Condition"
        value={c.kind}
        onChange={(e) => onChange(defaultCondition(e.target.value as TBoostCondition['kind']))}
      >
        {CONDITION_KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      {body}
      <Button size="small" variant="ghost" aria-label="Remove condition" onClick={onRemove}>
        ✕
      </Button>
    </div>
  );
}
