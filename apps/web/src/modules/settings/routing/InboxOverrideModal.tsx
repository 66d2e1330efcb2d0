import { type FormEvent, useState } from 'react';
import { api } from '../../../lib/api-client';
import { Modal } from '../../../ui/ui';
import { FormActions, FormErrors } from '../shared/FormBits';
import type { TRoutingSettings } from '../shared/settings-types';
import { useSettingsMutation } from '../shared/use-settings-mutation';
import { RoutingConfigFields } from './RoutingConfigFields';
import { overrideFromForm, toConfigForm } from './routing-form';

/** One inbox's departures from the routing defaults; blank fields use the default. */
export function InboxOverrideModal({
  settings,
  inboxId,
  inboxName,
  onClose,
}: {
  settings: TRoutingSettings;
  inboxId: string;
  inboxName: string;
  onClose: () => void;
}) {
  const [form, setForm] = useState(() => toConfigForm(settings.inboxOverrides[inboxId] ?? {}));
  const save = useSettingsMutation(
    'routing',
    () =>
      api.put('/api/internal/routing-settings', {
        ...settings,
        inboxOverrides: { ...settings.inboxOverrides, [inboxId]: overrideFromForm(form) },
      }),
    { success: 'Override saved', onSuccess: onClose },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  return (
    <Modal title={`Routing for ${inboxName}`} onClose={onClose}>
      <form onSubmit={submit} noValidate style={{ width: 'min(640px, 84vw)' }}>
        <FormErrors error={save.error} fields={[`inboxOverrides.${inboxId}`]} />
        <RoutingConfigFields
          form={form}
          onChange={setForm}
          error={save.error}
          attrPrefix={`inboxOverrides.${inboxId}`}
          idPrefix="override"
          inherit
        />
        <FormActions onCancel={onClose} submitLabel="Save override" pending={save.isPending} />
      </form>
    </Modal>
  );
}
