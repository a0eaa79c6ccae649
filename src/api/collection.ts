import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiFetch, toQuery } from './client';
import type { Collection } from './types';

export type CollectionParams = Record<string, string | number | undefined | null>;

/**
 * Query options for a backend-paged collection; the key holds the area and the parameters, so each
 * page and filter is cached on its own and the previous page stays visible while the next loads.
 * @example useQuery(collectionQuery<Person>('search', '/persons', { q, page }))
 */
export function collectionQuery<T>(area: string, path: string, params: CollectionParams = {}) {
  return queryOptions({
    queryKey: [area, path, params],
    queryFn: ({ signal }) => apiFetch<Collection<T>>(`${path}${toQuery(params)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
