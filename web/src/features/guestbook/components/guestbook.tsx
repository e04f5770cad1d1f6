import { useCallback, useState } from 'react';
import { useEntries } from '../api/use-entries';
import type { Entry } from '../api/types';
import { EntryList } from './entry-list';
import { SignForm } from './sign-form';

export function Guestbook() {
  const entries = useEntries();
  const [announcement, setAnnouncement] = useState('');
  const { addSigned } = entries;

  const onSigned = useCallback(
    (entry: Entry) => {
      addSigned(entry);
      // Screen readers hear about the new entry; sighted readers see it appear at the top of the list.
      // A second identical sentence would not be read again; a trailing no-break space makes it differ.
      setAnnouncement((previous) => {
        const text = `Thank you, ${entry.name}. Your entry is now at the top of the guestbook.`;
        return previous === text ? `${text}\u00a0` : text;
      });
    },
    [addSigned],
  );

  return (
    <>
      <SignForm onSigned={onSigned} />
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {announcement}
      </p>
      <section className="entries-section" aria-labelledby="entries-heading">
        <h2 id="entries-heading">Entries</h2>
        <EntryList
          status={entries.status}
          entries={entries.entries}
          error={entries.error}
          hasMore={entries.nextCursor !== null}
          loadingMore={entries.loadingMore}
          loadMoreError={entries.loadMoreError}
          onRetry={entries.retry}
          onLoadMore={entries.loadMore}
        />
      </section>
    </>
  );
}
