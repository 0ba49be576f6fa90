import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { ReviewComment, ReviewPage } from '@/lib/types';

const pageKey = (token: string) => ['review-link', token] as const;

/** What the link shows; no account is involved, the token in the address is the key. */
export function useReviewPage(token: string) {
  return useQuery({
    queryKey: pageKey(token),
    queryFn: (): Promise<ReviewPage> => unwrap(api.GET('/api/v1/review/{token}', { params: { path: { token } } })),
    retry: false,
  });
}

export function useProofHtml(token: string, version: number | null) {
  return useQuery({
    queryKey: [...pageKey(token), 'html', version],
    enabled: version != null,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/review/{token}/preview', {
          params: { path: { token }, query: { format: 'html', version: version ?? undefined } },
          parseAs: 'text',
        }) as Promise<{ data?: string; error?: unknown; response: Response }>,
      ),
  });
}

export interface Reviewer {
  name: string;
  email: string;
}

export function useReviewerComment(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Reviewer & { body: string; section: string | null }): Promise<ReviewComment> =>
      unwrap(api.POST('/api/v1/review/{token}/comments', { params: { path: { token } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pageKey(token) }),
  });
}

export function useReviewerDecision(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Reviewer & { decision: 'approve' | 'request_changes'; comment: string; proof_version: number }) =>
      unwrap(api.POST('/api/v1/review/{token}/decision', { params: { path: { token } }, body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: pageKey(token) }),
  });
}
