import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api-client';
import { formatLimit, MAX_FILE_BYTES, MAX_PHOTOS } from './file-rules';

/**
 * How the API takes files (straight to S3 or multipart) and its limits: read once (they change only with a
 * redeploy), so no upload needs a failed request to find out. An API that cannot say (older server,
 * outage) gets multipart and the default limits.
 */
export const uploadOptionsQuery = queryOptions({
  queryKey: ['uploads', 'options'] as const,
  queryFn: () => unwrap(api.GET('/api/v1/uploads/options')),
  staleTime: Infinity,
  retry: false,
});

/** The server's own picture limits (MAX_UPLOAD_MB, photos per campaign), the defaults until it has said. */
export function useUploadLimits(): { maxBytes: number; maxPhotos: number; limit: string } {
  const { data } = useQuery(uploadOptionsQuery);
  const maxBytes = data?.max_bytes ?? MAX_FILE_BYTES;
  return { maxBytes, maxPhotos: data?.max_photos ?? MAX_PHOTOS, limit: formatLimit(maxBytes) };
}
