import { apiClient } from '@/lib/api-client';
import type { Entry, NewEntry } from './types';

export function createEntry(entry: NewEntry): Promise<Entry> {
  // Sent exactly as typed: no trimming or normalisation, the API stores text byte for byte.
  return apiClient.post<Entry>('/api/entries', { name: entry.name, message: entry.message });
}
