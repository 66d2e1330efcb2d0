import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../lib/api-client';
import { qk } from '../../lib/query-keys';
import { Button, showToast } from '../../ui/ui';
import { isMac, useShortcut } from '../shortcuts';
import { channelLabel } from '../timeline/format';
import { Icon } from '../timeline/Icon';
import { textToHtml } from '../timeline/safe-html';
import { ACCEPT_ATTRIBUTE, formatSize, MAX_FILES, refusalOf, type TComposerFile, uploadDraft } from './attachments';
import s from './Composer.module.css';
import { maskCardNumbersDetailed } from './card-masking';

export type TComposerMode = 'reply' | 'note';

const REPLY_LIMIT = 2048;

/**
 * Reply to the customer on one of their reachable channels, or write an internal note. Card numbers are masked
 * in the browser before anything is sent (product spec 3.4). Mod+Enter sends; r and Shift+N switch modes.
 */
export function Composer({
  customerId,
  conversationId,
  reachableChannels,
  lastUsedChannel,
  conversationHasEmail,
}: {
  customerId: string;
  conversationId: string | null;
  reachableChannels: string[];
  lastUsedChannel: string | null;
  /** An email reply continues an existing thread; otherwise it needs a subject. */
  conversationHasEmail: boolean;
}) {
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [mode, setMode] = useState<TComposerMode>('reply');
  const defaultChannel =
    lastUsedChannel && reachableChannels.includes(lastUsedChannel) ? lastUsedChannel : (reachableChannels[0] ?? '');
  const [channel, setChannel] = useState(defaultChannel);
  const [text, setText] = useState('');
  const [subject, setSubject] = useState('');
  const [maskNotice, setMaskNotice] = useState<number>(0);
  const [files, setFiles] = useState<TComposerFile[]>([]);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const fileKey = useRef(0);

  // A different customer or conversation: start from its last used channel.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the target changes
  useEffect(() => {
    setChannel(defaultChannel);
  }, [customerId, conversationId, defaultChannel]);

  useEffect(() => {
    if (!maskNotice) return;
    const timer = setTimeout(() => setMaskNotice(0), 8000);
    return () => clearTimeout(timer);
  }, [maskNotice]);

  const needsSubject = mode === 'reply' && channel === 'EMAIL' && !conversationHasEmail;
  const canReply = reachableChannels.length > 0;

  // Files go with notes and email replies only: SMS, chat and custom channels cannot carry them from here.
  const filesAllowed = mode === 'note' || channel === 'EMAIL';
  const uploading = files.some((f) => f.state === 'uploading');
  const attachmentIds = files.flatMap((f) => (f.state === 'ready' && f.id ? [f.id] : []));

  const update = (key: string, patch: Partial<TComposerFile>) =>
    setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...patch } : f)));

  const addFiles = (picked: File[]) => {
    const room = MAX_FILES - files.length;
    if (picked.length > room) showToast(`At most ${MAX_FILES} files per message`, 'error');
    for (const file of picked.slice(0, Math.max(0, room))) {
      fileKey.current += 1;
      const key = `f${fileKey.current}`;
      const refusal = refusalOf(file);
      setFiles((all) => [
        ...all,
        { key, name: file.name, size: file.size, state: refusal ? 'failed' : 'uploading', error: refusal ?? undefined },
      ]);
      if (refusal) continue;
      uploadDraft(file).then(
        (draft) => update(key, { state: 'ready', id: draft.id, name: draft.filename }),
        (error: Error) => update(key, { state: 'failed', error: error.message }),
      );
    }
  };

  const send = useMutation({
    mutationFn: async (input: {
      mode: TComposerMode;
      body: string;
      subject: string;
      channel: string;
      attachmentIds: string[];
    }) => {
      if (!conversationId) throw new Error('There is no conversation to write in.');
      const enc = encodeURIComponent(conversationId);
      const withFiles = input.attachmentIds.length ? { attachmentIds: input.attachmentIds } : {};
      if (input.mode === 'note') {
        // The public notes API takes no files; the desktop's own notes route does.
        return input.attachmentIds.length
          ? api.post(`/api/internal/conversations/${enc}/notes`, { body: textToHtml(input.body), ...withFiles })
          : api.post(`/api/v1/conversations/${enc}/notes`, { body: textToHtml(input.body) });
      }
      return api.post(`/api/internal/conversations/${enc}/messages`, {
        ...(input.channel ? { channel: input.channel } : {}),
        body: input.body,
        ...(input.subject ? { subject: input.subject } : {}),
        ...withFiles,
      });
    },
    onSuccess: async () => {
      setText('');
      setSubject('');
      setFiles([]);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: qk.timeline(customerId) }),
        queryClient.invalidateQueries({ queryKey: qk.conversationListAll }),
      ]);
    },
    onError: (error) => showToast(error.message, 'error'),
  });

  const submit = () => {
    if (send.isPending || !conversationId) return;
    if (!text.trim()) return;
    if (mode === 'reply' && !canReply) return;
    if (uploading || (attachmentIds.length > 0 && !filesAllowed)) return;
    // Mask before anything leaves the browser; the field keeps only the masked text even if sending fails.
    const body = maskCardNumbersDetailed(text);
    const subj = maskCardNumbersDetailed(subject.trim());
    if (body.masked || subj.masked) {
      setText(body.text);
      setSubject(subj.text);
      setMaskNotice(body.masked + subj.masked);
    }
    send.mutate({ mode, body: body.text, subject: needsSubject ? subj.text : '', channel, attachmentIds });
  };

  const focus = () => requestAnimationFrame(() => inputRef.current?.focus());
  const enabled = !!conversationId;
  useShortcut(
    'r',
    () => {
      setMode('reply');
      focus();
    },
    { description: 'Reply', scope: 'Conversation', enabled },
  );
  useShortcut(
    'shift+n',
    () => {
      setMode('note');
      focus();
    },
    { description: 'Add a note', scope: 'Conversation', enabled },
  );
  useShortcut(
    'mod+enter',
    () => {
      if (document.activeElement !== inputRef.current && !text.trim()) return false;
      submit();
    },
    { description: 'Send', scope: 'Composer', enabled },
  );

  const tooLong = mode === 'reply' && channel !== 'EMAIL' && text.length > REPLY_LIMIT;
  const sendLabel = mode === 'note' ? 'Add note' : `Send${channel ? ` ${channelLabel(channel)}` : ''}`;

  return (
    <div className={`${s.composer} ${mode === 'note' ? s.noteMode : ''}`}>
      <div className={s.toolbar}>
        <div className={s.modes} role="tablist" aria-label="Composer mode">
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'reply'}
            className={s.mode}
            data-testid="composer-mode-reply"
            onClick={() => {
              setMode('reply');
              focus();
            }}
            title="Reply (r)"
          >
            Reply
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'note'}
            className={s.mode}
            data-testid="composer-mode-note"
            onClick={() => {
              setMode('note');
              focus();
            }}
            title="Internal note (Shift+N)"
          >
            Note
          </button>
        </div>
        {mode === 'reply' &&
          (canReply ? (
            <label className={s.channel}>
              <span className={s.muted}>via</span>
              <select
                value={channel}
                onChange={(e) => setChannel(e.target.value)}
                aria-label="Reply channel"
                className={s.channelSelect}
              >
                {reachableChannels.map((c) => (
                  <option key={c} value={c}>
                    {channelLabel(c)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span className={s.muted}>This customer has no channel we can reply on.</span>
          ))}
        {mode === 'note' && <span className={s.noteHint}>Only your team sees notes</span>}
      </div>
      {needsSubject && (
        <input
          className={s.subject}
          placeholder="Subject"
          aria-label="Subject"
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
        />
      )}
      <textarea
        ref={inputRef}
        className={s.input}
        data-testid="composer-input"
        placeholder={
          !conversationId
            ? 'No conversation to write in'
            : mode === 'note'
              ? 'Write an internal note…'
              : 'Write a reply…'
        }
        value={text}
        disabled={!conversationId}
        onChange={(e) => setText(e.target.value)}
        rows={3}
        aria-label={mode === 'note' ? 'Internal note' : 'Reply'}
      />
      {files.length > 0 && (
        <ul className={s.files} aria-label="Attached files">
          {files.map((f) => (
            <li
              key={f.key}
              className={`${s.fileChip} ${f.state === 'failed' ? s.fileFailed : ''}`}
              data-testid="composer-file"
              data-state={f.state}
              title={f.error}
            >
              <span className={s.fileName}>{f.name}</span>
              <span className={s.muted}>
                {f.state === 'uploading' ? 'Uploading…' : f.state === 'failed' ? f.error : formatSize(f.size)}
              </span>
              <button
                type="button"
                className={s.fileRemove}
                aria-label={`Remove ${f.name}`}
                onClick={() => setFiles((all) => all.filter((x) => x.key !== f.key))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className={s.footer}>
        <input
          ref={fileInputRef}
          type="file"
          multiple
          hidden
          accept={ACCEPT_ATTRIBUTE}
          data-testid="composer-file-input"
          onChange={(e) => {
            addFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
        <button
          type="button"
          className={s.attach}
          data-testid="composer-attach"
          aria-label="Attach files"
          title={filesAllowed ? 'Attach files' : 'Files can be sent by email or in a note'}
          disabled={!conversationId || !filesAllowed}
          onClick={() => fileInputRef.current?.click()}
        >
          <Icon name="clip" size={16} />
        </button>
        <div className={s.notices}>
          {maskNotice > 0 && (
            <span className={s.maskNotice} role="status">
              <Icon name="lock" size={12} />{' '}
              {maskNotice === 1 ? 'A card number was' : `${maskNotice} card numbers were`} masked before sending
            </span>
          )}
          {attachmentIds.length > 0 && !filesAllowed && (
            <span className={s.tooLong}>
              {channelLabel(channel)} cannot carry files: send them by email or in a note
            </span>
          )}
          {tooLong && (
            <span className={s.tooLong}>
              {text.length}/{REPLY_LIMIT} characters — too long for {channelLabel(channel)}
            </span>
          )}
        </div>
        <span className={s.muted}>{isMac ? '⌘' : 'Ctrl'}+Enter to send</span>
        <Button
          variant="primary"
          data-testid="composer-send"
          onClick={submit}
          disabled={
            !conversationId ||
            !text.trim() ||
            send.isPending ||
            tooLong ||
            uploading ||
            (attachmentIds.length > 0 && !filesAllowed) ||
            (mode === 'reply' && !canReply) ||
            (needsSubject && !subject.trim())
          }
        >
          {send.isPending ? 'Sending…' : uploading ? 'Uploading…' : sendLabel}
        </Button>
      </div>
    </div>
  );
}
