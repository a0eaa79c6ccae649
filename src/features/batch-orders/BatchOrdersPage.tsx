import { useQuery } from '@tanstack/react-query';
import { collectionQuery } from '../../api/collection';
import type { BatchOrder } from '../../api/types';
import { formatDateTime, formatNumber, t, tDynamic } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { usePageTitle } from '../../ui/usePageTitle';
import { useUrlParams } from '../../ui/useUrlParams';

const columns: ColumnDef<BatchOrder>[] = [
  { id: 'id', header: t('col.order'), cell: (b) => b.id },
  { id: 'type', header: t('col.orderType'), cell: (b) => tDynamic(`batch.type.${b.type}`, b.type), sortable: true },
  { id: 'status', header: t('col.status'), cell: (b) => <StatusBadge status={b.status} />, sortable: true },
  { id: 'itemCount', header: t('col.items'), cell: (b) => formatNumber(b.itemCount) },
  { id: 'processedCount', header: t('col.progress'), cell: (b) => `${formatNumber(b.processedCount)} / ${formatNumber(b.itemCount)}` },
  { id: 'failedCount', header: t('col.failed'), cell: (b) => formatNumber(b.failedCount) },
  { id: 'createdBy', header: t('col.createdBy'), cell: (b) => b.createdBy.displayName },
  { id: 'createdAt', header: t('col.created'), cell: (b) => formatDateTime(b.createdAt), sortable: true },
];

export default function BatchOrdersPage() {
  usePageTitle(t('batch.title'));
  const url = useUrlParams([] as const);
  const query = useQuery(
    collectionQuery<BatchOrder>('batch-orders', '/batch-orders', {
      page: url.page,
      pageSize: 25,
      sort: url.sort ? `${url.sort.field}:${url.sort.dir}` : undefined,
    }),
  );
  return (
    <section>
      <h1>{t('batch.title')}</h1>
      <QueryState query={query}>
        {(data) => (
          <>
            <Pager total={data.total} page={data.page} pageSize={data.pageSize} onPage={url.setPage} />
            <DataTable label={t('batch.title')} columns={columns} rows={data.items} empty={t('batch.empty')} sort={url.sort} onSortChange={url.setSort} />
          </>
        )}
      </QueryState>
    </section>
  );
}
