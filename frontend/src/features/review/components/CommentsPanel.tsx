import { ErrorMessage } from '@/components/ErrorMessage';
import { useAddComment, type Comment } from '../api/review-links';
import { CommentForm } from '@/components/CommentForm';
import { CommentList } from '@/components/CommentList';

/** The advertiser's and reviewers' comments; a request for changes hands them to the writer. */
export function CommentsPanel({ campaignId, comments, sections }: { campaignId: string; comments: Comment[]; sections: string[] }) {
  const add = useAddComment(campaignId);
  return (
    <section className="card" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      <CommentList comments={comments} />
      <CommentForm sections={sections} busy={add.isPending} onSend={(body, section, done) => add.mutate({ body, section }, { onSuccess: done })} />
      <ErrorMessage error={add.error} title="The comment was not saved." />
    </section>
  );
}
