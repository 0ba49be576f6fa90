import type { ReviewComment as Comment } from '@/lib/types';
import { sectionLabel } from '@/lib/email-sections';

/** Comments numbered like the markers on the email, each with the part it points at and who wrote it. */
export function CommentList({ comments }: { comments: Comment[] }) {
  if (comments.length === 0) return <p className="muted">No comments yet.</p>;
  return (
    <ol className="comment-list" aria-label="Comments, numbered as on the email">
      {comments.map((c, i) => (
        <li key={c.id}>
          <span className="pin pin-inline" aria-hidden="true">
            {i + 1}
          </span>
          <div>
            <p className="comment-meta">
              <strong>{c.section ? sectionLabel(c.section) : 'Whole email'}</strong> · {c.author_name}
              {c.via_review_link ? ' (reviewer)' : ''} · proof {c.proof_version}
            </p>
            <p>{c.body}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}
