import { HttpResponse } from 'msw';
import { findRole, mayUseInteractiveSignIn, principalOf } from '../../src/access/model';
import type { SessionInfo } from '../../src/api/types';
import { SIGN_IN_TRIES, type Store } from '../db/store';
import { tooManyTries } from './stepUp';
import { accountInTenant, endpoint, fieldErrors, problem, readJsonObject, SESSION_COOKIE } from './http';
import { DEFAULT_TENANT_ID, type Account } from '../db/schema';

// On a real backend the cookie is also Secure; the mock serves plain http on localhost.
const cookie = (value: string, maxAge?: number) =>
  `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict${maxAge !== undefined ? `; Max-Age=${maxAge}` : ''}`;

function sessionInfo(store: Store, account: Account, tenantId: string): SessionInfo {
  const person = store.db.persons.find((p) => p.id === account.personId);
  const tenant = store.db.tenants.get(tenantId);
  const { rights, permissions } = principalOf(account.roles);
  return {
    user: { id: account.id, username: account.username, displayName: person?.displayName ?? account.username },
    roles: account.roles.filter((r) => findRole(r)),
    rights: [...rights],
    permissions: [...permissions],
    tenant: { id: tenantId, name: tenant?.name ?? tenantId },
  };
}

export function sessionHandlers(store: Store) {
  return [
    endpoint(store, 'post', '/session', 'public', async ({ request }) => {
      const body = await readJsonObject(request, 'Send a JSON object with username and password.');
      if (body instanceof Response) return body;
      const { username, password, tenant } = body;
      const fields = fieldErrors();
      const { errors } = fields;
      if (typeof username !== 'string' || !username.trim()) fields.set('username', 'required', 'Enter your username.');
      else if (username.length > 200) fields.set('username', 'too-long', 'A username has at most 200 characters.');
      if (typeof password !== 'string' || !password) fields.set('password', 'required', 'Enter your password.');
      // No tenant chosen: the default tenant (a console with one tenant shows no picker).
      const tenantId = tenant === undefined || tenant === null ? DEFAULT_TENANT_ID : typeof tenant === 'string' ? tenant : '';
      if (!store.db.tenants.get(tenantId)) fields.set('tenant', 'unknown', 'Choose one of the tenants.');
      if (Object.keys(errors).length) {
        return problem(422, 'Invalid request', errors.tenant && Object.keys(errors).length === 1 ? 'There is no such tenant.' : 'Username and password are required.', { errors, errorCodes: fields.errorCodes });
      }
      const name = (username as string).trim().toLowerCase();
      const guard = store.guards.signIn;
      // A locked-out username is refused before its password is looked at: the right one waits too.
      const wait = guard.retryAfter(name);
      if (wait) {
        store.audit({ actor: name, action: 'sign-in', target: 'session', outcome: 'denied', detail: 'locked out after too many failed sign-ins', tenantId });
        return tooManyTries(wait, 'failed sign-ins for this username');
      }
      const failed = (outcome: 'failed' | 'denied', detail?: string) => {
        store.audit({ actor: name, action: 'sign-in', target: 'session', outcome, ...(detail ? { detail } : {}), tenantId });
        const locked = guard.fail(name);
        if (locked) {
          store.audit({ actor: name, action: 'sign-in-lockout', target: `username ${name}`, outcome: 'denied', detail: `locked for ${locked} s after ${SIGN_IN_TRIES} failed sign-ins`, tenantId });
          return tooManyTries(locked, 'failed sign-ins for this username');
        }
        return problem(401, 'Sign-in failed', 'The username or password is not correct.');
      };
      const account = store.db.accounts.find((a) => a.username === name);
      // One answer for an unknown user and a wrong password (and one count), so sign-in does not reveal who exists.
      if (!account || account.password !== password) return failed('failed');
      // The same answer as a wrong password, so sign-in does not reveal who works in which tenant.
      if (!accountInTenant(account, tenantId)) return failed('denied', `not a member of tenant ${tenantId}`);
      guard.succeed(name);
      if (account.status !== 'Active') {
        store.audit({ actor: name, action: 'sign-in', target: 'session', outcome: 'denied', detail: 'account inactive', tenantId });
        return problem(403, 'Account inactive', 'This account is not active. Ask the helpdesk to activate it.');
      }
      // Deactivation withdraws every role; an active account may also have had its last one removed.
      if (!account.roles.length) {
        store.audit({ actor: name, action: 'sign-in', target: 'session', outcome: 'denied', detail: 'no roles', tenantId });
        return problem(403, 'No roles', 'This account holds no roles. Ask an administrator to assign one.');
      }
      if (!mayUseInteractiveSignIn(account.roles)) {
        store.audit({ actor: name, action: 'sign-in', target: 'session', outcome: 'denied', detail: 'system account', tenantId });
        return problem(403, 'System account', 'This is a system account for batch synchronisation; it cannot sign in interactively.');
      }
      const id = crypto.randomUUID();
      store.commit({ kind: 'session.create', id, accountId: account.id, at: new Date().toISOString(), tenantId });
      store.audit({ actor: name, action: 'sign-in', target: 'session', outcome: 'success', tenantId });
      return HttpResponse.json(sessionInfo(store, account, tenantId), { headers: { 'Set-Cookie': cookie(id) } });
    }),
    endpoint(store, 'get', '/session', { signedIn: true }, ({ account, tenantId }) => HttpResponse.json(sessionInfo(store, account, tenantId))),
    endpoint(store, 'delete', '/session', { signedIn: true }, ({ cookies, account, tenantId }) => {
      const id = cookies[SESSION_COOKIE];
      if (id) store.commit({ kind: 'session.delete', id });
      store.audit({ actor: account.username, action: 'sign-out', target: 'session', outcome: 'success', tenantId });
      return new HttpResponse(null, { status: 204, headers: { 'Set-Cookie': cookie('', 0) } });
    }),
  ];
}

