import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiFetch, ApiError } from '../../api/client';
import type { AuditLogEntry, AuditValues, Collection } from '../../api/types';
import { formatDateTime, t } from '../../i18n';
import { toCsv } from '../../ui/csv';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { Pager } from '../../ui/Pager';
import { FilterSelect } from '../../ui/FilterFields';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge, statusLabel } from '../../ui/StatusBadge';
import { useUrlParams } from '../../ui/useUrlParams';
import { adminKeys, LOG_FILTERS, logPath, problemText, type LogFilter } from './api';

const PAGE_SIZE = 50;
/** At most this many entries go into one export; a larger log asks the person to narrow the filters. */
export const LOG_EXPORT_CAP = 10_000;
const OUTCOMES = ['success', 'denied', 'failed'] as const;

/** `datetime-local` values are the person's local time; the API takes instants. */
const toInstant = (local: string) => {
  if (!local) return undefined;
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? local : new Date(ms).toISOString();
};

const changes = (before?: AuditValues, after?: AuditValues) => {
  if (!before && !after) return '';
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .filter((k) => before?.[k] !== after?.[k])
    .map((k) => `${k}: ${before?.[k] === undefined ? '–' : String(before[k])} → ${after?.[k] === undefined ? '–' : String(after[k])}`)
    .join('; ');
};

const columns: ColumnDef<AuditLogEntry>[] = [
  { id: 'at', header: 'admin.col.when', cell: (e) => formatDateTime(e.at), isRowHeader: true },
  { id: 'actor', header: 'admin.col.actor', cell: (e) => e.actor },
  { id: 'action', header: 'admin.col.action', cell: (e) => e.action },
  {
    id: 'target',
    header: 'admin.col.object',
    cell: (e) => (
      <>
        {e.target}
        {e.object && <span className="cell-note">{e.object}</span>}
      </>
    ),
  },
  { id: 'outcome', header: 'admin.col.outcome', cell: (e) => <StatusBadge status={e.outcome} /> },
  {
    id: 'detail',
    header: 'admin.col.detail',
    cell: (e) => (
      <span className="admin-break">
        {e.detail}
        {(e.before || e.after) && <span className="cell-note">{changes(e.before, e.after)}</span>}
      </span>
    ),
  },
];

