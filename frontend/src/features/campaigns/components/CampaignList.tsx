import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Button } from '@/components/Button';
import { ErrorMessage } from '@/components/ErrorMessage';
import { Notice } from '@/components/Notice';
import { Spinner } from '@/components/Spinner';
import { StatusBadge } from '@/components/StatusBadge';
import { formatDateTime, timeAgo } from '@/lib/format';
import type { CampaignSummary } from '@/lib/types';
import { usePageTitle } from '@/lib/use-page-title';
import { useDuplicateCampaign } from '../api/campaign-actions';
import { PAGE_SIZE, useCampaigns } from '../api/list-campaigns';
import { useDeleteWithUndo, type PendingDelete } from '../hooks/use-delete-with-undo';

/** The advertiser's campaigns, newest first, with status, last change and a thumbnail. */
export function CampaignList() {
  const [offset, setOffset] = useState(0);
  const { data, error, isPending, refetch, isFetching } = useCampaigns(offset);
  const deletion = useDeleteWithUndo();
  const duplicate = useDuplicateCampaign();
  const navigate = useNavigate();
  const location = useLocation();
  usePageTitle('Your campaigns');

  // "Delete" on a campaign's own page comes here, so the undo offer is shown where the campaign was listed.
  const requested = (location.state as { deleteCampaign?: PendingDelete } | null)?.deleteCampaign;
  const { schedule } = deletion;
  useEffect(() => {
    if (requested) {
      schedule(requested);
      void navigate('.', { replace: true, state: null });
    }
  }, [requested, schedule, navigate]);

  const items = (data?.items ?? []).filter((c) => c.id !== deletion.pending?.id);

  return (
    <section aria-labelledby="campaigns-title">
      <div className="page-head">
        <h1 id="campaigns-title" tabIndex={-1}>
          Your campaigns
        </h1>
        <Link className="btn btn-primary" to="/campaigns/new">
          New campaign
        </Link>
      </div>
      {deletion.pending && (
        <div className="alert alert-info undo-bar" role="status">
          <span>“{deletion.pending.name}” deleted.</span>
          <Button variant="secondary" onClick={deletion.undo}>
            Undo
          </Button>
        </div>
      )}
      {deletion.error && <Notice tone="warning">{deletion.error}</Notice>}
      <ErrorMessage error={duplicate.error} title="The campaign was not duplicated." />
      {isPending && <Spinner label="Loading campaigns…" />}
      {error && <ErrorMessage error={error} onRetry={() => void refetch()} title="We could not load your campaigns." />}
      {data && items.length === 0 && offset === 0 && (
        <div className="empty">
          <h2>No campaigns yet</h2>
          <p>Upload a logo, a few photos and a paragraph about your auction, and we will write and build the email for you.</p>
          <Link className="btn btn-primary" to="/campaigns/new">
            Create your first campaign
          </Link>
        </div>
      )}
      {data && items.length > 0 && (
        <>
          <ul className="campaign-list" aria-labelledby="campaigns-title" aria-busy={isFetching || undefined}>
            {items.map((c) => (
              <CampaignRow
                key={c.id}
                campaign={c}
                onDelete={() => deletion.schedule({ id: c.id, name: c.campaign_name })}
                onDuplicate={() =>
                  duplicate.mutate(c.id, { onSuccess: (copy) => void navigate(`/campaigns/${copy.id}`) })
                }
                duplicating={duplicate.isPending && duplicate.variables === c.id}
              />
            ))}
          </ul>
          {data.total > PAGE_SIZE && (
            <nav className="pager" aria-label="Campaign pages">
              <Button variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                Newer
              </Button>
              <span>
                {offset + 1}–{Math.min(offset + data.items.length, data.total)} of {data.total}
              </span>
              <Button
                variant="secondary"
                disabled={offset + PAGE_SIZE >= data.total}
                onClick={() => setOffset(offset + PAGE_SIZE)}
              >
                Older
              </Button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

interface CampaignRowProps {
  campaign: CampaignSummary;
  onDelete: () => void;
  onDuplicate: () => void;
  duplicating: boolean;
}

function CampaignRow({ campaign, onDelete, onDuplicate, duplicating }: CampaignRowProps) {
  return (
    <li className="campaign-row">
      {campaign.thumbnail_url ? (
        <img className="thumb" src={campaign.thumbnail_url} alt="" width={64} height={64} loading="lazy" />
      ) : (
        <span className="thumb thumb-empty" aria-hidden="true" />
      )}
      <div className="campaign-row-main">
        <Link to={`/campaigns/${campaign.id}`} className="campaign-link">
          {campaign.campaign_name}
        </Link>
        <span className="muted">{campaign.advertiser_name}</span>
      </div>
      <StatusBadge status={campaign.status} />
      <span className="muted campaign-time">
        Changed <time dateTime={campaign.updated_at} title={formatDateTime(campaign.updated_at)}>{timeAgo(campaign.updated_at)}</time>
      </span>
      <span className="row-actions">
        <Button variant="link" onClick={onDuplicate} busy={duplicating}>
          Duplicate<span className="visually-hidden"> {campaign.campaign_name}</span>
        </Button>
        <Button variant="link" onClick={onDelete}>
          Delete<span className="visually-hidden"> {campaign.campaign_name}</span>
        </Button>
      </span>
    </li>
  );
}
