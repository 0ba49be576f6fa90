import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/test/api-mock';
import { makeCampaign, proofReadyCampaign } from '@/test/fixtures';
import { renderApp } from '@/test/render';

describe('changing a campaign after upload', () => {
  it('saves edited details, and shows a refused link next to the field in plain words', async () => {
    const campaign = makeCampaign();
    const api = mockApi([
      { method: 'GET', path: '/api/v1/campaigns/c1', reply: json(200, campaign) },
      { method: 'PATCH', path: '/api/v1/campaigns/c1', reply: problem(422, 'invalid_url', 'The button link contains characters that are not allowed in a link.') },
    ]);
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await user.click(await screen.findByText('Details'));
    const link = screen.getByLabelText('Button link');
    await user.clear(link);
    await user.type(link, 'https://example.com/a"b');
    await user.type(screen.getByLabelText('Postal address'), '12 Main St');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    expect(await screen.findByText('The button link contains characters that are not allowed in a link.')).toBeInTheDocument();
    expect(screen.getByLabelText('Button link')).toHaveAttribute('aria-invalid', 'true');
    expect(api.callsTo('PATCH', '/api/v1/campaigns/c1')[0]?.body).toMatchObject({ cta_url: 'https://example.com/a"b', postal_address: '12 Main St' });

    api.add({ method: 'PATCH', path: '/api/v1/campaigns/c1', reply: json(200, campaign) });
    await user.clear(screen.getByLabelText('Button link'));
    await user.type(screen.getByLabelText('Button link'), 'https://example.com/new');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    expect(await screen.findByText(/Saved. The next proof shows the change as a new version./)).toBeInTheDocument();
  });

  it('removes and reorders photos, and refuses a file that is not a picture next to the logo', async () => {
    const campaign = makeCampaign({
      assets: [
        ...makeCampaign().assets,
        { id: 'a3', role: 'hero', position: 1, url: '/media/b.jpg', original_url: '/media/b-o.jpg', content_type: 'image/jpeg', filename: 'b.jpg', bytes: 1, width: 1, height: 1, focal_x: 0.5, focal_y: 0.5 },
      ],
    });
    const api = mockApi([
      { method: 'GET', path: '/api/v1/campaigns/c1', reply: json(200, campaign) },
      { method: 'DELETE', path: '/api/v1/campaigns/c1/assets/a2', reply: json(200, campaign) },
      { method: 'PATCH', path: '/api/v1/campaigns/c1/assets/a3', reply: json(200, campaign) },
    ]);
    const user = userEvent.setup({ applyAccept: false });
    renderApp('/campaigns/c1');
    const photos = await screen.findByRole('list', { name: 'Photos, in the order the email shows them' });
    await user.click(within(photos).getByRole('button', { name: 'Move up photo 2' }));
    expect(api.callsTo('PATCH', '/api/v1/campaigns/c1/assets/a3')[0]?.body).toEqual({ position: 0 });
    await user.click(within(photos).getByRole('button', { name: 'Remove photo 1' }));
    expect(api.callsTo('DELETE', '/api/v1/campaigns/c1/assets/a2')).toHaveLength(1);
    await user.upload(screen.getByLabelText('Replace the logo'), new File(['x'], 'notes.pdf', { type: 'application/pdf' }));
    expect(screen.getByText('notes.pdf is not a JPEG, PNG, GIF or WebP image.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/campaigns/c1/assets')).toHaveLength(0);
  });

  it("checks a replacement picture against the server's own size limit before sending it", async () => {
    const api = mockApi([
      { method: 'GET', path: '/api/v1/campaigns/c1', reply: json(200, makeCampaign()) },
      { method: 'GET', path: '/api/v1/uploads/options', reply: json(200, { direct: false, max_bytes: 1_048_576, max_photos: 3, types: [] }) },
    ]);
    const user = userEvent.setup({ applyAccept: false });
    renderApp('/campaigns/c1');
    await screen.findByLabelText('Replace the logo');
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/uploads/options')).toHaveLength(1));
    const big = new File([new Uint8Array(2 * 1_048_576)], 'big-logo.png', { type: 'image/png' });
    await user.upload(screen.getByLabelText('Replace the logo'), big);
    expect(await screen.findByText('big-logo.png is larger than 1 MB. Choose a smaller image.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/campaigns/c1/assets')).toHaveLength(0);
  });

  it('reopens an approved campaign for a new round', async () => {
    const approved = proofReadyCampaign({ status: 'approved', next_step: 'download' });
    const api = mockApi([
      { method: 'GET', path: '/api/v1/campaigns/c1', reply: json(200, approved) },
      { method: 'POST', path: '/api/v1/campaigns/c1/reopen', reply: json(200, { campaign: approved, approved_version: 1 }) },
    ]);
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    expect(screen.queryByRole('button', { name: 'Save details' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Reopen for changes' }));
    expect(api.callsTo('POST', '/api/v1/campaigns/c1/reopen')).toHaveLength(1);
  });
});
