import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Button, inputClass } from '../../../ui/ui';
import s from '../settings.module.css';
import { FieldError, FormErrors, QueryState, SectionHeader } from '../shared/FormBits';
import { formatMinutes, parseNumberInput } from '../shared/number-input';
import type { TOrgSettings } from '../shared/settings-types';
import { useSettingsMutation } from '../shared/use-settings-mutation';

const FIELDS = ['name', 'timezone', 'reopenWindowMinutes', 'topicsRequiredOnClose'];

/** Organization-wide settings: name, time zone, reopen window (spec 2.3), topics required on close (spec 2.8). */
export default function OrgSettingsSection() {
  const settings = useQuery({
    queryKey: qk.settings('organization'),
    queryFn: () => api.get<TOrgSettings>('/api/internal/settings'),
  });
  return (
    <>
      <SectionHeader title="Organization" description="Settings that apply to every inbox and agent." />
      <QueryState isLoading={settings.isLoading} error={settings.error} />
      {settings.data ? <OrgSettingsForm settings={settings.data} /> : null}
    </>
  );
}

function OrgSettingsForm({ settings }: { settings: TOrgSettings }) {
  const [name, setName] = useState(settings.name);
  const [timezone, setTimezone] = useState(settings.timezone);
  const [reopen, setReopen] = useState(String(settings.reopenWindowMinutes));
  const [topicsRequired, setTopicsRequired] = useState(settings.topicsRequiredOnClose);
  useEffect(() => {
    setName(settings.name);
    setTimezone(settings.timezone);
    setReopen(String(settings.reopenWindowMinutes));
    setTopicsRequired(settings.topicsRequiredOnClose);
  }, [settings]);
  const save = useSettingsMutation(
    'organization',
    () =>
      api.patch('/api/internal/settings', {
        name,
        timezone,
        reopenWindowMinutes: parseNumberInput(reopen),
        topicsRequiredOnClose: topicsRequired,
      }),
    { success: 'Organization settings saved', alsoInvalidate: [qk.me] },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  const reopenMinutes = parseNumberInput(reopen);
  return (
    <form className={`${s.card} ${s.cardPadded}`} onSubmit={submit} noValidate>
      <FormErrors error={save.error} fields={FIELDS} />
      <div className={s.settingRow}>
        <div>
          <label htmlFor="org-name">
            <strong>Name</strong>
          </label>
        </div>
        <input id="org-name" className={inputClass} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <FieldError error={save.error} attr="name" />
      <div className={s.settingRow}>
        <div>
          <label htmlFor="org-timezone">
            <strong>Time zone</strong>
          </label>
          <p>IANA name, e.g. America/New_York. Used for new business hours and reports.</p>
        </div>
        <input
          id="org-timezone"
          className={inputClass}
          value={timezone}
          onChange={(e) => setTimezone(e.target.value)}
        />
      </div>
      <FieldError error={save.error} attr="timezone" />
      <div className={s.settingRow}>
        <div>
          <label htmlFor="org-reopen">
            <strong>Reopen window (minutes)</strong>
          </label>
          <p>
            A customer reply within this time after close reopens the same conversation; later, a new one starts.
            {reopenMinutes !== null ? ` Currently ${formatMinutes(reopenMinutes)}.` : ''}
          </p>
        </div>
        <input
          id="org-reopen"
          type="number"
          min={0}
          className={`${inputClass} ${s.numberInput}`}
          value={reopen}
          onChange={(e) => setReopen(e.target.value)}
          data-testid="org-reopen-window"
        />
      </div>
      <FieldError error={save.error} attr="reopenWindowMinutes" />
      <div className={s.settingRow}>
        <div>
          <label htmlFor="org-topics-required">
            <strong>Topics required on close</strong>
          </label>
          <p>Agents must apply at least one topic before closing a conversation.</p>
        </div>
        <input
          id="org-topics-required"
          type="checkbox"
          checked={topicsRequired}
          onChange={(e) => setTopicsRequired(e.target.checked)}
          data-testid="org-topics-required"
        />
      </div>
      <FieldError error={save.error} attr="topicsRequiredOnClose" />
      <div className={s.formActions}>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </form>
  );
}
