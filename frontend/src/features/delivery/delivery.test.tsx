import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockApi, problem } from '@/test/api-mock';
import { DeliveryPanel } from './components/DeliveryPanel';

const ID = '11111111-1111-1111-1111-111111111111';
const status = (available: boolean) => ({
  test_send_available: available,
  test_send_daily_limit: 25,
  test_sends_left_today: 23,
  providers: ['mailchimp', 'sendgrid', 'klaviyo', 'constant_contact'],
});
const mailchimp = { id: 'int-1', provider: 'mailchimp', label: 'Mailchimp', key_hint: '…us21', created_at: '2026-12-01T10:00:00Z' };

function renderPanel() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <DeliveryPanel campaignId={ID} />
    </QueryClientProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('DeliveryPanel', () => {
  it('sends a test to the typed addresses and says who got it', async () => {
    const api = mockApi([
      { method: 'GET', path: '/api/v1/delivery/status', reply: json(200, status(true)) },
      { method: 'GET', path: '/api/v1/integrations', reply: json(200, []) },
      {
        method: 'POST',
        path: `/api/v1/campaigns/${ID}/test-send`,
        reply: json(200, {
          accepted: ['me@example.com', 'boss@example.com'],
          refused: [],
          message_id: '<x@hibid>',
          proof_version: 1,
          subject: '[Test] Winter estate auction',
          remaining_today: 21,
        }),
      },
    ]);
    renderPanel();
    const to = await screen.findByLabelText('Send to');
    expect(screen.getByText(/23 of 25 left today/)).toBeInTheDocument();
    await userEvent.type(to, 'me@example.com, boss@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send me a test' }));
    expect(await screen.findByText(/Sent “\[Test\] Winter estate auction” to me@example.com, boss@example.com/)).toBeInTheDocument();
    const [call] = api.callsTo('POST', `/api/v1/campaigns/${ID}/test-send`);
    expect(call?.body).toEqual({ to: ['me@example.com', 'boss@example.com'], images: 'inline' });
  });

  it('hides "Send me a test" when the server has no mail server', async () => {
    mockApi([
      { method: 'GET', path: '/api/v1/delivery/status', reply: json(200, status(false)) },
      { method: 'GET', path: '/api/v1/integrations', reply: json(200, []) },
    ]);
    renderPanel();
    expect(await screen.findByText(/Connect an account/)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Send me a test' })).not.toBeInTheDocument());
    expect(screen.queryByLabelText('Send to')).not.toBeInTheDocument();
  });

  it('refuses more than five addresses before asking the server, and shows the server reason for a failed send', async () => {
    const api = mockApi([
      { method: 'GET', path: '/api/v1/delivery/status', reply: json(200, status(true)) },
      { method: 'GET', path: '/api/v1/integrations', reply: json(200, []) },
      {
        method: 'POST',
        path: `/api/v1/campaigns/${ID}/test-send`,
        reply: problem(502, 'smtp_failed', 'The mail server did not answer within 10 seconds; nothing was sent.'),
      },
    ]);
    renderPanel();
    const to = await screen.findByLabelText('Send to');
    await userEvent.type(to, 'a@x.com b@x.com c@x.com d@x.com e@x.com f@x.com');
    expect(screen.getByText('At most 5 addresses at a time.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send me a test' })).toBeDisabled();
    await userEvent.clear(to);
    await userEvent.type(to, 'a@x.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send me a test' }));
    expect(await screen.findByText(/did not answer within 10 seconds; nothing was sent/)).toBeInTheDocument();
    expect(api.callsTo('POST', `/api/v1/campaigns/${ID}/test-send`)).toHaveLength(1);
  });

  it('downloads the .eml for the chosen service', async () => {
    const api = mockApi([
      { method: 'GET', path: '/api/v1/delivery/status', reply: json(200, status(false)) },
      { method: 'GET', path: '/api/v1/integrations', reply: json(200, []) },
      {
        method: 'GET',
        path: `/api/v1/download/${ID}`,
        reply: {
          blob: new Blob(['From: x'], { type: 'message/rfc822' }),
          headers: { 'content-disposition': 'attachment; filename="winter-v1-klaviyo.eml"' },
        },
      },
    ]);
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderPanel();
    await userEvent.selectOptions(await screen.findByLabelText('I will send it from'), 'klaviyo');
    await userEvent.click(screen.getByRole('button', { name: 'Download .eml' }));
    expect(await screen.findByText('Downloaded winter-v1-klaviyo.eml.')).toBeInTheDocument();
    const [call] = api.callsTo('GET', `/api/v1/download/${ID}`);
    expect(call?.url.searchParams.get('format')).toBe('eml');
    expect(call?.url.searchParams.get('esp')).toBe('klaviyo');
    expect(click).toHaveBeenCalledOnce();
    click.mockRestore();
  });

  it('connects an account, pushes to it with the result link, and removes it', async () => {
    let connected = false;
    const api = mockApi([
      { method: 'GET', path: '/api/v1/delivery/status', reply: json(200, status(false)) },
      { method: 'GET', path: '/api/v1/integrations', reply: () => json(200, connected ? [mailchimp] : []) },
      {
        method: 'POST',
        path: '/api/v1/integrations',
        reply: () => {
          connected = true;
          return json(201, mailchimp);
        },
      },
      {
        method: 'POST',
        path: `/api/v1/campaigns/${ID}/push`,
        reply: json(200, {
          provider: 'mailchimp',
          remote_id: '1001',
          url: 'https://us21.admin.mailchimp.com/templates/edit?id=1001',
          created: true,
          proof_version: 1,
        }),
      },
      {
        method: 'DELETE',
        path: '/api/v1/integrations/int-1',
        reply: () => {
          connected = false;
          return { status: 204 };
        },
      },
    ]);
    renderPanel();
    await userEvent.type(await screen.findByLabelText('API key'), '0123456789abcdef-us21');
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    const push = await screen.findByRole('button', { name: 'Push to Mailchimp' });
    expect(api.callsTo('POST', '/api/v1/integrations')[0]?.body).toEqual({ provider: 'mailchimp', api_key: '0123456789abcdef-us21', label: '' });
    expect(screen.getByLabelText('API key')).toHaveValue('');
    await userEvent.click(push);
    const link = await screen.findByRole('link', { name: 'Open it in Mailchimp' });
    expect(link).toHaveAttribute('href', 'https://us21.admin.mailchimp.com/templates/edit?id=1001');
    expect(screen.getByText(/Created the template in Mailchimp/)).toBeInTheDocument();
    expect(api.callsTo('POST', `/api/v1/campaigns/${ID}/push`)[0]?.body).toEqual({ provider: 'mailchimp' });
    const item = screen.getByText('Mailchimp', { selector: 'strong' }).closest('li');
    await userEvent.click(within(item as HTMLElement).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Push to Mailchimp' })).not.toBeInTheDocument());
  });

  it("shows the service's reason when a push is refused", async () => {
    mockApi([
      { method: 'GET', path: '/api/v1/delivery/status', reply: json(200, status(false)) },
      { method: 'GET', path: '/api/v1/integrations', reply: json(200, [mailchimp]) },
      {
        method: 'POST',
        path: `/api/v1/campaigns/${ID}/push`,
        reply: problem(422, 'esp_key_rejected', 'Mailchimp refused the API key (401). Connect the account again with a valid key that may manage templates.'),
      },
    ]);
    renderPanel();
    await userEvent.click(await screen.findByRole('button', { name: 'Push to Mailchimp' }));
    expect(await screen.findByText(/Mailchimp refused the API key \(401\)/)).toBeInTheDocument();
  });
});
