import { type FormEvent, useReducer, useState } from 'react';
import { api } from '../../../lib/api-client';
import { fieldClass, inputClass, Modal, TextField } from '../../../ui/ui';
import s from '../settings.module.css';
import { FieldError, FormActions, FormErrors } from '../shared/FormBits';
import { type TBusinessHours, WEEKDAYS } from '../shared/settings-types';
import { useSettingsMutation } from '../shared/use-settings-mutation';
import { dayProblems, defaultOfficeHours, hoursReducer } from './hours-editor';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';

const FIELDS = ['name', 'primary', 'officeHours', 'version'];
const ZONES: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return [];
  }
})();

/** Create or edit business hours. Edits send the version read; a concurrent change answers 409 version_outdated. */
export function BusinessHoursFormModal({
  hours,
  defaultTimezone,
  onClose,
}: {
  hours: TBusinessHours | null;
  defaultTimezone: string;
  onClose: () => void;
}) {
  const [name, setName] = useState(hours?.name ?? '');
  const [primary, setPrimary] = useState(hours?.primary ?? false);
  const [officeHours, dispatch] = useReducer(hoursReducer, hours?.officeHours ?? defaultOfficeHours(defaultTimezone));
  const save = useSettingsMutation(
    'business-hours',
    () => {
      const body = { name, primary, officeHours };
      return hours
        ? api.put(`/api/v1/business-hours/${hours.id}`, { ...body, version: hours.version })
        : api.post('/api/v1/business-hours', body);
    },
    { success: hours ? 'Business hours saved' : 'Business hours created', onSuccess: onClose },
  );
  const invalid = WEEKDAYS.some((day) => dayProblems(officeHours[day]).length > 0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!invalid) save.mutate(undefined);
  };
  return (
    <Modal title={hours ? `Edit ${hours.name}` : 'New business hours'} onClose={onClose}>
      <form onSubmit={submit} noValidate style={{ width: 'min(640px, 84vw)' }}>
        <FormErrors error={save.error} fields={FIELDS} />
        <div className={s.formGrid}>
          <TextField id="bh-name" label="Name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          <div className={fieldClass}>
            <label htmlFor="bh-timezone">Time zone</label>
            <input
              id="bh-timezone"
              className={inputClass}
              list="bh-timezones"
              value={officeHours.timezone}
              onChange={(e) => dispatch({ type: 'timezone', timezone: e.target.value })}
            />
            <datalist id="bh-timezones">
              {ZONES.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </div>
        </div>
        <FieldError error={save.error} attr="name" />
        <FieldError error={save.error} attr="officeHours" />
        <label className={s.checkRow}>
          <input
            type="checkbox"
            checked={primary}
            disabled={hours?.primary}
            onChange={(e) => setPrimary(e.target.checked)}
          />
          Primary (the default; cannot be deleted)
        </label>
        <WeeklyHoursEditor hours={officeHours} dispatch={dispatch} />
        {officeHours.exceptions.length > 0 ? (
          <p className={`${s.muted} ${s.small}`}>
            {officeHours.exceptions.length} holiday exception(s) are kept as they are (edit them through the API).
          </p>
        ) : null}
        <FormActions
          onCancel={onClose}
          submitLabel={hours ? 'Save' : 'Create'}
          pending={save.isPending}
          disabled={invalid}
        />
      </form>
    </Modal>
  );
}
