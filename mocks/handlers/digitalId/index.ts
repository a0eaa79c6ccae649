/** Digital ID officers: the overview, and the handlers of each resource (mobile IDs, software tokens, servers, certificates, approvals). */
import { HttpResponse } from 'msw';
import type { CredentialStatus, DigitalIdOverview, ServerCertificateStatus } from '../../../src/api/types';
import { endpoint, inTenant } from '../http';
import type { Store } from '../../db/store';
import { approvalHandlers } from './approvals';
import { serverCertificateHandlers } from './certificates';
import { CERT_STATUSES, digitalIdContext } from './context';
import { mobileIdHandlers } from './mobileIds';
import { serverHandlers } from './servers';
import { softwareTokenHandlers } from './softwareTokens';

export function digitalIdHandlers(store: Store) {
  const c = digitalIdContext(store);
  const { db } = c;
  return [
    endpoint(store, 'get', '/digital-id/overview', { right: 'Digital ID' }, ({ tenantId }) => {
      const count = (kind: string): Record<CredentialStatus, number> => {
        const out: Record<CredentialStatus, number> = { Registered: 0, Active: 0, Inactive: 0, Locked: 0 };
        for (const c of store.db.credentials.all()) if (c.kind === kind && inTenant(db().persons.get(c.personId), tenantId)) out[c.status] += 1;
        return out;
      };
      const servers = db().servers.filter((s) => inTenant(s, tenantId));
      const certs = db().serverCertificates.filter((c) => inTenant(c, tenantId));
      const byStatus = Object.fromEntries(CERT_STATUSES.map((s) => [s, certs.filter((c) => c.status === s).length])) as Record<ServerCertificateStatus, number>;
      const overview: DigitalIdOverview = {
        mobileIds: count('mobile-id'),
        virtualSmartCards: count('virtual-smart-card'),
        softwareTokens: count('software-token'),
        servers: servers.filter((s) => s.status === 'Approved').length,
        pendingServerRegistrations: servers.filter((s) => s.status === 'Pending approval').length,
        pendingServerCertificateRequests: byStatus['Pending approval'],
        serverCertificates: byStatus,
        certificatesAwaitingInstallation: certs.filter((c) => c.status === 'Valid' && !c.installedAt).length,
      };
      return HttpResponse.json(overview);
    }),
    ...mobileIdHandlers(c),
    ...softwareTokenHandlers(c),
    ...serverHandlers(c),
    ...serverCertificateHandlers(c),
    ...approvalHandlers(c),
  ];
}
