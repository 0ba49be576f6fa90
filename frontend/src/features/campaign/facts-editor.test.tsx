import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { FactsRecord } from '@/lib/types';
import { json, mockApi, problem } from '@/test/api-mock';
import { makeCopy } from '@/test/fixtures';
import { FactsEditor } from './components/FactsEditor';

const FACTS: FactsRecord = {
  sale_format: 'online_timed',
  events: [
    { role: 'preview', text: 'Friday, March 6 from 2 PM', date: 'Friday, March 6', time: '2 PM' },
    { role: 'sale_closes', text: 'Sunday, March 8 at 7 PM', date: 'Sunday, March 8', time: '7 PM', timezone: 'CST' },
  ],
  venue: 'Grand Pavilion',
  street_address: '7 PM. Tractors',
  lot_count: '350 lots',
  featured_items: [{ name: '1965 Ford Mustang', lot_number: '12', estimate: '$20,000-30,000' }],
  amounts: ['$20,000-30,000'],
  terms: { buyers_premium: '10% buyer’s premium', deposit: null, payment_methods: ['Cash', 'Visa'], tax: null, other: [] },
  contact: { phones: ['(515) 555-0142'], emails: ['office@smith.example'], licences: ['IA-1234'], names: [] },
  urls: ['https://www.hibid.com/catalog/1'],
  unplaced: [],
};

function renderEditor(reply: Parameters<typeof mockApi>[0] = []) {
  const api = mockApi(reply);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <FactsEditor campaignId="c1" copy={makeCopy({ version: 3, facts: FACTS, fact_corrections: {} })} />
    </QueryClientProvider>,
  );
  return api;
}

describe('FactsEditor', () => {
  it('shows every part of the record: when, where, lots, featured items, terms, contact and links', () => {
    renderEditor();
    expect(screen.getByRole('heading', { name: 'The sale’s facts' })).toBeInTheDocument();
    expect(screen.getByLabelText('Sale format')).toHaveValue('online_timed');
    expect(screen.getByLabelText('Date 1: what happens')).toHaveValue('preview');
    expect(screen.getByLabelText('Date 2: when')).toHaveValue('Sunday, March 8 at 7 PM');
    expect(screen.getByLabelText('Venue')).toHaveValue('Grand Pavilion');
    expect(screen.getByLabelText('Street address')).toHaveValue('7 PM. Tractors');
    expect(screen.getByLabelText('Number of lots')).toHaveValue('350 lots');
    expect(screen.getByLabelText('Featured item 1')).toHaveValue('1965 Ford Mustang');
    expect(screen.getByLabelText('Item 1 estimate')).toHaveValue('$20,000-30,000');
    expect(screen.getByLabelText('Buyer’s premium')).toHaveValue('10% buyer’s premium');
    expect(screen.getByLabelText('Payment methods')).toHaveValue('Cash\nVisa');
    expect(screen.getByLabelText('Phone numbers')).toHaveValue('(515) 555-0142');
    expect(screen.getByLabelText('E-mail addresses')).toHaveValue('office@smith.example');
    expect(screen.getByLabelText('Licence numbers')).toHaveValue('IA-1234');
    expect(screen.getByLabelText('Web addresses')).toHaveValue('https://www.hibid.com/catalog/1');
  });

  it('sends only the corrected facts, and a re-worded date without its old parsed time', async () => {
    const api = renderEditor([
      { method: 'PATCH', path: '/api/v1/campaigns/c1/facts', reply: () => json(200, makeCopy({ version: 4, source: 'edited', facts: FACTS })) },
    ]);
    const user = userEvent.setup();
    const replace = async (label: string, text: string) => {
      await user.clear(screen.getByLabelText(label));
      await user.click(screen.getByLabelText(label));
      await user.paste(text);
    };
    await replace('Street address', '1234 County Road 56, Ames, IA');
    await replace('Date 2: when', 'Sunday, March 22 at 7 PM');
    await replace('Phone numbers', '(515) 555-0142\n(515) 555-0199');
    await user.click(screen.getByRole('button', { name: 'Save facts' }));

    await waitFor(() => expect(api.callsTo('PATCH', '/api/v1/campaigns/c1/facts')).toHaveLength(1));
    const [call] = api.callsTo('PATCH', '/api/v1/campaigns/c1/facts');
    expect(call?.body).toEqual({
      street_address: '1234 County Road 56, Ames, IA',
      events: [FACTS.events?.[0], { role: 'sale_closes', text: 'Sunday, March 22 at 7 PM' }],
      contact: { phones: ['(515) 555-0142', '(515) 555-0199'] },
    });
  });

  it("says when nothing changed and shows the server's reason when a correction is refused", async () => {
    const api = renderEditor([
      { method: 'PATCH', path: '/api/v1/campaigns/c1/facts', reply: problem(422, 'validation_error', 'The street address is longer than 300 characters.') },
    ]);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Save facts' }));
    expect(screen.getByText('Nothing to save: change a fact first.')).toBeInTheDocument();
    expect(api.callsTo('PATCH', '/api/v1/campaigns/c1/facts')).toHaveLength(0);

    await user.selectOptions(screen.getByLabelText('Sale format'), 'live');
    await user.click(screen.getByRole('button', { name: 'Save facts' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The street address is longer than 300 characters.');
    expect(api.callsTo('PATCH', '/api/v1/campaigns/c1/facts')[0]?.body).toEqual({ sale_format: 'live' });
  });
});
