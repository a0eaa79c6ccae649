import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useNavigationType } from 'react-router-dom';
import { can, type Permission } from '../../access/model';
import { useSession } from '../../access/session';
import { collectionQuery } from '../../api/collection';
import type { Task, TaskStatus, TaskType } from '../../api/types';
import { formatDateTime, t, tDynamic } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { FilterSelect, FilterText } from '../../ui/FilterFields';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { usePageTitle } from '../../ui/usePageTitle';
import { useUrlParams } from '../../ui/useUrlParams';
import { taskKeys, taskPagePath, TASK_TYPES } from './taskApi';
import { approvalsText, taskTypeLabel, type QueueState } from './taskUi';

export const PAGE_SIZE = 25;
const FILTER_KEYS = ['q', 'type', 'status'] as const;
const QUEUE_STATUSES: readonly TaskStatus[] = ['Open', 'Postponed'];
/** The columns the backend sorts by (a sort of any other, e.g. from an old bookmark, is left out). */
const SORTABLE = ['createdAt', 'type', 'status'];
/** The permission that lets a person decide each type (the queue holds only those types). */
const TYPE_PERMISSION: Record<TaskType, Permission> = {
  'card-approval': 'card:approve-production',
  'prime-user-activation': 'prime-user:activate',
  'registration-review': 'person:register',
};

const columns: ColumnDef<Task>[] = [
  { id: 'type', header: 'col.task', cell: (x) => taskTypeLabel(x.type), sortable: true },
  { id: 'subject', header: 'col.subject', cell: (x) => x.subject.displayName },
  { id: 'requestedBy', header: 'col.requestedBy', cell: (x) => x.requestedBy.displayName },
  { id: 'createdAt', header: 'col.created', cell: (x) => formatDateTime(x.createdAt), sortable: true },
  { id: 'approvals', header: 'tasks.col.approvals', cell: approvalsText },
  { id: 'status', header: 'col.status', cell: (x) => <StatusBadge status={x.status} />, sortable: true },
];

/**
 * Open Tasks: the signed-in person's queue (open and postponed tasks of the types they may decide),
 * filtered, sorted and paged by the backend, with the filters in the URL.
 */
export default function TasksPage() {
  usePageTitle(t('tasks.title'));
  const navigate = useNavigate();
  const location = useLocation();
  const { data: session } = useSession();
  const url = useUrlParams(FILTER_KEYS);
  const [draft, setDraft] = useState(url.values.q);
  const heading = useRef<HTMLHeadingElement>(null);

  // The URL is the truth when it changes from outside (back, forward, a link, "Clear filters"): the
  // field is refilled. Typing writes the URL with `replace`; those changes, which may arrive a keystroke
  // late, are not written back into the field, so no typed character is lost.
  const navigationType = useNavigationType();
  const [seenQ, setSeenQ] = useState(url.values.q);
  if (url.values.q !== seenQ) {
    setSeenQ(url.values.q);
    if (navigationType !== 'REPLACE') setDraft(url.values.q);
  }

  const types = TASK_TYPES.filter((type) => can(session, TYPE_PERMISSION[type]));
  const type = (TASK_TYPES as readonly string[]).includes(url.values.type) ? url.values.type : '';
  const status = (QUEUE_STATUSES as readonly string[]).includes(url.values.status) ? url.values.status : '';
  const filtered = !!(url.values.q || type || status);
  const query = useQuery(
    collectionQuery<Task>(taskKeys.all[0], '/tasks', {
      q: url.values.q || undefined,
      type: type || undefined,
      status: status || undefined,
      page: url.page,
      pageSize: PAGE_SIZE,
      sort: url.sort && SORTABLE.includes(url.sort.field) ? `${url.sort.field}:${url.sort.dir}` : undefined,
    }),
  );

  const decided = (location.state as QueueState | null)?.decided;
  useEffect(() => {
    if (!decided) return;
    const frame = requestAnimationFrame(() => heading.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [decided]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    url.setFilters({ q: draft.trim() });
  };

  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('tasks.title')}
      </h1>
      <form className="filters" role="search" aria-label={t('tasks.filters')} onSubmit={onSubmit}>
        <FilterSelect label={t('tasks.filter.type')} any={t('tasks.filter.anyType')} value={type} options={types.length ? types : TASK_TYPES} optionLabel={taskTypeLabel} onChange={(v) => url.setFilters({ type: v })} />
        <FilterSelect
          label={t('tasks.filter.status')}
          any={t('tasks.filter.anyStatus')}
          value={status}
          options={QUEUE_STATUSES}
          optionLabel={(s) => tDynamic(`tasks.status.${s}`, s)}
          onChange={(v) => url.setFilters({ status: v })}
        />
        <FilterText
          label={t('tasks.filter.subject')}
          value={draft}
          onChange={(v) => {
            setDraft(v);
            url.setFilters({ q: v.trim() }, { replace: true });
          }}
        />
        <button type="button" className="button secondary" disabled={!filtered} onClick={() => url.setFilters({ q: '', type: '', status: '' })}>
          {t('tasks.filter.clear')}
        </button>
      </form>
      <QueryState query={query}>
        {(data) => (
          <>
            <Pager total={data.total} page={data.page} pageSize={data.pageSize} onPage={url.setPage} />
            {data.total > 0 && <p className="muted hint">{t('tasks.openHint')}</p>}
            <DataTable
              label={t('tasks.title')}
              columns={columns}
              rows={data.items}
              empty={filtered ? t('tasks.noMatch') : t('tasks.empty')}
              sort={url.sort}
              onSortChange={url.setSort}
              onRowAction={(id) => navigate(taskPagePath(id), { state: { queue: location.search } satisfies QueueState })}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
