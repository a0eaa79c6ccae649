import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { Process } from '../../api/types';
import { formatDateTime, t, tDynamic } from '../../i18n';
import { QueryState } from '../../ui/QueryState';
import { SimpleTable } from '../../ui/SimpleTable';
import { notify } from '../../ui/toast';
import { adminKeys, killProcess, problemText, processesQuery } from './api';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

/** The running processes and jobs; Kill asks first. */
export function ProcessesPanel() {
  const query = useQuery(processesQuery());
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState<Process | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const kill = useMutation({
    mutationFn: (p: Process) => killProcess(p.id),
    onSuccess: (_, p) => {
      setConfirming(null);
      notify(t('admin.process.killed', { name: p.name }));
      void qc.invalidateQueries({ queryKey: adminKeys.all });
      // The row and its button are gone: focus goes to the heading.
      setTimeout(() => headingRef.current?.focus(), 0);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: adminKeys.processes });
    },
  });
  return (
    <section aria-labelledby="admin-processes-heading">
      <h2 id="admin-processes-heading" ref={headingRef} tabIndex={-1} className="admin-panel-heading">
        {t('admin.processes')}
      </h2>
      <QueryState query={query}>
        {(data) => (
          <SimpleTable
            className="admin-table"
            caption={t('admin.processes')}
            hiddenCaption
            columns={[t('admin.col.process'), t('admin.col.kind'), t('admin.col.owner'), t('admin.col.started'), t('admin.col.progress'), t('admin.col.actions')]}
            empty={t('admin.process.none')}
            rows={data.items.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{tDynamic(`admin.process.kind.${p.kind}`, p.kind)}</td>
                <td>{p.owner}</td>
                <td>{formatDateTime(p.startedAt)}</td>
                <td>
                  <progress className="admin-progress" max={100} value={p.progress} aria-label={t('admin.process.progressOf', { name: p.name })} />{' '}
                  {t('admin.percent', { n: p.progress })}
                </td>
                <td>
                  {p.allowedActions.includes('kill') && (
                    <button type="button" className="button danger" aria-label={t('admin.process.killOne', { name: p.name })} onClick={() => { kill.reset(); setConfirming(p); }}>
                      {t('admin.process.kill')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          />
        )}
      </QueryState>
      {confirming && (
        <ConfirmDialog
          title={t('admin.process.confirmTitle', { name: confirming.name })}
          confirmLabel={t('admin.process.kill')}
          tone="danger"
          pending={kill.isPending}
          error={kill.error ? problemText(kill.error) : null}
          onConfirm={() => kill.mutate(confirming)}
          onClose={() => setConfirming(null)}
        >
          <p>{tDynamic(`admin.process.effect.${confirming.kind}`, '')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