/** The system log: filters in the URL, pages from the backend, CSV export of the filtered entries. */
export function SystemLogPanel() {
  const url = useUrlParams(LOG_FILTERS);
  const { values, page } = url;
  const params = {
    from: toInstant(values.from),
    to: toInstant(values.to),
    actor: values.actor || undefined,
    action: values.action || undefined,
    object: values.object || undefined,
    outcome: values.outcome || undefined,
  };
  const key = Object.fromEntries(Object.entries({ ...params, page }).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
  const query = useQuery({
    queryKey: adminKeys.log(key),
    queryFn: ({ signal }) => apiFetch<Collection<AuditLogEntry>>(logPath({ ...params, page, pageSize: PAGE_SIZE }), { signal }),
    placeholderData: keepPreviousData,
  });
  const fieldErrors = query.error instanceof ApiError && query.error.status === 422 ? (query.error.problem.errors ?? {}) : {};

  return (
    <section aria-labelledby="admin-log-heading">
      <h2 id="admin-log-heading">{t('admin.systemLog')}</h2>
      {/* Keyed by the filters in force, so back and forward show them in the form. */}
      <LogFilters key={JSON.stringify(values)} values={values} errors={fieldErrors} onApply={(v) => url.setFilters(v)} />
      {query.isError && Object.keys(fieldErrors).length > 0 ? (
        <p className="form-error" role="alert">
          {problemText(query.error)}
        </p>
      ) : (
        <QueryState query={query}>
          {(data) => (
            <>
              <div className="admin-toolbar">
                <Pager total={data.total} page={data.page} pageSize={PAGE_SIZE} onPage={url.setPage} />
                <LogExport params={params} total={data.total} />
              </div>
              <DataTable label={t('admin.systemLog')} columns={columns} rows={data.items} empty={t('admin.log.empty')} />
            </>
          )}
        </QueryState>
      )}
    </section>
  );
}

function LogFilters({ values, errors, onApply }: { values: Record<LogFilter, string>; errors: Record<string, string>; onApply: (v: Record<LogFilter, string>) => void }) {
  const [draft, setDraft] = useState<Record<LogFilter, string>>(values);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  const clear = () => {
    const empty = Object.fromEntries(LOG_FILTERS.map((k) => [k, ''])) as Record<LogFilter, string>;
    setDraft(empty);
    onApply(empty);
  };
  const input = (name: Exclude<LogFilter, 'outcome'>, type: 'text' | 'datetime-local') => (
    <div className="field">
      <label htmlFor={`log-${name}`}>{t(`admin.log.${name}`)}</label>
      <input
        id={`log-${name}`}
        type={type}
        value={draft[name]}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        aria-invalid={!!errors[name]}
        aria-describedby={errors[name] ? `log-${name}-error` : undefined}
      />
      {errors[name] && (
        <span id={`log-${name}-error`} className="field-error">
          {errors[name]}
        </span>
      )}
    </div>
  );
  return (
    <form className="filters admin-log-filters" onSubmit={apply} aria-label={t('admin.log.filters')}>
      {input('from', 'datetime-local')}
      {input('to', 'datetime-local')}
      {input('actor', 'text')}
      {input('action', 'text')}
      {input('object', 'text')}
      <FilterSelect label={t('admin.log.outcome')} any={t('admin.log.anyOutcome')} value={draft.outcome} options={OUTCOMES} optionLabel={statusLabel} onChange={(outcome) => setDraft({ ...draft, outcome })} />
      <button type="submit" className="button primary">
        {t('admin.log.apply')}
      </button>
      <button type="button" className="button secondary" onClick={clear}>
        {t('admin.log.clear')}
      </button>
    </form>
  );
}

/** Exports every entry matching the filters (up to the cap), page by page, as CSV. */
function LogExport({ params, total }: { params: Record<string, string | undefined>; total: number }) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const run = async () => {
    const wanted = Math.min(total, LOG_EXPORT_CAP);
    const rows: AuditLogEntry[] = [];
    setMessage(null);
    setProgress({ done: 0, total: wanted });
    try {
      for (let p = 1; rows.length < wanted; p++) {
        const res = await apiFetch<Collection<AuditLogEntry>>(logPath({ ...params, page: p, pageSize: 200 }));
        rows.push(...res.items);
        setProgress({ done: Math.min(rows.length, wanted), total: wanted });
        if (res.items.length < 200) break;
      }
      const csv = toCsv(
        ['at', 'actor', 'action', 'target', 'object', 'outcome', 'detail', 'before', 'after'],
        rows.slice(0, wanted).map((e) => [e.at, e.actor, e.action, e.target, e.object, e.outcome, e.detail, e.before ? JSON.stringify(e.before) : '', e.after ? JSON.stringify(e.after) : '']),
      );
      const href = URL.createObjectURL(new Blob([`\ufeff${csv}`], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = href;
      a.download = `system-log-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      setMessage(total > LOG_EXPORT_CAP ? t('admin.log.exportCapped', { count: wanted }) : t('admin.log.exported', { count: wanted }));
    } catch (e) {
      setMessage(t('admin.log.exportFailed', { detail: problemText(e) }));
    } finally {
      setProgress(null);
    }
  };
  return (
    <div className="export">
      <button type="button" className="button secondary" disabled={progress !== null || total === 0} onClick={() => void run()}>
        {t('admin.log.export')}
      </button>
      <span role="status" className="muted">
        {progress ? t('admin.log.exporting', { done: progress.done, total: progress.total }) : message || t('admin.log.exportNote', { cap: LOG_EXPORT_CAP })}
      </span>
    </div>
  );
}
