import { useState, type FormEvent } from 'react';
import { Button } from '@/components/Button';
import { ErrorMessage } from '@/components/ErrorMessage';
import { TextArea } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { ApiError } from '@/lib/api-client';
import { useSubmitReview } from '../api/review';

type Choice = 'approve' | 'request_changes';

/** Approve the proof or ask for changes, always naming the proof version being judged. */
export function ReviewForm({ campaignId, proofVersion }: { campaignId: string; proofVersion: number }) {
  const [choice, setChoice] = useState<Choice>('approve');
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const mutation = useSubmitReview(campaignId);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (choice === 'request_changes' && !comment.trim()) {
      setCommentError('Tell us what to change so the next version gets it right.');
      return;
    }
    setCommentError(null);
    mutation.mutate({ decision: choice, comment: comment.trim(), proof_version: proofVersion });
  }

  const stale = mutation.error instanceof ApiError && mutation.error.code === 'stale_proof';

  return (
    <section className="card" aria-labelledby="review-title">
      <h2 id="review-title">Your decision on proof {proofVersion}</h2>
      <form onSubmit={onSubmit} className="stack">
        <fieldset className="choices" disabled={mutation.isPending}>
          <legend>Decision</legend>
          <label className="choice">
            <input type="radio" name="decision" value="approve" checked={choice === 'approve'} onChange={() => setChoice('approve')} />
            Approve this proof
          </label>
          <label className="choice">
            <input
              type="radio"
              name="decision"
              value="request_changes"
              checked={choice === 'request_changes'}
              onChange={() => setChoice('request_changes')}
            />
            Request changes
          </label>
        </fieldset>
        <TextArea
          label={choice === 'request_changes' ? 'What should change?' : 'Comment (optional)'}
          rows={3}
          maxLength={2000}
          value={comment}
          error={commentError}
          disabled={mutation.isPending}
          onChange={(e) => setComment(e.target.value)}
        />
        <ErrorMessage error={mutation.error} title={stale ? 'A newer proof exists.' : 'Your decision was not saved.'} />
        {stale && <Notice>We refreshed the page with the latest proof. Review it and decide again.</Notice>}
        <div className="actions">
          <Button type="submit" busy={mutation.isPending}>
            {choice === 'approve' ? 'Approve proof' : 'Send change request'}
          </Button>
        </div>
      </form>
    </section>
  );
}
