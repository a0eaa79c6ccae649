/** The mobile ID administrator: who may use mobile IDs, and locking them. */
import { HttpResponse } from 'msw';
import { can, type Permission, type Principal } from '../../../src/access/model';
import type { Credential, MobileIdUserAction, MobileIdUserRow, Person } from '../../../src/api/types';
import { MOBILE_ID_LOCK_REASONS, MOBILE_ID_USER_ROLE } from '../../domain/digitalId';
import { endpoint, inTenant, paginate, problem, readJsonObject, readPageQuery } from '../http';
import { type DigitalIdContext } from './context';

export function mobileIdHandlers(c: DigitalIdContext) {
  const { store, db, personView, accountOf, accountView, audit, denied, anyOf, searchPersons, credentialsOf, grantRole, history } = c;
  const mobileRow = (p: Person, mobileIds: Credential[], principal: Principal): MobileIdUserRow => {
    const account = accountOf(p.id);
    const holds = !!account?.roles.includes(MOBILE_ID_USER_ROLE);
    const actions: MobileIdUserAction[] = [];
    if (can(principal, 'mobile-id:enable-user')) {
      if (!holds && p.status === 'Active') actions.push('enable');
      if (holds) actions.push('disable');
    }
    if (can(principal, 'mobile-id:lock') && mobileIds.some((c) => c.status === 'Active')) actions.push('lock');
    return { person: personView(p), account: accountView(account), mobileIdUser: holds, mobileIds, allowedActions: actions, lockReasons: actions.includes('lock') ? [...MOBILE_ID_LOCK_REASONS] : [] };
  };

  return [
    endpoint(store, 'get', '/digital-id/mobile-id-users', { right: 'Digital ID' }, (ctx) => {
      if (!anyOf(ctx.principal, ['mobile-id:enable-user', 'mobile-id:lock'])) return denied(ctx, 'mobile-id.list', 'mobile-id-users', 'mobile-id:enable-user');
      const pq = readPageQuery(ctx, ['displayName', 'personalId']);
      if (pq instanceof Response) return pq;
      const page = paginate(searchPersons(ctx.tenantId, pq.q), pq);
      const creds = credentialsOf(page.items, 'mobile-id');
      return HttpResponse.json({ ...page, items: page.items.map((p) => mobileRow(p, creds.get(p.id) ?? [], ctx.principal)) });
    }),

    endpoint(store, 'post', '/digital-id/mobile-id-users/:personId/actions/:action', { right: 'Digital ID' }, async (ctx) => {
      const personId = String(ctx.params.personId);
      const action = String(ctx.params.action);
      if (!['enable', 'disable', 'lock'].includes(action)) return problem(404, 'Not found', `There is no action “${action}” for mobile ID users.`);
      const permission: Permission = action === 'lock' ? 'mobile-id:lock' : 'mobile-id:enable-user';
      const target = `person ${personId}`;
      if (!can(ctx.principal, permission)) return denied(ctx, `mobile-id.${action}`, target, permission);
      const person = db().persons.get(personId);
      if (!person || !inTenant(person, ctx.tenantId)) return problem(404, 'Not found', 'There is no such person.');
      const fail = (status: number, title: string, detail: string, extra = {}) => {
        audit(ctx, `mobile-id.${action}`, target, 'failed', detail);
        return problem(status, title, detail, extra);
      };
      const account = accountOf(personId);
      const holds = !!account?.roles.includes(MOBILE_ID_USER_ROLE);
      if (action === 'enable') {
        if (person.status !== 'Active') return fail(409, 'Not possible in this state', `${person.displayName} is ${person.status}; only active persons can be enabled for mobile ID.`, { currentStatus: person.status });
        if (holds) return fail(409, 'Not possible now', `${person.displayName} is already enabled for mobile ID.`);
        grantRole(person, MOBILE_ID_USER_ROLE);
      } else if (action === 'disable') {
        if (!account || !holds) return fail(409, 'Not possible now', `${person.displayName} is not enabled for mobile ID.`);
        store.put('accounts', { ...account, roles: account.roles.filter((r) => r !== MOBILE_ID_USER_ROLE), version: (account.version ?? 1) + 1 });
      } else {
        const read = await readJsonObject(ctx.request);
        if (read instanceof Response) return read;
        const reason = read.reason;
        if (typeof reason !== 'string' || !(MOBILE_ID_LOCK_REASONS as readonly string[]).includes(reason)) {
          return problem(422, 'Reason required', 'Choose a reason from the list.', { errors: { reason: `Choose one of: ${MOBILE_ID_LOCK_REASONS.join(', ')}.` }, errorCodes: { reason: 'required' } });
        }
        const active = db().credentials.filter((c) => c.personId === personId && c.kind === 'mobile-id' && c.status === 'Active');
        if (!active.length) {
          // The state that refuses the lock: of the newest mobile ID past creation (Registered is a creation in progress).
          const mine = db().credentials.filter((c) => c.personId === personId && c.kind === 'mobile-id');
          const latest = mine.filter((c) => c.status !== 'Registered').pop() ?? mine.pop();
          return fail(409, 'Not possible in this state', `${person.displayName} has no active mobile ID to lock.`, latest ? { currentStatus: latest.status } : {});
        }
        // Locked is final (DOMAIN §3.5); the mobile ID's certificates are revoked with it.
        for (const c of active) {
          store.put('credentials', { ...c, status: 'Locked', version: c.version + 1 });
          history(ctx, c.id, 'lock', 'Active', 'Locked', reason);
        }
        audit(ctx, 'mobile-id.lock', target, 'success', `${active.map((c) => c.id).join(', ')} locked: ${reason}`);
        return HttpResponse.json(mobileRow(person, db().credentials.filter((c) => c.personId === personId && c.kind === 'mobile-id'), ctx.principal));
      }
      audit(ctx, `mobile-id.${action}`, target, 'success', `${action === 'enable' ? 'granted' : 'removed'} ${MOBILE_ID_USER_ROLE}`);
      return HttpResponse.json(mobileRow(person, db().credentials.filter((c) => c.personId === personId && c.kind === 'mobile-id'), ctx.principal));
    }),
  ];
}
