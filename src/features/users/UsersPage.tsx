import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { findRole } from '../../access/model';
import { collectionQuery } from '../../api/collection';
import type { User } from '../../api/types';
import { t } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { usePageTitle } from '../../ui/usePageTitle';
import { useUrlParams } from '../../ui/useUrlParams';

const columns: ColumnDef<User>[] = [
  { id: 'username', header: t('col.username'), cell: (u) => u.username, sortable: true },
  { id: 'displayName', header: t('col.name'), cell: (u) => u.displayName, sortable: true },
  { id: 'status', header: t('col.status'), cell: (u) => <StatusBadge status={u.status} />, sortable: true },
  { id: 'roles', header: t('col.roles'), cell: (u) => u.roles.map((r) => findRole(r)?.name ?? r).join(', ') },
];

export default function UsersPage() {
  usePageTitle(t('users.title'));
  const url = useUrlParams(['q'] as const);
  const [draft, setDraft] = useState(url.values.q);
  const filterId = useId();
  const query = useQuery(
    collectionQuery<User>('users', '/users', {
      q: url.values.q,
      page: url.page,
      pageSize: 25,
      sort: url.sort ? `${url.sort.field}:${url.sort.dir}` : undefined,
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    url.setFilters({ q: draft.trim() });
  };
  return (
    <section>
      <h1>{t('users.title')}</h1>
      <form className="filters" role="search" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={filterId}>{t('users.filter')}</label>
          <input id={filterId} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <button type="submit" className="button primary">
          {t('search.submit')}
        </button>
      </form>
      <QueryState query={query}>
        {(data) => (
          <>
            <Pager total={data.total} page={data.page} pageSize={data.pageSize} onPage={url.setPage} />
            <DataTable label={t('users.title')} columns={columns} rows={data.items} empty={t('users.empty')} sort={url.sort} onSortChange={url.setSort} />
          </>
        )}
      </QueryState>
    </section>
  );
}
