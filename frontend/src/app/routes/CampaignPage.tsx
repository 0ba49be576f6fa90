import { Link, useParams } from 'react-router';
import { ErrorMessage } from '@/components/ErrorMessage';
import { Notice } from '@/components/Notice';
import { Spinner } from '@/components/Spinner';
import { StatusBadge } from '@/components/StatusBadge';
import { CopyChanges, CopyEditor, FactsEditor, PipelineStepper, useCampaign, VersionHistory } from '@/features/campaign';
import { PreviewPanel } from '@/features/preview';
import { DownloadCard, ReviewForm } from '@/features/review';
import { DeliveryPanel } from '@/features/delivery';
import { ApiError } from '@/lib/api-client';
import { usePageTitle } from '@/lib/use-page-title';

/** One campaign from copy to approved ZIP; composes the campaign, preview and review features. */
export function CampaignPage() {
  const { id = '' } = useParams();
  const { data: campaign, error, isPending, refetch } = useCampaign(id);
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
          {hasProof && <PreviewPanel campaignId={campaign.id} proofVersion={proof.version} />}
        </div>
        <div className="campaign-side">
          {status === 'proof_ready' && proof && <ReviewForm campaignId={campaign.id} proofVersion={proof.version} />}
          {status === 'approved' && (
            <DownloadCard campaignId={campaign.id} campaignName={campaign.campaign_name} proofVersion={proof?.version}>
              <DeliveryPanel campaignId={campaign.id} />
            </DownloadCard>
          )}
          {copy && status !== 'approved' && <CopyEditor campaignId={campaign.id} copy={copy} assets={campaign.assets} />}
          {copy && status !== 'approved' && <FactsEditor campaignId={campaign.id} copy={copy} />}
          <VersionHistory campaign={campaign} />
        </div>
      </div>
    </div>
  );
}
