import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { CopyUpdate, CopyVersion } from '@/lib/types';

export function updateCopy(id: string, changes: CopyUpdate): Promise<CopyVersion> {
  return unwrap(api.PATCH('/api/v1/campaigns/{campaign_id}/copy', { params: { path: { campaign_id: id } }, body: changes }));
}

export function useUpdateCopy(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: CopyUpdate) => updateCopy(id, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.campaigns }),
  });
}
