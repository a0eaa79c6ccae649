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
    // The previous page stays visible while the next loads, but only for the same collection: rows
    // of another type would not fit this type's columns.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === path ? keepPreviousData(previous) : undefined),
  });
}
