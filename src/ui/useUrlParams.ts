import { useCallback } from 'react';
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
  const [field, dir] = rawSort?.split(':') ?? [];
  const sort: Sort | null = field && (dir === 'asc' || dir === 'desc') ? { field, dir } : null;

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
  return {
    values,
    page,
    sort,
    /** `replace` keeps typing out of the back button's history. */
    setFilters: (patch: Partial<Record<K | 'sort', string>>, options: { replace?: boolean } = {}) =>
      update(patch as Partial<Record<K | 'page' | 'sort', string>>, options.replace),
    setPage: (p: number) => update({ page: p > 1 ? String(p) : '' } as Partial<Record<K | 'page' | 'sort', string>>),
    setSort: (s: Sort) => update({ sort: `${s.field}:${s.dir}` } as Partial<Record<K | 'page' | 'sort', string>>),
  };
}
