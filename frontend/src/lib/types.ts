/**
 * API shapes. Everything the backend's OpenAPI schema describes comes from the
 * generated client (src/client/schema.ts); only endpoints not in the schema yet
 * (accounts, copy edits) are typed by hand here.
 */
import type { components } from '@/client/schema';

type Schemas = components['schemas'];

export type CampaignStatus = Schemas['CampaignStatus'];
export type Tone = Schemas['Tone'];
export type Warning = Schemas['WarningItem'];
export type Asset = Schemas['AssetPublic'];
export type CopyVersion = Schemas['CopyVersionPublic'];
export type CopySource = CopyVersion['source'];
export type ProofVersion = Schemas['ProofVersionPublic'];
export type Decision = Schemas['DecisionPublic'];
export type Campaign = Schemas['CampaignPublic'];
export type CampaignDetail = Schemas['CampaignDetail'];
export type CampaignSummary = Schemas['CampaignSummary'];
export type CampaignPage = Schemas['CampaignPage'];
export type ProcessResult = Schemas['ProcessResult'];
export type Preview = Schemas['Preview'];
export type ReviewInput = Schemas['DecisionRequest'];
export type ReviewResult = Schemas['DecisionResult'];

/** PATCH /api/v1/campaigns/{id}/copy (arrives with the AI-copy issue). */
export interface CopyUpdate {
  subject_lines?: string[];
  primary_subject_index?: number;
  preheader?: string;
  headline?: string;
  paragraphs?: string[];
  cta_text?: string;
}

/** Accounts (arrive with the accounts issue). */
export interface User {
  id: string | number;
  email: string;
  role?: string;
}

export interface Token {
  access_token: string;
  token_type: string;
}
