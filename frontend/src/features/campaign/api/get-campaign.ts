import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { CampaignDetail } from '@/lib/types';

export function getCampaign(id: string): Promise<CampaignDetail> {
  return unwrap(api.GET('/api/v1/campaigns/{campaign_id}', { params: { path: { campaign_id: id } } }));
}

export const campaignQuery = (id: string) => queryOptions({ queryKey: queryKeys.campaign(id), queryFn: () => getCampaign(id) });

export function useCampaign(id: string) {
  return useQuery(campaignQuery(id));
}
