import { type FormEvent, useState } from 'react';
import { api } from '../../../lib/api-client';
import { fieldClass, inputClass, Modal, TextField } from '../../../ui/ui';
import { CheckList } from '../shared/CheckList';
import { FieldError, FormActions, FormErrors } from '../shared/FormBits';
import type { TTeam } from '../shared/settings-types';
import { useDirectory } from '../shared/use-directory';
import { useSettingsMutation } from '../shared/use-settings-mutation';

const FIELDS = ['name', 'description', 'agentIds'];

/** Create or edit a team: name, purpose, member agents (teams are for reporting and filters, spec 11.2). */
export function TeamFormModal({ team, onClose }: { team: TTeam | null; onClose: () => void }) {
  const directory = useDirectory();
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const [agentIds, setAgentIds] = useState<string[]>(team?.agentIds ?? []);
  const save = useSettingsMutation(
    'teams',
    () => {
      const body = { name, description, agentIds };
      return team ? api.patch(`/api/internal/teams/${team.id}`, body) : api.post('/api/internal/teams', body);
    },
    { success: team ? 'Team saved' : 'Team created', onSuccess: onClose },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  const options = (directory.data ?? []).map((u) => ({ value: u.id, label: u.name, hint: u.email }));
  return (
    <Modal title={team ? `Edit ${team.name}` : 'New team'} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormErrors error={save.error} fields={FIELDS} />
        <TextField id="team-name" label="Name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <FieldError error={save.error} attr="name" />
        <div className={fieldClass}>
          <label htmlFor="team-description">Purpose</label>
          <textarea
            id="team-description"
            className={inputClass}
            style={{ height: 64, paddingTop: 6 }}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <FieldError error={save.error} attr="description" />
        <CheckList label="Members" options={options} selected={agentIds} onChange={setAgentIds} testId="team-members" />
        <FieldError error={save.error} attr="agentIds" />
        <FormActions onCancel={onClose} submitLabel={team ? 'Save' : 'Create team'} pending={save.isPending} />
      </form>
    </Modal>
  );
}
