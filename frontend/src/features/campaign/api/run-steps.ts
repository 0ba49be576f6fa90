import { api, unwrap } from '@/lib/api-client';
import type { ProcessResult, ProofVersion } from '@/lib/types';

/** Asks the AI writer for the copy (falls back to the offline writer server-side). */
export function processCampaign(id: string): Promise<ProcessResult> {
  return unwrap(api.POST('/api/v1/process/{campaign_id}', { params: { path: { campaign_id: id } } }));
}

export type Layout = 'single' | 'gallery';

/** How the proof shows its photos: the layout (default: by photo count) and whether photos are shown whole. */
export interface ProofOptions {
  layout?: Layout;
  /** Photos are cut to their slot (never taller than 4:3) around their focal point unless this is true. */
  wholePhotos?: boolean;
}

/** Renders a new proof version from the latest copy. */
export function generateProof(id: string, options: ProofOptions = {}): Promise<ProofVersion> {
  const chosen = options.layout || options.wholePhotos;
  const body = { ...(options.layout ? { layout: options.layout } : {}), whole_photos: Boolean(options.wholePhotos) };
  return unwrap(
    api.POST('/api/v1/generate/{campaign_id}', {
      params: { path: { campaign_id: id } },
      ...(chosen ? { body } : {}),
    }),
  );
}
