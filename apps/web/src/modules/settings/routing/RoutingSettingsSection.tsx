import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Button, EmptyState, inputClass } from '../../../ui/ui';
import s from '../settings.module.css';
import { FieldError, FormErrors, QueryState, SectionHeader } from '../shared/FormBits';
import { parseNumberInput } from '../shared/number-input';
import type { TInbox, TRoutingSettings } from '../shared/settings-types';
import { toastError, useSettingsMutation } from '../shared/use-settings-mutation';
import { InboxOverrideModal } from './InboxOverrideModal';
import { RoutingConfigFields } from './RoutingConfigFields';
import { defaultsFromForm, describeOverride, toConfigForm } from './routing-form';

const FIELDS = [
  'defaults',
  'inboxOverrides',
  'idleMinutesUntilAway',
  'idleMinutesUntilLogout',
  'sameAgentTimeLimitMinutes',
];

/** How the routing engine offers work: timeouts, auto-assign, idle timing (spec 5.3–5.4), per-inbox overrides. */
export default function RoutingSettingsSection() {
  const settings = useQuery({
    queryKey: qk.settings('routing'),
    queryFn: () => api.get<TRoutingSettings>('/api/internal/routing-settings'),
  });
  const inboxes = useQuery({
    queryKey: qk.settings('inboxes'),
    queryFn: () => api.get<TInbox[]>('/api/internal/inboxes'),
  });
  return (
    <>
      <SectionHeader title="Routing settings" description="How Hearth offers conversations and tasks to agents." />
      <QueryState isLoading={settings.isLoading} error={settings.error} />
      {settings.data ? <RoutingSettingsForm settings={settings.data} inboxes={inboxes.data ?? []} /> : null}
    </>
  );
}

function RoutingSettingsForm({ settings, inboxes }: { settings: TRoutingSettings; inboxes: TInbox[] }) {
  const [defaults, setDefaults] = useState(() => toConfigForm(settings.defaults));
  const [idleAway, setIdleAway] = useState(String(settings.idleMinutesUntilAway ?? ''));
  const [idleLogout, setIdleLogout] = useState(String(settings.idleMinutesUntilLogout ?? ''));
  const [sameAgent, setSameAgent] = useState(String(settings.sameAgentTimeLimitMinutes));
  const [overrideFor, setOverrideFor] = useState<string | null>(null);
  const [newOverride, setNewOverride] = useState('');
  useEffect(() => {
    setDefaults(toConfigForm(settings.defaults));
    setIdleAway(String(settings.idleMinutesUntilAway ?? ''));
    setIdleLogout(String(settings.idleMinutesUntilLogout ?? ''));
    setSameAgent(String(settings.sameAgentTimeLimitMinutes));
  }, [settings]);
  const save = useSettingsMutation(
    'routing',
    () =>
      api.put('/api/internal/routing-settings', {
        defaults: defaultsFromForm(defaults),
        inboxOverrides: settings.inboxOverrides,
        idleMinutesUntilAway: parseNumberInput(idleAway),
        idleMinutesUntilLogout: parseNumberInput(idleLogout),
        sameAgentTimeLimitMinutes: parseNumberInput(sameAgent),
      }),
    { success: 'Routing settings saved' },
  );
  const removeOverride = useSettingsMutation(
    'routing',
    (inboxId: string) => {
      const { [inboxId]: _removed, ...rest } = settings.inboxOverrides;
      return api.put('/api/internal/routing-settings', { ...settings, inboxOverrides: rest });
    },
    { success: 'Override removed' },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  const inboxName = (id: string) => inboxes.find((i) => i.id === id)?.name ?? id;
  const overridden = Object.keys(settings.inboxOverrides);
  const candidates = inboxes.filter((i) => !overridden.includes(i.id));
  const idleRow = (id: string, label: string, help: string, value: string, set: (v: string) => void, attr: string) => (
    <>
      <div className={s.settingRow}>
        <div>
          <label htmlFor={id}>
            <strong>{label}</strong>
          </label>
          <p>{help}</p>
        </div>
        <input
          id={id}
          type="number"
          min={1}
          placeholder="off"
          className={`${inputClass} ${s.numberInput}`}
          value={value}
          onChange={(e) => set(e.target.value)}
        />
      </div>
      <FieldError error={save.error} attr={attr} />
    </>
  );
  return (
    <>
      <form className={`${s.card} ${s.cardPadded}`} onSubmit={submit} noValidate>
        <FormErrors error={save.error} fields={FIELDS} />
        <div className={s.sectionTitle} style={{ marginTop: 0 }}>
          Defaults for every inbox
        </div>
        <RoutingConfigFields
          form={defaults}
          onChange={setDefaults}
          error={save.error}
          attrPrefix="defaults"
          idPrefix="defaults"
        />
        <div className={s.sectionTitle}>Idle timing and stickiness</div>
        {idleRow(
          'idle-away',
          'Time until Away (minutes)',
          'An agent with no activity this long is set Away (blank: never).',
          idleAway,
          setIdleAway,
          'idleMinutesUntilAway',
        )}
        {idleRow(
          'idle-logout',
          'Time until logged off (minutes)',
          'An agent with no activity this long is logged out (blank: never).',
          idleLogout,
          setIdleLogout,
          'idleMinutesUntilLogout',
        )}
        {idleRow(
          'same-agent',
          'Same-agent time limit (minutes)',
          'A reopened conversation goes back to its last agent if they are available within this time.',
          sameAgent,
          setSameAgent,
          'sameAgentTimeLimitMinutes',
        )}
        <div className={s.formActions}>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </form>

      <div className={s.header} style={{ marginTop: 24, marginBottom: 8 }}>
        <div className={s.sectionTitle} style={{ margin: 0 }}>
          Inbox overrides
        </div>
        <div className={s.actions}>
          <select
            className={inputClass}
            aria-label="Inbox to override"
            value={newOverride}
            onChange={(e) => setNewOverride(e.target.value)}
          >
            <option value="">Choose an inbox…</option>
            {candidates.map((inbox) => (
              <option key={inbox.id} value={inbox.id}>
                {inbox.name}
              </option>
            ))}
          </select>
          <Button size="small" disabled={!newOverride} onClick={() => setOverrideFor(newOverride)}>
            Add override
          </Button>
        </div>
      </div>
      <div className={s.card}>
        <table className={s.table}>
          <tbody>
            {overridden.map((inboxId) => (
              <tr key={inboxId} data-testid="routing-override-row">
                <td>{inboxName(inboxId)}</td>
                <td className={s.small}>{describeOverride(settings.inboxOverrides[inboxId] ?? {})}</td>
                <td>
                  <div className={s.actions}>
                    <Button size="small" onClick={() => setOverrideFor(inboxId)}>
                      Edit
                    </Button>
                    <Button
                      size="small"
                      variant="danger"
                      disabled={removeOverride.isPending}
                      onClick={() => removeOverride.mutate(inboxId, { onError: toastError })}
                    >
                      Remove
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {overridden.length === 0 ? <EmptyState>Every inbox uses the defaults.</EmptyState> : null}
      </div>
      {overrideFor ? (
        <InboxOverrideModal
          settings={settings}
          inboxId={overrideFor}
          inboxName={inboxName(overrideFor)}
          onClose={() => {
            setOverrideFor(null);
            setNewOverride('');
          }}
        />
      ) : null}
    </>
  );
}
