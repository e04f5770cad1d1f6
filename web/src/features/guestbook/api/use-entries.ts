import { useCallback, useEffect, useReducer, useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { getEntries } from './get-entries';
import type { EntriesPage, Entry } from './types';

type State = {
  status: 'loading' | 'ready' | 'error';
  entries: Entry[];
  nextCursor: string | null;
  error: ApiError | null;
  loadingMore: boolean;
  loadMoreError: ApiError | null;
};

type Action =
  | { type: 'first-page-requested' }
  | { type: 'first-page-loaded'; page: EntriesPage }
  | { type: 'first-page-failed'; error: ApiError }
  | { type: 'more-requested' }
  | { type: 'more-loaded'; page: EntriesPage }
  | { type: 'more-failed'; error: ApiError }
  | { type: 'signed'; entry: Entry };

const initial: State = {
  status: 'loading',
  entries: [],
  nextCursor: null,
  error: null,
  loadingMore: false,
  loadMoreError: null,
};

// An entry signed here is shown at once; if a later page carries it too, it must not appear twice.
function appendNew(existing: Entry[], incoming: Entry[]): Entry[] {
  const seen = new Set(existing.map((e) => e.id));
  return [...existing, ...incoming.filter((e) => !seen.has(e.id))];
}

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'first-page-requested':
      return { ...state, status: 'loading', error: null };
    case 'first-page-loaded':
      return { ...initial, status: 'ready', entries: action.page.entries, nextCursor: action.page.nextCursor };
    case 'first-page-failed':
      return { ...state, status: 'error', error: action.error };
    case 'more-requested':
      return { ...state, loadingMore: true, loadMoreError: null };
    case 'more-loaded':
      return {
        ...state,
        loadingMore: false,
        entries: appendNew(state.entries, action.page.entries),
        nextCursor: action.page.nextCursor,
      };
    case 'more-failed':
      return { ...state, loadingMore: false, loadMoreError: action.error };
    case 'signed':
      return { ...state, entries: [action.entry, ...state.entries.filter((e) => e.id !== action.entry.id)] };
  }
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError(0, 'unexpected', 'The answer from the server could not be read.');
}

/** The list of entries, newest first, one page at a time, following the API's nextCursor. */
export function useEntries() {
  const [state, dispatch] = useReducer(reducer, initial);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    dispatch({ type: 'first-page-requested' });
    getEntries(null, controller.signal).then(
      (page) => dispatch({ type: 'first-page-loaded', page }),
      (error: unknown) => {
        if (!controller.signal.aborted) dispatch({ type: 'first-page-failed', error: asApiError(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const { nextCursor } = state;
  const loadMore = useCallback(() => {
    if (!nextCursor) return;
    dispatch({ type: 'more-requested' });
    getEntries(nextCursor).then(
      (page) => dispatch({ type: 'more-loaded', page }),
      (error: unknown) => dispatch({ type: 'more-failed', error: asApiError(error) }),
    );
  }, [nextCursor]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const addSigned = useCallback((entry: Entry) => dispatch({ type: 'signed', entry }), []);

  return { ...state, loadMore, retry, addSigned };
}
