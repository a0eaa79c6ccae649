import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { collectionQuery } from '../../api/collection';
import type { Person, PersonStatus } from '../../api/types';
import { t, tDynamic } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { usePageTitle } from '../../ui/usePageTitle';
import { useUrlParams } from '../../ui/useUrlParams';

const PAGE_SIZE = 25;
const STATUSES: PersonStatus[] = ['Active', 'Inactive', 'Registered', 'Locked'];

const columns: ColumnDef<Person>[] = [
  { id: 'lastName', header: t('col.name'), cell: (p) => `${p.lastName}, ${p.firstName}`, sortable: true },
  { id: 'personalId', header: t('col.personalId'), cell: (p) => p.personalId, sortable: true },
  { id: 'email', header: t('col.email'), cell: (p) => p.email, sortable: true },
  { id: 'orgUnit', header: t('col.orgUnit'), cell: (p) => p.orgUnit, sortable: true },
  { id: 'type', header: t('col.type'), cell: (p) => tDynamic(`type.${p.type}`, p.type), sortable: true },
  { id: 'status', header: t('col.status'), cell: (p) => <StatusBadge status={p.status} />, sortable: true },
];

export default function SearchPage() {
  usePageTitle(t('search.title'));
  const url = useUrlParams(['q', 'status'] as const);
  const [draft, setDraft] = useState(url.values.q);
  const ids = { q: useId(), status: useId() };
  const query = useQuery(
    collectionQuery<Person>('search', '/persons', {
      q: url.values.q,
      status: url.values.status,
      page: url.page,
      pageSize: PAGE_SIZE,
      sort: url.sort ? `${url.sort.field}:${url.sort.dir}` : undefined,
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    url.setFilters({ q: draft.trim() });
  };
  return (
    <section>
      <h1>{t('search.title')}</h1>
      <form className="filters" role="search" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={ids.q}>{t('search.filter')}</label>
          <input id={ids.q} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.status}>{t('search.status')}</label>
          <select id={ids.status} value={url.values.status} onChange={(e) => url.setFilters({ status: e.target.value })}>
            <option value="">{t('search.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary">
          {t('search.submit')}
        </button>
      </form>
      <QueryState query={query}>
        {(data) => (
          <>
            <Pager total={data.total} page={data.page} pageSize={data.pageSize} onPage={url.setPage} />
            <DataTable
              label={t('search.results')}
              columns={columns}
              rows={data.items}
              empty={t('search.empty')}
              sort={url.sort}
              onSortChange={url.setSort}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
