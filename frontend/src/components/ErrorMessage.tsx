import { ApiError, errorDetail } from '@/lib/api-client';
import { Button } from './Button';

interface ErrorMessageProps {
  error: unknown;
  /** Offered only when a retry can help (network errors, 5xx, 503). */
  onRetry?: () => void;
  title?: string;
}

function isRetryable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.retryable;
}

/** Shows the server's `detail` in a live region, with a retry button where it makes sense. */
export function ErrorMessage({ error, onRetry, title }: ErrorMessageProps) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      {title && <p className="alert-title">{title}</p>}
      <p>{errorDetail(error)}</p>
      {onRetry && isRetryable(error) && (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
