import { api, unwrap } from '@/lib/api-client';
import type { ProcessResult, ProofVersion } from '@/lib/types';

/** Asks the AI writer for the copy (falls back to the offline writer server-side). */
export function processCampaign(id: string): Promise<ProcessResult> {
  return unwrap(api.POST('/api/v1/process/{campaign_id}', { params: { path: { campaign_id: id } } }));
}

export type Layout = 'single' | 'gallery';

/** Renders a new proof version from the latest copy; the layout defaults to one chosen by photo count. */
export function generateProof(id: string, layout?: Layout): Promise<ProofVersion> {
  return unwrap(
    api.POST('/api/v1/generate/{campaign_id}', {
      params: { path: { campaign_id: id } },
      ...(layout ? { body: { layout } } : {}),
    }),
  );
}
