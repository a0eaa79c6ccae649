import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useState, type ComponentProps, type FormEvent } from 'react';
import { useLocation, useNavigate, useNavigationType } from 'react-router-dom';
import { collectionQuery } from '../../api/collection';
import type { SearchType } from '../../api/types';
import { t } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { FilterSelect, FilterText } from '../../ui/FilterFields';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { statusLabel } from '../../ui/StatusBadge';
import { usePageTitle } from '../../ui/usePageTitle';
import { useUrlParams } from '../../ui/useUrlParams';
import { ExportButton } from './ExportButton';
import { isSearchType, SEARCH_CONFIG, SEARCH_TYPE_LIST } from './searchTypes';

export const PAGE_SIZE = 100;
/** Rows the grid mounts with (a window's worth); the rest of the page follows in a transition. */
const FIRST_ROWS = 4;
type SearchRow = { id: string; status: string } & Record<string, unknown>;
const FILTER_KEYS = ['q', 'in', 'status', 'type', 'validFrom', 'validTo'] as const;

/**
 * The result grid, rendered with the rows as a deferred value: the count and pager follow a keystroke
 * at once, and the grid's rows render in a transition that yields to the browser, so no main-thread
 * task of a hundred rows blocks typing.
 */
function DeferredTable(props: ComponentProps<typeof DataTable<SearchRow>>) {
  const rows = useDeferredValue(props.rows, props.rows.slice(0, FIRST_ROWS));
  // Busy while the rows shown are not yet those of the count and pager above them.
  // (Outside the memoised grid, so the flag does not render the rows again.)
  return (
    <div className="results" aria-busy={rows !== props.rows || undefined}>
      <DataTable {...props} rows={rows} />
    </div>
  );
}

/**
 * Extended Search: pick what to search for, then criteria that fit it. The whole query lives in the
 * URL, so a search can be bookmarked, shared, reloaded and gone back to.
 */
export default function SearchPage() {
  usePageTitle(t('search.title'));
  const navigate = useNavigate();
  const url = useUrlParams(FILTER_KEYS);
  const type: SearchType = isSearchType(url.values.in) ? url.values.in : 'persons';
  const config = SEARCH_CONFIG[type];
  const [draft, setDraft] = useState(url.values.q);

  // The field follows the URL when the person goes back or forward (or opens a bookmark); while they
  // type, the URL follows the field, so no keystroke is overwritten by a URL that lags behind.
  const location = useLocation();
  const navigationType = useNavigationType();
  const [seenKey, setSeenKey] = useState(location.key);
  if (location.key !== seenKey) {
    setSeenKey(location.key);
    if (navigationType === 'POP' && url.values.q !== draft.trim()) setDraft(url.values.q);
  }

  const paramsFor = (values: Record<(typeof FILTER_KEYS)[number], string>, page: number) => {
    const p: Record<string, string | number | undefined> = {
      q: values.q,
      page,
      pageSize: PAGE_SIZE,
      sort: url.sort ? `${url.sort.field}:${url.sort.dir}` : undefined,
    };
    for (const f of config.filters) p[f.key] = values[f.key as (typeof FILTER_KEYS)[number]] || undefined;
    return p;
  };
  const searchQuery = (p: Record<string, string | number | undefined>) => collectionQuery<SearchRow>('search', `/${type}`, p);
  const params = paramsFor(url.values, url.page);
  const query = useQuery(searchQuery(params));
  const queryClient = useQueryClient();

  const openRow = useCallback((id: string) => navigate(`/search/${type}/${encodeURIComponent(id)}`), [navigate, type]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    url.setFilters({ q: draft.trim() });
  };

  return (
    <section>
      <h1>{t('search.title')}</h1>
      <form className="filters" role="search" aria-label={t('search.title')} onSubmit={onSubmit}>
        <FilterSelect
          label={t('search.type')}
          value={type}
          options={SEARCH_TYPE_LIST.map((st) => ({ value: st, label: t(SEARCH_CONFIG[st].label) }))}
          onChange={(v) => url.setFilters({ in: v, status: '', type: '', validFrom: '', validTo: '', sort: '' })}
        />
        <FilterText
          label={t(config.textLabel)}
          value={draft}
          onChange={(typed) => {
            const q = typed.trim();
            setDraft(typed);
            // The request starts with the keystroke, not after the URL change has re-rendered the
            // page; the render then finds it under the same key (a new term starts on page 1).
            void queryClient.prefetchQuery(searchQuery(paramsFor({ ...url.values, q }, 1)));
            url.setFilters({ q }, { replace: true });
          }}
        />
        {config.filters.map((f) => {
          const value = url.values[f.key as (typeof FILTER_KEYS)[number]];
          const set = (v: string) => url.setFilters({ [f.key]: v });
          return f.kind === 'select' ? (
            <FilterSelect
              key={f.key}
              label={t(f.label)}
              any={t(f.anyLabel ?? 'search.anyStatus')}
              value={value}
              options={f.options!.map((o) => ({ value: o.value, label: o.label ? t(o.label) : statusLabel(o.value) }))}
              onChange={set}
            />
          ) : (
            <FilterText key={f.key} type="date" label={t(f.label)} value={value} onChange={set} />
          );
        })}
        <button type="submit" className="button primary">
          {t('search.submit')}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            setDraft('');
            url.setFilters({ q: '', status: '', type: '', validFrom: '', validTo: '' });
          }}
        >
          {t('search.clear')}
        </button>
      </form>
      <QueryState query={query}>
        {(data) => (
          <>
            <div className="result-bar">
              <Pager total={data.total} page={data.page} pageSize={data.pageSize} onPage={url.setPage} />
              <ExportButton type={type} params={params} total={data.total} />
            </div>
            <p className="muted hint">{t('search.openHint')}</p>
            <DeferredTable
              virtual
              label={t(config.label)}
              columns={config.columns}
              rows={data.items}
              empty={t('search.emptyType')}
              sort={url.sort}
              onSortChange={url.setSort}
              onRowAction={openRow}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
