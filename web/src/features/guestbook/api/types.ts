// The shapes the API answers with, as the API itself declares them.
export type { EntriesPage, Entry, NewEntry } from '@guestbook/api/contract';
