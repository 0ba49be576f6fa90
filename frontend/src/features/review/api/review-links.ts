import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/client/schema';
import { api, unwrap } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export type ReviewLink = components['schemas']['ReviewLinkPublic'];
export type CreatedReviewLink = components['schemas']['ReviewLinkCreated'];
export type Comment = components['schemas']['CommentPublic'];

const linksKey = (id: string) => ['review-links', id] as const;

export function useReviewLinks(campaignId: string) {
  return useQuery({
    queryKey: linksKey(campaignId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/campaigns/{campaign_id}/review-links', { params: { path: { campaign_id: campaignId } } })),
  });
}

export function useCreateReviewLink(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { expires_in_days: number; label: string }) =>
      unwrap(api.POST('/api/v1/campaigns/{campaign_id}/review-links', { params: { path: { campaign_id: campaignId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: linksKey(campaignId) }),
  });
}

export function useRevokeReviewLink(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) =>
      unwrap(
        api.DELETE('/api/v1/campaigns/{campaign_id}/review-links/{link_id}', {
          params: { path: { campaign_id: campaignId, link_id: linkId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: linksKey(campaignId) }),
  });
}

export function useAddComment(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string; section: string | null }) =>
      unwrap(api.POST('/api/v1/campaigns/{campaign_id}/comments', { params: { path: { campaign_id: campaignId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.campaign(campaignId) }),
  });
}
