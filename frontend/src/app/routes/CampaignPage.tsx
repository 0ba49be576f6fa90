import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '@/components/ErrorMessage';
import { Notice } from '@/components/Notice';
import { Spinner } from '@/components/Spinner';
import { StatusBadge } from '@/components/StatusBadge';
import { CopyChanges, CopyEditor, FactsEditor, PipelineStepper, useCampaign, VersionHistory } from '@/features/campaign';
import { PreviewPanel } from '@/features/preview';
import { AssetManager, CampaignActions, CampaignDetailsForm } from '@/features/campaigns';
import { CommentsPanel, DownloadCard, LivePreview, ReviewForm, ShareReviewLink } from '@/features/review';
import { campaignSections } from '@/lib/email-sections';
import { DeliveryPanel } from '@/features/delivery';
import { ApiError } from '@/lib/api-client';
import type { CopyUpdate } from '@/lib/types';
import { usePageTitle } from '@/lib/use-page-title';

/** One campaign from copy to approved ZIP; composes the campaign, preview and review features. */
export function CampaignPage() {
  const { id = '' } = useParams();
  const { data: campaign, error, isPending, refetch } = useCampaign(id);
  // The copy as it is being typed, for the live preview (null: nothing typed since the last save).
  const [draft, setDraft] = useState<CopyUpdate | null>(null);
  usePageTitle(campaign?.campaign_name ?? (error ? 'Campaign not found' : 'Campaign'));

  // After the steps ran, take keyboard and screen-reader users to what they made: a rewrite's changes, or the proof.
  const focusPreview = () =>
    requestAnimationFrame(() => (document.getElementById('copy-changes-title') ?? document.getElementById('preview-title'))?.focus());

  if (isPending) return <Spinner label="Loading the campaign…" />;
  if (error || !campaign) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <section>
        <h1 tabIndex={-1}>{notFound ? 'Campaign not found' : 'Campaign'}</h1>
        <ErrorMessage error={error} onRetry={() => void refetch()} />
        <p>
          <Link to="/">Back to your campaigns</Link>
        </p>
      </section>
    );
  }

  const { status, latest_copy: copy, latest_proof: proof } = campaign;
  const hasProof = (status === 'proof_ready' || status === 'approved') && proof != null;
  // A rewrite that answered a change request, not yet built into a proof: show what it changed first.
  const isRewrite = status === 'processed' && copy != null && copy.source !== 'edited' && copy.feedback != null;
  const lastDecision = [...(campaign.decisions ?? [])].pop();
  const logo = campaign.assets.find((a) => a.role === 'logo');
  const photos = campaign.assets.filter((a) => a.role === 'hero').sort((a, b) => a.position - b.position);

  return (
    <div className="campaign-page">
      <header className="page-head">
        <div>
          <h1 tabIndex={-1}>{campaign.campaign_name}</h1>
          <p className="muted">{campaign.advertiser_name}</p>
        </div>
        <StatusBadge status={status} />
      </header>
      {campaign.assets.length > 0 && (
        <ul className="asset-strip" aria-label="Uploaded images">
          {logo && (
            <li>
              <img src={logo.url} alt={`Logo: ${logo.filename}`} height={56} />
            </li>
          )}
          {photos.map((p) => (
            <li key={p.id}>
              <img src={p.url} alt={`Lot ${p.position + 1}: ${p.filename}`} height={56} />
            </li>
          ))}
        </ul>
      )}
      {status === 'changes_requested' && lastDecision?.comment && (
        <Notice tone="warning">
          You asked for changes on proof {lastDecision.proof_version}: “{lastDecision.comment}”. The next version takes it into account.
        </Notice>
      )}
      <PipelineStepper campaignId={campaign.id} status={status} onComplete={focusPreview} />
      <div className="campaign-grid">
        <div className="campaign-main">
          {isRewrite && <CopyChanges copy={copy} versions={campaign.copy_versions ?? []} />}
          {hasProof && !draft && <PreviewPanel campaignId={campaign.id} proofVersion={proof.version} />}
          {/* Beside the editor: the email re-rendered as the copy is typed, and after a save until the proof is built. */}
          {copy && status !== 'approved' && (draft || !hasProof) && (
            <LivePreview campaignId={campaign.id} draft={draft ?? {}} comments={campaign.comments ?? []} revision={campaign.updated_at} />
          )}
        </div>
        <div className="campaign-side">
          {status === 'proof_ready' && proof && <ReviewForm campaignId={campaign.id} proofVersion={proof.version} />}
          {status === 'approved' && (
            <DownloadCard campaignId={campaign.id} campaignName={campaign.campaign_name} proofVersion={proof?.version}>
              <DeliveryPanel campaignId={campaign.id} />
            </DownloadCard>
          )}
          {copy && status !== 'approved' && <CopyEditor campaignId={campaign.id} copy={copy} assets={campaign.assets} onDraftChange={setDraft} />}
          {copy && status !== 'approved' && <FactsEditor campaignId={campaign.id} copy={copy} />}
          {proof && <ShareReviewLink campaignId={campaign.id} />}
          {proof && (
            <CommentsPanel
              campaignId={campaign.id}
              comments={campaign.comments ?? []}
              sections={campaignSections(photos.length, copy?.paragraphs.length ?? 1)}
            />
          )}
          {status !== 'approved' && <CampaignDetailsForm campaign={campaign} />}
          {status !== 'approved' && <AssetManager campaignId={campaign.id} assets={campaign.assets} />}
          <CampaignActions campaignId={campaign.id} campaignName={campaign.campaign_name} status={status} />
          <VersionHistory campaign={campaign} />
        </div>
      </div>
    </div>
  );
}
