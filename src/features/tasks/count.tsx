import { queryOptions, useQuery } from '@tanstack/react-query';
import { hasRight } from '../../access/model';
import { useSession } from '../../access/session';
import { apiFetch } from '../../api/client';
import type { Collection, Task } from '../../api/types';
import { formatNumber, t } from '../../i18n';
import { taskKeys } from './taskApi';
import './count.css';

/** How many tasks wait in the signed-in person's queue (one row is fetched; `total` is the count). */
export const taskCountQuery = queryOptions({
  queryKey: taskKeys.count,
  queryFn: ({ signal }) => apiFetch<Collection<Task>>('/tasks?pageSize=1', { signal }),
  // Others decide tasks and make requests meanwhile; a decision here refreshes it at once.
  refetchInterval: 60_000,
});

/**
 * The number of open tasks, for beside the "Open Tasks" link; its accessible name says what it counts
 * ("12 open tasks"). It asks the backend only for a person with the Open Tasks right, and shows
 * nothing while the count is unknown or zero.
 */
export function TaskCountBadge() {
  const { data: session } = useSession();
  const allowed = hasRight(session, 'Open Tasks');
  const { data } = useQuery({ ...taskCountQuery, enabled: allowed });
  if (!allowed || !data || data.total === 0) return null;
  const label = t('tasks.count', { count: data.total });
  return (
    <span className="badge task-count" role="img" aria-label={label}>
      {formatNumber(data.total)}
    </span>
  );
}
