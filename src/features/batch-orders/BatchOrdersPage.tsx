import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { can } from '../../access/model';
import { useSession } from '../../access/session';
import { collectionQuery } from '../../api/collection';
import type { BatchOrder, BatchOrderStatus } from '../../api/types';
import { formatDateTime, t } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { Pager } from '../../ui/Pager';
import { FilterSelect } from '../../ui/FilterFields';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge, statusLabel } from '../../ui/StatusBadge';
import { usePageTitle } from '../../ui/usePageTitle';
import { useUrlParams } from '../../ui/useUrlParams';
import { POLL_MS } from './api';
import { ORDER_TYPES, typeLabel } from './orderTypes';
import './batchOrders.css';

const STATUSES: BatchOrderStatus[] = ['Created', 'Running', 'Finished', 'Completed', 'Cancelled'];
const PAGE_SIZE = 25;

/** "processed 120 of 240, 3 failed". */
export const listProgress = (b: BatchOrder) => t('batch.list.progress', { processed: b.processedCount, total: b.itemCount, failed: b.failedCount });

const columns: ColumnDef<BatchOrder>[] = [
  { id: 'id', header: 'col.order', cell: (b) => b.id },
  { id: 'type', header: 'col.orderType', cell: (b) => typeLabel(b.type), sortable: true },
  { id: 'status', header: 'col.status', cell: (b) => <StatusBadge status={b.status} />, sortable: true },
  { id: 'progress', header: 'col.progress', cell: listProgress },
  { id: 'createdBy', header: 'col.createdBy', cell: (b) => b.createdBy.displayName },
  { id: 'createdAt', header: 'col.created', cell: (b) => formatDateTime(b.createdAt), sortable: true },
];

/**
 * Batch Orders: every order with its state and progress, filtered by state (in the URL), newest first.
 * A row opens the order; "New batch order" appears for whoever may create at least one order type.
 */
export default function BatchOrdersPage() {
  usePageTitle(t('batch.title'));
  const navigate = useNavigate();
  const { data: session } = useSession();
  const url = useUrlParams(['status'] as const);
  const status = STATUSES.includes(url.values.status as BatchOrderStatus) ? url.values.status : '';
  const mayCreate = ORDER_TYPES.some((c) => can(session, c.permission));
  const query = useQuery({
    ...collectionQuery<BatchOrder>('batch-orders', '/batch-orders', {
      status: status || undefined,
      page: url.page,
      pageSize: PAGE_SIZE,
      sort: url.sort ? `${url.sort.field}:${url.sort.dir}` : undefined,
    }),
    // Running orders move on by themselves; keep their progress current while one is in view.
    refetchInterval: (q) => (q.state.data?.items.some((b) => b.status === 'Running') ? POLL_MS * 2 : false),
  });

  return (
    <section>
      <div className="bo-title-bar">
        <h1>{t('batch.title')}</h1>
        {mayCreate && (
          <Link to="/batch-orders/new" className="button primary">
            {t('batch.new.button')}
          </Link>
        )}
      </div>
      <form className="filters" aria-label={t('batch.list.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label={t('search.status')} any={t('search.anyStatus')} value={status} options={STATUSES} optionLabel={statusLabel} onChange={(v) => url.setFilters({ status: v })} />
      </form>
      <QueryState query={query}>
        {(data) => (
          <>
            <Pager total={data.total} page={data.page} pageSize={data.pageSize} onPage={url.setPage} />
            <p className="muted hint">{t('batch.list.openHint')}</p>
            <DataTable
              label={t('batch.title')}
              columns={columns}
              rows={data.items}
              empty={status ? t('batch.list.emptyStatus', { status }) : t('batch.empty')}
              sort={url.sort}
              onSortChange={url.setSort}
              onRowAction={(id) => navigate(`/batch-orders/${encodeURIComponent(id)}`)}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
