import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../api/client';
import type { Collection, SessionInfo, TenantChoice } from '../api/types';

export const sessionKey = ['session'] as const;

/** The signed-in session, or null when nobody is signed in (401). */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    return await apiFetch<SessionInfo>('/session');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/**
 * The session as the app knows it. `isPending` stays true until the backend has answered, so nothing
 * gated renders before the rights are known.
 * @example const { data: session, isPending } = useSession();
 */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

/** Drops every cached answer, so nothing of the previous user survives a change of user. */
export function resetClientState(qc: QueryClient, session: SessionInfo | null) {
  qc.cancelQueries();
  qc.clear();
  qc.setQueryData(sessionKey, session);
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    // `tenant` left out: the backend's default tenant. Signing in clears every cached answer, so
    // nothing of the previous tenant survives either.
    mutationFn: (credentials: { username: string; password: string; tenant?: string }) =>
      apiFetch<SessionInfo>('/session', { method: 'POST', body: credentials }),
    onSuccess: (session) => resetClientState(qc, session),
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>('/session', { method: 'DELETE' }),
    // Even when the backend cannot be reached, this browser forgets the user.
    onSettled: () => resetClientState(qc, null),
  });
}

/** The tenants the sign-in page offers (public; the default tenant first). */
export function useTenantChoices() {
  return useQuery({
    queryKey: ['tenants', 'choices'],
    queryFn: ({ signal }) => apiFetch<Collection<TenantChoice>>('/tenants', { signal }),
    staleTime: 60_000,
  });
}
