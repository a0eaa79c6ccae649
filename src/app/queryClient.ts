import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, shouldRetry } from '../api/client';
import { installSessionRecovery, sessionKey } from '../access/session';

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
    // An action refused with 403 may mean the roles changed since the session was read (a role
    // de-assigned): refresh the rights, so the menu and the guard follow at once.
    mutationCache: new MutationCache({
      onError: (error) => {
        if (!(error instanceof ApiError) || error.status !== 403) return;
        if (error.problem.missingRight || error.problem.missingPermission) void qc.invalidateQueries({ queryKey: sessionKey });
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 15_000 },
      mutations: { retry: false },
    },
  });
  installSessionRecovery(qc);
  return qc;
}
