import { useNavigate } from 'react-router';
import { Button } from '@/components/Button';
import { ErrorMessage } from '@/components/ErrorMessage';
import type { CampaignStatus } from '@/lib/types';
import { useDuplicateCampaign, useReopenCampaign } from '../api/campaign-actions';

interface CampaignActionsProps {
  campaignId: string;
  campaignName: string;
  status: CampaignStatus;
}

/** Reopen an approved campaign for a new round, duplicate it, or delete it (with undo, on the list). */
export function CampaignActions({ campaignId, campaignName, status }: CampaignActionsProps) {
  const navigate = useNavigate();
  const reopen = useReopenCampaign(campaignId);
  const duplicate = useDuplicateCampaign();

  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">Campaign</h2>
      {status === 'approved' && (
        <p className="muted">
          To fix something after approval, reopen it: you get a new round, and the approved version stays downloadable.
        </p>
      )}
      <div className="actions">
        {status === 'approved' && (
          <Button onClick={() => reopen.mutate()} busy={reopen.isPending}>
            Reopen for changes
          </Button>
        )}
        <Button
          variant="secondary"
          busy={duplicate.isPending}
          onClick={() => duplicate.mutate(campaignId, { onSuccess: (copy) => void navigate(`/campaigns/${copy.id}`) })}
        >
          Duplicate
        </Button>
        <Button
          variant="danger"
          onClick={() => void navigate('/', { state: { deleteCampaign: { id: campaignId, name: campaignName } } })}
        >
          Delete
        </Button>
      </div>
      <ErrorMessage error={reopen.error} title="The campaign was not reopened." />
      <ErrorMessage error={duplicate.error} title="The campaign was not duplicated." />
    </section>
  );
}
