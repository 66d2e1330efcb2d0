import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { hasAnyRole, useSession } from '../../../app/session';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Button, EmptyState, Modal, showToast, TextField } from '../../../ui/ui';
import s from '../settings.module.css';
import { FieldError, FormActions, FormErrors, QueryState, SectionHeader } from '../shared/FormBits';
import type { TApiToken, TCreatedApiToken } from '../shared/settings-types';
import { toastError, useSettingsMutation } from '../shared/use-settings-mutation';

const formatDate = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'Never');

/** The signed-in user's API tokens: the secret is shown once, then only its name and dates (spec 11.3). */
export default function ApiTokensSection() {
  const tokens = useQuery({
    queryKey: qk.settings('api-tokens'),
    queryFn: () => api.get<TApiToken[]>('/api/internal/api-tokens'),
  });
  const [creating, setCreating] = useState(false);
  const { data: session } = useSession();
  // The server lets only API users hold tokens (create-api-token.ts); others see why instead of a failing button.
  const apiUser = hasAnyRole(session?.user, ['API_USER']);
  const revoke = useSettingsMutation(
    'api-tokens',
    (token: TApiToken) => api.delete(`/api/internal/api-tokens/${token.id}`),
    {
      success: 'Token revoked',
    },
  );
  return (
    <>
      <SectionHeader
        title="API tokens"
        description="Your own tokens for the REST API (Basic auth: your email and the token). Each can make any API call."
        actions={
          apiUser ? (
            <Button variant="primary" onClick={() => setCreating(true)} data-testid="api-token-create">
              New token
            </Button>
          ) : null
        }
      />
      {apiUser ? null : (
        <div className={s.warnBox}>
          Only users with the API User role can create tokens. Gladly advises a dedicated integration user: an
          administrator can create one in Users with the API User role.
        </div>
      )}
      <QueryState isLoading={tokens.isLoading} error={tokens.error} />
      {tokens.data ? (
        <div className={s.card}>
          <table className={s.table}>
            <thead>
              <tr>
                <th>Name</th>
                <th>Created</th>
                <th>Last used</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <tr key={token.id} data-testid="api-token-row">
                  <td>{token.name}</td>
                  <td>{formatDate(token.createdAt)}</td>
                  <td className={token.lastUsedAt ? '' : s.muted}>{formatDate(token.lastUsedAt)}</td>
                  <td>
                    <div className={s.actions}>
                      <Button
                        size="small"
                        variant="danger"
                        disabled={revoke.isPending}
                        onClick={() => {
                          if (window.confirm(`Revoke “${token.name}”? Integrations using it stop working at once.`)) {
                            revoke.mutate(token, { onError: toastError });
                          }
                        }}
                      >
                        Revoke
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {tokens.data.length === 0 ? <EmptyState>No tokens yet.</EmptyState> : null}
        </div>
      ) : null}
      {creating ? <CreateTokenModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function CreateTokenModal({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const create = useSettingsMutation('api-tokens', () =>
    api.post<TCreatedApiToken>('/api/internal/api-tokens', { name }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(undefined);
  };
  if (create.data) return <TokenSecretModal created={create.data} onClose={onClose} />;
  return (
    <Modal title="New API token" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormErrors error={create.error} fields={['name']} />
        <TextField
          id="token-name"
          label="Name (what uses it, e.g. “CRM sync”)"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoFocus
        />
        <FieldError error={create.error} attr="name" />
        <FormActions onCancel={onClose} submitLabel="Create token" pending={create.isPending} />
      </form>
    </Modal>
  );
}

function TokenSecretModal({ created, onClose }: { created: TCreatedApiToken; onClose: () => void }) {
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.token);
      showToast('Token copied');
    } catch (error) {
      toastError(error);
    }
  };
  return (
    <Modal title={`Token “${created.name}” created`} onClose={onClose}>
      <div className={s.warnBox} role="alert">
        Copy this token now. It is shown only once: Hearth stores only a hash of it.
      </div>
      <div className={s.secretBox}>
        <code data-testid="api-token-secret">{created.token}</code>
        <Button size="small" onClick={copy}>
          Copy
        </Button>
      </div>
      <div className={s.formActions}>
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </div>
    </Modal>
  );
}
