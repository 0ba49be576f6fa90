import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/client/schema';
import { api, toApiError, unwrap } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Campaign } from '@/lib/types';

export type CampaignEdit = components['schemas']['CampaignEdit'];

export function deleteCampaign(id: string): Promise<void> {
  return api
    .DELETE('/api/v1/campaigns/{campaign_id}', { params: { path: { campaign_id: id } } })
    .then(({ response, error }) => {
      if (!response.ok && response.status !== 404) throw toApiError(response.status, error);
    });
}

export function useDuplicateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string): Promise<Campaign> =>
      unwrap(api.POST('/api/v1/campaigns/{campaign_id}/duplicate', { params: { path: { campaign_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.campaigns }),
  });
}

export function useReopenCampaign(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/campaigns/{campaign_id}/reopen', { params: { path: { campaign_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.campaigns }),
  });
}

export function useUpdateCampaign(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignEdit): Promise<Campaign> =>
      unwrap(api.PATCH('/api/v1/campaigns/{campaign_id}', { params: { path: { campaign_id: id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.campaigns }),
  });
}

export function useAddAsset(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ role, file }: { role: 'logo' | 'hero'; file: File }): Promise<Campaign> => {
      const form = new FormData();
      form.append('role', role);
      form.append('file', file);
      return unwrap(
        api.POST('/api/v1/campaigns/{campaign_id}/assets', {
          params: { path: { campaign_id: id } },
          // The generated type describes the fields; the browser sends the FormData as multipart.
          body: form as never,
          bodySerializer: (b: unknown) => b as FormData,
        }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.campaigns }),
  });
}

export function useUpdateAsset(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ assetId, ...body }: { assetId: string; position?: number; focal_x?: number; focal_y?: number }) =>
      unwrap(
        api.PATCH('/api/v1/campaigns/{campaign_id}/assets/{asset_id}', {
          params: { path: { campaign_id: id, asset_id: assetId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.campaigns }),
  });
}

export function useDeleteAsset(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assetId: string) =>
      unwrap(
        api.DELETE('/api/v1/campaigns/{campaign_id}/assets/{asset_id}', {
          params: { path: { campaign_id: id, asset_id: assetId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.campaigns }),
  });
}
