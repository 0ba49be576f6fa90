import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi, problem } from '@/test/api-mock';
import { makeCampaign, makeSummary } from '@/test/fixtures';
import { renderApp } from '@/test/render';

describe('campaigns list', () => {
  it('shows each campaign with its status and a link to it', async () => {
    mockApi([
      {
        method: 'GET',
        path: '/api/v1/campaigns',
        reply: json(200, {
          items: [makeSummary(), makeSummary({ id: 'c2', campaign_name: 'Spring Farm Sale', status: 'approved', thumbnail_url: null })],
          total: 2,
          limit: 20,
          offset: 0,
        }),
      },
    ]);
    renderApp('/');
    const list = await screen.findByRole('list', { name: 'Your campaigns' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole('link', { name: 'Winter Estate Auction' })).toHaveAttribute('href', '/campaigns/c1');
    expect(within(items[0]!).getByText('Uploaded')).toBeInTheDocument();
    expect(within(items[1]!).getByText('Approved')).toBeInTheDocument();
    expect(within(items[0]!).getByText(/^Changed/)).toBeInTheDocument();
  });

  it('invites a first campaign when there are none', async () => {
    mockApi([{ method: 'GET', path: '/api/v1/campaigns', reply: json(200, { items: [], total: 0, limit: 20, offset: 0 }) }]);
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'No campaigns yet' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create your first campaign' })).toHaveAttribute('href', '/campaigns/new');
  });

  it("shows the server's error and retries", async () => {
    let fail = true;
    mockApi([
      {
        method: 'GET',
        path: '/api/v1/campaigns',
        reply: () => (fail ? problem(503, 'database_unavailable', 'The database is not reachable right now.') : json(200, { items: [makeSummary()], total: 1, limit: 20, offset: 0 })),
      },
    ]);
    const user = userEvent.setup();
    renderApp('/');
    expect(await screen.findByRole('alert')).toHaveTextContent('The database is not reachable right now.');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Winter Estate Auction' })).toBeInTheDocument();
  });

  it('pages through older campaigns', async () => {
    const api = mockApi([
      {
        method: 'GET',
        path: '/api/v1/campaigns',
        reply: (req) => {
          const offset = Number(req.url.searchParams.get('offset'));
          const items = offset === 0 ? [makeSummary({ id: 'new', campaign_name: 'Newest' })] : [makeSummary({ id: 'old', campaign_name: 'Oldest' })];
          return json(200, { items, total: 25, limit: 20, offset });
        },
      },
    ]);
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByRole('link', { name: 'Newest' });
    expect(screen.getByRole('button', { name: 'Newer' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByRole('link', { name: 'Oldest' })).toBeInTheDocument();
    expect(api.callsTo('GET', '/api/v1/campaigns').at(-1)?.url.searchParams.get('offset')).toBe('20');
  });

  it('says so when a page does not exist', async () => {
    mockApi();
    renderApp('/nowhere');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });

  it('deletes with undo: the campaign leaves the list at once and is deleted only after the undo window', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const page = { items: [makeSummary(), makeSummary({ id: 'c2', campaign_name: 'Spring Farm Sale' })], total: 2, limit: 20, offset: 0 };
      const api = mockApi([
        { method: 'GET', path: '/api/v1/campaigns', reply: json(200, page) },
        { method: 'DELETE', path: '/api/v1/campaigns/c2', reply: { status: 204 } },
      ]);
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      renderApp('/');
      const list = await screen.findByRole('list', { name: 'Your campaigns' });
      await user.click(within(list).getByRole('button', { name: 'Delete Spring Farm Sale' }));
      expect(screen.queryByRole('link', { name: 'Spring Farm Sale' })).not.toBeInTheDocument();
      expect(screen.getByRole('status')).toHaveTextContent('“Spring Farm Sale” deleted.');
      await user.click(screen.getByRole('button', { name: 'Undo' }));
      expect(await screen.findByRole('link', { name: 'Spring Farm Sale' })).toBeInTheDocument();
      await act(() => vi.advanceTimersByTimeAsync(10_000));
      expect(api.callsTo('DELETE', '/api/v1/campaigns/c2')).toHaveLength(0);

      await user.click(screen.getByRole('button', { name: 'Delete Spring Farm Sale' }));
      await act(() => vi.advanceTimersByTimeAsync(9_000));
      expect(api.callsTo('DELETE', '/api/v1/campaigns/c2')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('duplicates a campaign and opens the copy', async () => {
    const copy = makeCampaign({ id: 'c9', campaign_name: 'Winter Estate Auction (copy)' });
    const api = mockApi([
      { method: 'GET', path: '/api/v1/campaigns', reply: json(200, { items: [makeSummary()], total: 1, limit: 20, offset: 0 }) },
      { method: 'POST', path: '/api/v1/campaigns/c1/duplicate', reply: json(201, copy) },
      { method: 'GET', path: '/api/v1/campaigns/c9', reply: json(200, copy) },
    ]);
    const user = userEvent.setup();
    renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Duplicate Winter Estate Auction' }));
    expect(await screen.findByRole('heading', { name: 'Winter Estate Auction (copy)' })).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/campaigns/c1/duplicate')).toHaveLength(1);
  });
});
