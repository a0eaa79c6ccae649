import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Sort } from './DataTable';

/**
 * Filters, sort and page kept in the URL, so a view can be bookmarked, shared, reloaded and gone back to.
 * Changing a filter goes back to page 1.
 */
export function useUrlParams<K extends string>(keys: readonly K[]) {
  const [sp, setSp] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, sp.get(k) ?? ''])) as Record<K, string>;
  const page = Math.max(1, Number(sp.get('page') ?? '1') || 1);
  const rawSort = sp.get('sort');
  // The same object while the sort is unchanged, so memoised tables do not re-render for nothing.
  const sort = useMemo((): Sort | null => {
    const [field, dir] = rawSort?.split(':') ?? [];
    return field && (dir === 'asc' || dir === 'desc') ? { field, dir } : null;
  }, [rawSort]);

  const update = useCallback(
    (patch: Partial<Record<K | 'page' | 'sort', string>>, replace = false) => {
      setSp(
        // From the address bar, not from the last render: two quick changes must not overwrite each other.
        () => {
          const next = new URLSearchParams(window.location.search);
          for (const [k, v] of Object.entries(patch)) {
            if (v) next.set(k, v as string);
            else next.delete(k);
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace },
      );
    },
    [setSp],
  );
  const setPage = useCallback(
    (p: number) => update({ page: p > 1 ? String(p) : '' } as Partial<Record<K | 'page' | 'sort', string>>),
    [update],
  );
  const setSort = useCallback((x: Sort) => update({ sort: `${x.field}:${x.dir}` } as Partial<Record<K | 'page' | 'sort', string>>), [update]);
  return {
    values,
    page,
    sort,
    /** `replace` keeps typing out of the back button's history. */
    setFilters: (patch: Partial<Record<K | 'sort', string>>, options: { replace?: boolean } = {}) =>
      update(patch as Partial<Record<K | 'page' | 'sort', string>>, options.replace),
    setPage,
    setSort,
  };
}
