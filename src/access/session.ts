import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { ApiError, apiFetch, currentSessionEpoch, onSessionEnded, sessionChanged } from '../api/client';
import type { Collection, SessionInfo, TenantChoice } from '../api/types';

export const sessionKey = ['session'] as const;

/**
 * The signed-in session, or null when nobody is signed in (401). When the session of the person at
 * work ended (a time without use), they are asked to sign in again first, so nothing they typed is lost.
 */
export async function fetchSession(): Promise<SessionInfo | null> {
  const epoch = currentSessionEpoch();
  try {
    return await apiFetch<SessionInfo>('/session');
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
    // Asked before a sign-in or sign-out that has happened since: ask again, for the session now.
    if (epoch !== currentSessionEpoch()) return fetchSession();
    return (await recoverSession()) ? apiFetch<SessionInfo>('/session') : null;
  }
}

/** A session that ended while its person worked: who it was, and how it went on. */
export interface EndedSession {
  previous: SessionInfo;
  /**
   * `same`: the same person signed in again, and what waited is sent again; `other` (another person
   * signed in) or `none` (signed out): what waited fails and is never sent.
   */
  resolve: (outcome: 'same' | 'other' | 'none') => void;
}

let ended: EndedSession | null = null;
const endedListeners = new Set<() => void>();
let recovering: Promise<boolean> | null = null;
let recoveryClient: QueryClient | null = null;

const setEnded = (next: EndedSession | null) => {
  ended = next;
  for (const l of endedListeners) l();
};

/** Resolves true once the person whose session ended is signed in again; false when nobody was signed in. */
function recoverSession(): Promise<boolean> {
  const previous = recoveryClient?.getQueryData<SessionInfo | null>(sessionKey);
  if (!previous) return Promise.resolve(false);
  // Every request that meets the ended session waits for the one sign-in.
  recovering ??= new Promise<boolean>((resolve) =>
    setEnded({
      previous,
      resolve: (outcome) => {
        recovering = null;
        setEnded(null);
        resolve(outcome === 'same');
      },
    }),
  );
  return recovering;
}

/** From now on a 401 of the signed-in person's request asks them to sign in again (SessionEndedDialog). */
export function installSessionRecovery(qc: QueryClient): void {
  recoveryClient = qc;
  onSessionEnded(() => recoverSession());
}

/** The ended session waiting for its person to sign in again, or null. */
export function useEndedSession(): EndedSession | null {
  return useSyncExternalStore(
    (l) => (endedListeners.add(l), () => endedListeners.delete(l)),
    () => ended,
  );
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
  sessionChanged();
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
