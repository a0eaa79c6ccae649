import { HttpResponse } from 'msw';
import type { CredentialStatus, DigitalIdOverview } from '../../src/api/types';
import type { Store } from '../db/store';
import { endpoint } from './http';

/** Digital ID officers: mobile ID and software token administration, servers and server certificates. */
export function digitalIdHandlers(store: Store) {
  return [
    endpoint(store, 'get', '/digital-id/overview', { right: 'Digital ID' }, () => {
      const count = (kind: string): Record<CredentialStatus, number> => {
        const out: Record<CredentialStatus, number> = { Registered: 0, Active: 0, Inactive: 0, Locked: 0 };
        for (const c of store.db.credentials.all()) if (c.kind === kind) out[c.status] += 1;
        return out;
      };
      const overview: DigitalIdOverview = {
        mobileIds: count('mobile-id'),
        virtualSmartCards: count('virtual-smart-card'),
        softwareTokens: count('software-token'),
        servers: store.db.servers,
        pendingServerCertificateRequests: store.db.pendingServerCertificateRequests,
      };
      return HttpResponse.json(overview);
    }),
  ];
}
