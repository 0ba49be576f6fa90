/** API shapes: short names for the generated client's schema types (src/client/schema.ts). */
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
export type ReviewResult = Schemas['DecisionResult'];

export type CopyUpdate = Schemas['CopyEdit'];
export type FactsRecord = Schemas['AuctionFactsRecord'];
export type FactsCorrection = Schemas['FactsCorrection'];
export type SaleEvent = Schemas['SaleEvent'];
export type FeaturedItem = Schemas['FeaturedItem'];
export type User = Schemas['UserPublic'];
export type Token = Schemas['Token'];
export type RegistrationAccepted = Schemas['RegistrationAccepted'];
export type ReviewComment = Schemas['CommentPublic'];
export type ReviewPage = Schemas['ReviewPage'];
