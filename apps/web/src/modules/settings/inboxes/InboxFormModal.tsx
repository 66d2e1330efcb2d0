import { type FormEvent, useState } from 'react';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Modal, TextField } from '../../../ui/ui';
import s from '../settings.module.css';
import { CheckList } from '../shared/CheckList';
import { FieldError, FormActions, FormErrors } from '../shared/FormBits';
import { parseNumberInput } from '../shared/number-input';
import type { TInbox } from '../shared/settings-types';
import { useDirectory } from '../shared/use-directory';
import { useSettingsMutation } from '../shared/use-settings-mutation';

const FIELDS = ['name', 'slaMinutes', 'memberIds', 'disabled'];

/** Create or edit an inbox: name, SLA in minutes (required, spec 5.5), members, active or deactivated. */
export function InboxFormModal({ inbox, onClose }: { inbox: TInbox | null; onClose: () => void }) {
  const directory = useDirectory();
  const [name, setName] = useState(inbox?.name ?? '');
  const [sla, setSla] = useState(String(inbox?.slaMinutes ?? 1440));
  const [memberIds, setMemberIds] = useState<string[]>(inbox?.memberIds ?? []);
  const [disabled, setDisabled] = useState(inbox?.disabled ?? false);
  const save = useSettingsMutation(
    'inboxes',
    () => {
      const body = { name, slaMinutes: parseNumberInput(sla), memberIds, disabled };
      return inbox ? api.patch(`/api/internal/inboxes/${inbox.id}`, body) : api.post('/api/internal/inboxes', body);
    },
    { success: inbox ? 'Inbox saved' : 'Inbox created', onSuccess: onClose, alsoInvalidate: [qk.inboxViews] },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  // Members the directory does not know (e.g. deactivated users) stay selected and listed by id.
  const known = new Set((directory.data ?? []).map((u) => u.id));
  const options = [
    ...(directory.data ?? []).map((u) => ({ value: u.id, label: u.name, hint: u.email })),
    ...memberIds.filter((id) => !known.has(id)).map((id) => ({ value: id, label: id, hint: 'inactive or unknown' })),
  ];
  return (
    <Modal title={inbox ? `Edit ${inbox.name}` : 'New inbox'} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormErrors error={save.error} fields={FIELDS} />
        <div className={s.formGrid}>
          <TextField id="inbox-name" label="Name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          <TextField
            id="inbox-sla"
            label="SLA (minutes)"
            type="number"
            min={1}
            value={sla}
            onChange={(e) => setSla(e.target.value)}
          />
        </div>
        <FieldError error={save.error} attr="name" />
        <FieldError error={save.error} attr="slaMinutes" />
        <CheckList
          label="Members"
          options={options}
          selected={memberIds}
          onChange={setMemberIds}
          testId="inbox-members"
        />
        <FieldError error={save.error} attr="memberIds" />
        <label className={s.checkRow}>
          <input type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} />
          Deactivated (no new work is routed to this inbox)
        </label>
        <FormActions onCancel={onClose} submitLabel={inbox ? 'Save' : 'Create inbox'} pending={save.isPending} />
      </form>
    </Modal>
  );
}
