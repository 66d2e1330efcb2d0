import { inputClass } from '../../../ui/ui';
import s from '../settings.module.css';
import { FieldError } from '../shared/FormBits';
import { CHANNEL_GROUPS } from '../shared/settings-types';
import type { TRoutingConfigForm } from './routing-form';

const GROUP_LABELS = { VOICE: 'Voice', MESSAGING: 'Messaging', MAIL: 'Email', TASK: 'Tasks' } as const;

/**
 * The per-inbox routing knobs, used for the org defaults and for an inbox override. With `inherit`, blank fields
 * mean "use the default" and the auto-assign choice has a third option.
 */
export function RoutingConfigFields({
  form,
  onChange,
  error,
  attrPrefix,
  inherit,
  idPrefix,
}: {
  form: TRoutingConfigForm;
  onChange: (next: TRoutingConfigForm) => void;
  error: unknown;
  attrPrefix: string;
  inherit?: boolean;
  idPrefix: string;
}) {
  const placeholder = inherit ? 'default' : undefined;
  const numberRow = (
    key: 'nextMessageDelaySeconds' | 'declineGraceSeconds' | 'messagingAutoEndSeconds',
    label: string,
    help: string,
  ) => (
    <>
      <div className={s.settingRow}>
        <div>
          <label htmlFor={`${idPrefix}-${key}`}>
            <strong>{label}</strong>
          </label>
          <p>{help}</p>
        </div>
        <input
          id={`${idPrefix}-${key}`}
          type="number"
          min={0}
          className={`${inputClass} ${s.numberInput}`}
          placeholder={placeholder}
          value={form[key]}
          onChange={(e) => onChange({ ...form, [key]: e.target.value })}
        />
      </div>
      <FieldError error={error} attr={`${attrPrefix}.${key}`} />
    </>
  );
  return (
    <div>
      <div className={s.settingRow}>
        <div>
          <strong>Offer timeout (seconds)</strong>
          <p>How long an agent has to accept an offer before it counts as missed and goes to someone else.</p>
        </div>
        <div className={`${s.actions} ${s.nowrap}`}>
          {CHANNEL_GROUPS.map((group) => (
            <label key={group} className={s.small} style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
              {GROUP_LABELS[group]}
              <input
                type="number"
                min={1}
                className={inputClass}
                style={{ width: 80 }}
                placeholder={placeholder}
                value={form.offerTimeoutSeconds[group]}
                onChange={(e) =>
                  onChange({ ...form, offerTimeoutSeconds: { ...form.offerTimeoutSeconds, [group]: e.target.value } })
                }
              />
            </label>
          ))}
        </div>
      </div>
      <FieldError error={error} attr={`${attrPrefix}.offerTimeoutSeconds`} />
      <div className={s.settingRow}>
        <div>
          <label htmlFor={`${idPrefix}-autoassign`}>
            <strong>Messaging auto-assign</strong>
          </label>
          <p>Assign messaging conversations without an accept step.</p>
        </div>
        <select
          id={`${idPrefix}-autoassign`}
          className={inputClass}
          value={form.messagingAutoAssign === null ? '' : String(form.messagingAutoAssign)}
          onChange={(e) =>
            onChange({ ...form, messagingAutoAssign: e.target.value === '' ? null : e.target.value === 'true' })
          }
        >
          {inherit ? <option value="">Default</option> : null}
          <option value="true">On</option>
          <option value="false">Off</option>
        </select>
      </div>
      <FieldError error={error} attr={`${attrPrefix}.messagingAutoAssign`} />
      {numberRow(
        'nextMessageDelaySeconds',
        'Next message delay (seconds)',
        'Pause between messaging offers to one agent.',
      )}
      {numberRow(
        'declineGraceSeconds',
        'Decline grace (seconds)',
        'After a decline, the item skips that agent this long.',
      )}
      {numberRow(
        'messagingAutoEndSeconds',
        'Messaging auto-end (seconds)',
        'End a messaging session when the customer stays silent this long (at most 24 h).',
      )}
    </div>
  );
}
