/** Query keys shared across features so one feature's mutation can refresh another's data. */
export const queryKeys = {
  campaigns: ['campaigns'] as const,
  campaign: (id: string) => ['campaigns', 'detail', id] as const,
  preview: (id: string) => ['preview', id] as const,
};
