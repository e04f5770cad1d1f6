import { apiClient } from '@/lib/api-client';
import type { Entry } from './types';

export function getEntry(id: string, signal?: AbortSignal): Promise<Entry> {
  return apiClient.get<Entry>(`/api/entries/${encodeURIComponent(id)}`, signal);
}
