import { http, HttpResponse, type HttpHandler } from 'msw';
import {
  can,
  meets,
  principalOf,
  mayUseInteractiveSignIn,
  type Permission,
  type Principal,
  type Requirement,
} from '../../src/access/model';
import type { Collection, FieldErrorCode, ServerProblem } from '../../src/api/types';
import type { Store } from '../db/store';
import { DEFAULT_TENANT_ID, type Account } from '../db/schema';
import { collator } from '../domain/collation';
import { PROBLEM_LANGUAGE, problemCode } from './problemCode';

export const API = '*/api/v1';
export const SESSION_COOKIE = 'prime_session';
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_VALUE = 'prime-console';

/**
 * A problem+json answer. It always carries a code (see problemCode) and, with field errors, a code per
 * field (`invalid` unless the caller names one), so a client can show its own text in its language.
 */
export function problem(status: number, title: string, detail?: string, extra: Partial<ServerProblem> = {}) {
  const errorCodes: ServerProblem['errorCodes'] = extra.errors ? { ...Object.fromEntries(Object.keys(extra.errors).map((field) => [field, 'invalid' as const])), ...extra.errorCodes } : undefined;
  const body: ServerProblem = { type: `/problems/${status}`, title, status, ...(detail ? { detail } : {}), ...extra, code: problemCode(title, extra), ...(errorCodes ? { errorCodes } : {}) };
  return HttpResponse.json(body, { status, headers: { 'Content-Type': 'application/problem+json', 'Content-Language': PROBLEM_LANGUAGE } });
}

/** Field errors as problem() sends them: a message and a code per field. */
export function fieldErrors() {
  const errors: Record<string, string> = {};
  const errorCodes: Record<string, FieldErrorCode> = {};
  return {
    errors,
    errorCodes,
    set(field: string, code: FieldErrorCode, message: string) {
      errors[field] = message;
      errorCodes[field] = code;
    },
  };
}

export interface PublicCtx {
  request: Request;
  url: URL;
  params: Record<string, string | readonly string[] | undefined>;
  cookies: Record<string, string>;
  store: Store;
}
export interface Ctx extends PublicCtx {
  account: Account;
  principal: Principal;
  /** The tenant of the session: every handler answers with this tenant's data only. */
  tenantId: string;
}

type Access = 'public' | Requirement | { permission: Permission; right: Requirement };
type Resolver<C> = (ctx: C) => Response | Promise<Response>;

export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Path below /api/v1, in MSW's syntax (`/persons/:id`). */
  path: string;
  access: Access;
}

/** Every endpoint the mock backend implements, for the tests that walk them all. */
export const ENDPOINTS: Endpoint[] = [];

/** Whether a record (a person, an audit entry, a process…) belongs to a tenant; no tenantId means the default tenant. */
export function inTenant(record: { tenantId?: string } | null | undefined, tenantId: string): boolean {
  return !!record && (record.tenantId ?? DEFAULT_TENANT_ID) === tenantId;
}

/** Whether an account may work in a tenant: `tenantIds` absent means the default tenant only, `*` every tenant. */
export function accountInTenant(account: Pick<Account, 'tenantIds'>, tenantId: string): boolean {
  const ids = account.tenantIds ?? [DEFAULT_TENANT_ID];
  return ids.includes('*') || ids.includes(tenantId);
}

export function sessionAccount(store: Store, cookies: Record<string, string>): Account | null {
  return sessionOf(store, cookies)?.account ?? null;
}

/** The signed-in account and the tenant its session was opened in, or null. */
export function sessionOf(store: Store, cookies: Record<string, string>): { account: Account; tenantId: string } | null {
  const found = usedSession(store, cookies);
  return found && found !== 'expired' ? found : null;
}

/**
 * The signed-in account of a request, its session's idle time restarted; `expired` when the session
 * ended now for lack of use (audited once, as the person's sign-out would be).
 */
