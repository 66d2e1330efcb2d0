import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Badge, Button, EmptyState } from '../../../ui/ui';
import s from '../settings.module.css';
import { QueryState, SectionHeader } from '../shared/FormBits';
import { type TBusinessHours, type TOrgSettings, WEEKDAYS } from '../shared/settings-types';
import { toastError, useSettingsMutation } from '../shared/use-settings-mutation';
import { BusinessHoursFormModal } from './BusinessHoursFormModal';
import { describeDay } from './hours-editor';

/** Business hours (spec 10): used by rules and SLA reporting, never by routing due dates. */
export default function BusinessHoursSection() {
  const list = useQuery({
    queryKey: qk.settings('business-hours'),
    queryFn: () => api.get<TBusinessHours[]>('/api/v1/business-hours'),
  });
  const org = useQuery({
    queryKey: qk.settings('organization'),
    queryFn: () => api.get<TOrgSettings>('/api/internal/settings'),
  });
  const [editing, setEditing] = useState<TBusinessHours | 'new' | null>(null);
  const remove = useSettingsMutation('business-hours', (hours: TBusinessHours) =>
    api.delete(`/api/v1/business-hours/${hours.id}`),
  );
  const defaultTimezone = org.data?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <>
      <SectionHeader
        title="Business hours"
        description="Opening hours for rules (inside/outside hours) and SLA reporting. Routing due dates ignore them."
        actions={
          <Button variant="primary" onClick={() => setEditing('new')} data-testid="business-hours-create">
            New business hours
          </Button>
        }
      />
      <QueryState isLoading={list.isLoading} error={list.error} />
      {list.data?.length === 0 ? <EmptyState>No business hours yet.</EmptyState> : null}
      {list.data?.map((hours) => (
        <div
          key={hours.id}
          className={`${s.card} ${s.cardPadded}`}
          style={{ marginBottom: 16 }}
          data-testid="business-hours-card"
        >
          <div className={s.header} style={{ marginBottom: 8 }}>
            <div>
              <strong>{hours.name}</strong> {hours.primary ? <Badge tone="brand">Primary</Badge> : null}
              <div className={`${s.muted} ${s.small}`}>{hours.officeHours.timezone}</div>
            </div>
            <div className={s.actions}>
              <Button size="small" onClick={() => setEditing(hours)}>
                Edit
              </Button>
              {hours.primary ? null : (
                <Button
                  size="small"
                  variant="danger"
                  disabled={remove.isPending}
                  onClick={() => {
                    if (window.confirm(`Delete ${hours.name}?`)) remove.mutate(hours, { onError: toastError });
                  }}
                >
                  Delete
                </Button>
              )}
            </div>
          </div>
          <div className={s.weekGrid}>
            {WEEKDAYS.map((day) => (
              <div key={day} className={s.weekCell} title={`${day}: ${describeDay(hours.officeHours[day])}`}>
                <div className={s.weekDay}>{day.slice(0, 3)}</div>
                <div className={hours.officeHours[day].length === 0 ? s.muted : ''}>
                  {hours.officeHours[day].length === 0
                    ? 'Closed'
                    : hours.officeHours[day].map((b) => (
                        <div key={`${b.start}-${b.stop}`}>{`${b.start}–${b.stop}`}</div>
                      ))}
                </div>
              </div>
            ))}
          </div>
          {hours.officeHours.exceptions.length > 0 ? (
            <div className={`${s.muted} ${s.small}`} style={{ marginTop: 8 }}>
              Exceptions: {hours.officeHours.exceptions.map((x) => x.name).join(', ')}
            </div>
          ) : null}
        </div>
      ))}
      {editing ? (
        <BusinessHoursFormModal
          hours={editing === 'new' ? null : editing}
          defaultTimezone={defaultTimezone}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
