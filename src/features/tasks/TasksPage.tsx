import { useQuery } from '@tanstack/react-query';
import { collectionQuery } from '../../api/collection';
import type { Task } from '../../api/types';
import { formatDateTime, t, tDynamic } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { usePageTitle } from '../../ui/usePageTitle';
import { useUrlParams } from '../../ui/useUrlParams';

const columns: ColumnDef<Task>[] = [
  { id: 'type', header: t('col.task'), cell: (x) => tDynamic(`tasks.type.${x.type}`, x.type), sortable: true },
  { id: 'subject', header: t('col.subject'), cell: (x) => x.subject.displayName },
  { id: 'requestedBy', header: t('col.requestedBy'), cell: (x) => x.requestedBy.displayName },
  { id: 'createdAt', header: t('col.created'), cell: (x) => formatDateTime(x.createdAt), sortable: true },
  { id: 'status', header: t('col.status'), cell: (x) => <StatusBadge status={x.status} />, sortable: true },
];

export default function TasksPage() {
  usePageTitle(t('tasks.title'));
  const url = useUrlParams([] as const);
  const query = useQuery(
    collectionQuery<Task>('tasks', '/tasks', {
      page: url.page,
      pageSize: 25,
      sort: url.sort ? `${url.sort.field}:${url.sort.dir}` : undefined,
    }),
  );
  return (
    <section>
      <h1>{t('tasks.title')}</h1>
      <QueryState query={query}>
        {(data) => (
          <>
            <Pager total={data.total} page={data.page} pageSize={data.pageSize} onPage={url.setPage} />
            <DataTable label={t('tasks.title')} columns={columns} rows={data.items} empty={t('tasks.empty')} sort={url.sort} onSortChange={url.setSort} />
          </>
        )}
      </QueryState>
    </section>
  );
}
