/** The software token administrator: who may hold software tokens, and starting a request for one. */
import { HttpResponse } from 'msw';
import { can, type Permission, type Principal } from '../../../src/access/model';
import type { Credential, Person, SoftwareTokenUserAction, SoftwareTokenUserRow } from '../../../src/api/types';
import { SOFTWARE_TOKEN_USER_ROLE } from '../../domain/digitalId';
import { endpoint, inTenant, paginate, problem, readPageQuery } from '../http';
import { type DigitalIdContext } from './context';

export function softwareTokenHandlers(c: DigitalIdContext) {
  const { store, db, now, personView, accountOf, accountView, audit, denied, anyOf, searchPersons, credentialsOf, grantRole } = c;
  const tokenRow = (p: Person, tokens: Credential[], principal: Principal): SoftwareTokenUserRow => {
    const account = accountOf(p.id);
    const holds = !!account?.roles.includes(SOFTWARE_TOKEN_USER_ROLE);
    const eligible = p.status === 'Active' && p.type === 'employee';
    const actions: SoftwareTokenUserAction[] = [];
    if (can(principal, 'software-token:enable-user') && eligible && !holds) actions.push('enable');
    if (can(principal, 'software-token:start-request') && eligible && holds && !tokens.some((t) => t.status === 'Registered')) actions.push('start-request');
    return { person: personView(p), account: accountView(account), softwareTokenUser: holds, softwareTokens: tokens, allowedActions: actions };
  };

  return [
    endpoint(store, 'get', '/digital-id/software-token-users', { right: 'Digital ID' }, (ctx) => {
      if (!anyOf(ctx.principal, ['software-token:enable-user', 'software-token:start-request'])) return denied(ctx, 'software-token.list', 'software-token-users', 'software-token:enable-user');
      const pq = readPageQuery(ctx, ['displayName', 'personalId']);
      if (pq instanceof Response) return pq;
      const page = paginate(searchPersons(ctx.tenantId, pq.q), pq);
      const creds = credentialsOf(page.items, 'software-token');
      return HttpResponse.json({ ...page, items: page.items.map((p) => tokenRow(p, creds.get(p.id) ?? [], ctx.principal)) });
    }),

    endpoint(store, 'post', '/digital-id/software-token-users/:personId/actions/:action', { right: 'Digital ID' }, (ctx) => {
      const personId = String(ctx.params.personId);
      const action = String(ctx.params.action);
      if (!['enable', 'start-request'].includes(action)) return problem(404, 'Not found', `There is no action “${action}” for software token users.`);
      const permission: Permission = action === 'enable' ? 'software-token:enable-user' : 'software-token:start-request';
      const target = `person ${personId}`;
      if (!can(ctx.principal, permission)) return denied(ctx, `software-token.${action}`, target, permission);
      const person = db().persons.get(personId);
      if (!person || !inTenant(person, ctx.tenantId)) return problem(404, 'Not found', 'There is no such person.');
      const fail = (detail: string, extra = {}) => {
        audit(ctx, `software-token.${action}`, target, 'failed', detail);
        return problem(409, 'currentStatus' in extra ? 'Not possible in this state' : 'Not possible now', detail, extra);
      };
      // DOMAIN §4: the administrator enables an active employee.
      if (person.status !== 'Active') return fail(`${person.displayName} is ${person.status}; software tokens are for active employees only.`, { currentStatus: person.status });
      if (person.type !== 'employee') return fail(`${person.displayName} is a ${person.type}; software tokens are for employees only.`);
      const holds = !!accountOf(personId)?.roles.includes(SOFTWARE_TOKEN_USER_ROLE);
      const tokens = () => db().credentials.filter((c) => c.personId === personId && c.kind === 'software-token');
      if (action === 'enable') {
        if (holds) return fail(`${person.displayName} is already enabled for software token self-service.`);
        grantRole(person, SOFTWARE_TOKEN_USER_ROLE);
        audit(ctx, 'software-token.enable', target, 'success', `granted ${SOFTWARE_TOKEN_USER_ROLE}`);
        return HttpResponse.json(tokenRow(person, tokens(), ctx.principal));
      }
      if (!holds) return fail(`${person.displayName} is not enabled for software token self-service; enable them first.`);
      const waiting = tokens().find((t) => t.status === 'Registered');
      if (waiting) return fail(`${person.displayName} already has a software token request waiting (${waiting.label}).`);
      // A Registered software token is a request waiting for its holder to accept the terms in Self-Service.
      const n = db().credentials.size + 1;
      const id = `cred-${String(n).padStart(6, '0')}`;
      store.put('credentials', { id, personId, kind: 'software-token', label: `Software token ${n}`, status: 'Registered', createdAt: now(), version: 1 });
      audit(ctx, 'software-token.start-request', target, 'success', `software token request ${id}`);
      return HttpResponse.json(tokenRow(person, tokens(), ctx.principal), { status: 201 });
    }),
  ];
}
