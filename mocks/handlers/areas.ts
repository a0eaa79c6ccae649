import { HttpResponse } from 'msw';
import { rightsOfRole, ROLES } from '../../src/access/model';
import type {
  CredentialStatus,
  DigitalIdOverview,
  PersonRef,
  RoleInfo,
  SelfServiceMe,
  User,
} from '../../src/api/types';
import type { Store } from '../db/store';
import { endpoint, paginate, problem, readPageQuery } from './http';

export function areaHandlers(store: Store) {
  const ref = (personId: string): PersonRef => {
    const p = store.db.persons.get(personId);
    return { id: personId, displayName: p?.displayName ?? 'Unknown person' };
  };

  return [
    endpoint(store, 'get', '/admin/services', { right: 'Admin' }, ({ url }) => {
      const pq = readPageQuery(url, ['name', 'state']);
      if (pq instanceof Response) return pq;
      return HttpResponse.json(paginate(store.db.services.all(), pq));
    }),

    endpoint(store, 'get', '/roles', { right: 'Roles' }, ({ url }) => {
      const pq = readPageQuery(url, ['name', 'area']);
      if (pq instanceof Response) return pq;
      const items: RoleInfo[] = ROLES.map((r) => ({
        id: r.id,
        name: r.name,
        area: r.area,
        description: r.description,
        designer: typeof r.designer === 'string' ? r.designer : r.designer.join(', '),
        explorer: typeof r.explorer === 'string' ? r.explorer : r.explorer.join(', '),
        rights: rightsOfRole(r),
        permissions: [...r.permissions],
        assignableToPerson: r.assignableToPerson,
      }));
      return HttpResponse.json(paginate(items, { ...pq, pageSize: Math.max(pq.pageSize, items.length) }));
    }),

    endpoint(store, 'get', '/users', { right: 'User Administration' }, ({ url }) => {
      const pq = readPageQuery(url, ['username', 'displayName', 'status']);
      if (pq instanceof Response) return pq;
      const items: User[] = store.db.accounts
        .all()
        .map((a) => ({ id: a.id, username: a.username, displayName: ref(a.personId).displayName, status: a.status, roles: a.roles }))
        .filter((u) => !pq.q || u.username.includes(pq.q) || u.displayName.toLowerCase().includes(pq.q));
      return HttpResponse.json(paginate(items, pq.sort ? pq : { ...pq, sort: { field: 'username', dir: 'asc' } }));
    }),

    endpoint(store, 'get', '/self-service/me', { right: 'Self-Service' }, ({ account }) => {
      const person = store.db.persons.find((p) => p.id === account.personId);
      if (!person) return problem(404, 'Not found', 'No person record is linked to this account.');
      const me: SelfServiceMe = {
        person,
        cards: store.db.cards.filter((c) => c.personId === person.id),
        certificates: store.db.certificates.filter((c) => c.personId === person.id),
        credentials: store.db.credentials.filter((c) => c.personId === person.id),
      };
      return HttpResponse.json(me);
    }),

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
