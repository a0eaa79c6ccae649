import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Service, ServiceAction } from '../../api/types';
import { formatDateTime, t } from '../../i18n';
import { QueryState } from '../../ui/QueryState';
import { SimpleTable } from '../../ui/SimpleTable';
import { StatusBadge } from '../../ui/StatusBadge';
import { notify } from '../../ui/toast';
import { adminKeys, formatDuration, problemText, runServiceAction, servicesQuery } from './api';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

const ACTION_LABEL: Record<ServiceAction, 'admin.service.start' | 'admin.service.stop' | 'admin.service.restart'> = {
  start: 'admin.service.start',
  stop: 'admin.service.stop',
  restart: 'admin.service.restart',
};
const ACTION_EFFECT: Record<ServiceAction, 'admin.service.startEffect' | 'admin.service.stopEffect' | 'admin.service.restartEffect'> = {
  start: 'admin.service.startEffect',
  stop: 'admin.service.stopEffect',
  restart: 'admin.service.restartEffect',
};

/** The services of the installation with Start, Stop and Restart as the backend allows them. */
export function ServicesPanel() {
  const query = useQuery(servicesQuery());
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState<{ service: Service; action: ServiceAction } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const act = useMutation({
    mutationFn: ({ service, action }: { service: Service; action: ServiceAction }) => runServiceAction(service, action),
    onSuccess: (fresh, { action }) => {
      qc.setQueryData(adminKeys.services, (prev: typeof query.data) => prev && { ...prev, items: prev.items.map((s) => (s.id === fresh.id ? fresh : s)) });
      void qc.invalidateQueries({ queryKey: adminKeys.services });
      setConfirming(null);
      notify(t('admin.service.done', { action: t(ACTION_LABEL[action]), name: fresh.name }));
      // The pressed button is gone while the service is Starting or Stopping: focus goes to the heading.
      setTimeout(() => headingRef.current?.focus(), 0);
    },
    onError: () => void qc.invalidateQueries({ queryKey: adminKeys.services }),
  });

  return (
    <section aria-labelledby="admin-services-heading">
      <h2 id="admin-services-heading" ref={headingRef} tabIndex={-1} className="admin-panel-heading">
        {t('admin.services')}
      </h2>
      <QueryState query={query}>
        {(data) => (
          <SimpleTable
            className="admin-table"
            caption={t('admin.services')}
            hiddenCaption
            columns={[t('admin.col.service'), t('admin.col.state'), t('admin.col.uptime'), t('admin.col.lastChange'), t('admin.col.actions')]}
            rows={data.items.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>
                  <StatusBadge status={s.state} />
                </td>
                <td>{s.uptimeSeconds === null ? '–' : formatDuration(s.uptimeSeconds)}</td>
                <td>
                  {formatDateTime(s.since)}
                  <span className="cell-note">{s.changedBy ? t('admin.service.by', { who: s.changedBy }) : t('admin.service.bySystem')}</span>
                </td>
                <td>
                  <div className="admin-row-actions">
                    {s.allowedActions.map((action) => (
                      <button
                        key={action}
                        type="button"
                        className={`button ${action === 'stop' ? 'danger' : 'secondary'}`}
                        aria-label={t('admin.service.actionOn', { action: t(ACTION_LABEL[action]), name: s.name })}
                        onClick={() => {
                          act.reset();
                          setConfirming({ service: s, action });
                        }}
                      >
                        {t(ACTION_LABEL[action])}
                      </button>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          />
        )}
      </QueryState>
      {confirming && (
        <ConfirmDialog
          title={t('admin.service.confirmTitle', { action: t(ACTION_LABEL[confirming.action]), name: confirming.service.name })}
          confirmLabel={t(ACTION_LABEL[confirming.action])}
          tone={confirming.action === 'start' ? 'primary' : 'danger'}
          pending={act.isPending}
          error={act.error ? problemText(act.error) : null}
          // The latest version read (polling may have moved it on since the dialog opened).
          onConfirm={() => act.mutate({ ...confirming, service: query.data?.items.find((x) => x.id === confirming.service.id) ?? confirming.service })}
          onClose={() => setConfirming(null)}
        >
          <p>{t(ACTION_EFFECT[confirming.action], { name: confirming.service.name })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
