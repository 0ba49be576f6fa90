import { ErrorMessage } from '@/components/ErrorMessage';
import { Notice } from '@/components/Notice';
import { ApiError } from '@/lib/api-client';
import { useSubmitReview } from '../api/review';
import { DecisionChoice } from '@/components/DecisionChoice';

/** Approve the proof or ask for changes, always naming the proof version being judged. */
export function ReviewForm({ campaignId, proofVersion }: { campaignId: string; proofVersion: number }) {
  const mutation = useSubmitReview(campaignId);
  const stale = mutation.error instanceof ApiError && mutation.error.code === 'stale_proof';

  return (
    <section className="card" aria-labelledby="review-title">
      <h2 id="review-title">Your decision on proof {proofVersion}</h2>
      <DecisionChoice
        proofVersion={proofVersion}
        busy={mutation.isPending}
        onDecide={(decision, comment) => mutation.mutate({ decision, comment, proof_version: proofVersion })}
      />
      <ErrorMessage error={mutation.error} title={stale ? 'A newer proof exists.' : 'Your decision was not saved.'} />
      {stale && <Notice>We refreshed the page with the latest proof. Review it and decide again.</Notice>}
    </section>
  );
}
