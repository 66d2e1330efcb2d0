import { type FormEvent, useState } from 'react';
import { api } from '../../../lib/api-client';
import { Modal, TextField } from '../../../ui/ui';
import { FieldError, FormActions, FormErrors } from '../shared/FormBits';
import type { TTopic } from '../shared/settings-types';
import { useSettingsMutation } from '../shared/use-settings-mutation';

/** The agent desktop's topic picker caches the list under this key (modules/topics/topics-api.ts). */
export const DESKTOP_TOPICS_KEY = ['topics'] as const;

export type TTopicEdit = { mode: 'create'; parent: TTopic | null } | { mode: 'rename'; topic: TTopic };

/** Add a topic (top-level or under a parent) or rename one. Names are unique in the org (409 otherwise). */
export function TopicFormModal({ edit, onClose }: { edit: TTopicEdit; onClose: () => void }) {
  const [name, setName] = useState(edit.mode === 'rename' ? edit.topic.name : '');
  const save = useSettingsMutation(
    'topics',
    () =>
      edit.mode === 'rename'
        ? api.patch(`/api/internal/topics/${edit.topic.id}`, { name, disabled: edit.topic.disabled })
        : api.post('/api/internal/topics', { name, parentId: edit.parent?.id ?? null }),
    {
      success: edit.mode === 'rename' ? 'Topic renamed' : 'Topic added',
      onSuccess: onClose,
      alsoInvalidate: [DESKTOP_TOPICS_KEY],
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  const title =
    edit.mode === 'rename'
      ? `Rename ${edit.topic.name}`
      : edit.parent
        ? `New topic under ${edit.parent.name}`
        : 'New topic';
  return (
    <Modal title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormErrors error={save.error} fields={['name']} />
        <TextField id="topic-name" label="Name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <FieldError error={save.error} attr="name" />
        <FormActions
          onCancel={onClose}
          submitLabel={edit.mode === 'rename' ? 'Rename' : 'Add topic'}
          pending={save.isPending}
        />
      </form>
    </Modal>
  );
}
