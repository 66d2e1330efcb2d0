import type { TEnv } from '../config/env.js';

/** What a Hearth process does; all of them by default, or a subset per process when scaling out. */
export const PROCESS_ROLES = ['api', 'ws', 'worker', 'scheduler'] as const;
export type TProcessRole = (typeof PROCESS_ROLES)[number];

/** The address people should use: HEARTH_PUBLIC_URL, else the listening address (a wildcard shown as localhost). */
export function publicUrl(env: Pick<TEnv, 'HEARTH_HOST' | 'HEARTH_PUBLIC_URL'>, port: number): string {
  if (env.HEARTH_PUBLIC_URL) return env.HEARTH_PUBLIC_URL.replace(/\/+$/, '');
  const host = ['0.0.0.0', '::', ''].includes(env.HEARTH_HOST) ? 'localhost' : env.HEARTH_HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
