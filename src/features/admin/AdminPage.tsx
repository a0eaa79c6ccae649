import { useQuery } from '@tanstack/react-query';
import { collectionQuery } from '../../api/collection';
import type { Service } from '../../api/types';
import { formatDateTime, t } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { usePageTitle } from '../../ui/usePageTitle';

const columns: ColumnDef<Service>[] = [
  { id: 'name', header: t('col.service'), cell: (s) => s.name },
  { id: 'state', header: t('col.state'), cell: (s) => <StatusBadge status={s.state} /> },
  { id: 'since', header: t('col.since'), cell: (s) => formatDateTime(s.since) },
];

export default function AdminPage() {
  usePageTitle(t('admin.title'));
  const query = useQuery(collectionQuery<Service>('admin', '/admin/services', { pageSize: 100 }));
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <h2>{t('admin.services')}</h2>
      <QueryState query={query}>
        {(data) => <DataTable label={t('admin.services')} columns={columns} rows={data.items} empty={t('table.empty')} />}
      </QueryState>
    </section>
  );
}
