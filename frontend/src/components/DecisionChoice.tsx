import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/Button';
import { TextArea } from '@/components/Field';

export type Choice = 'approve' | 'request_changes';

interface DecisionChoiceProps {
  proofVersion: number;
  busy: boolean;
  /** Extra fields shown above the decision (a reviewer's name and e-mail). */
  children?: ReactNode;
  /** Returns an error sentence to show, or null when the extra fields are fine. */
  validateExtra?: () => string | null;
  onDecide: (choice: Choice, comment: string) => void;
}

/**
 * Approve or ask for changes, the careful way: nothing is chosen until the user chooses, and approving
 * asks once more, because an approved version never changes (a new round needs a reopen).
 */
export function DecisionChoice({ proofVersion, busy, children, validateExtra, onDecide }: DecisionChoiceProps) {
  const [choice, setChoice] = useState<Choice | null>(null);
  const [comment, setComment] = useState('');
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const [commentError, setCommentError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);

  // The question replaces the button the user just pressed: take keyboard focus to it.
  useEffect(() => {
    if (confirming) confirmRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [confirming]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const extra = validateExtra?.() ?? null;
    if (extra) return;
    if (!choice) {
      setChoiceError('Choose whether to approve this proof or to ask for changes.');
      return;
    }
    setChoiceError(null);
    if (choice === 'request_changes' && !comment.trim()) {
      setCommentError('Tell us what to change so the next version gets it right.');
      return;
    }
    setCommentError(null);
    if (choice === 'approve' && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    onDecide(choice, comment.trim());
  }

  return (
    <form onSubmit={onSubmit} className="stack" noValidate>
      {children}
      <fieldset className="choices" disabled={busy} aria-describedby={choiceError ? 'decision-choice-error' : undefined}>
        <legend>Decision</legend>
        <label className="choice">
          <input
            type="radio"
            name="decision"
            value="approve"
            checked={choice === 'approve'}
            onChange={() => {
              setChoice('approve');
              setChoiceError(null);
            }}
          />
          Approve this proof
        </label>
        <label className="choice">
          <input
            type="radio"
            name="decision"
            value="request_changes"
            checked={choice === 'request_changes'}
            onChange={() => {
              setChoice('request_changes');
              setChoiceError(null);
              setConfirming(false);
            }}
          />
          Request changes
        </label>
        {choiceError && (
          <p className="field-error" id="decision-choice-error">
            {choiceError}
          </p>
        )}
      </fieldset>
      <TextArea
        label={choice === 'request_changes' ? 'What should change?' : 'Comment (optional)'}
        rows={3}
        maxLength={2000}
        value={comment}
        error={commentError}
        disabled={busy}
        onChange={(e) => setComment(e.target.value)}
      />
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby="confirm-approve-text" ref={confirmRef}>
          <p id="confirm-approve-text">
            Approve proof {proofVersion}? This version is then final and ready to download. To change it later you will
            reopen the campaign for a new round.
          </p>
          <div className="actions">
            <Button type="submit" busy={busy}>
              Yes, approve proof {proofVersion}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              Not yet
            </Button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <Button type="submit" busy={busy}>
            {choice === 'request_changes' ? 'Send change request' : choice === 'approve' ? 'Approve proof…' : 'Send decision'}
          </Button>
        </div>
      )}
    </form>
  );
}
