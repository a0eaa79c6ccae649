import { HttpResponse } from 'msw';
import type { Store } from '../db/store';
import { endpoint, paginate, readPageQuery } from './http';

/** Admin: services, connectors, system log, processes and synchronisation runs (Explorer right Admin). */
export function adminHandlers(store: Store) {
  return [
    endpoint(store, 'get', '/admin/services', { right: 'Admin' }, ({ url }) => {
      const pq = readPageQuery(url, ['name', 'state']);
      if (pq instanceof Response) return pq;
      return HttpResponse.json(paginate(store.db.services.all(), pq));
    }),
  ];
}
