import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Preview } from '@/lib/types';

/** The preview of one proof version (the latest when none is given). */
export function getPreview(id: string, version?: number): Promise<Preview> {
  // The schema lists JSON and HTML under one 200, so the data type needs naming here.
  return unwrap(api.GET('/api/v1/preview/{campaign_id}', { params: { path: { campaign_id: id }, query: { version } } })) as Promise<Preview>;
}

/** The email HTML itself; fetched (not linked) so the bearer token goes along. */
export async function getPreviewHtml(id: string, version?: number): Promise<string> {
  const result = api.GET('/api/v1/preview/{campaign_id}', {
    params: { path: { campaign_id: id }, query: { format: 'html', version } },
    parseAs: 'text',
  });
  return unwrap(result as Promise<{ data?: string; error?: unknown; response: Response }>);
}

export type Device = 'desktop' | 'mobile';
export type Theme = 'light' | 'dark';

/** A picture proof as an object URL, or null when the server cannot render pictures. */
export async function getProofPicture(id: string, version: number | undefined, device: Device, theme: Theme): Promise<string | null> {
  try {
    const result = api.GET('/api/v1/preview/{campaign_id}', {
      params: { path: { campaign_id: id }, query: { format: 'png', version, device, theme } },
      headers: { Accept: 'image/png' },
      parseAs: 'blob',
    });
    const blob = await unwrap(result as Promise<{ data?: Blob; error?: unknown; response: Response }>);
    if (!blob.type.startsWith('image/')) return null;
    return URL.createObjectURL(blob);
  } catch (err) {
    // A job worker is still rendering it: asked again (useProofPicture's retry).
    if (err instanceof ApiError && err.code === PICTURE_PENDING) throw err;
    // 503 renderer_unavailable means "no pictures on this server": hide them. So does a server
    // that doesn't know format=png yet (422).
    if (err instanceof ApiError && [503, 422, 400].includes(err.status)) return null;
    throw err;
  }
}

const PICTURE_PENDING = 'picture_pending';
/** How often, and how far apart, a picture a worker is still rendering is asked for again. */
const PICTURE_RETRIES = 5;
const PICTURE_RETRY_DELAY_MS = 2_000;

export const previewQuery = (id: string, version: number | undefined) =>
  queryOptions({ queryKey: [...queryKeys.preview(id), 'data', version], queryFn: () => getPreview(id, version) });

export function usePreview(id: string, version: number | undefined) {
  return useQuery(previewQuery(id, version));
}

export function usePreviewHtml(id: string, version: number | undefined) {
  return useQuery({ queryKey: [...queryKeys.preview(id), 'html', version], queryFn: () => getPreviewHtml(id, version) });
}

export function useProofPicture(id: string, version: number | undefined, device: Device, theme: Theme, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.preview(id), 'png', version, device, theme],
    queryFn: () => getProofPicture(id, version, device, theme),
    enabled,
    // Keep the last picture while the next device/theme renders, so the view doesn't collapse.
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: (failures, err) => err instanceof ApiError && err.code === PICTURE_PENDING && failures < PICTURE_RETRIES,
    retryDelay: PICTURE_RETRY_DELAY_MS,
  });
}
