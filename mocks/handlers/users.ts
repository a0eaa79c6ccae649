import { HttpResponse } from 'msw';
import { rightsOfRole, ROLES } from '../../src/access/model';
import type { PersonRef, RoleInfo, User } from '../../src/api/types';
import type { Store } from '../db/store';
import { endpoint, paginate, readPageQuery } from './http';

/** Roles (Designer right Roles) and User Administration (Designer right User Administration). */
export function userHandlers(store: Store) {
  const ref = (personId: string): PersonRef => {
    const p = store.db.persons.get(personId);
    return { id: personId, displayName: p?.displayName ?? 'Unknown person' };
  };

  return [
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
  ];
}
