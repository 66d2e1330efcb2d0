import type { TEnv } from '../../config/env.js';
import { badRequest } from '../../http/errors.js';
import { SafeFetchError, safeFetch } from '../../lib/safe-fetch.js';
import type { TFileToStore } from '../attachments/store-attachments.js';
import { refusalOf } from '../webhooks/url-guard.js';

const FETCH_TIMEOUT_MS = 15_000;

// Files customers send are shown to agents and downloaded again: documents and media only. HTML and SVG could run
// script if an agent opened them inline; executables have no place in a support conversation.
const ALLOWED_TYPES = [
  /^image\/(png|jpeg|gif|webp|heic|heif|bmp|tiff)$/,
  /^(audio|video)\/[\w.+-]+$/,
  /^text\/(plain|csv)$/,
  /^application\/(pdf|zip|json|rtf|octet-stream|msword|vnd\.ms-excel|vnd\.ms-powerpoint)$/,
  /^application\/vnd\.openxmlformats-officedocument\.[\w.+-]+$/,
  /^application\/vnd\.oasis\.opendocument\.[\w.+-]+$/,
];

export function isAllowedContentType(contentType: string): boolean {
  return ALLOWED_TYPES.some((pattern) => pattern.test(contentType));
}

/**
 * Download every file of a FILES message before anything is stored, so a bad link refuses the whole message with
 * a 400 naming the file, and no database transaction waits on the network.
 */
export async function fetchMessageFiles(
  env: TEnv,
  files: { fileName?: string | null; url: string }[],
): Promise<TFileToStore[]> {
  const fetched: TFileToStore[] = [];
  for (const [index, file] of files.entries()) {
    const attr = `content.files.${index}.url`;
    let result: Awaited<ReturnType<typeof safeFetch>>;
    try {
      result = await safeFetch(file.url, {
        // The webhooks policy: loopback only in insecure (dev/test) mode, private networks only if an admin allows.
        refusalOf: (address) =>
          refusalOf(address, env) ? `the URL resolves to a non-public address (${address})` : null,
        maxBytes: env.HEARTH_CUSTOM_CHANNEL_MAX_FILE_BYTES,
        timeoutMs: FETCH_TIMEOUT_MS,
      });
    } catch (error) {
      if (!(error instanceof SafeFetchError)) throw error;
      throw badRequest('invalid', `${attr}: the file could not be fetched (${error.message})`, attr);
    }
    const contentType = (result.contentType.split(';')[0] ?? '').trim().toLowerCase();
    if (!isAllowedContentType(contentType)) {
      throw badRequest('invalid', `${attr}: files of type [${contentType}] are not accepted`, attr);
    }
    fetched.push({ filename: fileNameOf(file), contentType, content: result.body });
  }
  return fetched;
}

function fileNameOf(file: { fileName?: string | null; url: string }): string {
  if (file.fileName) return file.fileName;
  const last = new URL(file.url).pathname.split('/').filter(Boolean).pop();
  try {
    return last ? decodeURIComponent(last) : 'file';
  } catch {
    return last ?? 'file';
  }
}
