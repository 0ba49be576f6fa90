import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { CommentForm } from '@/components/CommentForm';
import { CommentList } from '@/components/CommentList';
import { DecisionChoice } from '@/components/DecisionChoice';
import { EmailFrame, type FrameDevice } from '@/components/EmailFrame';
import { ErrorMessage } from '@/components/ErrorMessage';
import { TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { DeviceSwitch, InboxLine } from '@/components/ProofControls';
import { Spinner } from '@/components/Spinner';
import { ApiError } from '@/lib/api-client';
import { defaultDevice } from '@/lib/email-sections';
import { formatDateTime } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { useProofHtml, useReviewerComment, useReviewerDecision, useReviewPage } from '../api/public-review';

/** Plain words for a link that does not open: unknown (404), switched off or expired (410). */
function closedLink(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 404 || error.status === 410) return error.detail;
  return null;
}

/**
 * The page a review link opens, for someone without an account (the consignor, the owner of the house):
 * the proof, its comments pinned to parts of the email, and a decision signed with their name and e-mail.
 */
export function ReviewLinkPage() {
  const { token = '' } = useParams();
  const page = useReviewPage(token);
  const data = page.data;
  const [picked, setPicked] = useState<number | null>(null);
  const version = picked ?? data?.latest_version ?? null;
  const html = useProofHtml(token, version);
  const [device, setDevice] = useState<FrameDevice>(defaultDevice);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [whoErrors, setWhoErrors] = useState<{ name?: string; email?: string }>({});
  const comment = useReviewerComment(token);
  const decision = useReviewerDecision(token);
  usePageTitle(data ? `Review: ${data.campaign_name}` : 'Review');

  const comments = useMemo(() => data?.comments ?? [], [data]);
  const pins = useMemo(
    () => comments.map((c, i) => ({ section: c.section ?? '', n: i + 1, version: c.proof_version })).filter((p) => p.section && p.version === version),
    [comments, version],
  );

  function checkWho(): boolean {
    const errs: { name?: string; email?: string } = {};
    if (!name.trim()) errs.name = 'Enter your name, so the advertiser knows who answered.';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errs.email = 'Enter your e-mail address, like name@example.com.';
    setWhoErrors(errs);
    return Object.keys(errs).length === 0;
  }

  if (page.isPending) return <Spinner label="Opening the proof…" />;
  const closed = closedLink(page.error);
  if (closed || !data) {
    return (
      <section>
        <h1 tabIndex={-1}>This review link does not open</h1>
        {closed ? <p>{closed}</p> : <ErrorMessage error={page.error} onRetry={() => void page.refetch()} />}
      </section>
    );
  }

  const primary = data.subject_lines[data.primary_subject_index] ?? data.subject_lines[0];
  const who = (
    <fieldset className="stack">
      <legend>You</legend>
      <TextField label="Your name" autoComplete="name" maxLength={120} value={name} error={whoErrors.name} onChange={(e) => setName(e.target.value)} />
      <TextField label="Your e-mail" type="email" autoComplete="email" maxLength={254} value={email} error={whoErrors.email} onChange={(e) => setEmail(e.target.value)} />
    </fieldset>
  );
  const latestDecision = [...data.decisions].pop();

  return (
    <div>
      <header className="page-head">
        <div>
          <h1 tabIndex={-1}>Review: {data.campaign_name}</h1>
          <p className="muted">
            From {data.advertiser_name}
            {data.expires_at ? ` · this link works until ${formatDateTime(data.expires_at)}` : ''}
          </p>
        </div>
      </header>
      <div className="review-page">
        <section className="card preview" aria-labelledby="review-proof-title">
          <h2 id="review-proof-title">Proof {version ?? ''}</h2>
          <InboxLine subject={primary} preheader={data.preheader} />
          <div className="toolbar" role="group" aria-label="Proof options">
            <DeviceSwitch device={device} onChange={setDevice} />
            {data.versions.length > 1 && (
              <label className="inline-field">
                Version{' '}
                <select value={version ?? ''} onChange={(e) => setPicked(Number(e.target.value))}>
                  {data.versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      {v.version}
                      {v.approved ? ' (approved)' : ''}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          {data.latest_version == null && <Notice>There is no proof to look at yet. Come back once the advertiser has built one.</Notice>}
          <ErrorMessage error={html.error} onRetry={() => void html.refetch()} title="We could not load the email." />
          {html.data !== undefined && <EmailFrame html={html.data} device={device} title={`Proof ${version}`} pins={pins} />}
        </section>
        <div className="stack">
          <section className="card" aria-labelledby="review-decide-title">
            <h2 id="review-decide-title">Your answer</h2>
            {data.can_decide && data.latest_version != null ? (
              <DecisionChoice
                proofVersion={data.latest_version}
                busy={decision.isPending}
                validateExtra={() => (checkWho() ? null : 'who')}
                onDecide={(choice, text) =>
                  decision.mutate({ name: name.trim(), email: email.trim(), decision: choice, comment: text, proof_version: data.latest_version ?? 1 })
                }
              >
                {who}
              </DecisionChoice>
            ) : (
              <p>
                {data.status === 'approved'
                  ? `Approved${latestDecision ? ` by ${latestDecision.decided_by}` : ''}. Thank you.`
                  : data.status === 'changes_requested'
                    ? 'Changes were asked for; the advertiser is preparing a new version.'
                    : 'Nothing waits for your answer right now.'}
              </p>
            )}
            <ErrorMessage error={decision.error} title="Your answer was not saved." />
            {decision.isSuccess && <Notice tone="success">Thank you: your answer was sent to {data.advertiser_name}.</Notice>}
          </section>
          <section className="card" aria-labelledby="review-comments-title">
            <h2 id="review-comments-title">Comments</h2>
            <CommentList comments={comments} />
            {data.latest_version != null && (
              <CommentForm
                sections={data.sections}
                busy={comment.isPending}
                validateExtra={checkWho}
                onSend={(body, section, done) => comment.mutate({ name: name.trim(), email: email.trim(), body, section }, { onSuccess: done })}
              >
                {!data.can_decide && who}
              </CommentForm>
            )}
            <ErrorMessage error={comment.error} title="Your comment was not saved." />
          </section>
        </div>
      </div>
    </div>
  );
}
