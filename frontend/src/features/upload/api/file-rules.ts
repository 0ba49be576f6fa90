/** The upload limits live in lib (the campaign page checks replaced pictures too); re-exported here. */
export * from '@/lib/file-rules';

const upper = (s: string) => s.replace(/^./, (c) => c.toUpperCase());

/**
 * The server names a refused picture by its form field ("hero_images[1] (barn.jpg): not an image",
 * "logo (big.png) is 6.0 MB; …"). Returns which picture it was and a sentence in the user's words,
 * or null for any other error.
 */
export function fileErrorFromServer(detail: string, photos: File[]): { field: 'logo' | 'photo'; index: number; message: string } | null {
  const match = /^(logo|hero_images\[(\d+)\]) \((.*?)\)(: | )(.+)$/s.exec(detail);
  if (!match) return null;
  const [, field, index, name, separator, reason = ''] = match;
  // "(name): reason" reads as a verdict; "(name) is empty." is already a sentence about the file.
  const tail = separator === ': ' ? `can't be used. ${upper(reason)}` : reason;
  if (field === 'logo') return { field: 'logo', index: 0, message: `Your logo ${name} ${tail}` };
  const i = Number(index);
  const shown = photos[i]?.name ?? name;
  return { field: 'photo', index: i, message: `Photo ${i + 1} (${shown}) ${tail}` };
}

export type DetailField = 'campaignName' | 'advertiserName' | 'ctaUrl' | 'textContent' | 'postalAddress';

const FIELDS: Record<string, DetailField> = {
  campaign_name: 'campaignName',
  advertiser_name: 'advertiserName',
  cta_url: 'ctaUrl',
  text_content: 'textContent',
  postal_address: 'postalAddress',
};

const REQUIRED: Partial<Record<DetailField, string>> = {
  campaignName: 'Enter a campaign name.',
  advertiserName: 'Enter the advertiser name.',
};

/**
 * The server's 422 about one text field ("cta_url must be a full http:// or https:// address.",
 * "Invalid input — campaign_name: Field required") as a message for that field, or null.
 */
export function detailErrorFromServer(detail: string): { field: DetailField; message: string } | null {
  const match = /^(?:Invalid input — )?(campaign_name|advertiser_name|cta_url|text_content|postal_address)(?::\s*| )(.+)$/s.exec(detail);
  if (!match) return null;
  const field = FIELDS[match[1]!]!;
  const reason = match[2]!.trim();
  if (/^(is required|field required)/i.test(reason)) return { field, message: REQUIRED[field] ?? 'This field is required.' };
  return { field, message: upper(reason.endsWith('.') ? reason : `${reason}.`) };
}
