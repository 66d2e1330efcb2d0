import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Badge, Button, EmptyState, fieldClass, inputClass, Modal, TextField } from '../../../ui/ui';
import s from '../settings.module.css';
import { FieldError, FormActions, FormErrors, QueryState, SectionHeader } from '../shared/FormBits';
import type { TStatusReason } from '../shared/settings-types';
import { toastError, useSettingsMutation } from '../shared/use-settings-mutation';

type TEdit = { mode: 'create'; kind: TStatusReason['kind'] } | { mode: 'rename'; reason: TStatusReason };

/** Active and Away reasons agents pick (spec 5.4); exactly one Active reason is the default applied at login. */
export default function StatusReasonsSection() {
  const reasons = useQuery({
    queryKey: qk.settings('status-reasons'),
    queryFn: () => api.get<TStatusReason[]>('/api/internal/status-reasons'),
  });
  const [edit, setEdit] = useState<TEdit | null>(null);
  const patch = useSettingsMutation('status-reasons', (vars: { reason: TStatusReason; body: Partial<TStatusReason> }) =>
    api.patch(`/api/internal/status-reasons/${vars.reason.id}`, vars.body),
  );
  const change = (reason: TStatusReason, body: Partial<TStatusReason>) =>
    patch.mutate({ reason, body }, { onError: toastError });
  return (
    <>
      <SectionHeader
        title="Status reasons"
        description="Agents are Active or Away, always with a reason. Reports show a reason's current name."
      />
      <QueryState isLoading={reasons.isLoading} error={reasons.error} />
      {reasons.data
        ? (['ACTIVE', 'AWAY'] as const).map((kind) => {
            const list = reasons.data.filter((r) => r.kind === kind);
            return (
              <section key={kind} style={{ marginBottom: 24 }}>
                <div className={s.header} style={{ marginBottom: 8 }}>
                  <div className={s.sectionTitle} style={{ margin: 0 }}>
                    {kind === 'ACTIVE' ? 'Active reasons' : 'Away reasons'}
                  </div>
                  <Button
                    size="small"
                    onClick={() => setEdit({ mode: 'create', kind })}
                    data-testid={`reason-create-${kind}`}
                  >
                    Add {kind === 'ACTIVE' ? 'Active' : 'Away'} reason
                  </Button>
                </div>
                <div className={s.card}>
                  <table className={s.table}>
                    <tbody>
                      {list.map((reason) => (
                        <tr key={reason.id} className={reason.disabled ? s.disabledRow : ''} data-testid="reason-row">
                          <td>
                            {reason.name} {reason.isDefault ? <Badge tone="brand">Default</Badge> : null}{' '}
                            {reason.disabled ? <Badge>Disabled</Badge> : null}
                          </td>
                          <td>
                            <div className={s.actions}>
                              {kind === 'ACTIVE' && !reason.isDefault && !reason.disabled ? (
                                <Button
                                  size="small"
                                  disabled={patch.isPending}
                                  onClick={() => change(reason, { isDefault: true })}
                                >
                                  Make default
                                </Button>
                              ) : null}
                              <Button size="small" onClick={() => setEdit({ mode: 'rename', reason })}>
                                Rename
                              </Button>
                              {reason.isDefault ? null : (
                                <Button
                                  size="small"
                                  variant={reason.disabled ? 'default' : 'danger'}
                                  disabled={patch.isPending}
                                  onClick={() => change(reason, { disabled: !reason.disabled })}
                                >
                                  {reason.disabled ? 'Enable' : 'Disable'}
                                </Button>
                              )}
                            </div>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {list.length === 0 ? <EmptyState>No reasons yet.</EmptyState> : null}
                </div>
              </section>
            );
          })
        : null}
      {edit ? <ReasonFormModal edit={edit} onClose={() => setEdit(null)} /> : null}
    </>
  );
}

function ReasonFormModal({ edit, onClose }: { edit: TEdit; onClose: () => void }) {
  const [name, setName] = useState(edit.mode === 'rename' ? edit.reason.name : '');
  const [kind, setKind] = useState<TStatusReason['kind']>(edit.mode === 'rename' ? edit.reason.kind : edit.kind);
  const save = useSettingsMutation(
    'status-reasons',
    () =>
      edit.mode === 'rename'
        ? api.patch(`/api/internal/status-reasons/${edit.reason.id}`, { name })
        : api.post('/api/internal/status-reasons', { kind, name }),
    { success: edit.mode === 'rename' ? 'Reason renamed' : 'Reason added', onSuccess: onClose },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  return (
    <Modal title={edit.mode === 'rename' ? `Rename ${edit.reason.name}` : 'New status reason'} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormErrors error={save.error} fields={['name', 'kind']} />
        {edit.mode === 'create' ? (
          <div className={fieldClass}>
            <label htmlFor="reason-kind">Kind</label>
            <select
              id="reason-kind"
              className={inputClass}
              value={kind}
              onChange={(e) => setKind(e.target.value as TStatusReason['kind'])}
            >
              <option value="ACTIVE">Active</option>
              <option value="AWAY">Away</option>
            </select>
          </div>
        ) : null}
        <TextField id="reason-name" label="Name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <FieldError error={save.error} attr="name" />
        <FormActions
          onCancel={onClose}
          submitLabel={edit.mode === 'rename' ? 'Rename' : 'Add'}
          pending={save.isPending}
        />
      </form>
    </Modal>
  );
}
