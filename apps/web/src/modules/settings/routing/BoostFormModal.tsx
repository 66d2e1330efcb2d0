import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Button, fieldClass, inputClass, Modal, TextField } from '../../../ui/ui';
import s from '../settings.module.css';
import { FieldError, FormActions, FormErrors } from '../shared/FormBits';
import type { TBoost, TBoostCondition, TBoostPoints, TInbox, TTopic } from '../shared/settings-types';
import { useSettingsMutation } from '../shared/use-settings-mutation';
import { BOOST_SIZES, defaultCondition } from './boost-conditions';
import { ConditionEditor } from './ConditionEditor';

const FIELDS = ['name', 'points', 'enabled', 'conditions'];

/** Create or edit a People Match boost: a size and conditions that must all hold for a customer–agent pair. */
export function BoostFormModal({ boost, onClose }: { boost: TBoost | null; onClose: () => void }) {
  const inboxes = useQuery({
    queryKey: qk.settings('inboxes'),
    queryFn: () => api.get<TInbox[]>('/api/internal/inboxes'),
  });
  const topics = useQuery({
    queryKey: qk.settings('topics'),
    queryFn: () => api.get<TTopic[]>('/api/internal/topics'),
  });
  const [name, setName] = useState(boost?.name ?? '');
  const [points, setPoints] = useState<TBoostPoints>(boost?.points ?? 3);
  const [enabled, setEnabled] = useState(boost?.enabled ?? true);
  const [conditions, setConditions] = useState<TBoostCondition[]>(boost?.conditions ?? [defaultCondition('SKILLS')]);
  const save = useSettingsMutation(
    'boosts',
    () => {
      const body = { name, points, enabled, conditions };
      return boost
        ? api.patch(`/api/internal/routing-boosts/${boost.id}`, body)
        : api.post('/api/internal/routing-boosts', body);
    },
    { success: boost ? 'Boost saved' : 'Boost created', onSuccess: onClose },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  return (
    <Modal title={boost ? `Edit ${boost.name}` : 'New boost'} onClose={onClose}>
      <form onSubmit={submit} noValidate style={{ width: 'min(672px, 84vw)' }}>
        <FormErrors error={save.error} fields={FIELDS} />
        <div className={s.formGrid}>
          <TextField id="boost-name" label="Name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          <div className={fieldClass}>
            <label htmlFor="boost-points">Boost size</label>
            <select
              id="boost-points"
              className={inputClass}
              value={points}
              onChange={(e) => setPoints(Number(e.target.value) as TBoostPoints)}
            >
              {BOOST_SIZES.map((size) => (
                <option key={size.points} value={size.points}>
                  {size.label} ({size.points} {size.points === 1 ? 'point' : 'points'})
                </option>
              ))}
            </select>
          </div>
        </div>
        <FieldError error={save.error} attr="name" />
        <FieldError error={save.error} attr="points" />
        <label className={s.checkRow}>
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Enabled
        </label>
        <div className={s.labelText} style={{ marginTop: 12 }}>
          Conditions (all must hold; none matches every pair)
        </div>
        {conditions.map((condition, index) => (
          <ConditionEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity beyond their position
            key={`${index}-${condition.kind}`}
            condition={condition}
            inboxes={inboxes.data ?? []}
            topics={topics.data ?? []}
            onChange={(next) => setConditions(conditions.map((c, i) => (i === index ? next : c)))}
            onRemove={() => setConditions(conditions.filter((_, i) => i !== index))}
          />
        ))}
        <FieldError error={save.error} attr="conditions" />
        <Button size="small" onClick={() => setConditions([...conditions, defaultCondition('CHANNEL')])}>
          + Add condition
        </Button>
        <FormActions onCancel={onClose} submitLabel={boost ? 'Save' : 'Create boost'} pending={save.isPending} />
      </form>
    </Modal>
  );
}
