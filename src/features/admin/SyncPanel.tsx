import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../access/model';
import { useSession } from '../../access/session';
import { formatDateTime, t } from '../../i18n';
import { QueryState } from '../../ui/QueryState';
import { SimpleTable } from '../../ui/SimpleTable';
import { StatusBadge } from '../../ui/StatusBadge';
import { notify } from '../../ui/toast';
import { adminKeys, problemText, startSyncRun, syncRunsQuery } from './api';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

/** Runs of the Batch sync account importing identities from the directory; start one with service:start. */
export function SyncPanel() {
  const query = useQuery(syncRunsQuery());
  const { data: session } = useSession();
  const mayStart = can(session, 'service:start');
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const start = useMutation({
    mutationFn: startSyncRun,
    onSuccess: (run) => {
      setConfirming(false);
      notify(t('admin.sync.started', { id: run.id }));
      void qc.invalidateQueries({ queryKey: adminKeys.syncRuns });
      void qc.invalidateQueries({ queryKey: adminKeys.processes });
    },
    onError: () => void qc.invalidateQueries({ queryKey: adminKeys.syncRuns }),
  });
  const running = query.data?.items.find((r) => r.status === 'Running');

  return (
    <section aria-labelledby="admin-sync-heading">
      <h2 id="admin-sync-heading">{t('admin.sync')}</h2>
      <p className="muted">{t('admin.sync.intro')}</p>
      {mayStart && (
        <p>
          <button type="button" className="button primary" disabled={!!running} onClick={() => { start.reset(); setConfirming(true); }}>
            {t('admin.sync.start')}
          </button>
        </p>
      )}
      <div role="status" className="admin-sync-status">
        {running && (
          <>
            <label htmlFor="admin-sync-progress">{t('admin.sync.running', { id: running.id })}</label>{' '}
            <progress id="admin-sync-progress" className="admin-progress" max={100} value={running.progress} /> {t('admin.percent', { n: running.progress })}
          </>
        )}
      </div>
      <QueryState query={query}>
        {(data) => (
          <SimpleTable
            className="admin-table"
            caption={t('admin.sync.runs')}
            hiddenCaption
            columns={[
              t('admin.col.run'),
              t('admin.col.state'),
              t('admin.col.started'),
              t('admin.col.startedBy'),
              t('admin.col.created'),
              t('admin.col.updated'),
              t('admin.col.deactivated'),
              t('admin.col.errors'),
            ]}
            empty={t('admin.sync.none')}
            rows={data.items.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.id}
                  <span className="cell-note">{r.source}</span>
                </th>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td>
                  {formatDateTime(r.startedAt)}
                  {r.finishedAt && <span className="cell-note">{t('admin.sync.finishedAt', { at: formatDateTime(r.finishedAt) })}</span>}
                </td>
                <td>
                  {r.startedBy}
                  <span className="cell-note">{t('admin.sync.runAs', { account: r.runAs })}</span>
                </td>
                <td>{r.created}</td>
                <td>{r.updated}</td>
                <td>{r.deactivated}</td>
                <td>
                  {r.errors.length === 0 ? (
                    '0'
                  ) : (
                    <details>
                      <summary>{t('admin.sync.errorCount', { count: r.errors.length })}</summary>
                      <ul className="admin-errors">
                        {r.errors.map((e) => (
                          <li key={e.identity}>
                            <strong>{e.identity}</strong>: {e.message}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          />
        )}
      </QueryState>
      {confirming && (
        <ConfirmDialog
          title={t('admin.sync.confirmTitle')}
          confirmLabel={t('admin.sync.start')}
          pending={start.isPending}
          error={start.error ? problemText(start.error) : null}
          onConfirm={() => start.mutate()}
          onClose={() => setConfirming(false)}
        >
          <p>{t('admin.sync.effect')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
