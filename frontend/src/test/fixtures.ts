import type { CampaignDetail, CampaignSummary, CopyVersion, Preview, ProofVersion } from '@/lib/types';

export const NOW = '2026-11-25T12:00:00Z';

export function makeCopy(overrides: Partial<CopyVersion> = {}): CopyVersion {
  return {
    version: 1,
    source: 'offline',
    subject_lines: ['Winter estate auction opens Friday', 'Bid on 300 lots this weekend', 'Antiques, tools and more'],
    primary_subject_index: 0,
    preheader: 'Preview the catalog and register to bid.',
    headline: 'The Winter Estate Auction',
    paragraphs: ['Over 300 lots from a lifetime collection.', 'Bidding closes Sunday at 7 pm.'],
    cta_text: 'View the catalog',
    alt_texts: {},
    warnings: [],
    fallback_reason: null,
    feedback: null,
    edited_fields: [],
    highlights: [{ label: 'Closes', value: 'Sunday 7 pm' }, { label: 'Lots', value: '300' }],
    created_at: NOW,
    ...overrides,
  };
}

export function makeProof(overrides: Partial<ProofVersion> = {}): ProofVersion {
  return {
    version: 1,
    copy_version: 1,
    html_url: '/media/proofs/1.html',
    text: 'plain',
    size_bytes: 34_000,
    warnings: [],
    created_at: NOW,
    ...overrides,
  };
}

export function makeCampaign(overrides: Partial<CampaignDetail> = {}): CampaignDetail {
  return {
    id: 'c1',
    campaign_name: 'Winter Estate Auction',
    advertiser_name: 'Smith & Sons',
    status: 'uploaded',
    text_content: 'Lots of lots.',
    cta_url: 'https://example.com',
    tone: 'friendly',
    created_at: NOW,
    updated_at: NOW,
    assets: [
      { id: 'a1', role: 'logo', position: 0, url: '/media/logo.png', original_url: '/media/logo-original.png', content_type: 'image/png', filename: 'logo.png', bytes: 100, width: 10, height: 10, focal_x: 0.5, focal_y: 0.5 },
      { id: 'a2', role: 'hero', position: 0, url: '/media/hero.jpg', original_url: '/media/hero-original.jpg', content_type: 'image/jpeg', filename: 'hero.jpg', bytes: 100, width: 10, height: 10, focal_x: 0.5, focal_y: 0.5 },
    ],
    latest_copy: null,
    latest_proof: null,
    next_step: 'process',
    copy_versions: [],
    proof_versions: [],
    decisions: [],
    ...overrides,
  };
}

export function proofReadyCampaign(overrides: Partial<CampaignDetail> = {}): CampaignDetail {
  const copy = makeCopy();
  const proof = makeProof();
  return makeCampaign({
    status: 'proof_ready',
    next_step: 'approve',
    latest_copy: copy,
    latest_proof: proof,
    copy_versions: [copy],
    proof_versions: [proof],
    ...overrides,
  });
}

export function makeSummary(overrides: Partial<CampaignSummary> = {}): CampaignSummary {
  return {
    id: 'c1',
    campaign_name: 'Winter Estate Auction',
    advertiser_name: 'Smith & Sons',
    status: 'uploaded',
    created_at: NOW,
    updated_at: NOW,
    thumbnail_url: '/media/thumb.jpg',
    ...overrides,
  };
}

export function makePreview(overrides: Partial<Preview> = {}): Preview {
  return {
    campaign_id: 'c1',
    status: 'proof_ready',
    proof_version: 1,
    copy_version: 1,
    primary_subject_index: 0,
    size_bytes: 34_000,
    subject_lines: ['Winter estate auction opens Friday', 'Bid on 300 lots this weekend', 'Antiques, tools and more'],
    preheader: 'Preview the catalog and register to bid.',
    html_url: '/media/proofs/1.html',
    plain_text: 'WINTER ESTATE AUCTION\nBid now.',
    warnings: [],
    created_at: NOW,
    ...overrides,
  };
}
