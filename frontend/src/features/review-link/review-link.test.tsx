import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/test/api-mock';
import { renderApp } from '@/test/render';
import type { ReviewPage } from '@/lib/types';

const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

function reviewPage(overrides: Partial<ReviewPage> = {}): ReviewPage {
  return {
    campaign_name: 'Winter Estate Auction',
    advertiser_name: 'Smith & Sons',
    status: 'proof_ready',
    can_decide: true,
    latest_version: 1,
    subject_lines: ['Bid on 350 lots this Saturday', 'b', 'c'],
    primary_subject_index: 0,
    preheader: 'Antiques, silver and a 1965 Mustang',
    sections: ['header', 'headline', 'paragraph-1', 'button', 'footer'],
    versions: [{ version: 1, created_at: '2026-11-25T12:00:00Z', html_url: `http://x/api/v1/review/${TOKEN}/preview?format=html&version=1`, approved: false }],
    comments: [],
    decisions: [],
    expires_at: '2026-12-02T12:00:00Z',
    ...overrides,
  };
}

function routes(page: ReviewPage) {
  return [
    { method: 'GET', path: `/api/v1/review/${TOKEN}`, reply: json(200, page) },
    { method: 'GET', path: `/api/v1/review/${TOKEN}/preview`, reply: { status: 200, text: '<h1 class="s-headline">Bid now</h1>' } },
  ];
}

describe('review link page (no account)', () => {
  it('shows the proof and approves it, signed with the name and e-mail, after a confirmation', async () => {
    const api = mockApi([
      ...routes(reviewPage()),
      {
        method: 'POST',
        path: `/api/v1/review/${TOKEN}/decision`,
        reply: json(200, { status: 'approved', decision: { id: 'd', decision: 'approve', comment: '', proof_version: 1, decided_by: 'Ann <ann@example.com>', via_review_link: true, created_at: '2026-11-25T12:00:00Z' } }),
      },
    ]);
    const user = userEvent.setup();
    renderApp(`/review/${TOKEN}`);
    expect(await screen.findByRole('heading', { name: 'Review: Winter Estate Auction' })).toBeInTheDocument();
    expect(screen.getByText('Bid on 350 lots this Saturday')).toBeInTheDocument();
    expect(await screen.findByTitle('Proof 1')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Approve this proof' }));
    await user.click(screen.getByRole('button', { name: 'Approve proof…' }));
    expect(screen.getByText('Enter your name, so the advertiser knows who answered.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Your name'), 'Ann Owner');
    await user.type(screen.getByLabelText('Your e-mail'), 'ann@example.com');
    await user.click(screen.getByRole('button', { name: 'Approve proof…' }));
    expect(api.callsTo('POST', `/api/v1/review/${TOKEN}/decision`)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, approve proof 1' }));
    expect(await screen.findByText(/your answer was sent to Smith & Sons/)).toBeInTheDocument();
    expect(api.callsTo('POST', `/api/v1/review/${TOKEN}/decision`)[0]?.body).toEqual({
      name: 'Ann Owner',
      email: 'ann@example.com',
      decision: 'approve',
      comment: '',
      proof_version: 1,
    });
  }, 20_000);

  it('pins a comment to a part of the email and numbers it on the proof', async () => {
    const comment = { id: 'k1', proof_version: 1, author_name: 'Ann Owner', author_email: 'ann@example.com', section: 'headline', body: 'Say two days', via_review_link: true, created_at: '2026-11-25T12:00:00Z' };
    const api = mockApi([
      ...routes(reviewPage()),
      { method: 'POST', path: `/api/v1/review/${TOKEN}/comments`, reply: json(201, comment) },
    ]);
    const user = userEvent.setup();
    renderApp(`/review/${TOKEN}`);
    await screen.findByRole('heading', { name: 'Review: Winter Estate Auction' });
    await user.type(screen.getByLabelText('Your name'), 'Ann Owner');
    await user.type(screen.getByLabelText('Your e-mail'), 'ann@example.com');
    await user.selectOptions(screen.getByLabelText('Part of the email'), 'headline');
    await user.type(screen.getByLabelText('Comment'), 'Say two days');
    api.add({ method: 'GET', path: `/api/v1/review/${TOKEN}`, reply: json(200, reviewPage({ comments: [comment] })) });
    await user.click(screen.getByRole('button', { name: 'Add comment' }));
    expect(api.callsTo('POST', `/api/v1/review/${TOKEN}/comments`)[0]?.body).toEqual({ name: 'Ann Owner', email: 'ann@example.com', body: 'Say two days', section: 'headline' });
    const list = await screen.findByRole('list', { name: 'Comments, numbered as on the email' });
    expect(within(list).getByText('Say two days')).toBeInTheDocument();
    expect(within(list).getByText('Headline')).toBeInTheDocument();
  }, 20_000);

  it('stays open for a visitor whose session check answers 401 (no account at all)', async () => {
    mockApi([...routes(reviewPage()), { method: 'GET', path: '/api/v1/auth/me', reply: problem(401, 'not_authenticated', 'Sign in to continue.') }]);
    renderApp(`/review/${TOKEN}`);
    expect(await screen.findByRole('heading', { name: 'Review: Winter Estate Auction' })).toBeInTheDocument();
    expect(await screen.findByTitle('Proof 1')).toBeInTheDocument();
  });

  it('says plainly when a link was switched off', async () => {
    mockApi([{ method: 'GET', path: `/api/v1/review/${TOKEN}`, reply: problem(410, 'review_link_gone', 'This review link was switched off by the advertiser. Ask them for a new one.') }]);
    renderApp(`/review/${TOKEN}`);
    expect(await screen.findByRole('heading', { name: 'This review link does not open' })).toBeInTheDocument();
    expect(screen.getByText(/switched off by the advertiser/)).toBeInTheDocument();
  });
});
