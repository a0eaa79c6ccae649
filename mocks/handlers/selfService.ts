import { HttpResponse } from 'msw';
import type { SelfServiceMe } from '../../src/api/types';
import type { Store } from '../db/store';
import { endpoint, problem } from './http';

/** Self-Service of the self-service user: every endpoint touches only the caller's own objects. */
export function selfServiceHandlers(store: Store) {
  return [
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
  ];
}
