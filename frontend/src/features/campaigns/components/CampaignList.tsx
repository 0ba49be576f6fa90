import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/Button';
import { ErrorMessage } from '@/components/ErrorMessage';
import { Spinner } from '@/components/Spinner';
import { StatusBadge } from '@/components/StatusBadge';
import { formatDateTime, timeAgo } from '@/lib/format';
import type { CampaignSummary } from '@/lib/types';
import { usePageTitle } from '@/lib/use-page-title';
import { PAGE_SIZE, useCampaigns } from '../api/list-campaigns';

/** The advertiser's campaigns, newest first, with status, last change and a thumbnail. */
export function CampaignList() {
  const [offset, setOffset] = useState(0);
  const { data, error, isPending, refetch, isFetching } = useCampaigns(offset);
  usePageTitle('Your campaigns');

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
      {isPending && <Spinner label="Loading campaigns…" />}
      {error && <ErrorMessage error={error} onRetry={() => void refetch()} title="We could not load your campaigns." />}
      {data && data.items.length === 0 && offset === 0 && (
        <div className="empty">
          <h2>No campaigns yet</h2>
          <p>Upload a logo, a few photos and a paragraph about your auction, and we will write and build the email for you.</p>
          <Link className="btn btn-primary" to="/campaigns/new">
            Create your first campaign
          </Link>
        </div>
      )}
      {data && data.items.length > 0 && (
        <>
          <ul className="campaign-list" aria-labelledby="campaigns-title" aria-busy={isFetching || undefined}>
            {data.items.map((c) => (
              <CampaignRow key={c.id} campaign={c} />
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

function CampaignRow({ campaign }: { campaign: CampaignSummary }) {
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
    </li>
  );
}
