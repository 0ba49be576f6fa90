import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@/test/api-mock';
import { makeCampaign, makeCopy } from '@/test/fixtures';
import { json } from '@/test/api-mock';
import { renderApp } from '@/test/render';

describe('live preview beside the copy editor', () => {
  it('re-renders the email as the headline is typed, once per pause, with no save and no proof', async () => {
    const copy = makeCopy();
    const campaign = makeCampaign({ status: 'processed', next_step: 'generate', latest_copy: copy, copy_versions: [copy] });
    const api = mockApi([
      { method: 'GET', path: '/api/v1/campaigns/c1', reply: json(200, campaign) },
      {
        method: 'POST',
        path: '/api/v1/campaigns/c1/draft-preview',
        reply: (req) => {
          const body = (req.body ?? {}) as { headline?: string };
          return { status: 200, text: `<html><body><h1 class="s-headline">${body.headline ?? copy.headline}</h1></body></html>`, headers: { 'content-type': 'text/html' } };
        },
      },
    ]);
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    const frame = await screen.findByTitle('Live email preview');
    expect(frame.getAttribute('srcdoc')).toContain(copy.headline);

    const headline = screen.getByLabelText('Headline');
    await user.clear(headline);
    await user.type(headline, 'Barn sale this Saturday');
    await waitFor(() => expect(screen.getByTitle('Live email preview').getAttribute('srcdoc')).toContain('Barn sale this Saturday'), {
      timeout: 3000,
    });
    const calls = api.callsTo('POST', '/api/v1/campaigns/c1/draft-preview');
    // Debounced: one render for the saved copy, then far fewer than one per key.
    expect(calls.length).toBeLessThan(6);
    expect(api.callsTo('PATCH', '/api/v1/campaigns/c1/copy')).toHaveLength(0);
    expect(api.callsTo('POST', '/api/v1/generate/c1')).toHaveLength(0);
  });

  it('opens in the phone view under 640 px', async () => {
    const original = window.matchMedia;
    window.matchMedia = ((q: string) => ({ matches: q.includes('max-width: 639px'), media: q, addEventListener() {}, removeEventListener() {} })) as never;
    try {
      const copy = makeCopy();
      mockApi([
        { method: 'GET', path: '/api/v1/campaigns/c1', reply: json(200, makeCampaign({ status: 'processed', latest_copy: copy, copy_versions: [copy] })) },
        { method: 'POST', path: '/api/v1/campaigns/c1/draft-preview', reply: { status: 200, text: '<p>x</p>', headers: { 'content-type': 'text/html' } } },
      ]);
      renderApp('/campaigns/c1');
      await screen.findByTitle('Live email preview');
      const options = screen.getByRole('group', { name: 'Live preview options' });
      expect(options.querySelector('[aria-pressed="true"]')).toHaveTextContent('Mobile');
    } finally {
      window.matchMedia = original;
    }
  });
});
