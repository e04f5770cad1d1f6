import { useEffect, useRef } from 'react';
import { useNow } from '@/lib/use-now';
import type { ApiError } from '@/lib/api-client';
import type { Entry } from '../api/types';
import { EntryItem } from './entry-item';
import { EntriesError, LoadingEntries, NoEntries, describeLoadError } from './list-status';

type Props = {
  status: 'loading' | 'ready' | 'error';
  entries: Entry[];
  error: ApiError | null;
  hasMore: boolean;
  loadingMore: boolean;
  loadMoreError: ApiError | null;
  onRetry: () => void;
  onLoadMore: () => void;
};

export function EntryList({ status, entries, error, hasMore, loadingMore, loadMoreError, onRetry, onLoadMore }: Props) {
  const now = useNow();
  const endRef = useRef<HTMLParagraphElement>(null);

  // When the last page arrives the "load more" button goes away; keep keyboard focus nearby instead of losing it.
  useEffect(() => {
    if (!hasMore && document.activeElement === document.body) endRef.current?.focus();
  }, [hasMore]);

  if (status === 'error' && error && entries.length === 0) return <EntriesError error={error} onRetry={onRetry} />;
  if (status === 'loading' && entries.length === 0) return <LoadingEntries />;
  if (entries.length === 0) return <NoEntries />;

  return (
    <>
      <ol className="entries" aria-label="Entries, newest first">
        {entries.map((entry) => (
          <EntryItem key={entry.id} entry={entry} now={now} />
        ))}
      </ol>
      {hasMore ? (
        <div className="load-more">
          {loadMoreError && (
            <p className="load-more-error" role="alert">
              {describeLoadError(loadMoreError)}
            </p>
          )}
          {/* aria-disabled rather than disabled: a disabled button drops keyboard focus mid-load. */}
          <button type="button" onClick={loadingMore ? undefined : onLoadMore} aria-disabled={loadingMore}>
            {loadingMore ? 'Loading…' : loadMoreError ? 'Try again' : 'Load more'}
          </button>
        </div>
      ) : (
        <p className="list-end" ref={endRef} tabIndex={-1}>
          That’s everyone — you have reached the first entry.
        </p>
      )}
    </>
  );
}
