import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from '../../api/client';
import type { TaskDecisionKind, TaskDetail, TaskType } from '../../api/types';

/**
 * Query keys of Open Tasks. Everything lives under `['tasks', …]`, so one invalidation after a decision
 * refreshes the queue, the task pages and the count in the navigation.
 */
export const taskKeys = {
  all: ['tasks'] as const,
  detail: (id: string) => ['tasks', 'detail', id] as const,
  count: ['tasks', 'count'] as const,
};

/** The task types, in the order the console lists them. */
export const TASK_TYPES: readonly TaskType[] = ['card-approval', 'prime-user-activation', 'registration-review'];

/** The decisions, in the order the buttons are shown. */
export const DECISIONS: readonly TaskDecisionKind[] = ['approve', 'reject', 'postpone'];

/** The task's page in the console (the API has the same path under /api/v1). */
export const taskPagePath = (id: string) => `/tasks/${encodeURIComponent(id)}`;
const apiPath = (id: string) => `/tasks/${encodeURIComponent(id)}`;

export const taskQuery = (id: string) =>
  queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<TaskDetail>(apiPath(id), { signal }),
  });

/** Approve, reject or postpone, against the version that was shown (If-Match). Answers the fresh task. */
export function decideTask(id: string, decision: TaskDecisionKind, version: number, reason?: string) {
  return apiFetch<TaskDetail>(`${apiPath(id)}/actions/${decision}`, {
    method: 'POST',
    ifMatch: version,
    body: reason ? { reason } : {},
  });
}
