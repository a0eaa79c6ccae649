import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Tab, TabList, TabPanel, Tabs, type Key } from 'react-aria-components';
import { useSearchParams } from 'react-router-dom';
import { can, type Permission } from '../../access/model';
import { useSession } from '../../access/session';
import type { CredentialStatus, DigitalIdOverview, ServerCertificateStatus } from '../../api/types';
import { formatNumber, t, type MessageKey } from '../../i18n';
import { QueryState } from '../../ui/QueryState';
import { usePageTitle } from '../../ui/usePageTitle';
import { statusLabel } from '../../ui/StatusBadge';
import { overviewQuery } from './api';
import { ApprovalsTab } from './ApprovalsTab';
import { CertificatesTab } from './CertificatesTab';
import { MobileIdTab, SoftwareTokenTab } from './PersonTabs';
import { ServersTab } from './ServersTab';
import './digitalId.css';

const STATES: CredentialStatus[] = ['Active', 'Inactive', 'Locked', 'Registered'];
const CERT_STATES: ServerCertificateStatus[] = ['Pending approval', 'Valid', 'Revoked', 'Expired', 'Rejected'];
const KINDS: [keyof Pick<DigitalIdOverview, 'mobileIds' | 'virtualSmartCards' | 'softwareTokens'>, MessageKey][] = [
  ['mobileIds', 'digitalId.overview.mobileIds'],
  ['virtualSmartCards', 'digitalId.overview.vscs'],
  ['softwareTokens', 'digitalId.overview.tokens'],
];
const SERVER_PERMISSIONS: Permission[] = ['server:register', 'server-certificate:request', 'server:approve', 'server-certificate:approve', 'server-certificate:manage'];

function OverviewTab() {
  const query = useQuery(overviewQuery);
  return (
    <section aria-labelledby="did-overview-heading">
      <h2 id="did-overview-heading">{t('digitalId.tab.overview')}</h2>
      <QueryState query={query}>
        {(o) => (
          <>
            <dl className="stat-tiles">
              <div>
                <dt>{t('digitalId.overview.servers')}</dt>
                <dd>{formatNumber(o.servers)}</dd>
              </div>
              <div>
                <dt>{t('digitalId.overview.pendingCerts')}</dt>
                <dd>{formatNumber(o.pendingServerCertificateRequests)}</dd>
              </div>
            </dl>
            <table className="simple-table did-table">
              <caption>{t('digitalId.overview.credentials')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('digitalId.overview.credential')}</th>
                  {STATES.map((s) => (
                    <th scope="col" key={s}>
                      {statusLabel(s)}
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
            <table className="simple-table did-table">
              <caption>{t('digitalId.overview.certificates')}</caption>
              <tbody>
                <tr>
                  <th scope="row">{t('digitalId.overview.pendingServers')}</th>
                  <td>{formatNumber(o.pendingServerRegistrations)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('digitalId.overview.awaitingInstallation')}</th>
                  <td>{formatNumber(o.certificatesAwaitingInstallation)}</td>
                </tr>
                {CERT_STATES.map((s) => (
                  <tr key={s}>
                    <th scope="row">{t('digitalId.overview.certsIn', { status: statusLabel(s) })}</th>
                    <td>{formatNumber(o.serverCertificates[s])}</td>
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

interface DigitalIdTab {
  id: string;
  label: MessageKey;
  /** Any of these permissions shows the tab; none listed: every Digital ID officer. */
  permissions: Permission[];
  panel: () => ReactNode;
}

const TABS: DigitalIdTab[] = [
  { id: 'overview', label: 'digitalId.tab.overview', permissions: [], panel: () => <OverviewTab /> },
  { id: 'mobile-ids', label: 'digitalId.tab.mobileIds', permissions: ['mobile-id:enable-user', 'mobile-id:lock'], panel: () => <MobileIdTab /> },
  { id: 'software-tokens', label: 'digitalId.tab.softwareTokens', permissions: ['software-token:enable-user', 'software-token:start-request'], panel: () => <SoftwareTokenTab /> },
  { id: 'servers', label: 'digitalId.tab.servers', permissions: SERVER_PERMISSIONS, panel: () => <ServersTab /> },
  { id: 'certificates', label: 'digitalId.tab.certificates', permissions: SERVER_PERMISSIONS, panel: () => <CertificatesTab /> },
  { id: 'approvals', label: 'digitalId.tab.approvals', permissions: ['server:approve', 'server-certificate:approve'], panel: () => <ApprovalsTab /> },
];

/** The Digital ID view: a tab per officer area, each shown to the roles whose permissions it needs; the tab in the URL. */
export default function DigitalIdPage() {
  usePageTitle(t('digitalId.title'));
  const { data: session } = useSession();
  const [sp, setSp] = useSearchParams();
  const tabs = TABS.filter((x) => !x.permissions.length || x.permissions.some((p) => can(session, p)));
  const wanted = sp.get('tab');
  const selected = tabs.find((x) => x.id === wanted)?.id ?? tabs[0]!.id;
  const select = (key: Key) => {
    if (String(key) === selected) return;
    // Another tab's search and page do not belong to this one.
    setSp(new URLSearchParams(key === 'overview' ? {} : { tab: String(key) }));
  };
  return (
    <section className="digital-id">
      <h1>{t('digitalId.title')}</h1>
      <Tabs selectedKey={selected} onSelectionChange={select}>
        <TabList aria-label={t('digitalId.tabs')} className="did-tablist">
          {tabs.map((x) => (
            <Tab key={x.id} id={x.id} className="did-tab">
              {t(x.label)}
            </Tab>
          ))}
        </TabList>
        {tabs.map((x) => (
          <TabPanel key={x.id} id={x.id} className="did-tabpanel">
            {x.panel()}
          </TabPanel>
        ))}
      </Tabs>
    </section>
  );
}
