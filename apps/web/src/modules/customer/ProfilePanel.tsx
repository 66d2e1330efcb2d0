import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useReducer, useState } from 'react';
import { hasAnyRole, useSession } from '../../app/session';
import { api } from '../../lib/api-client';
import { qk } from '../../lib/query-keys';
import { Avatar, Button, inputClass } from '../../ui/ui';
import { formatDate, formatDateTime } from '../timeline/format';
import { displayStatus } from '../timeline/timeline-model';
import type { TCustomerProfile, TTimelineConversation } from '../timeline/timeline-types';
import s from './ProfilePanel.module.css';
import { draftFromProfile, draftReducer, patchFromDraft } from './profile-draft';

const EDITORS = ['ADMINISTRATOR', 'TEAM_MANAGER', 'AGENT'] as const;
const PHONE_TYPES = ['MOBILE', 'HOME', 'OFFICE', 'OTHER'];
const SMS_PREFS = ['ON', 'OFF', 'FORBIDDEN'];

export function customerDisplayName(profile: TCustomerProfile | undefined): string {
  return (
    profile?.name?.trim() || profile?.emails?.[0]?.original || profile?.phones?.[0]?.original || 'Unnamed customer'
  );
}

/** The left panel: who the customer is, editable in place, and their conversations. */
export function ProfilePanel({
  profile,
  conversations,
  activeConversationId,
  onSelectConversation,
}: {
  profile: TCustomerProfile;
  conversations: TTimelineConversation[];
  activeConversationId: string | null;
  onSelectConversation: (id: string) => void;
}) {
  const { data: session } = useSession();
  const canEdit = hasAnyRole(session?.user, EDITORS);
  const [editing, setEditing] = useState(false);
  const name = customerDisplayName(profile);
  const newestFirst = [...conversations].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));

  return (
    <aside className={s.panel} aria-label="Customer profile">
      <div className={s.identity}>
        {profile.image && /^https?:\/\//.test(profile.image) ? (
          <img className={s.photo} src={profile.image} alt="" width={48} height={48} />
        ) : (
          <Avatar name={name} size={48} />
        )}
        <div className={s.identityText}>
          <h1 className={s.name}>{name}</h1>
          {profile.createdAt && <div className={s.muted}>Customer since {formatDate(profile.createdAt)}</div>}
        </div>
        {canEdit && !editing && (
          <Button size="small" variant="ghost" onClick={() => setEditing(true)} aria-label="Edit customer profile">
            Edit
          </Button>
        )}
      </div>

      {editing ? (
        <ProfileEditor profile={profile} onDone={() => setEditing(false)} />
      ) : (
        <ProfileDetails profile={profile} />
      )}

      {newestFirst.length > 0 && (
        <section className={s.section}>
          <h2 className={s.sectionTitle}>Conversations</h2>
          <ul className={s.conversationList}>
            {newestFirst.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={`${s.conversationLink} ${c.id === activeConversationId ? s.conversationActive : ''}`}
                  onClick={() => onSelectConversation(c.id)}
                >
                  <span className={s.conversationStatus}>{displayStatus(c)}</span>
                  <span className={s.conversationText}>
                    {c.topics?.length ? c.topics.map((t) => t.name).join(', ') : c.inboxName || 'Conversation'}
                  </span>
                  <span className={s.muted}>{formatDateTime(c.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}

function ProfileDetails({ profile }: { profile: TCustomerProfile }) {
  const external = Object.entries(profile.externalCustomerIds ?? {});
  const attributes = Object.entries(profile.customAttributes ?? {});
  const emails = profile.emails ?? [];
  const phones = profile.phones ?? [];
  return (
    <>
      <section className={s.section}>
        <h2 className={s.sectionTitle}>Contact</h2>
        {!emails.length && !phones.length && !profile.address && <div className={s.muted}>No contact details.</div>}
        <ul className={s.plainList}>
          {emails.map((e) => (
            <li key={e.original} className={s.contactRow}>
              <span className={s.contactIcon} aria-hidden="true">
                ✉
              </span>
              <a href={`mailto:${e.original}`} className={s.contactValue} title={e.original}>
                {e.original}
              </a>
              <span className={s.tags}>{e.primary && <span className={s.tag}>Main</span>}</span>
            </li>
          ))}
          {phones.map((p) => (
            <li key={p.original} className={s.contactRow}>
              <span className={s.contactIcon} aria-hidden="true">
                ☎
              </span>
              <span className={s.contactValue}>{p.original}</span>
              {p.type !== 'MOBILE' && <span className={s.phoneType}>{(p.type ?? 'OTHER').toLowerCase()}</span>}
              <span className={s.tags}>
                {p.primary && <span className={s.tag}>Main</span>}
                {p.smsPreference === 'ON' && (p.type ?? 'MOBILE') === 'MOBILE' && (
                  <span className={`${s.tag} ${s.tagSms}`}>SMS</span>
                )}
              </span>
            </li>
          ))}
          {profile.address && (
            <li className={s.contactRow}>
              <span className={s.contactIcon} aria-hidden="true">
                ⌂
              </span>
              <span className={s.address}>{profile.address}</span>
            </li>
          )}
        </ul>
      </section>
      {(external.length > 0 || profile.externalCustomerId) && (
        <section className={s.section}>
          <h2 className={s.sectionTitle}>Linked systems</h2>
          <dl className={s.pairs}>
            {profile.externalCustomerId && (
              <>
                <dt>External id</dt>
                <dd>{profile.externalCustomerId}</dd>
              </>
            )}
            {external.map(([system, id]) => (
              <div key={system} className={s.pair}>
                <dt>{system}</dt>
                <dd>{id}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {attributes.length > 0 && (
        <section className={s.section}>
          <h2 className={s.sectionTitle}>Details</h2>
          <dl className={s.pairs}>
            {attributes.map(([key, value]) => (
              <div key={key} className={s.pair}>
                <dt>{key}</dt>
                <dd>{String(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </>
  );
}

function ProfileEditor({ profile, onDone }: { profile: TCustomerProfile; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [draft, dispatch] = useReducer(draftReducer, profile, draftFromProfile);
  const save = useMutation({
    mutationFn: () => api.patch(`/api/v1/customer-profiles/${encodeURIComponent(profile.id)}`, patchFromDraft(draft)),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: qk.timeline(profile.id) }),
        queryClient.invalidateQueries({ queryKey: qk.customer(profile.id) }),
      ]);
      onDone();
    },
  });
  return (
    <form
      className={s.editor}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      <label className={s.editLabel}>
        Name
        <input
          className={inputClass}
          value={draft.name}
          onChange={(e) => dispatch({ type: 'field', field: 'name', value: e.target.value })}
          // biome-ignore lint/a11y/noAutofocus: the agent just asked to edit
          autoFocus
        />
      </label>
      <fieldset className={s.fieldset}>
        <legend>Emails</legend>
        {draft.emails.map((email, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is their identity
          <div key={i} className={s.editRow}>
            <input
              className={inputClass}
              type="email"
              value={email.original}
              aria-label={`Email ${i + 1}`}
              onChange={(e) => dispatch({ type: 'email', index: i, value: e.target.value })}
            />
            <label className={s.inlineCheck} title="Main email">
              <input
                type="radio"
                name="primary-email"
                checked={email.primary}
                onChange={() => dispatch({ type: 'emailPrimary', index: i })}
              />
              Main
            </label>
            <button
              type="button"
              className={s.removeButton}
              onClick={() => dispatch({ type: 'removeEmail', index: i })}
              aria-label={`Remove email ${i + 1}`}
            >
              ×
            </button>
          </div>
        ))}
        <button type="button" className={s.addButton} onClick={() => dispatch({ type: 'addEmail' })}>
          + Add email
        </button>
      </fieldset>
      <fieldset className={s.fieldset}>
        <legend>Phones</legend>
        {draft.phones.map((phone, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is their identity
          <div key={i} className={s.phoneEdit}>
            <div className={s.editRow}>
              <input
                className={inputClass}
                type="tel"
                value={phone.original}
                aria-label={`Phone ${i + 1}`}
                onChange={(e) => dispatch({ type: 'phone', index: i, patch: { original: e.target.value } })}
              />
              <button
                type="button"
                className={s.removeButton}
                onClick={() => dispatch({ type: 'removePhone', index: i })}
                aria-label={`Remove phone ${i + 1}`}
              >
                ×
              </button>
            </div>
            <div className={s.editRow}>
              <select
                className={inputClass}
                value={phone.type}
                aria-label={`Phone ${i + 1} type`}
                onChange={(e) => dispatch({ type: 'phone', index: i, patch: { type: e.target.value } })}
              >
                {PHONE_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t.charAt(0) + t.slice(1).toLowerCase()}
                  </option>
                ))}
              </select>
              <select
                className={inputClass}
                value={phone.smsPreference}
                aria-label={`Phone ${i + 1} SMS`}
                onChange={(e) => dispatch({ type: 'phone', index: i, patch: { smsPreference: e.target.value } })}
              >
                {SMS_PREFS.map((p) => (
                  <option key={p} value={p}>
                    SMS {p.toLowerCase()}
                  </option>
                ))}
              </select>
              <label className={s.inlineCheck} title="Main phone">
                <input
                  type="radio"
                  name="primary-phone"
                  checked={phone.primary}
                  onChange={() => dispatch({ type: 'phonePrimary', index: i })}
                />
                Main
              </label>
            </div>
          </div>
        ))}
        <button type="button" className={s.addButton} onClick={() => dispatch({ type: 'addPhone' })}>
          + Add phone
        </button>
      </fieldset>
      <label className={s.editLabel}>
        Address
        <textarea
          className={inputClass}
          rows={2}
          value={draft.address}
          onChange={(e) => dispatch({ type: 'field', field: 'address', value: e.target.value })}
        />
      </label>
      {draft.customAttributes.length > 0 && (
        <fieldset className={s.fieldset}>
          <legend>Details</legend>
          {draft.customAttributes.map((a, i) => (
            <label key={a.key} className={s.editLabel}>
              {a.key}
              <input
                className={inputClass}
                value={a.value}
                onChange={(e) => dispatch({ type: 'attribute', index: i, value: e.target.value })}
              />
            </label>
          ))}
        </fieldset>
      )}
      {save.isError && (
        <div className={s.error} role="alert">
          {save.error.message}
        </div>
      )}
      <div className={s.editActions}>
        <Button type="button" onClick={onDone} disabled={save.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </form>
  );
}
