import { uploadWithProgress, type UploadProgress } from '@/lib/api-client';
import type { Campaign } from '@/lib/types';

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

export function uploadCampaign(input: NewCampaignInput, onProgress: (p: UploadProgress) => void): Promise<Campaign> {
  return uploadWithProgress<Campaign>('/api/v1/upload', buildUploadForm(input), onProgress);
}
