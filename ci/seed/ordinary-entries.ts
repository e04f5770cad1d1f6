import type { NewEntry } from '@guestbook/api';
import { seededRandom } from '../entries/seeded-random.js';

const FIRST = [
  'Anna',
  'Ben',
  'Chloé',
  'David',
  'Emma',
  'Farid',
  'Grace',
  'Hiro',
  'Inès',
  'Jonas',
  'Kemal',
  'Lena',
  'Mateo',
  'Nora',
  'Oskar',
  'Paula',
  'Quinn',
  'Rosa',
  'Sven',
  'Tomás',
];
const LAST = [
  'Becker',
  'Costa',
  'Dubois',
  'Evans',
  'Fischer',
  'García',
  'Hansen',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Larsen',
  'Müller',
  'Novak',
  "O'Brien",
  'Petrov',
];
const MESSAGES = [
  'Great talk, thank you!',
  'Thanks for the demo — very clear.',
  'Greetings from the third row.',
  "Loved the part about snapshots. We'll try it on Monday.",
  'First time here, will come again.',
  'Nice guestbook :)',
  'Can we get the slides?',
  'Data changes too. Noted.',
  'Hello from Lisbon!\nSee you next year.',
  'Brilliant. Testing against production data makes so much sense.',
];

/** Entries as most visitors write them: Latin names (some accented), short messages. */
export function ordinaryEntries(count: number, seed = 1): NewEntry[] {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, () => ({
    name: next() < 0.8 ? `${pick(FIRST)} ${pick(LAST)}` : pick(FIRST),
    message: pick(MESSAGES),
  }));
}

/** Spreads `rare` among `common` at even intervals, as unusual entries arrive among ordinary ones in real life. */
export function interleave<T>(common: T[], rare: T[]): T[] {
  if (rare.length === 0) return [...common];
  const out: T[] = [];
  const every = Math.max(1, Math.floor(common.length / rare.length));
  let r = 0;
  common.forEach((entry, i) => {
    out.push(entry);
    if ((i + 1) % every === 0 && r < rare.length) out.push(rare[r++]!);
  });
  return [...out, ...rare.slice(r)];
}
