import { api, ApiError, unwrap, type UploadProgress } from '@/lib/api-client';
import type { Campaign, Tone } from '@/lib/types';
import { ACCEPTED_TYPES, MAX_FILE_BYTES } from './file-rules';
import type { NewCampaignInput } from './upload-campaign';

/**
 * Photos sent straight to S3 (API with S3 storage): the API hands out one presigned POST per file,
 * the browser sends each file to the bucket, then tells the API which keys to check. The API checks
 * them by content exactly as a multipart upload (same errors, naming `logo` / `hero_images[i]`).
 */

type ImageType = (typeof ACCEPTED_TYPES)[number];

const EXTENSION_TYPES: Record<string, ImageType> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp' };

/** The content type the presigned POST is bound to: the file's own, or the one its extension names. */
export function contentTypeOf(file: File): ImageType {
  if ((ACCEPTED_TYPES as readonly string[]).includes(file.type)) return file.type as ImageType;
  return EXTENSION_TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? 'image/jpeg';
}

interface SentFile {
  field: string;
  file: File;
}

export const STORAGE_UNREACHABLE = 'Could not reach the file storage. Check your connection and try again.';
/** No answer from S3 at all: offline, or the bucket's CORS rule or the page's CSP (connect-src) lets nothing through. */
export const STORAGE_UNREACHABLE_CODE = 'storage_unreachable';

/**
 * What S3 answered, as the error the form already knows how to show: a refusal of the size or the
 * policy becomes the server's own "too large" sentence for that file (shown next to it), never XML.
 */
export function s3Refusal(status: number, body: string, sent: SentFile, maxBytes = MAX_FILE_BYTES): ApiError {
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1] ?? '';
  const code = tag('Code');
  const message = tag('Message');
  const { field, file } = sent;
  if (status === 0) return new ApiError(0, STORAGE_UNREACHABLE_CODE, STORAGE_UNREACHABLE);
  if (/expired/i.test(message)) {
    // The form outlived its permission (10 minutes); a new attempt asks for new ones.
    return new ApiError(0, 'upload_expired', 'The upload took too long and had to stop. Try again.');
  }
  if (code === 'EntityTooSmall') return new ApiError(422, 'empty_file', `${field} (${file.name}) is empty.`);
  if (code === 'EntityTooLarge' || /content-length-range/i.test(message)) {
    const max = Number(tag('MaxSizeAllowed')) || maxBytes;
    const mb = (file.size / 1_048_576).toFixed(1);
    const maxMb = Number((max / 1_048_576).toFixed(2));
    return new ApiError(413, 'file_too_large', `${field} (${file.name}) is ${mb} MB; each file may be at most ${maxMb} MB.`);
  }
  if (status >= 500 || code === 'SlowDown') return new ApiError(503, 'storage_unavailable', 'The file storage is busy. Try again in a moment.');
  return new ApiError(status, 'storage_refused', `${file.name} could not be uploaded. Try again.`);
}

/** POSTs one file to its presigned URL: the policy's fields first, then the file. No API token goes to S3. */
export function postToS3(
  url: string,
  fields: Record<string, string>,
  sent: SentFile,
  onProgress: (loaded: number) => void,
  signal: AbortSignal,
  maxBytes?: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new ApiError(0, 'aborted', 'The upload was cancelled.'));
      return;
    }
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', sent.file, sent.file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = (e: ProgressEvent) => onProgress(e.lengthComputable ? Math.min(e.loaded, sent.file.size) : 0);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(sent.file.size);
        resolve();
      } else reject(s3Refusal(xhr.status, xhr.responseText ?? '', sent, maxBytes));
    };
    xhr.onerror = () => reject(s3Refusal(0, '', sent));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled.'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** presign → every file to S3 in parallel (one bar over all bytes) → the API checks them and creates the campaign. */
export async function uploadCampaignDirect(
  input: NewCampaignInput,
  onProgress: (p: UploadProgress) => void,
  { signal, maxBytes }: { signal?: AbortSignal; maxBytes?: number } = {},
): Promise<Campaign> {
  const files: SentFile[] = [{ field: 'logo', file: input.logo }, ...input.photos.map((file, i) => ({ field: `hero_images[${i}]`, file }))];
  const { uploads } = await unwrap(
    api.POST('/api/v1/uploads/presign', {
      body: {
        files: files.map(({ field, file }) => ({
          field: field === 'logo' ? ('logo' as const) : ('hero_images' as const),
          filename: file.name,
          content_type: contentTypeOf(file),
          size: file.size,
        })),
      },
      signal,
    }),
  );
  if (uploads.length !== files.length) throw new ApiError(500, 'presign_mismatch', 'Something went wrong on our side. Try again.');

  // One failed file stops the others: no point sending bytes for an upload that cannot complete.
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort();
  signal?.addEventListener('abort', onOuterAbort, { once: true });
  const total = files.reduce((sum, f) => sum + f.file.size, 0);
  const loaded = files.map(() => 0);
  const report = () => onProgress({ loaded: loaded.reduce((a, b) => a + b, 0), total });
  try {
    await Promise.all(
      uploads.map((post, i) =>
        postToS3(post.url, post.fields, files[i]!, (n) => {
          loaded[i] = n;
          report();
        }, stop.signal, maxBytes).catch((err: unknown) => {
          stop.abort();
          throw err;
        }),
      ),
    );
  } catch (err) {
    // Siblings cancelled because of this failure reject with 'aborted'; the first real reason wins.
    throw signal?.aborted ? new ApiError(0, 'aborted', 'The upload was cancelled.') : err;
  } finally {
    signal?.removeEventListener('abort', onOuterAbort);
  }

  const key = (i: number) => ({ key: uploads[i]!.key, filename: files[i]!.file.name });
  return unwrap(
    api.POST('/api/v1/upload/direct', {
      body: {
        campaign_name: input.campaignName.trim(),
        advertiser_name: input.advertiserName.trim(),
        text_content: input.textContent,
        cta_url: input.ctaUrl.trim() || null,
        tone: (input.tone || null) as Tone | null,
        postal_address: input.postalAddress?.trim() || null,
        logo: key(0),
        hero_images: input.photos.map((_, i) => key(i + 1)),
      },
      signal,
    }),
  );
}