function usedSession(store: Store, cookies: Record<string, string>): { account: Account; tenantId: string } | 'expired' | null {
  const sid = cookies[SESSION_COOKIE];
  if (!sid) return null;
  const before = store.db.sessions.get(sid);
  const session = store.useSession(sid);
  if (!session || !before) return null;
  const account = store.db.accounts.find((a) => a.id === before.accountId);
  if (session === 'expired') {
    const minutes = Math.round(store.sessionIdleMs / 60_000);
    const idle = minutes >= 1 ? `${minutes} min` : `${Math.round(store.sessionIdleMs / 1000)} s`;
    store.audit({ actor: account?.username ?? before.accountId, action: 'session-expired', target: 'session', outcome: 'success', detail: `not used for more than ${idle}`, tenantId: before.tenantId });
    return 'expired';
  }
  if (!account || account.status !== 'Active' || !mayUseInteractiveSignIn(account.roles)) return null;
  return { account, tenantId: session.tenantId };
}

/**
 * Declares an endpoint: CSRF check for non-GET, authentication (401), authorization through the
 * rights model (403, audited), then the resolver. Handlers never compare role names.
 */
export function endpoint(store: Store, method: Endpoint['method'], path: string, access: 'public', resolve: Resolver<PublicCtx>): HttpHandler;
export function endpoint(store: Store, method: Endpoint['method'], path: string, access: Exclude<Access, 'public'>, resolve: Resolver<Ctx>): HttpHandler;
export function endpoint(
  store: Store,
  method: Endpoint['method'],
  path: string,
  access: Access,
  resolve: Resolver<Ctx> | Resolver<PublicCtx>,
): HttpHandler {
  if (!ENDPOINTS.some((e) => e.method === method && e.path === path)) ENDPOINTS.push({ method, path, access });
  return http[method](`${API}${path}`, async ({ request, params, cookies }) => {
    if (method !== 'get' && request.headers.get(CSRF_HEADER) !== CSRF_VALUE) {
      return problem(403, 'Forbidden', `Requests that change data need the header ${CSRF_HEADER}: ${CSRF_VALUE}.`);
    }
    const url = new URL(request.url);
    if (access === 'public') {
      return (resolve as Resolver<PublicCtx>)({ request, url, params, cookies, store });
    }
    const session = usedSession(store, cookies);
    if (session === 'expired') return problem(401, 'Session ended', 'The session ended after a time without use; sign in again to continue.', { code: 'session-expired' });
    if (!session) return problem(401, 'Not signed in', 'Sign in to continue; the session is missing or has ended.', { code: 'not-signed-in' });
    const { account, tenantId } = session;
    const principal = principalOf(account.roles);
    const requirement: Requirement = 'permission' in access ? access.right : access;
    const target = `${method.toUpperCase()} /api/v1${path}`;
    if (!meets(principal, requirement)) {
      const right = 'right' in requirement ? requirement.right : undefined;
      store.audit({ actor: account.username, action: 'request', target, outcome: 'denied', detail: `missing right ${right}`, tenantId });
      return problem(403, 'Access denied', `This needs the right ${right}.`, right ? { missingRight: right } : {});
    }
    if ('permission' in access && !can(principal, access.permission)) {
      store.audit({ actor: account.username, action: 'request', target, outcome: 'denied', detail: `missing permission ${access.permission}`, tenantId });
      return problem(403, 'Access denied', `This needs the permission ${access.permission}.`, { missingPermission: access.permission });
    }
    return (resolve as Resolver<Ctx>)({ request, url, params, cookies, store, account, principal, tenantId });
  });
}

export interface PageQuery {
  page: number;
  pageSize: number;
  q: string;
  sort: { field: string; dir: 'asc' | 'desc' } | null;
  /** The language whose collation orders text (see sortLocale). */
  locale: string;
}

/**
 * The language a list's text sorts in: an explicit `sortLocale`, else the first language of
 * `Accept-Language` (by weight) that Intl knows, else English. Only the language is kept (`sv-SE` → `sv`),
 * so every Swedish variant shares one order.
 */
