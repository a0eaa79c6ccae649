import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../api/client';
import type { CredentialStatus, DigitalIdOverview } from '../../api/types';
import { formatNumber, t, type MessageKey } from '../../i18n';
import { QueryState } from '../../ui/QueryState';
import { usePageTitle } from '../../ui/usePageTitle';

const overviewQuery = queryOptions({
  queryKey: ['digital-id', 'overview'],
  queryFn: ({ signal }) => apiFetch<DigitalIdOverview>('/digital-id/overview', { signal }),
});
const STATES: CredentialStatus[] = ['Active', 'Inactive', 'Locked', 'Registered'];
const KINDS: [keyof Pick<DigitalIdOverview, 'mobileIds' | 'virtualSmartCards' | 'softwareTokens'>, MessageKey][] = [
  ['mobileIds', 'digital.mobileIds'],
  ['virtualSmartCards', 'digital.vscs'],
  ['softwareTokens', 'digital.tokens'],
];

export default function DigitalIdPage() {
  usePageTitle(t('digital.title'));
  const query = useQuery(overviewQuery);
  return (
    <section>
      <h1>{t('digital.title')}</h1>
      <QueryState query={query}>
        {(o) => (
          <>
            <dl className="stat-tiles">
              <div>
                <dt>{t('digital.servers')}</dt>
                <dd>{formatNumber(o.servers)}</dd>
              </div>
              <div>
                <dt>{t('digital.pendingServerCerts')}</dt>
                <dd>{formatNumber(o.pendingServerCertificateRequests)}</dd>
              </div>
            </dl>
            <table className="simple-table">
              <caption>{t('digital.credentialCounts')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('col.credential')}</th>
                  {STATES.map((s) => (
                    <th scope="col" key={s}>
                      {s}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {KINDS.map(([k, label]) => (
                  <tr key={k}>
                    <th scope="row">{t(label)}</th>
                    {STATES.map((s) => (
                      <td key={s}>{formatNumber(o[k][s])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </QueryState>
    </section>
  );
}
