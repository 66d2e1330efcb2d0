import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Avatar, Badge, Button, EmptyState, Modal, TextField } from '../../../ui/ui';
import s from '../settings.module.css';
import { FieldError, FormActions, FormErrors, QueryState, SectionHeader } from '../shared/FormBits';
import { parseNumberInput } from '../shared/number-input';
import type { TAgentState } from '../shared/settings-types';
import { useSettingsMutation } from '../shared/use-settings-mutation';
import { splitList } from './boost-conditions';

/** Each agent's skills (for People Match) and messaging capacity: standard, and the maximum Next can reach. */
export default function AgentProfilesSection() {
  const agents = useQuery({
    queryKey: qk.settings('agent-profiles'),
    queryFn: () => api.get<TAgentState[]>('/api/internal/agent-states'),
  });
  const [editing, setEditing] = useState<TAgentState | null>(null);
  const allSkills = [...new Set((agents.data ?? []).flatMap((a) => a.presence.skills))].sort();
  return (
    <>
      <SectionHeader
        title="Agent skills & capacity"
        description="Skills only raise a match's score through boosts. Capacity limits concurrent messaging conversations."
      />
      <QueryState isLoading={agents.isLoading} error={agents.error} />
      {agents.data ? (
        <div className={s.card}>
          <table className={s.table}>
            <thead>
              <tr>
                <th>Agent</th>
                <th>Skills</th>
                <th>Messaging capacity</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {agents.data.map((agent) => (
                <tr key={agent.user.id} data-testid="agent-profile-row">
                  <td>
                    <span className={s.treeName}>
                      <Avatar name={agent.user.name} size={24} />
                      <span>
                        {agent.user.name}
                        <div className={`${s.muted} ${s.small}`}>{agent.user.email}</div>
                      </span>
                    </span>
                  </td>
                  <td>
                    <span className={s.badges}>
                      {agent.presence.skills.length === 0 ? <span className={s.muted}>None</span> : null}
                      {agent.presence.skills.map((skill) => (
                        <Badge key={skill} tone="brand">
                          {skill}
                        </Badge>
                      ))}
                    </span>
                  </td>
                  <td>
                    {agent.presence.messagingCapacity.standard}{' '}
                    <span className={s.muted}>(max {agent.presence.messagingCapacity.maximum})</span>
                  </td>
                  <td>
                    <div className={s.actions}>
                      <Button size="small" onClick={() => setEditing(agent)}>
                        Edit
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {agents.data.length === 0 ? <EmptyState>No agents yet.</EmptyState> : null}
        </div>
      ) : null}
      {editing ? <ProfileModal agent={editing} knownSkills={allSkills} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function ProfileModal({
  agent,
  knownSkills,
  onClose,
}: {
  agent: TAgentState;
  knownSkills: string[];
  onClose: () => void;
}) {
  const [skills, setSkills] = useState(agent.presence.skills.join(', '));
  const [standard, setStandard] = useState(String(agent.presence.messagingCapacity.standard));
  const [maximum, setMaximum] = useState(String(agent.presence.messagingCapacity.maximum));
  const save = useSettingsMutation(
    'agent-profiles',
    () =>
      api.put(`/api/internal/agents/${agent.user.id}/routing-profile`, {
        skills: splitList(skills),
        messagingCapacity: { standard: parseNumberInput(standard), maximum: parseNumberInput(maximum) },
      }),
    { success: 'Routing profile saved', onSuccess: onClose, alsoInvalidate: [qk.agentStates] },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  const unused = knownSkills.filter((skill) => !splitList(skills).includes(skill));
  return (
    <Modal title={`Routing profile — ${agent.user.name}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormErrors error={save.error} fields={['skills', 'messagingCapacity']} />
        <TextField
          id="profile-skills"
          label="Skills (comma separated)"
          value={skills}
          onChange={(e) => setSkills(e.target.value)}
          autoFocus
        />
        {unused.length > 0 ? (
          <div className={s.badges} style={{ margin: '-6px 0 12px' }}>
            {unused.map((skill) => (
              <Button
                key={skill}
                size="small"
                variant="ghost"
                onClick={() => setSkills([...splitList(skills), skill].join(', '))}
              >
                + {skill}
              </Button>
            ))}
          </div>
        ) : null}
        <FieldError error={save.error} attr="skills" />
        <div className={s.formGrid}>
          <TextField
            id="profile-standard"
            label="Standard messaging capacity"
            type="number"
            min={0}
            value={standard}
            onChange={(e) => setStandard(e.target.value)}
          />
          <TextField
            id="profile-maximum"
            label="Maximum (reached with Next)"
            type="number"
            min={0}
            value={maximum}
            onChange={(e) => setMaximum(e.target.value)}
          />
        </div>
        <FieldError error={save.error} attr="messagingCapacity" />
        <FormActions onCancel={onClose} submitLabel="Save" pending={save.isPending} />
      </form>
    </Modal>
  );
}
