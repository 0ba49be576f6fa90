import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/client/schema';
import { api, filenameFromDisposition, toApiError, unwrap } from '@/lib/api-client';
import { askAgainWhilePending } from '@/lib/pending';

export type DeliveryStatus = components['schemas']['DeliveryStatus'];
export type Integration = components['schemas']['IntegrationPublic'];
export type TestSendResult = components['schemas']['TestSendResult'];
export type PushResult = components['schemas']['PushResult'];
export type Provider = Integration['provider'];
export type EspTarget = 'generic' | Provider;

export const PROVIDER_NAMES: Record<Provider, string> = {
  mailchimp: 'Mailchimp',
  sendgrid: 'SendGrid',
  klaviyo: 'Klaviyo',
  constant_contact: 'Constant Contact',
};

const keys = {
  status: ['delivery', 'status'] as const,
  integrations: ['delivery', 'integrations'] as const,
};

export function useDeliveryStatus() {
  return useQuery({ queryKey: keys.status, queryFn: () => unwrap(api.GET('/api/v1/delivery/status')) });
}

export function useIntegrations() {
  return useQuery({ queryKey: keys.integrations, queryFn: () => unwrap(api.GET('/api/v1/integrations')) });
}

export function useConnectIntegration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { provider: Provider; api_key: string }) => unwrap(api.POST('/api/v1/integrations', { body: { ...input, label: '' } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.integrations }),
  });
}

export function useRemoveIntegration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/integrations/{integration_id}', { params: { path: { integration_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.integrations }),
  });
}

/** Splits what the user typed ("a@x.com, b@y.com" or one per line) into addresses. */
export function parseAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

export function useTestSend(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { to: string[]; images: 'inline' | 'hosted' }) =>
      unwrap(api.POST('/api/v1/campaigns/{campaign_id}/test-send', { params: { path: { campaign_id: campaignId } }, body: input })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.status }),
  });
}

export function usePush(campaignId: string) {
  return useMutation({
    mutationFn: (provider: Provider) =>
      unwrap(api.POST('/api/v1/campaigns/{campaign_id}/push', { params: { path: { campaign_id: campaignId } }, body: { provider } })),
  });
}

/** Fetches the download in the chosen shape (with the bearer token) and hands it to the browser. */
export async function downloadAs(campaignId: string, format: 'zip' | 'eml', esp: EspTarget): Promise<string> {
  const { data, error, response } = await askAgainWhilePending(
    () =>
      api.GET('/api/v1/download/{campaign_id}', {
        params: { path: { campaign_id: campaignId }, query: { format, esp } },
        parseAs: 'blob',
      }),
    'package_pending',
  );
  if (!response.ok || !data) throw toApiError(response.status, error);
  const name = filenameFromDisposition(response.headers.get('content-disposition'), `email.${format}`);
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export function useDownloadAs(campaignId: string) {
  return useMutation({ mutationFn: (input: { format: 'zip' | 'eml'; esp: EspTarget }) => downloadAs(campaignId, input.format, input.esp) });
}