export function sortLocale(request: Request, url: URL): string {
  const known = (tag: string) => {
    try {
      const [found] = Intl.Collator.supportedLocalesOf(tag);
      return found ? new Intl.Locale(found).language : null;
    } catch {
      return null; // not a language tag
    }
  };
  const explicit = url.searchParams.get('sortLocale');
  if (explicit) return known(explicit) ?? 'en';
  const ranked = (request.headers.get('Accept-Language') ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((x) => x.tag && x.tag !== '*' && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const language = known(tag);
    if (language) return language;
  }
  return 'en';
}

/** Reads `q`, `page`, `pageSize` and `sort`; answers 422 for values outside the contract. */
export function readPageQuery({ url, request }: Pick<PublicCtx, 'url' | 'request'>, sortable: readonly string[]): PageQuery | Response {
  const errors: Record<string, string> = {};
  const page = Number(url.searchParams.get('page') ?? '1');
  const pageSize = Number(url.searchParams.get('pageSize') ?? '25');
  if (!Number.isInteger(page) || page < 1) errors.page = 'page must be a whole number from 1.';
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) errors.pageSize = 'pageSize must be a whole number from 1 to 200.';
  let sort: PageQuery['sort'] = null;
  const rawSort = url.searchParams.get('sort');
  if (rawSort) {
    const [field = '', dir = 'asc'] = rawSort.split(':');
    if (!sortable.includes(field) || (dir !== 'asc' && dir !== 'desc')) {
      errors.sort = `sort must be <field>:<asc|desc> with a field of ${sortable.join(', ')}.`;
    } else sort = { field, dir };
  }
  if (Object.keys(errors).length) return problem(422, 'Invalid query', 'Some query parameters are not valid.', { errors });
  return { page, pageSize, q: (url.searchParams.get('q') ?? '').trim().toLowerCase(), sort, locale: sortLocale(request, url) };
}

export function paginate<T>(items: readonly T[], pq: PageQuery): Collection<T> {
  let list = items as T[];
  if (pq.sort) {
    const { field, dir } = pq.sort;
    const sign = dir === 'asc' ? 1 : -1;
    const { compare } = collator(pq.locale);
    list = [...list].sort((a, b) => {
      const x = String((a as Record<string, unknown>)[field] ?? '');
      const y = String((b as Record<string, unknown>)[field] ?? '');
      return compare(x, y) * sign;
    });
  }
  const start = (pq.page - 1) * pq.pageSize;
  return { items: list.slice(start, start + pq.pageSize), total: list.length, page: pq.page, pageSize: pq.pageSize };
}

/**
 * Checks `If-Match` against the version the object has now: 'missing' (→ 428), 'stale' (→ 412) or 'ok'.
 * Accepts `"3"`, `W/"3"` and `3`.
 */
export function ifMatchState(request: Request, version: number): 'missing' | 'stale' | 'ok' {
  const ifMatch = request.headers.get('If-Match');
  if (!ifMatch) return 'missing';
  return ifMatch.replace(/^W\//, '').replace(/"/g, '') === String(version) ? 'ok' : 'stale';
}

export const preconditionRequired = () => problem(428, 'Precondition required', 'Send the version you loaded in an If-Match header.');

/**
 * The request body as a JSON object: an empty body is `{}`; anything else that is not a JSON object
 * (`null`, an array, a number, broken JSON) answers 422 with `errors.body`. Every handler reads its body
 * through this, so no handler ever meets a body of the wrong shape.
 */
export async function readJsonObject(request: Request, hint = 'Send a JSON object as the body.'): Promise<Record<string, unknown> | Response> {
  let text: string;
  try {
    text = await request.text();
  } catch {
    return problem(400, 'Bad request', 'The body could not be read.');
  }
  if (!text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  return problem(422, 'Invalid request', hint, { errors: { body: 'Send a JSON object.' } });
}

/**
 * Field errors for fields of the wrong type: `shape` names each optional field's type. A field that is
 * absent or `undefined` is fine; `null` is not a string.
 */
export function wrongTypes(body: Record<string, unknown>, shape: Record<string, 'string' | 'number' | 'boolean' | 'string[]'>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, type] of Object.entries(shape)) {
    const v = body[field];
    if (v === undefined) continue;
    const ok = type === 'string[]' ? Array.isArray(v) && v.every((x) => typeof x === 'string') : typeof v === type;
    if (!ok) errors[field] = type === 'string[]' ? `${field} must be a list of texts.` : `${field} must be a ${type === 'string' ? 'text' : type}.`;
  }
  return errors;
}

export const invalidFields = (errors: Record<string, string>) =>
  problem(422, 'Invalid request', Object.values(errors).join(' '), { errors });
