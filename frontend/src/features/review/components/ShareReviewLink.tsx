import { useState, type FormEvent } from 'react';
import { Button } from '@/components/Button';
import { ErrorMessage } from '@/components/ErrorMessage';
import { TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { formatDateTime } from '@/lib/format';
import { useCreateReviewLink, useReviewLinks, useRevokeReviewLink, type CreatedReviewLink } from '../api/review-links';

/**
 * A link for someone without an account (the consignor, the owner of the house) to look at the proof,
 * comment and approve. The address is shown once, with a copy button: only a fingerprint of it is kept.
 */
export function ShareReviewLink({ campaignId }: { campaignId: string }) {
  const [label, setLabel] = useState('');
  const [days, setDays] = useState('7');
  const [created, setCreated] = useState<CreatedReviewLink | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const [daysError, setDaysError] = useState<string | null>(null);
  const links = useReviewLinks(campaignId);
  const create = useCreateReviewLink(campaignId);
  const revoke = useRevokeReviewLink(campaignId);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 30) {
      setDaysError('Choose between 1 and 30 days.');
      return;
    }
    setDaysError(null);
    setCopied(null);
    create.mutate({ expires_in_days: n, label: label.trim() }, { onSuccess: (link) => setCreated(link) });
  }

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  const active = (links.data ?? []).filter((l) => l.active);

  return (
    <section className="card" aria-labelledby="share-title">
      <h2 id="share-title">Share for review</h2>
      <p className="muted">Anyone with the link can see the proof, comment and approve it. No account needed.</p>
      <form onSubmit={onSubmit} className="stack" noValidate>
        <TextField label="Who is it for? (optional)" value={label} maxLength={120} onChange={(e) => setLabel(e.target.value)} />
        <TextField
          label="Link works for (days)"
          type="number"
          min={1}
          max={30}
          value={days}
          error={daysError}
          onChange={(e) => setDays(e.target.value)}
        />
        <ErrorMessage error={create.error} title="The link was not made." />
        <div className="actions">
          <Button type="submit" busy={create.isPending}>
            Make a review link
          </Button>
        </div>
      </form>
      {created && (
        <div className="share-result stack">
          <label htmlFor="review-link-url">Review link (shown only now)</label>
          <input id="review-link-url" readOnly value={created.url} onFocus={(e) => e.currentTarget.select()} />
          <div className="actions">
            <Button variant="secondary" onClick={() => void copy(created.url)}>
              Copy link
            </Button>
          </div>
          {copied === 'yes' && <Notice tone="success">Copied. Paste it into an e-mail or a message.</Notice>}
          {copied === 'failed' && <Notice tone="warning">Your browser did not allow copying: select the link and copy it.</Notice>}
        </div>
      )}
      {active.length > 0 && (
        <>
          <h3>Links that work now</h3>
          <ul className="link-list">
            {active.map((l) => (
              <li key={l.id}>
                <span>
                  {l.label || 'Review link'} · until {l.expires_at ? formatDateTime(l.expires_at) : 'revoked'}
                </span>
                <Button variant="link" busy={revoke.isPending && revoke.variables === l.id} onClick={() => revoke.mutate(l.id)}>
                  Switch off<span className="visually-hidden"> {l.label || 'this link'}</span>
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorMessage error={revoke.error} title="The link is still on." />
    </section>
  );
}
