import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { CopyUpdate, CopyVersion } from '@/lib/types';

export function updateCopy(id: string, changes: CopyUpdate): Promise<CopyVersion> {
  return apiJson<CopyVersion>(`/api/v1/campaigns/${encodeURIComponent(id)}/copy`, { method: 'PATCH', body: changes });
}

export function useUpdateCopy(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: CopyUpdate) => updateCopy(id, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.campaigns }),
  });
}
