import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Tab, TabList, TabPanel, Tabs, type Key } from 'react-aria-components';
import { can, type Permission } from '../../access/model';
import { useSession } from '../../access/session';
import { t, type MessageKey } from '../../i18n';
import { usePageTitle } from '../../ui/usePageTitle';
import { ConnectorsPanel } from './ConnectorsPanel';
import { ProcessesPanel } from './ProcessesPanel';
import { ServicesPanel } from './ServicesPanel';
import { SyncPanel } from './SyncPanel';
import { SystemLogPanel } from './SystemLogPanel';
import { TenantsPanel } from './tenants/TenantsPanel';
import './admin.css';

interface AdminTab {
  id: string;
  label: MessageKey;
  /** The permission the tab's list needs; absent = the right Admin is enough. */
  permission?: Permission;
  panel: () => ReactNode;
}

const TABS: AdminTab[] = [
  { id: 'services', label: 'admin.services', panel: () => <ServicesPanel /> },
  { id: 'tenants', label: 'admin.tenants', panel: () => <TenantsPanel /> },
  { id: 'connectors', label: 'admin.connectors', panel: () => <ConnectorsPanel /> },
  { id: 'system-log', label: 'admin.systemLog', permission: 'system-log:read', panel: () => <SystemLogPanel /> },
  { id: 'processes', label: 'admin.processes', permission: 'process:list', panel: () => <ProcessesPanel /> },
  { id: 'sync', label: 'admin.sync', panel: () => <SyncPanel /> },
];

/** The Admin view: one tab per area, the selected tab in the URL (`?tab=`) so reload and back keep it. */
export default function AdminPage() {
  usePageTitle(t('admin.title'));
  const { data: session } = useSession();
  const [sp, setSp] = useSearchParams();
  const tabs = TABS.filter((x) => !x.permission || can(session, x.permission));
  const wanted = sp.get('tab');
  const selected = tabs.find((x) => x.id === wanted)?.id ?? tabs[0]!.id;
  const select = (key: Key) => {
    if (String(key) === selected) return;
    // Another tab's filters and page do not belong to this one.
    setSp(new URLSearchParams(key === 'services' ? {} : { tab: String(key) }));
  };
  return (
    <section className="admin">
      <h1>{t('admin.title')}</h1>
      <Tabs selectedKey={selected} onSelectionChange={select} className="admin-tabs">
        <TabList aria-label={t('admin.tabs')} className="admin-tablist">
          {tabs.map((x) => (
            <Tab key={x.id} id={x.id} className="admin-tab">
              {t(x.label)}
            </Tab>
          ))}
        </TabList>
        {tabs.map((x) => (
          <TabPanel key={x.id} id={x.id} className="admin-tabpanel">
            {x.panel()}
          </TabPanel>
        ))}
      </Tabs>
    </section>
  );
}
