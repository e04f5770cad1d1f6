import type { Entry } from '../api/types';
import { RelativeTime } from './relative-time';

type Props = { entry: Entry; now: number };

// Names and messages are rendered as React text children only, never as HTML. Each is its own
// bidi isolate (<bdi>, dir="auto") so a right-to-left override inside one entry ends with it.
export function EntryItem({ entry, now }: Props) {
  return (
    <li className="entry" data-entry-id={entry.id}>
      <article aria-labelledby={`entry-${entry.id}-name`}>
        <header className="entry-header">
          <h3 className="entry-name" id={`entry-${entry.id}-name`}>
            <bdi>{entry.name}</bdi>
          </h3>
          <RelativeTime iso={entry.createdAt} now={now} />
        </header>
        <p className="entry-message" dir="auto">
          {entry.message}
        </p>
      </article>
    </li>
  );
}
