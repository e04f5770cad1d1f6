import { useEffect, useState } from 'react';
import type { ApiError } from '@/lib/api-client';
import { getEntry } from './get-entry';
import type { Entry } from './types';

type EntryState = { status: 'loading' } | { status: 'ready'; entry: Entry } | { status: 'error'; error: ApiError };

/** One entry by id, as its own page shows it; `retry` asks again after an error. */
export function useEntry(id: string): EntryState & { retry: () => void } {
  const [state, setState] = useState<EntryState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getEntry(id, controller.signal).then(
      (entry) => setState({ status: 'ready', entry }),
      (error: ApiError) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [id, attempt]);

  return {
    ...state,
    retry: () => {
      setState({ status: 'loading' });
      setAttempt((n) => n + 1);
    },
  };
}
