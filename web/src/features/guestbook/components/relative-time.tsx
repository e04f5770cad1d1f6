import { formatExact, formatRelative } from '@/lib/relative-time';

type Props = { iso: string; now: number };

/** "5 minutes ago", with the exact date and time on hover (title) and for machines (datetime). */
export function RelativeTime({ iso, now }: Props) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <time className="entry-time">{iso}</time>;
  return (
    <time className="entry-time" dateTime={iso} title={formatExact(date)}>
      {formatRelative(date, now)}
    </time>
  );
}
