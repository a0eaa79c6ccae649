import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from '../../api/client';
import type { PasswordResetResult, UserAction, UserDetail } from '../../api/types';

/** Query keys of User Administration: the list lives under `['users', '/users', …]` (collectionQuery). */
export const userKeys = {
  all: ['users'] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
};

export const userQuery = (id: string) =>
  queryOptions({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<UserDetail>(`/users/${encodeURIComponent(id)}`, { signal }),
  });

/** One action on an account, against the version that was shown (If-Match). Answers the fresh account. */
export async function runUserAction(
  user: Pick<UserDetail, 'id' | 'version'>,
  action: UserAction,
  body: { role?: string; reason?: string },
): Promise<{ user: UserDetail; sentTo?: string }> {
  const res = await apiFetch<UserDetail | PasswordResetResult>(`/users/${encodeURIComponent(user.id)}/actions/${action}`, {
    method: 'POST',
    ifMatch: user.version,
    body,
  });
  return 'sentTo' in res ? { user: res.user, sentTo: res.sentTo } : { user: res };
}

/** Console paths of this view, and of the role pages the roles link to (the same as app/paths.ts). */
export const usersPath = '/users';
export const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;
export const rolePath = (id: string) => `/roles/${encodeURIComponent(id)}`;
