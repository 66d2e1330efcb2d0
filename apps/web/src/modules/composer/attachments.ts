import { COMPOSER_ATTACHMENTS } from '@hearth/shared';
import { ApiError, type TApiErrorItem } from '../../lib/api-client';

// Files in the composer: each is uploaded as a draft the moment it is picked (POST /api/internal/attachments, the
// bytes as the body), and the reply or note names the drafts by id (docs/DESKTOP-API.md, "Composer attachments").

export interface TComposerFile {
  /** Local key of the chip. */
  key: string;
  name: string;
  size: number;
  state: 'uploading' | 'ready' | 'failed';
  /** The draft's id once uploaded. */
  id?: string;
  error?: string;
}

export interface TDraftAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

const ACCEPTED: ReadonlySet<string> = new Set(COMPOSER_ATTACHMENTS.types);
export const ACCEPT_ATTRIBUTE = COMPOSER_ATTACHMENTS.types.join(',');
export const MAX_FILES = COMPOSER_ATTACHMENTS.perItem;

/** Why a file cannot be attached, before any byte is sent; null when it can. */
export function refusalOf(file: { name: string; size: number; type: string }): string | null {
  if (file.size > COMPOSER_ATTACHMENTS.maxBytes) return `larger than ${formatSize(COMPOSER_ATTACHMENTS.maxBytes)}`;
  if (file.size === 0) return 'the file is empty';
  if (!ACCEPTED.has(file.type)) return 'this type of file cannot be attached';
  return null;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

export async function uploadDraft(file: File): Promise<TDraftAttachment> {
  const response = await fetch('/api/internal/attachments', {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'X-Requested-With': 'hearth',
      'Content-Type': file.type || 'application/octet-stream',
      'X-Filename': encodeURIComponent(file.name),
    },
    body: file,
    credentials: 'same-origin',
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const errors = (parsed as { errors?: TApiErrorItem[] } | null)?.errors;
    throw new ApiError(response.status, Array.isArray(errors) ? errors : []);
  }
  return parsed as TDraftAttachment;
}
