import { useState } from 'react';
import { apiFetch, ApiError, toQuery } from '../../api/client';
import type { Collection, SearchType } from '../../api/types';
import { t } from '../../i18n';
import { toCsv } from '../../ui/csv';
import { SEARCH_CONFIG } from './searchTypes';

/** At most this many rows go into one export; a larger result asks the person to narrow it. */
export const EXPORT_CAP = 5000;

/** Exports the whole current result (page by page from the backend) to a CSV file. */
export function ExportButton({ type, params, total }: { type: SearchType; params: Record<string, string | number | undefined>; total: number }) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const run = async () => {
    const config = SEARCH_CONFIG[type];
    const wanted = Math.min(total, EXPORT_CAP);
    const rows: Record<string, unknown>[] = [];
    setMessage(null);
    setProgress({ done: 0, total: wanted });
    try {
      for (let page = 1; rows.length < wanted; page++) {
        const res = await apiFetch<Collection<Record<string, unknown>>>(`/${type}${toQuery({ ...params, page, pageSize: 200 })}`);
        rows.push(...res.items);
        setProgress({ done: Math.min(rows.length, wanted), total: wanted });
        if (res.items.length < 200) break;
      }
      const csv = toCsv(
        config.columns.map((c) => t(c.header)),
        rows.slice(0, wanted).map((r) => config.columns.map((c) => c.text(r as never))),
      );
      const href = URL.createObjectURL(new Blob([`\ufeff${csv}`], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = href;
      a.download = `${type}-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      setMessage(total > EXPORT_CAP ? t('search.exportCapped', { count: wanted }) : t('search.exported', { count: wanted }));
    } catch (e) {
      setMessage(t('search.exportFailed', { detail: e instanceof ApiError ? (e.problem.detail ?? e.problem.title) : String(e) }));
    } finally {
      setProgress(null);
    }
  };
  return (
    <div className="export">
      <button type="button" className="button secondary" disabled={progress !== null || total === 0} onClick={() => void run()}>
        {t('search.export')}
      </button>
      <span role="status" className="muted">
        {progress ? t('search.exporting', { done: progress.done, total: progress.total }) : message}
      </span>
    </div>
  );
}
