import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, uploadWithProgress, type UploadProgress } from '@/lib/api-client';
import type { Campaign } from '@/lib/types';
import { uploadCampaignDirect } from './direct-upload';

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

/**
 * Whether the API takes files straight to S3: read once (it changes only with a redeploy), so no upload
 * needs a failed request to find out. An API that cannot say (older server, outage) gets multipart.
 */
export const uploadOptionsQuery = queryOptions({
  queryKey: ['uploads', 'options'] as const,
  queryFn: () => unwrap(api.GET('/api/v1/uploads/options')),
  staleTime: Infinity,
  retry: false,
});

export type UploadMode = 'direct' | 'multipart';

export function uploadCampaign(
  input: NewCampaignInput,
  onProgress: (p: UploadProgress) => void,
  { mode = 'multipart', signal, maxBytes }: { mode?: UploadMode; signal?: AbortSignal; maxBytes?: number } = {},
): Promise<Campaign> {
  if (mode === 'direct') return uploadCampaignDirect(input, onProgress, { signal, maxBytes });
  return uploadWithProgress<Campaign>('/api/v1/upload', buildUploadForm(input), onProgress, signal);
}
