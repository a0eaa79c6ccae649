import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { findRole, ROLES } from '../../access/model';
import { collectionQuery } from '../../api/collection';
import type { User, UserStatus } from '../../api/types';
import { t } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { usePageTitle } from '../../ui/usePageTitle';
import { useUrlParams } from '../../ui/useUrlParams';
import { userPath } from './userApi';
import './users.css';

const STATUSES: readonly UserStatus[] = ['Registered', 'Active', 'Inactive'];

const columns: ColumnDef<User>[] = [
  { id: 'username', header: t('col.username'), cell: (u) => u.username, sortable: true },
  { id: 'displayName', header: t('col.name'), cell: (u) => u.displayName, sortable: true },
  { id: 'status', header: t('col.status'), cell: (u) => <StatusBadge status={u.status} />, sortable: true },
  { id: 'roles', header: t('col.roles'), cell: (u) => u.roles.map((r) => findRole(r)?.name ?? r).join(', ') },
];

type Filters = { q: string; status: string; role: string };

/** The filter form; it starts from the URL and is remounted when the URL changes (back, a link). */
function FilterForm({ initial, onSubmit }: { initial: Filters; onSubmit: (f: Filters) => void }) {
  const [draft, setDraft] = useState(initial);
  const ids = { q: useId(), status: useId(), role: useId() };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ ...draft, q: draft.q.trim() });
  };
  return (
    <form className="filters" role="search" onSubmit={submit}>
      <div className="field">
        <label htmlFor={ids.q}>{t('users.filter')}</label>
        <input id={ids.q} type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={ids.status}>{t('users.status')}</label>
        <select id={ids.status} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
          <option value="">{t('users.statusAll')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.role}>{t('users.role')}</label>
        <select id={ids.role} value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })}>
          <option value="">{t('users.roleAll')}</option>
          {ROLES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button primary">
        {t('search.submit')}
      </button>
    </form>
  );
}

/** PRIME users of the tenant: filters, sort and page in the URL; a row opens the user. */
export default function UsersPage() {
  usePageTitle(t('users.title'));
  const navigate = useNavigate();
  const url = useUrlParams(['q', 'status', 'role'] as const);
  const query = useQuery(
    collectionQuery<User>('users', '/users', {
      q: url.values.q,
      status: url.values.status,
      role: url.values.role,
      page: url.page,
      pageSize: 25,
      sort: url.sort ? `${url.sort.field}:${url.sort.dir}` : undefined,
    }),
  );
  const key = `${url.values.q}|${url.values.status}|${url.values.role}`;
  return (
    <section>
      <h1>{t('users.title')}</h1>
      <p>{t('users.intro')}</p>
      <FilterForm key={key} initial={url.values} onSubmit={(f) => url.setFilters(f)} />
      <QueryState query={query}>
        {(data) => (
          <>
            <Pager total={data.total} page={data.page} pageSize={data.pageSize} onPage={url.setPage} />
            <DataTable
              label={t('users.title')}
              columns={columns}
              rows={data.items}
              empty={t('users.empty')}
              sort={url.sort}
              onSortChange={url.setSort}
              onRowAction={(id) => navigate(userPath(id))}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
