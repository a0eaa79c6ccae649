import { HttpResponse } from 'msw';
import { can, type Principal } from '../../src/access/model';
import type {
  Card,
  CardDetail,
  Certificate,
  CertificateDetail,
  Credential,
  CredentialDetail,
  HistoryEntry,
  Person,
  PersonDetail,
  PersonRef,
  RequestDetail,
  SearchType,
  TemporaryCard,
  TemporaryCardDetail,
} from '../../src/api/types';
import type { Account, Db, RequestRecord } from '../db/schema';
import type { Store } from '../db/store';
import { commitPlan, describeActions, plan, type Actionable, type ActionInput } from '../domain/actions';
import { ruleOf, stateAllows, type ObjectType } from '../domain/lifecycle';
import { checkFilters, search, sortFields } from '../domain/search';
import { personInTenant, tenantOfPerson } from '../domain/tenancy';
import { endpoint, ifMatchState, inTenant, preconditionRequired, invalidFields, problem, readJsonObject, readPageQuery, wrongTypes } from './http';

const SEARCH_TYPES: SearchType[] = ['persons', 'cards', 'temporary-cards', 'requests', 'certificates', 'mobile-ids', 'virtual-smart-cards', 'software-tokens'];
const ACTIONABLE: Partial<Record<SearchType, ObjectType>> = {
  persons: 'person',
  cards: 'card',
  'temporary-cards': 'temporary-card',
  certificates: 'certificate',
};
const CREDENTIAL_KIND: Partial<Record<SearchType, Credential['kind']>> = {
  'mobile-ids': 'mobile-id',
  'virtual-smart-cards': 'virtual-smart-card',
  'software-tokens': 'software-token',
};
const NOUN: Record<SearchType, string> = {
  persons: 'person',
  cards: 'card',
  'temporary-cards': 'temporary card',
  requests: 'request',
  certificates: 'certificate',
  'mobile-ids': 'mobile ID',
  'virtual-smart-cards': 'virtual smart card',
  'software-tokens': 'software token',
};

const ref = (db: Db, personId: string | null): PersonRef | null => {
  const p = personId ? db.persons.get(personId) : undefined;
  return p ? { id: p.id, displayName: p.displayName } : null;
};
const must = (r: PersonRef | null): PersonRef => r ?? { id: '', displayName: 'Unknown person' };
const certBrief = (db: Db, holderId: string) =>
  db.certificates.filter((c) => c.cardId === holderId).map((c) => ({ id: c.id, type: c.type, status: c.status }));

type Found =
  | { type: 'persons'; value: Person }
  | { type: 'cards'; value: Card }
  | { type: 'temporary-cards'; value: TemporaryCard }
  | { type: 'certificates'; value: Certificate }
  | { type: 'requests'; value: RequestRecord }
  | { type: 'credential'; value: Credential };

function find(db: Db, type: SearchType, id: string): Found | null {
  switch (type) {
    case 'persons': {
      const v = db.persons.get(id);
      return v ? { type, value: v } : null;
    }
    case 'cards': {
      const v = db.cards.get(id);
      return v ? { type, value: v } : null;
    }
    case 'temporary-cards': {
      const v = db.temporaryCards.get(id);
      return v ? { type, value: v } : null;
    }
    case 'certificates': {
      const v = db.certificates.get(id);
      return v ? { type, value: v } : null;
    }
    case 'requests': {
      const v = db.requests.get(id);
      return v ? { type, value: v } : null;
    }
    default: {
      const v = db.credentials.get(id);
      return v && v.kind === CREDENTIAL_KIND[type] ? { type: 'credential', value: v } : null;
    }
  }
}

/** The object, when it belongs to the tenant; another tenant's object is answered like a missing one. */
function findIn(db: Db, type: SearchType, id: string, tenantId: string): Found | null {
  const f = find(db, type, id);
  if (!f) return null;
  const tenant = f.type === 'persons' ? (inTenant(f.value, tenantId) ? tenantId : null) : tenantOfPerson(db, f.value.personId);
  return tenant === tenantId ? f : null;
}

const actionable = (f: Found): Actionable | null => {
  switch (f.type) {
    case 'persons':
      return { type: 'person', value: f.value };
    case 'cards':
      return { type: 'card', value: f.value };
    case 'temporary-cards':
      return { type: 'temporary-card', value: f.value };
    case 'certificates':
      return { type: 'certificate', value: f.value };
    default:
      return null;
  }
};

