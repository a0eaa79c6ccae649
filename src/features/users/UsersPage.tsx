import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { findRole, ROLES } from '../../access/model';
import { collectionQuery } from '../../api/collection';
import type { User, UserStatus } from '../../api/types';
import { t } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { SearchForm } from '../../ui/SearchForm';
import { StatusBadge, statusLabel } from '../../ui/StatusBadge';
import { usePageTitle } from '../../ui/usePageTitle';
import { useUrlParams } from '../../ui/useUrlParams';
import { userPath } from './userApi';
import './users.css';

const STATUSES: readonly UserStatus[] = ['Registered', 'Active', 'Inactive'];

const columns: ColumnDef<User>[] = [
  { id: 'username', header: 'col.username', cell: (u) => u.username, sortable: true },
  { id: 'displayName', header: 'col.name', cell: (u) => u.displayName, sortable: true },
  { id: 'status', header: 'col.status', cell: (u) => <StatusBadge status={u.status} />, sortable: true },
  { id: 'roles', header: 'col.roles', cell: (u) => (u.roles.length ? u.roles.map((r) => findRole(r)?.name ?? r).join(', ') : <span className="muted">{t('users.list.noRoles')}</span>) },
];

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
      <SearchForm
        key={key}
        className="filters"
        values={url.values}
        queryLabel={t('users.filter')}
        selects={[
          { name: 'status', label: t('users.status'), all: t('users.statusAll'), options: STATUSES.map((s) => ({ value: s, label: statusLabel(s) })) },
          { name: 'role', label: t('users.role'), all: t('users.roleAll'), options: ROLES.map((r) => ({ value: r.id, label: r.name })) },
        ]}
        submitLabel={t('search.submit')}
        onSubmit={(f) => url.setFilters(f)}
      />
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
