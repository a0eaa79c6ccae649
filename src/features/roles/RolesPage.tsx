import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { RoleInfo } from '../../api/types';
import { t } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { rightLabel, rightsText, roleDescription } from '../../ui/labels';
import { QueryState } from '../../ui/QueryState';
import { SearchForm } from '../../ui/SearchForm';
import { usePageTitle } from '../../ui/usePageTitle';
import { useUrlParams } from '../../ui/useUrlParams';
import { rolePath, rolesQuery } from './rolesApi';
import './roles.css';

const columns: ColumnDef<RoleInfo>[] = [
  {
    id: 'name',
    header: 'col.role',
    cell: (r) => (
      <>
        <strong>{r.name}</strong>
        <span className="cell-note">{roleDescription(r)}</span>
        {!r.assignableToPerson && <span className="cell-note">{t('roles.notAssignable')}</span>}
      </>
    ),
  },
  { id: 'id', header: 'col.reference', cell: (r) => <code>{r.id}</code> },
  { id: 'area', header: 'roles.area', cell: (r) => r.area },
  { id: 'rights', header: 'col.rights', cell: (r) => rightsText(r.rights) || '–' },
  { id: 'permissions', header: 'col.permissions', cell: (r) => r.permissions.join(', ') },
  { id: 'holders', header: 'roles.col.holders', cell: (r) => t('roles.holderCount', { count: r.holders.length }) },
];

const AREAS: readonly RoleInfo['area'][] = ['PRIME', 'Digital ID'];

/** Matches the text against the name, reference, description, views and permissions. */
function matches(r: RoleInfo, q: string, area: string): boolean {
  if (area && r.area !== area) return false;
  if (!q) return true;
  const text = [r.name, r.id, r.description, roleDescription(r), ...r.rights, ...r.rights.map(rightLabel), ...r.permissions].join(' ').toLowerCase();
  return text.includes(q.toLowerCase());
}

/** Every role of the rights model with what it grants and how many accounts hold it; a row opens the role. */
export default function RolesPage() {
  usePageTitle(t('roles.title'));
  const navigate = useNavigate();
  const url = useUrlParams(['q', 'area'] as const);
  const query = useQuery(rolesQuery());
  return (
    <section>
      <h1>{t('roles.title')}</h1>
      <p>{t('roles.intro')}</p>
      <SearchForm
        key={`${url.values.q}|${url.values.area}`}
        className="filters"
        values={url.values}
        queryLabel={t('roles.filter')}
        selects={[{ name: 'area', label: t('roles.area'), all: t('roles.areaAll'), options: AREAS }]}
        submitLabel={t('roles.filterSubmit')}
        onSubmit={(f) => url.setFilters(f)}
      />
      <QueryState query={query}>
        {(data) => {
          const rows = data.items.filter((r) => matches(r, url.values.q, url.values.area));
          return (
            <>
              <p role="status" className="result-count">
                {t('table.resultCount', { count: rows.length })}
              </p>
              <DataTable label={t('roles.title')} columns={columns} rows={rows} empty={t('roles.empty')} onRowAction={(id) => navigate(rolePath(id))} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
