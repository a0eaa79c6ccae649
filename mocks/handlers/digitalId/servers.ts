/** Servers: the persons a server can be the responsibility of, the list, and registering one. */
import { HttpResponse } from 'msw';
import { checkServerInput, type ServerRecord } from '../../domain/digitalId';
import { endpoint, inTenant, paginate, problem, readJsonObject, readPageQuery } from '../http';
import { SERVER_PERMISSIONS, type DigitalIdContext } from './context';

export function serverHandlers(c: DigitalIdContext) {
  const { store, db, now, personView, audit, denied, anyOf, searchPersons, serverView } = c;

  return [
    endpoint(store, 'get', '/digital-id/persons', { permission: 'server:register', right: { right: 'Digital ID' } }, (ctx) => {
      const pq = readPageQuery(ctx, ['displayName']);
      if (pq instanceof Response) return pq;
      const page = paginate(searchPersons(ctx.tenantId, pq.q, (p) => p.status === 'Active'), pq);
      return HttpResponse.json({ ...page, items: page.items.map(personView) });
    }),

    endpoint(store, 'get', '/digital-id/servers', { right: 'Digital ID' }, (ctx) => {
      if (!anyOf(ctx.principal, SERVER_PERMISSIONS)) return denied(ctx, 'server.list', 'servers', 'server:register');
      const pq = readPageQuery(ctx, ['commonName', 'status', 'createdAt']);
      if (pq instanceof Response) return pq;
      const status = ctx.url.searchParams.get('status');
      if (status && !['Pending approval', 'Approved', 'Rejected'].includes(status)) {
        return problem(422, 'Invalid query', 'Some query parameters are not valid.', { errors: { status: 'status must be one of Pending approval, Approved, Rejected.' } });
      }
      const q = pq.q;
      const items = db()
        .servers.filter((s) => inTenant(s, ctx.tenantId) && (!status || s.status === status) && (!q || s.commonName.includes(q) || s.sanDns.some((d) => d.includes(q)) || s.sanIps.some((ip) => ip.includes(q)) || s.location.toLowerCase().includes(q)))
        .reverse();
      const page = paginate(items, pq);
      return HttpResponse.json({ ...page, items: page.items.map((s) => serverView(s, ctx.principal)) });
    }),

    endpoint(store, 'post', '/digital-id/servers', { permission: 'server:register', right: { right: 'Digital ID' } }, async (ctx) => {
      const read = await readJsonObject(ctx.request);
      if (read instanceof Response) return read;
      const { value, errors, errorCodes } = checkServerInput(read, (id) => {
        const p = db().persons.get(id);
        if (!p || !inTenant(p, ctx.tenantId)) return 'There is no person with this id.';
        if (p.status !== 'Active') return `${p.displayName} is ${p.status}; a responsible person must be active.`;
        return null;
      });
      if (!errors.commonName && db().servers.find((s) => inTenant(s, ctx.tenantId) && s.status !== 'Rejected' && s.commonName === value.commonName)) {
        [errors.commonName, errorCodes.commonName] = [`A server ${value.commonName} is already registered.`, 'taken'];
      }
      if (Object.keys(errors).length) {
        audit(ctx, 'server.register', `server ${value.commonName || '(no name)'}`, 'failed', 'invalid input');
        return problem(422, 'Check the server', 'Some fields are not valid; nothing was registered.', { errors, errorCodes });
      }
      const { responsibles, ...names } = value;
      const server: ServerRecord = {
        id: `srv-${String(db().servers.size + 1).padStart(4, '0')}`,
        ...names,
        responsibleIds: responsibles,
        status: 'Pending approval',
        requestedById: ctx.account.personId,
        createdAt: now(),
        decidedById: null,
        decidedAt: null,
        rejectReason: null,
        version: 1,
        tenantId: ctx.tenantId,
      };
      store.put('servers', server);
      audit(ctx, 'server.register', server.id, 'success', `${server.commonName} registered, waiting for approval`);
      return HttpResponse.json(serverView(server, ctx.principal), { status: 201 });
    }),
  ];
}