function label(f: Found): string {
  switch (f.type) {
    case 'persons':
      return f.value.displayName;
    case 'cards':
    case 'temporary-cards':
      return `card ${f.value.number}`;
    case 'certificates':
      return `certificate ${f.value.serialNumber}`;
    case 'requests':
      return `request ${f.value.id}`;
    case 'credential':
      return f.value.label;
  }
}

/** The object as the console shows it, with the actions this person may run on it now. */
function detail(db: Db, f: Found, principal: Principal, account: Account) {
  const actions = <T extends ObjectType>(obj: Extract<Actionable, { type: T }>) => ({ version: f.value.version, ...describeActions(db, obj, principal, account.personId) });
  const none = { version: f.value.version, allowedActions: [], actionDetails: {} };
  switch (f.type) {
    case 'persons': {
      const p = f.value;
      const body: PersonDetail = {
        ...p,
        ...actions({ type: 'person', value: p }),
        cards: db.cards.filter((c) => c.personId === p.id),
        temporaryCards: db.temporaryCards.filter((t) => t.personId === p.id),
        certificates: db.certificates.filter((c) => c.personId === p.id),
        credentials: db.credentials.filter((c) => c.personId === p.id),
        requests: db.requests.filter((r) => r.personId === p.id).map(({ requestedById, ...r }) => ({ ...r, requestedBy: must(ref(db, requestedById)) })),
      };
      return body;
    }
    case 'cards': {
      const body: CardDetail = { ...f.value, ...actions({ type: 'card', value: f.value }), holder: must(ref(db, f.value.personId)), certificates: certBrief(db, f.value.id) };
      return body;
    }
    case 'temporary-cards': {
      const body: TemporaryCardDetail = { ...f.value, ...actions({ type: 'temporary-card', value: f.value }), holder: ref(db, f.value.personId), certificates: certBrief(db, f.value.id) };
      return body;
    }
    case 'certificates': {
      const c = f.value;
      const card = c.cardId ? (db.cards.get(c.cardId) ?? db.temporaryCards.get(c.cardId)) : undefined;
      const body: CertificateDetail = { ...c, ...actions({ type: 'certificate', value: c }), holder: must(ref(db, c.personId)), cardNumber: card?.number ?? null };
      return body;
    }
    case 'requests': {
      const { requestedById, ...r } = f.value;
      const card = db.cards.get(r.cardId);
      const body: RequestDetail = {
        ...r,
        ...none,
        requestedBy: must(ref(db, requestedById)),
        holder: must(ref(db, r.personId)),
        card: { id: r.cardId, number: card?.number ?? '', status: card?.status ?? 'Registered' },
      };
      return body;
    }
    case 'credential': {
      const body: CredentialDetail = { ...f.value, ...none, holder: must(ref(db, f.value.personId)) };
      return body;
    }
  }
}

const json = (body: { version: number }) => HttpResponse.json(body, { headers: { ETag: `"${body.version}"` } });

/** The first entry of an object's history: when it came into the register. */
function origin(f: Found): HistoryEntry | null {
  const system = { username: 'batch-sync', displayName: 'Batch Synchronisation' };
  const at =
    f.type === 'persons' || f.type === 'requests' || f.type === 'credential'
      ? f.value.createdAt
      : f.type === 'cards'
        ? f.value.validFrom
        : null;
  if (!at) return null;
  return { id: `origin-${f.value.id}`, objectId: f.value.id, at, actor: system, action: f.type === 'persons' ? 'imported' : 'created', outcome: 'success' };
}

