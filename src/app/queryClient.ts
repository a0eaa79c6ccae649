import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, shouldRetry } from '../api/client';
import { sessionKey } from '../access/session';

export function createQueryClient() {
  const qc: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (!(error instanceof ApiError) || query.queryKey[0] === sessionKey[0]) return;
        // 401: the session ended → ask again who is signed in (the shell then goes to sign-in).
        // 403: rights may have changed mid-session → refresh them.
        if (error.status === 401 || error.status === 403) void qc.invalidateQueries({ queryKey: sessionKey });
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 15_000 },
      mutations: { retry: false },
    },
  });
  return qc;
}
