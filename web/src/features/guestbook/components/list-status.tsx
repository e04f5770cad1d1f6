import type { ApiError } from '@/lib/api-client';

/** Says in words why the entries cannot be shown, and what the reader can do about it. */
export function describeLoadError(error: ApiError): string {
  if (error.code === 'network') {
    return 'The guestbook server cannot be reached. Check your connection, then try again.';
  }
  if (error.isOutage) {
    return 'The guestbook’s database is not answering right now, so entries cannot be shown. Nothing is lost; please try again in a moment.';
  }
  return `Entries could not be loaded: ${error.message}`;
}

export function LoadingEntries() {
  return (
    <p className="list-status" role="status">
      Loading entries…
    </p>
  );
}

export function NoEntries() {
  return <p className="list-status">No one has signed yet. Be the first!</p>;
}

type ErrorProps = { error: ApiError; onRetry: () => void };

export function EntriesError({ error, onRetry }: ErrorProps) {
  return (
    <div className="list-status list-error" role="alert">
      <p>{describeLoadError(error)}</p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
