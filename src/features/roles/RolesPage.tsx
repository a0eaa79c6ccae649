import { useQuery } from '@tanstack/react-query';
import { collectionQuery } from '../../api/collection';
import type { RoleInfo } from '../../api/types';
import { t } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { QueryState } from '../../ui/QueryState';
import { usePageTitle } from '../../ui/usePageTitle';

const columns: ColumnDef<RoleInfo>[] = [
  {
    id: 'name',
    header: t('col.role'),
    cell: (r) => (
      <>
        <strong>{r.name}</strong>
        <span className="cell-note">{r.description}</span>
        {!r.assignableToPerson && <span className="cell-note">{t('roles.notAssignable')}</span>}
      </>
    ),
  },
  { id: 'id', header: t('col.reference'), cell: (r) => <code>{r.id}</code> },
  { id: 'designer', header: t('col.designer'), cell: (r) => r.designer },
  { id: 'explorer', header: t('col.explorer'), cell: (r) => r.explorer },
  { id: 'rights', header: t('col.rights'), cell: (r) => r.rights.join(', ') || '–' },
  { id: 'permissions', header: t('col.permissions'), cell: (r) => r.permissions.join(', ') },
];

export default function RolesPage() {
  usePageTitle(t('roles.title'));
  const query = useQuery(collectionQuery<RoleInfo>('roles', '/roles', { pageSize: 200 }));
  return (
    <section>
      <h1>{t('roles.title')}</h1>
      <p>{t('roles.intro')}</p>
      <QueryState query={query}>
        {(data) => <DataTable label={t('roles.title')} columns={columns} rows={data.items} empty={t('table.empty')} />}
      </QueryState>
    </section>
  );
}
