import { ApiError, uploadWithProgress, type UploadProgress } from '@/lib/api-client';
import type { Campaign } from '@/lib/types';
import { STORAGE_UNREACHABLE_CODE, uploadCampaignDirect } from './direct-upload';

export interface NewCampaignInput {
  campaignName: string;
  advertiserName: string;
  textContent: string;
  ctaUrl: string;
  tone: string;
  postalAddress?: string;
  logo: File;
  photos: File[];
}

export function buildUploadForm(input: NewCampaignInput): FormData {
  const form = new FormData();
  form.append('campaign_name', input.campaignName.trim());
  form.append('advertiser_name', input.advertiserName.trim());
  form.append('text_content', input.textContent);
  if (input.ctaUrl.trim()) form.append('cta_url', input.ctaUrl.trim());
  if (input.tone) form.append('tone', input.tone);
  if (input.postalAddress?.trim()) form.append('postal_address', input.postalAddress.trim());
  form.append('logo', input.logo, input.logo.name);
  for (const photo of input.photos) form.append('hero_images', photo, photo.name);
  return form;
}

export type UploadMode = 'direct' | 'multipart';

interface UploadOptions {
  mode?: UploadMode;
  signal?: AbortSignal;
  maxBytes?: number;
  /** S3 answered nothing but the API took the files: later uploads should go multipart too. */
  onDirectUnreachable?: () => void;
}

/**
 * Sends the new campaign's files the way the API asked. When S3 gives no answer at all (a bucket
 * without the CORS rule, a CSP without the bucket in connect-src, an S3 outage), the same files go
 * multipart to the API, which every deployment takes: the advertiser's upload still goes through.
 */
export async function uploadCampaign(
  input: NewCampaignInput,
  onProgress: (p: UploadProgress) => void,
  { mode = 'multipart', signal, maxBytes, onDirectUnreachable }: UploadOptions = {},
): Promise<Campaign> {
  const multipart = () => uploadWithProgress<Campaign>('/api/v1/upload', buildUploadForm(input), onProgress, signal);
  if (mode !== 'direct') return multipart();
  try {
    return await uploadCampaignDirect(input, onProgress, { signal, maxBytes });
  } catch (err) {
    if (!(err instanceof ApiError && err.code === STORAGE_UNREACHABLE_CODE) || signal?.aborted) throw err;
    onProgress({ loaded: 0, total: 1 });
    const campaign = await multipart();
    console.warn('Direct upload to S3 got no answer (bucket CORS? CSP connect-src?); the files went through the API instead.');
    onDirectUnreachable?.();
    return campaign;
  }
}
