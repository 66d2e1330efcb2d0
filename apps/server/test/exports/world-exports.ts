import type { TTestApp } from '../helpers.js';
import { makeCompletedExportJob } from './arrange.js';

/** What the cross-cutting world holds for the Export API. */
export interface TExportWorld {
  /** A COMPLETED export job with its four files. */
  exportJob: { id: string };
  /** Another COMPLETED job: what a valid delete removes. */
  spareExportJob: { id: string };
}

export async function makeExportWorld(t: TTestApp, orgId: string): Promise<TExportWorld> {
  const exportJob = await makeCompletedExportJob(t, orgId);
  const spareExportJob = await makeCompletedExportJob(t, orgId);
  return { exportJob: { id: exportJob.id }, spareExportJob: { id: spareExportJob.id } };
}
