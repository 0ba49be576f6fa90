import type { CopyVersion } from '@/lib/types';
import { diffCopies, previousVersion, type ChangeKind } from '../copy-diff';
import { sourceLabel } from '../source-label';

const KIND_TEXT: Record<ChangeKind, string> = { changed: 'Changed', added: 'New', removed: 'Removed', same: 'Unchanged' };

interface CopyChangesProps {
  /** The rewrite: the latest copy version. */
  copy: CopyVersion;
  /** Every copy version of the campaign; the one before `copy` is what it is compared with. */
  versions: CopyVersion[];
}

/**
 * What a rewrite changed, field by field (subject lines, preheader, headline, paragraphs, button),
 * shown before the next proof is built; the fields the advertiser wrote by hand and the rewrite kept are marked.
 */
export function CopyChanges({ copy, versions }: CopyChangesProps) {
  const previous = previousVersion(versions, copy);
  if (!previous) return null;
  const rows = diffCopies(previous, copy);
  const shown = rows.filter((r) => r.kind !== 'same' || r.kept);
  const unchanged = rows.length - shown.length;

  return (
    <section className="card" aria-labelledby="copy-changes-title">
      <h2 id="copy-changes-title" tabIndex={-1}>
        What the rewrite changed
      </h2>
      <p className="muted">
        Copy version {previous.version} → {copy.version}, written by {sourceLabel(copy.source)}
        {copy.feedback ? <>. You asked: “{copy.feedback}”</> : null}
      </p>
      {shown.length === 0 ? (
        <p>The rewrite kept every word of version {previous.version}.</p>
      ) : (
        <ul className="copy-changes" aria-label="Changes, field by field">
          {shown.map((row) => (
            <li key={row.key} className={`copy-change copy-change-${row.kept ? 'kept' : row.kind}`}>
              <p className="copy-change-head">
                <strong>{row.label}</strong> <span className="badge copy-change-badge">{row.kept ? 'Your edit, kept' : KIND_TEXT[row.kind]}</span>
              </p>
              {row.kind !== 'same' && row.before && (
                <p className="copy-before">
                  <span className="visually-hidden">Before: </span>
                  <del>{row.before}</del>
                </p>
              )}
              {row.after && (
                <p className="copy-after">
                  {row.kind !== 'same' && <span className="visually-hidden">After: </span>}
                  {row.kind === 'same' ? row.after : <ins>{row.after}</ins>}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {unchanged > 0 && shown.length > 0 && (
        <p className="hint">
          {unchanged} other {unchanged === 1 ? 'field is' : 'fields are'} unchanged.
        </p>
      )}
      <p className="hint">Build the proof to see the new version in the email, or edit the copy first.</p>
    </section>
  );
}
