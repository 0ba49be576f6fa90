import { formatBytes, formatDateTime } from '@/lib/format';
import type { CampaignDetail, Decision } from '@/lib/types';
import { sourceLabel } from '../source-label';

/** Every proof version with the decisions taken on it, newest first. */
export function VersionHistory({ campaign }: { campaign: CampaignDetail }) {
  const proofs = [...(campaign.proof_versions ?? [])].sort((a, b) => b.version - a.version);
  const copies = [...(campaign.copy_versions ?? [])].sort((a, b) => b.version - a.version);
  const decisions = campaign.decisions ?? [];
  const byProof = new Map<number, Decision[]>();
  for (const d of decisions) byProof.set(d.proof_version, [...(byProof.get(d.proof_version) ?? []), d]);

  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">Version history</h2>
      {proofs.length === 0 && copies.length === 0 && <p className="muted">No versions yet.</p>}
      {proofs.length > 0 && (
        <ol className="history" reversed>
          {proofs.map((p) => (
            <li key={p.version}>
              <p>
                <strong>Proof {p.version}</strong>
                {p.copy_version != null && <> · copy version {p.copy_version}</>}
                {p.size_bytes != null && <> · {formatBytes(p.size_bytes)}</>} ·{' '}
                <time dateTime={p.created_at}>{formatDateTime(p.created_at)}</time>
              </p>
              {(byProof.get(p.version) ?? []).map((d) => (
                <p key={String(d.id)} className={`decision decision-${d.decision}`}>
                  {d.decision === 'approve' ? 'Approved' : 'Changes requested'}
                  {d.decided_by ? ` by ${d.decided_by}` : ''} on <time dateTime={d.created_at}>{formatDateTime(d.created_at)}</time>
                  {d.comment ? <>: “{d.comment}”</> : null}
                </p>
              ))}
            </li>
          ))}
        </ol>
      )}
      {copies.length > 0 && (
        <details>
          <summary>Copy versions ({copies.length})</summary>
          <ul className="history">
            {copies.map((c) => (
              <li key={c.version}>
                Copy {c.version} by {sourceLabel(c.source)} · <time dateTime={c.created_at}>{formatDateTime(c.created_at)}</time>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
