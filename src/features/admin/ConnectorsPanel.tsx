import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../access/model';
import { useSession } from '../../access/session';
import type { Connector, ConnectorTestResult, SettingValues } from '../../api/types';
import { formatDateTime, t, tDynamic } from '../../i18n';
import { QueryState } from '../../ui/QueryState';
import { SimpleTable } from '../../ui/SimpleTable';
import { StatusBadge } from '../../ui/StatusBadge';
import { adminKeys, connectorsQuery, problemText, testConnector } from './api';
import { ConnectorDialog } from './ConnectorDialog';

export const connectorTypeLabel = (type: string) => tDynamic(`admin.connector.type.${type}`, type);

/** Where a connector points, in one line: its URL, host and port, or file. */
function summary(c: Connector): string {
  const s: SettingValues = c.settings;
  if (s.url) return String(s.url);
  if (s.host) return `${String(s.host)}${s.port ? `:${String(s.port)}` : ''}`;
  return String(s.source ?? '');
}

function TestResult({ result }: { result: ConnectorTestResult | null }) {
  if (!result) return <span className="muted">{t('admin.connector.notTested')}</span>;
  return (
    <span className={result.ok ? 'admin-test-ok' : 'admin-test-failed'}>
      <strong>{result.ok ? t('admin.connector.testOk') : t('admin.connector.testFailed')}</strong> {result.message}
      <span className="cell-note">{formatDateTime(result.checkedAt)}</span>
    </span>
  );
}

/** The connectors of the tenant; configure and test them with the permission connector:configure. */
export function ConnectorsPanel() {
  const query = useQuery(connectorsQuery());
  const { data: session } = useSession();
  const mayConfigure = can(session, 'connector:configure');
  const qc = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const test = useMutation({
    mutationFn: (id: string) => testConnector(id),
    onSettled: () => void qc.invalidateQueries({ queryKey: adminKeys.connectors }),
  });

  return (
    <section aria-labelledby="admin-connectors-heading">
      <h2 id="admin-connectors-heading">{t('admin.connectors')}</h2>
      <p className="muted">{t('admin.connector.intro')}</p>
      <QueryState query={query}>
        {(data) => (
          <SimpleTable
            className="admin-table"
            caption={t('admin.connectors')}
            hiddenCaption
            columns={[t('admin.col.connector'), t('admin.col.type'), t('admin.col.target'), t('admin.col.lastTest'), mayConfigure && t('admin.col.actions')]}
            empty={t('admin.connector.none')}
            rows={data.items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  {c.name}
                  <span className="cell-note">
                    <StatusBadge status={c.enabled ? 'Enabled' : 'Disabled'} />
                  </span>
                </th>
                <td>{connectorTypeLabel(c.type)}</td>
                <td className="admin-break">{summary(c)}</td>
                <td>
                  <span role="status">
                    {test.isPending && test.variables === c.id ? (
                      t('admin.connector.testing')
                    ) : test.isError && test.variables === c.id ? (
                      <span className="admin-test-failed">{problemText(test.error)}</span>
                    ) : (
                      <TestResult result={test.data && test.variables === c.id ? test.data : c.lastTest} />
                    )}
                  </span>
                </td>
                {mayConfigure && (
                  <td>
                    <div className="admin-row-actions">
                      <button type="button" className="button secondary" aria-label={t('admin.connector.configureOne', { name: c.name })} onClick={() => setEditing(c.id)}>
                        {t('admin.connector.configure')}
                      </button>
                      <button
                        type="button"
                        className="button secondary"
                        aria-label={t('admin.connector.testOne', { name: c.name })}
                        disabled={test.isPending}
                        onClick={() => test.mutate(c.id)}
                      >
                        {t('admin.connector.test')}
                      </button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          />
        )}
      </QueryState>
      {editing && <ConnectorDialog id={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}
