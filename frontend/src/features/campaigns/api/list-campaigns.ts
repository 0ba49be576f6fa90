import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { CampaignPage } from '@/lib/types';

export const PAGE_SIZE = 20;

export function listCampaigns(offset: number, limit = PAGE_SIZE): Promise<CampaignPage> {
  return unwrap(api.GET('/api/v1/campaigns', { params: { query: { limit, offset } } }));
}

export const campaignsQuery = (offset: number) =>
  queryOptions({ queryKey: ['campaigns', 'list', offset], queryFn: () => listCampaigns(offset), placeholderData: keepPreviousData });

export function useCampaigns(offset: number) {
  return useQuery(campaignsQuery(offset));
}
