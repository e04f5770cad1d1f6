import { useState } from 'react';
import type { Entry } from '../api/types';
import { RelativeTime } from './relative-time';

type Props = { entry: Entry; now: number };

// Decorative: the name beside it says who wrote the entry. Only the API's own avatar path is drawn, never another origin.
function Avatar({ url }: { url: string | undefined }) {
  const [failed, setFailed] = useState(false);
  if (failed || !url?.startsWith('/api/avatars/')) return <span className="entry-avatar" aria-hidden="true" />;
  return (
    <img
      className="entry-avatar"
      src={url}
      alt=""
      width={40}
      height={40}
      decoding="async"
      onError={() => setFailed(true)}
    />
  );
}

// Names and messages are rendered as React text children only, never as HTML. Each is its own
// bidi isolate (<bdi>, dir="auto") so a right-to-left override inside one entry ends with it.
export function EntryItem({ entry, now }: Props) {
  return (
    <li className="entry" data-entry-id={entry.id}>
      <article aria-labelledby={`entry-${entry.id}-name`}>
        <header className="entry-header">
          <Avatar url={entry.avatarUrl} />
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
