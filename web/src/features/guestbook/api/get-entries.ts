import { env } from '@/config/env';
import { apiClient } from '@/lib/api-client';
import type { EntriesPage } from './types';

export function getEntries(cursor: string | null, signal?: AbortSignal): Promise<EntriesPage> {
  const query = new URLSearchParams({ limit: String(env.PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  return apiClient.get<EntriesPage>(`/api/entries?${query}`, signal);
}
