import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, filenameFromDisposition, toApiError, unwrap } from '@/lib/api-client';
import { askAgainWhilePending } from '@/lib/pending';
import { queryKeys } from '@/lib/query-keys';
import type { ReviewResult } from '@/lib/types';

export interface ReviewInput {
  decision: 'approve' | 'request_changes';
  comment: string;
  /** Always sent, so a decision never lands on a proof the user didn't see. */
  proof_version: number;
}

export function submitReview(id: string, input: ReviewInput): Promise<ReviewResult> {
  return unwrap(api.POST('/api/v1/approve/{campaign_id}', { params: { path: { campaign_id: id } }, body: input }));
}

export function useSubmitReview(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReviewInput) => submitReview(id, input),
    // A stale_proof answer also means our copy of the campaign is out of date: refresh either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.campaigns }),
  });
}

/** Fetches the approved ZIP (with the bearer token) and hands it to the browser as a download. */
export async function downloadCampaignZip(id: string, fallbackName: string): Promise<string> {
  // Right after approval a job worker may still be building the ZIP: ask again when it says to.
  const { data, error, response } = await askAgainWhilePending(
    () =>
      api.GET('/api/v1/download/{campaign_id}', {
        params: { path: { campaign_id: id } },
        headers: { Accept: 'application/zip' },
        parseAs: 'blob',
      }),
    'package_pending',
  );
  if (!response.ok || !data) throw toApiError(response.status, error);
  const name = filenameFromDisposition(response.headers.get('content-disposition'), fallbackName);
  const blob = data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before freeing the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export function useDownload(id: string, fallbackName: string) {
  return useMutation({ mutationFn: () => downloadCampaignZip(id, fallbackName) });
}