export function objectHandlers(store: Store) {
  const handlers = [];
  const actorOf = (account: Account) => ({
    username: account.username,
    displayName: store.db.persons.get(account.personId)?.displayName ?? account.username,
  });
  const refused = (objectId: string, account: Account, action: string, outcome: 'denied' | 'refused', detail: string, target: string, tenantId: string) => {
    store.put('history', { id: `h-${String(store.db.history.size + 1).padStart(8, '0')}`, objectId, at: new Date().toISOString(), actor: actorOf(account), action, outcome, detail });
    store.audit({ actor: account.username, action, target, outcome: outcome === 'denied' ? 'denied' : 'failed', detail, tenantId });
  };

  for (const type of SEARCH_TYPES) {
    handlers.push(
      endpoint(store, 'get', `/${type}`, { right: 'Extended Search' }, ({ url, request, tenantId }) => {
        const pq = readPageQuery({ url, request }, sortFields(type));
        if (pq instanceof Response) return pq;
        const { filters, errors } = checkFilters(type, url.searchParams);
        if (Object.keys(errors).length) return problem(422, 'Invalid query', 'Some search criteria are not valid.', { errors });
        return HttpResponse.json(search(store.db, type, { tenantId, q: pq.q, filters, sort: pq.sort, locale: pq.locale, page: pq.page, pageSize: pq.pageSize }));
      }),
      endpoint(store, 'get', `/${type}/:id`, { right: 'Extended Search' }, ({ params, principal, account, tenantId }) => {
        const f = findIn(store.db, type, String(params.id), tenantId);
        if (!f) return problem(404, 'Not found', `There is no such ${NOUN[type]}.`);
        return json(detail(store.db, f, principal, account));
      }),
      endpoint(store, 'get', `/${type}/:id/history`, { right: 'Extended Search' }, ({ params, tenantId }) => {
        const f = findIn(store.db, type, String(params.id), tenantId);
        if (!f) return problem(404, 'Not found', `There is no such ${NOUN[type]}.`);
        const entries = store.db.history.filter((h) => h.objectId === f.value.id);
        const first = origin(f);
        const items = [...(first ? [first] : []), ...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
        return HttpResponse.json({ items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) });
      }),
    );
    const objectType = ACTIONABLE[type];
    if (!objectType) continue;
    handlers.push(
      endpoint(store, 'post', `/${type}/:id/actions/:action`, { right: 'Extended Search' }, async ({ params, principal, account, request, tenantId }) => {
        const action = String(params.action);
        const target = `POST /api/v1/${type}/${String(params.id)}/actions/${action}`;
        const f = findIn(store.db, type, String(params.id), tenantId);
        if (!f) return problem(404, 'Not found', `There is no such ${NOUN[type]}.`);
        const rule = ruleOf(objectType, action);
        if (!rule) return problem(404, 'Not found', `A ${NOUN[type]} has no action “${action}”.`);
        if (!can(principal, rule.permission)) {
          refused(f.value.id, account, action, 'denied', `missing permission ${rule.permission}`, target, tenantId);
          return problem(403, 'Access denied', `This needs the permission ${rule.permission}.`, { missingPermission: rule.permission });
        }
        const current = f.value.version;
        const match = ifMatchState(request, current);
        if (match === 'missing') return preconditionRequired();
        if (match === 'stale') {
          refused(f.value.id, account, action, 'refused', 'changed since it was loaded', target, tenantId);
          return problem(412, 'Changed meanwhile', `This ${NOUN[type]} was changed by someone else since you loaded it. Reload it and try again.`, { currentVersion: current });
        }
        const status = f.value.status;
        if (!stateAllows(objectType, status, action)) {
          refused(f.value.id, account, action, 'refused', `not allowed in state ${status}`, target, tenantId);
          return problem(409, 'Not possible in this state', `The ${NOUN[type]} is ${status}; ${action.replace(/-/g, ' ')} is not possible in that state.`, { currentStatus: status });
        }
        const body = await readJsonObject(request);
        if (body instanceof Response) return body;
        const typeErrors = wrongTypes(body, { reason: 'string', personId: 'string' });
        if (Object.keys(typeErrors).length) return invalidFields(typeErrors);
        const input: ActionInput = body;
        if (rule.reasons && (!input.reason || !rule.reasons.includes(input.reason))) {
          return problem(422, 'Reason required', 'Choose a reason from the list.', { errors: { reason: `Choose one of: ${rule.reasons.join(', ')}.` }, errorCodes: { reason: 'required' } });
        }
        // A person of another tenant is no person here (a temporary card is assigned within its tenant).
        if (input.personId && !personInTenant(store.db, input.personId, tenantId)) {
          return problem(422, 'Invalid request', 'There is no such person.', { errors: { personId: 'There is no such person.' } });
        }
        const a = actionable(f)!;
        const planned = plan({ db: store.db, now: Date.now(), actorPersonId: account.personId }, a, action, input);
        if ('refused' in planned) {
          refused(f.value.id, account, action, 'refused', planned.detail, target, tenantId);
          return problem(planned.status, planned.status === 409 ? 'Not possible now' : 'Invalid request', planned.detail, planned.errors ? { errors: planned.errors } : {});
        }
        const after = planned.changes.find((c) => c.value.id === f.value.id)?.value as { status?: string } | undefined;
        commitPlan(store, planned, {
          objectId: f.value.id,
          action,
          actor: actorOf(account),
          ...(input.reason ? { reason: input.reason } : {}),
          before: status,
          after: after?.status ?? status,
          label: label(f),
        });
        store.audit({ actor: account.username, action, target, outcome: 'success', ...(input.reason ? { detail: `reason: ${input.reason}` } : {}), tenantId });
        return json(detail(store.db, find(store.db, type, f.value.id)!, principal, account));
      }),
    );
  }
  return handlers;
}
