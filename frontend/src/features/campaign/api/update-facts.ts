import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { CopyVersion, FactsCorrection } from '@/lib/types';

/** Corrects the sale's facts (only the fields sent); the server saves a new copy version with them. */
export function updateFacts(id: string, correction: FactsCorrection): Promise<CopyVersion> {
  return unwrap(api.PATCH('/api/v1/campaigns/{campaign_id}/facts', { params: { path: { campaign_id: id } }, body: correction }));
}

export function useUpdateFacts(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (correction: FactsCorrection) => updateFacts(id, correction),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.campaigns }),
  });
}
