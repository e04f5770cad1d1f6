import { useNow } from '@/lib/use-now';
import { useEntry } from '../api/use-entry';
import { EntryItem } from './entry-item';
import { EntriesError, LoadingEntries } from './list-status';

type Props = { id: string };

/** One entry at its own address (/entries/:id): a link people can share, and a way to reach any entry directly. */
export function EntryPage({ id }: Props) {
  const entry = useEntry(id);
  const now = useNow();

  return (
    <section className="entries-section" aria-labelledby="entry-heading">
      <h2 id="entry-heading">Entry</h2>
      {entry.status === 'loading' && <LoadingEntries />}
      {entry.status === 'error' &&
        (entry.error.status === 404 ? (
          <p className="list-status">There is no entry at this address. It may have been mistyped.</p>
        ) : (
          <EntriesError error={entry.error} onRetry={entry.retry} />
        ))}
      {entry.status === 'ready' && (
        <ol className="entries" aria-label="Entry">
          <EntryItem entry={entry.entry} now={now} />
        </ol>
      )}
      <p>
        <a href="/">All entries</a>
      </p>
    </section>
  );
}
