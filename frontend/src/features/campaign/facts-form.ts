import type { FactsCorrection, FactsRecord, FeaturedItem, SaleEvent } from '@/lib/types';

export type SaleFormat = FactsRecord['sale_format'];
export type EventRole = SaleEvent['role'];

export const FORMAT_TEXT: Record<SaleFormat, string> = {
  live: 'Live auction',
  online_timed: 'Online-only, timed',
  live_webcast: 'Live with webcast bidding',
  hybrid: 'Hybrid (live and online)',
  unknown: 'Not stated',
};

export const ROLE_TEXT: Record<EventRole, string> = {
  preview: 'Preview or inspection',
  bidding_opens: 'Bidding opens',
  sale_starts: 'Sale starts',
  first_lot_closes: 'First lot closes',
  sale_closes: 'Sale closes',
  pickup: 'Pickup or removal',
  other: 'Other',
};

/** The facts as the form edits them: lists of strings are one item per line. */
export interface FactsDraft {
  sale_format: SaleFormat;
  events: { role: EventRole; text: string; original?: SaleEvent }[];
  venue: string;
  street_address: string;
  lot_count: string;
  featured_items: { name: string; lot_number: string; estimate: string }[];
  buyers_premium: string;
  deposit: string;
  payment_methods: string;
  tax: string;
  phones: string;
  emails: string;
  licences: string;
  urls: string;
}

const lines = (items: readonly string[] | undefined) => (items ?? []).join('\n');
const fromLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const orNull = (text: string) => text.trim() || null;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function draftOf(facts: FactsRecord): FactsDraft {
  return {
    sale_format: facts.sale_format,
    events: (facts.events ?? []).map((e) => ({ role: e.role, text: e.text, original: e })),
    venue: facts.venue ?? '',
    street_address: facts.street_address ?? '',
    lot_count: facts.lot_count ?? '',
    featured_items: (facts.featured_items ?? []).map((f) => ({ name: f.name, lot_number: f.lot_number ?? '', estimate: f.estimate ?? '' })),
    buyers_premium: facts.terms?.buyers_premium ?? '',
    deposit: facts.terms?.deposit ?? '',
    payment_methods: lines(facts.terms?.payment_methods),
    tax: facts.terms?.tax ?? '',
    phones: lines(facts.contact?.phones),
    emails: lines(facts.contact?.emails),
    licences: lines(facts.contact?.licences),
    urls: lines(facts.urls),
  };
}

/**
 * Only what the advertiser changed, as the server's partial correction. An event whose words changed
 * loses the date and time parsed from its old words; one whose words stayed keeps them.
 */
export function correctionOf(facts: FactsRecord, draft: FactsDraft): FactsCorrection {
  const patch: FactsCorrection = {};
  if (draft.sale_format !== facts.sale_format) patch.sale_format = draft.sale_format;
  const events: SaleEvent[] = draft.events
    .filter((e) => e.text.trim())
    .map((e) => (e.original && e.original.text === e.text.trim() ? { ...e.original, role: e.role } : { role: e.role, text: e.text.trim() }));
  if (!same(events, facts.events ?? [])) patch.events = events;
  for (const key of ['venue', 'street_address', 'lot_count'] as const) {
    if (orNull(draft[key]) !== (facts[key] ?? null)) patch[key] = orNull(draft[key]);
  }
  const items: FeaturedItem[] = draft.featured_items
    .filter((f) => f.name.trim())
    .map((f) => ({ name: f.name.trim(), lot_number: orNull(f.lot_number), estimate: orNull(f.estimate) }));
  const oldItems = (facts.featured_items ?? []).map((f) => ({ name: f.name, lot_number: f.lot_number ?? null, estimate: f.estimate ?? null }));
  if (!same(items, oldItems)) patch.featured_items = items;

  const terms: NonNullable<FactsCorrection['terms']> = {};
  for (const key of ['buyers_premium', 'deposit', 'tax'] as const) {
    if (orNull(draft[key]) !== (facts.terms?.[key] ?? null)) terms[key] = orNull(draft[key]);
  }
  if (!same(fromLines(draft.payment_methods), facts.terms?.payment_methods ?? [])) terms.payment_methods = fromLines(draft.payment_methods);
  if (Object.keys(terms).length) patch.terms = terms;

  const contact: NonNullable<FactsCorrection['contact']> = {};
  for (const key of ['phones', 'emails', 'licences'] as const) {
    if (!same(fromLines(draft[key]), facts.contact?.[key] ?? [])) contact[key] = fromLines(draft[key]);
  }
  if (Object.keys(contact).length) patch.contact = contact;
  if (!same(fromLines(draft.urls), facts.urls ?? [])) patch.urls = fromLines(draft.urls);
  return patch;
}
