// @vitest-environment node
/**
 * The mock backend keeps the API contract (openapi/openapi.yaml): every operation of the document is
 * called as allowed and refused personas, without a session, with invalid queries and without the
 * CSRF header, and every answer is validated against the schema the document gives for its status
 * and content type. The document and the backend's ENDPOINTS registry must list the same operations,
 * and every documented status must be exercised (or be allow-listed below, with a reason). The
 * Extended Search filters and sort fields, the lifecycle actions (permissions, states, reasons), the
 * permission of each type of task and batch order, the reasons to reject a task and the actions a batch
 * order offers in each status are compared with the backend's own tables (mocks/domain), so the document
 * cannot drift from them either. Batch orders run in the background: the tests poll an order until it
 * is Finished.
 */
import { describe, expect, it } from 'vitest';
import { ALL_RIGHTS, mayUseInteractiveSignIn, PERMISSIONS, principalOf } from '../src/access/model';
import { DEMO_ACCOUNTS } from '../src/access/personas';
import type {
  BatchItem,
  BatchOrder,
  BatchOrderDetail,
  BatchOrderInput,
  BatchOrderStatus,
  BatchOrderType,
  Card,
  CardDetail,
  Certificate,
  Collection,
  Credential,
  HistoryEntry,
  ObjectEnvelope,
  Person,
  PersonDetail,
  PersonRef,
  Problem,
  SearchType,
  Service,
  SessionInfo,
  Task,
  TaskDecision,
  TaskDecisionKind,
  TaskDetail,
  TaskStatus,
  TaskType,
  TemporaryCard,
} from '../src/api/types';
import { plan, type Actionable, type ActionInput } from './domain/actions';
import { REJECT_REASONS } from './domain/approvals';
import { actionPermission, BATCH_PERMISSION, MAX_ITEMS, orderDetail, productionFails } from './domain/batch';
import { MACHINES, STATES, type ObjectType } from './domain/lifecycle';
import { SEARCH_TYPES, sortFields } from './domain/search';
import { TASK_PERMISSION } from './domain/tasks';
import type { Account, BatchOrderRecord, TaskRecord } from './db/schema';
import { ENDPOINTS, type Endpoint } from './handlers/http';
import { createMockServer } from './node';
import { createApiTester, type Persona, under } from './contract/harness';
import {
  at,
  BASE,
  COOKIE_NAME,
  CSRF_HEADER,
  doc,
  type DocAction,
  escapePart,
  expectValid,
  follow,
  isRecord,
  type Json,
  type Op,
  opByKey,
  OPS,
  ptr,
  validatorAt,
} from './contract/document';

const rootOf = (o: Op) => o.path.split('/')[1]!;
const isSearchOp = (o: Op) => Object.hasOwn(SEARCH_TYPES, rootOf(o));

/** Extended Search: the collections, object pages, histories and lifecycle actions. */
const SEARCH_OPS = OPS.filter((o) => o.method === 'get' && isSearchOp(o) && o.path === `/${rootOf(o)}`);
const DETAIL_OPS = OPS.filter((o) => o.method === 'get' && isSearchOp(o) && /^\/[\w-]+\/\{id\}$/.test(o.path));
const HISTORY_OPS = OPS.filter((o) => o.method === 'get' && isSearchOp(o) && /^\/[\w-]+\/\{id\}\/history$/.test(o.path));
const ACTION_OPS = OPS.filter((o) => o.method === 'post' && isSearchOp(o) && /^\/[\w-]+\/\{id\}\/actions\/\{action\}$/.test(o.path));

/** The actions of an action operation, from its `x-actions`. */
const rulesOf = (o: Op): Record<string, DocAction> => o.op['x-actions'] ?? {};

/** The fields of a sort parameter's pattern, `^(a|b|c)(:(asc|desc))?$`. */
const sortFieldsOf = (o: Op): string[] => {
  const sort = o.params.find((p) => p.name === 'sort');
  return /^\^\(([^)]+)\)/.exec(String(sort?.schema.pattern))?.[1]?.split('|') ?? [];
};


// ---- Calling the mock backend ---------------------------------------------------------------

// A smaller organisation than the demo's keeps store.reset() quick; every shape of data still occurs.
const { store, server } = createMockServer({ persons: 300 });

// ---- Objects of the store, by the first segment of their path ------------------------------

/** What every object of Extended Search has. */
interface Obj {
  id: string;
  status: string;
  version: number;
}

const searchTypeOf = (o: Op): SearchType => {
  const type = o.path.split('/')[1] as SearchType;
  if (!Object.hasOwn(SEARCH_TYPES, type)) throw new Error(`${o.key} is not below an Extended Search type`);
  return type;
};

const CREDENTIAL_KIND: Partial<Record<SearchType, Credential['kind']>> = {
  'mobile-ids': 'mobile-id',
  'virtual-smart-cards': 'virtual-smart-card',
  'software-tokens': 'software-token',
};

/** The rows of a type in the store as it is now (credentials are one table, split by kind). */
function objectsOf(type: SearchType): readonly Obj[] {
  const db = store.db;
  const kind = CREDENTIAL_KIND[type];
  if (kind) return db.credentials.filter((c) => c.kind === kind);
  const tables = { persons: db.persons, cards: db.cards, 'temporary-cards': db.temporaryCards, requests: db.requests, certificates: db.certificates } as const;
  return tables[type as keyof typeof tables].all();
}

const objectOf = (type: SearchType, id: string): Obj => {
  const found = objectsOf(type).find((x) => x.id === id);
  if (!found) throw new Error(`No ${type} ${id}`);
  return found;
};

/** The lifecycle object type behind a path type, for the four types with actions. */
const OBJECT_TYPE: Partial<Record<SearchType, ObjectType>> = {
  persons: 'person',
  cards: 'card',
  'temporary-cards': 'temporary-card',
  certificates: 'certificate',
};

function actionableOf(type: ObjectType, id: string): Actionable {
  const db = store.db;
  const value = { person: db.persons, card: db.cards, 'temporary-card': db.temporaryCards, certificate: db.certificates }[type].get(id);
  if (!value) throw new Error(`No ${type} ${id}`);
  return { type, value } as Actionable;
}

/** A representative object: for types with actions, one whose state allows at least one of them. */
function sampleId(type: SearchType): string {
  const objectType = OBJECT_TYPE[type];
  const rows = objectsOf(type);
  const rich = objectType ? rows.find((r) => Object.values(MACHINES[objectType]).some((rule) => rule.from.includes(r.status))) : rows[0];
  if (!rich) throw new Error(`The store holds no ${type}`);
  return rich.id;
}

/** An id of another type (for credentials: of another kind of credential), which must answer 404. */
function otherTypeId(type: SearchType): string {
  const other: Record<SearchType, SearchType> = {
    persons: 'cards',
    cards: 'persons',
    'temporary-cards': 'cards',
    requests: 'persons',
    certificates: 'cards',
    'mobile-ids': 'virtual-smart-cards',
    'virtual-smart-cards': 'software-tokens',
    'software-tokens': 'mobile-ids',
  };
  return sampleId(other[type]);
}

/** A sample `{id}` for an operation: an object of its Extended Search type, a task or a batch order. */
function sampleIdOf(o: Op): string {
  const root = rootOf(o);
  if (root === 'tasks') return store.db.tasks.all()[0]!.id;
  if (root === 'batch-orders') return store.db.batchOrders.all()[0]!.id;
  return sampleId(searchTypeOf(o));
}

/** Values for the path parameters of an operation: a sample object and the first action (or decision) of the enum. */
function samplePath(o: Op): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of o.params.filter((x) => x.in === 'path')) {
    if (p.name === 'id') out.id = sampleIdOf(o);
    else if (Array.isArray(p.schema.enum)) out[p.name] = String(p.schema.enum[0]);
    else throw new Error(`${o.key}: no sample value for the path parameter ${p.name}`);
  }
  return out;
}

const { exercised, call, expectDocumented, signIn, signInWithRight, signInAll, everyPersona } = createApiTester({
  store,
  server,
  samplePath: (o) => samplePath(o),
});

// ---- Objects and actions --------------------------------------------------------------------

/** An object page as far as the tests below read it. */
type ObjectPage = ObjectEnvelope & { id: string; status: string };

const detailOpOf = (o: Op) => opByKey(`GET /${searchTypeOf(o)}/{id}`);
const historyOpOf = (o: Op) => opByKey(`GET /${searchTypeOf(o)}/{id}/history`);
const actionOpOf = (type: SearchType) => ACTION_OPS.find((o) => searchTypeOf(o) === type);
const requestSchemaOf = (o: Op) => follow(`${follow(`${o.pointer}/requestBody`).pointer}/content/application~1json/schema`).pointer;
const mayRun = (session: SessionInfo, rule: DocAction) => (session.permissions as string[]).includes(rule.permission);

/**
 * What an object page must offer: exactly the documented actions that start from the object's state
 * and whose permission the user holds, each with its documented reasons.
 */
function expectAllowedActions(type: SearchType, page: ObjectPage, session: SessionInfo, context: string): void {
  const rules = actionOpOf(type)?.op['x-actions'] ?? {};
  const expected = Object.keys(rules)
    .filter((a) => rules[a]!.from.includes(page.status) && mayRun(session, rules[a]!))
    .sort();
  expect([...page.allowedActions].sort(), `${context}: allowedActions`).toEqual(expected);
  expect(Object.keys(page.actionDetails).sort(), `${context}: actionDetails`).toEqual(expected);
  for (const a of expected) expect(page.actionDetails[a]!.reasons, `${context}: reasons of ${a}`).toEqual(rules[a]!.reasons ?? null);
}

/** The demo account that runs an action: the registration officer when a role of theirs grants it, else the first that does. */
function personaWith(permission: string): string {
  const accounts = DEMO_ACCOUNTS.filter((a) => mayUseInteractiveSignIn(a.roles));
  const ordered = [...accounts].sort((a, b) => Number(b.username === 'registration-officer') - Number(a.username === 'registration-officer'));
  const found = ordered.find((a) => (principalOf(a.roles).permissions as string[]).includes(permission));
  if (!found) throw new Error(`No demo account holds ${permission}`);
  return found.username;
}

const activePersonId = () => store.db.persons.all().find((p) => p.status === 'Active')!.id;

/** A body the action accepts: its first reason, and for assigning a temporary card an active person. */
function inputFor(o: Op, action: string): ActionInput {
  const rule = rulesOf(o)[action]!;
  return {
    ...(rule.reasons ? { reason: rule.reasons[0] } : {}),
    ...(searchTypeOf(o) === 'temporary-cards' && action === 'assign' ? { personId: activePersonId() } : {}),
  };
}

/** An object whose state allows the action and whose rules (mocks/domain/actions) accept this input. */
function candidateFor(o: Op, action: string, input: ActionInput): Obj {
  const searchType = searchTypeOf(o);
  const type = OBJECT_TYPE[searchType]!;
  const rule = rulesOf(o)[action]!;
  const ctx = { db: store.db, now: Date.now(), actorPersonId: activePersonId() };
  const found = objectsOf(searchType).find((x) => rule.from.includes(x.status) && !('refused' in plan(ctx, actionableOf(type, x.id), action, input)));
  if (!found) throw new Error(`${o.key}: no object the action ${action} can run on`);
  return found;
}

async function historyOf(o: Op, cookie: string, id: string): Promise<HistoryEntry[]> {
  const h = historyOpOf(o);
  return ((await expectDocumented(h, await call(h, { cookie, path: { id } }), 200)) as Collection<HistoryEntry>).items;
}

// ---- Tasks and batch orders -----------------------------------------------------------------

const enumOf = <T extends string>(schema: string): T[] => [...(follow(`/components/schemas/${schema}`).value.enum as T[])];
const TASK_TYPES = enumOf<TaskType>('TaskType');
const TASK_STATUSES = enumOf<TaskStatus>('TaskStatus');
const QUEUE_STATUSES = enumOf<TaskStatus>('TaskQueueStatus');
const TASK_DECISIONS = enumOf<TaskDecisionKind>('TaskDecisionKind');
const BATCH_STATUSES = enumOf<BatchOrderStatus>('BatchOrderStatus');

/** The demo personas who decide each type of task; the document test checks the list against the rights model. */
const TASK_DECIDERS: Record<TaskType, readonly string[]> = {
  'card-approval': ['approver', 'multi-role'],
  'prime-user-activation': ['helpdesk'],
  'registration-review': ['registration-officer', 'role-batch-officer'],
};

const accountOf = (username: string): Account => {
  const found = store.db.accounts.find((a) => a.username === username);
  if (!found) throw new Error(`No account ${username}`);
  return found;
};

const mayDecide = (session: SessionInfo, type: TaskType) => (session.permissions as string[]).includes(TASK_PERMISSION[type]);

/** An Open task of the type that the persona may decide: not their request, not about them, not decided by them before. */
function findDecidableTask(username: string, type: TaskType, pred: (t: TaskRecord) => boolean = () => true): TaskRecord | undefined {
  const { personId } = accountOf(username);
  return store.db.tasks.find(
    (t) => t.type === type && t.status === 'Open' && t.requestedById !== personId && t.subjectId !== personId && !t.decisions.some((d) => d.actor.username === username) && pred(t),
  );
}

function decidableTask(username: string, type: TaskType, pred?: (t: TaskRecord) => boolean): TaskRecord {
  const found = findDecidableTask(username, type, pred);
  if (!found) throw new Error(`No open ${type} task that ${username} may decide`);
  return found;
}

const ifMatchVersion = (version: number) => ({ 'If-Match': `"${version}"` });

/** A fresh Idempotency-Key for each new order. */
let keys = 0;
const newKey = () => ({ 'Idempotency-Key': `contract-${++keys}` });

/**
 * Signs in an account made up for the test: no demo persona holds both Batch Orders and `role:assign`,
 * which an `edit-roles` order needs.
 */
async function signInWithRoles(username: string, roles: string[]): Promise<Persona> {
  const person = store.db.persons.find((p) => p.status === 'Active' && store.db.accounts.find((a) => a.personId === p.id) === undefined)!;
  store.put('accounts', { id: `u-${username}`, username, password: 'demo', personId: person.id, roles, status: 'Active' });
  return signIn(username);
}

/** Polls an order until the background runner has worked every item, validating each answer. */
async function untilFinished(cookie: string, id: string): Promise<BatchOrderDetail> {
  const o = opByKey('GET /batch-orders/{id}');
  for (let i = 0; i < 400; i++) {
    const order = (await expectDocumented(o, await call(o, { cookie, path: { id } }), 200)) as BatchOrderDetail;
    if (order.status !== 'Running') {
      expect(order.status).toBe('Finished');
      return order;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`Batch order ${id} did not finish`);
}

/** Active persons without a card in the making: request-cards orders work on them. */
const personsReadyForCards = () =>
  store.db.persons.filter((p) => p.status === 'Active' && store.db.cards.find((c) => c.personId === p.id && ['Registered', 'Requested', 'Approved', 'Issued'].includes(c.status)) === undefined);

/** What an order must show: counts that add up, and the actions its status allows. */
function expectConsistentOrder(order: BatchOrderDetail, context: string): void {
  const count = (status: BatchItem['status']) => order.items.filter((i) => i.status === status).length;
  expect(order.itemCount, context).toBe(order.items.length);
  expect(order, context).toMatchObject({ doneCount: count('done'), failedCount: count('failed'), skippedCount: count('skipped'), processedCount: order.items.length - count('pending') });
  const actions = opByKey('POST /batch-orders/{id}/actions/{action}').op['x-batch-actions'] ?? {};
  const expected = Object.keys(actions).filter((a) => actions[a]!.from.includes(order.status) && (count('failed') > 0 || !actions[a]!.needsFailedItems));
  expect([...order.allowedActions].sort(), `${context}: allowedActions`).toEqual(expected.sort());
}

/**
 * Schemas that repeat the fields of another (rows and pages of an object) instead of extending it, so
 * each stays closed with `additionalProperties: false`; the repeated fields must stay identical.
 */
const REPEATS: [schema: string, base: string][] = [
  ['PersonDetail', 'Person'],
  ['CardSearchRow', 'Card'],
  ['CardDetail', 'Card'],
  ['TemporaryCardSearchRow', 'TemporaryCard'],
  ['TemporaryCardDetail', 'TemporaryCard'],
  ['RequestSearchRow', 'CardRequest'],
  ['RequestDetail', 'CardRequest'],
  ['CertificateSearchRow', 'Certificate'],
  ['CertificateDetail', 'Certificate'],
  ['CredentialSearchRow', 'Credential'],
  ['CredentialDetail', 'Credential'],
  ['TaskDetail', 'Task'],
  ['BatchOrderDetail', 'BatchOrder'],
];

// ---- The document itself --------------------------------------------------------------------

describe('the contract document', () => {
  it('is OpenAPI 3.1 under /api/v1 with a cookie session scheme', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.servers.map((s) => s.url)).toEqual(['/api/v1']);
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'prime_session' });
    expect(doc.security).toEqual([{ sessionCookie: [] }]);
  });

  it('has schemas that compile and examples that match them', () => {
    for (const name of Object.keys(doc.components.schemas)) expect(() => validatorAt(ptr('components', 'schemas', name))).not.toThrow();
    let examples = 0;
    const walk = (value: unknown, pointer: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${pointer}/${i}`));
      if (!isRecord(value)) return;
      if ('example' in value && 'schema' in value) {
        expectValid(follow(`${pointer}/schema`).pointer, value.example, `example at ${pointer}`);
        examples += 1;
      }
      if (isRecord(value.examples) && 'schema' in value) {
        for (const [name, example] of Object.entries(value.examples)) {
          expectValid(follow(`${pointer}/schema`).pointer, (example as Json).value, `example ${name} at ${pointer}`);
          examples += 1;
        }
      }
      for (const [k, v] of Object.entries(value)) walk(v, `${pointer}/${escapePart(k)}`);
    };
    walk(doc.paths, '/paths');
    walk(at('/components/responses'), '/components/responses');
    walk(at('/components/requestBodies'), '/components/requestBodies');
    expect(examples).toBeGreaterThan(0);
  });

  it('enumerates exactly the rights and permissions of the rights model', () => {
    expect(doc.components.schemas.Right?.enum).toEqual([...ALL_RIGHTS]);
    expect(doc.components.schemas.Permission?.enum).toEqual([...PERMISSIONS]);
  });

  it('closes every schema of an answer, so a field it does not list (a password, say) cannot slip into one', () => {
    // Request bodies stay open (the server reads what it knows); collections extend the closed envelope.
    const requestSchemas = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (isRecord(value)) {
        if (typeof value.$ref === 'string') requestSchemas.add(value.$ref.split('/').pop()!);
        Object.values(value).forEach(collect);
      }
    };
    for (const item of Object.values(doc.paths)) for (const op of Object.values(item as Json)) if (isRecord(op)) collect(op.requestBody);
    const open = Object.entries(doc.components.schemas)
      .filter(([name, schema]) => schema.properties && !requestSchemas.has(name) && !/Collection(Envelope)?$/.test(name))
      .filter(([, schema]) => schema.additionalProperties !== false)
      .map(([name]) => name);
    expect(open).toEqual([]);
    expect(doc.components.schemas.CollectionEnvelope?.properties).toHaveProperty('items');
  });

  it.each(REPEATS)('%s repeats the fields of %s unchanged', (name, base) => {
    const schema = doc.components.schemas[name]!;
    const baseSchema = doc.components.schemas[base]!;
    for (const [field, definition] of Object.entries(baseSchema.properties as Json)) {
      expect((schema.properties as Json)[field], `${name}.${field}`).toEqual(definition);
    }
    expect(schema.required).toEqual(expect.arrayContaining(baseSchema.required as string[]));
  });

  it('has the states of the backend\'s state machines as status enums', () => {
    const statusSchema: Record<ObjectType, string> = { person: 'PersonStatus', card: 'CardStatus', 'temporary-card': 'TemporaryCardStatus', certificate: 'CertificateStatus' };
    for (const [type, name] of Object.entries(statusSchema) as [ObjectType, string][]) {
      expect(doc.components.schemas[name]?.enum, name).toEqual([...STATES[type]]);
    }
  });

  it('accepts values the types allow that the demo data never holds', () => {
    const certificate: Certificate = { id: 'cert-x', cardId: null, personId: 'p-x', type: 'signature', status: 'On hold', serialNumber: '00ff', validTo: '2030-01-01T00:00:00.000Z', version: 1 };
    expectValid('/components/schemas/Certificate', certificate, 'certificate on no card');
    const problem: Problem = { type: '/problems/403', title: 'Access denied', status: 403, detail: 'x', missingPermission: 'card:approve-production', errors: { a: 'b' }, correlationId: 'c-1', currentVersion: 2, currentStatus: 'Locked' };
    expectValid('/components/schemas/Problem', problem, 'problem with every optional field');
    const failed: TemporaryCard = { id: 'tmp-x', number: 'TC9', personId: null, status: 'Failed', validTo: '2030-01-01T00:00:00.000Z', version: 3 };
    expectValid('/components/schemas/TemporaryCard', failed, 'failed temporary card');
    const entry: HistoryEntry = { id: 'h-x', objectId: 'card-x', at: '2026-11-01T08:00:00.000Z', actor: { username: 'u', displayName: 'U' }, action: 'lock', outcome: 'refused', reason: 'Lost', before: 'Active', after: 'Active', detail: 'x' };
    expectValid('/components/schemas/HistoryEntry', entry, 'history entry with every optional field');
    const service: Service = { id: 'svc-x', name: 'X', state: 'Stopping', since: '2026-11-01T08:00:00Z', version: 1, uptimeSeconds: null, changedBy: null, allowedActions: [] };
    expectValid('/components/schemas/Service', service, 'stopping service');
    const task: TaskDetail = {
      id: 't-x', type: 'registration-review', status: 'Withdrawn', createdAt: '2026-11-01T08:00:00Z', requestedBy: { id: 'p-x', displayName: 'X' }, subject: { id: 'p-y', displayName: 'Y' },
      approvalsRequired: 1, approvals: 0, version: 2, allowedActions: [], blockedBecause: null, decisions: [{ decision: 'postpone', actor: { username: 'u', displayName: 'U' }, at: '2026-11-02T08:00:00Z', reason: 'Waiting for papers' }],
      rejectReasons: [...REJECT_REASONS], subjectPerson: { id: 'p-y', displayName: 'Y', personalId: '1', email: 'y@x', orgUnit: 'O', organization: 'Org', type: 'visitor', status: 'Registered' },
      requester: null, request: null, card: null,
    };
    expectValid('/components/schemas/TaskDetail', task, 'withdrawn task whose requester is not in the register');
    const order: BatchOrderDetail = {
      id: 'bo-x', type: 'edit-roles', status: 'Running', itemCount: 2, processedCount: 1, failedCount: 0, createdAt: '2026-11-01T08:00:00Z', createdBy: { id: 'p-x', displayName: 'X' },
      version: 3, doneCount: 1, skippedCount: 0, startedAt: '2026-11-01T08:01:00Z', finishedAt: null, allowedActions: ['cancel'],
      items: [{ id: 'u-1', label: 'a', status: 'done', attempts: 1 }, { id: 'u-2', label: 'b', status: 'pending', attempts: 0 }], roles: { add: ['BaseRoleHelpdeskOfficer'], remove: [] },
    };
    expectValid('/components/schemas/BatchOrderDetail', order, 'running edit-roles order');
  });

  it('lists the same operations as the backend, with the same access rules', () => {
    // ENDPOINTS is filled by createHandlers(store), which createMockServer() ran above.
    expect(ENDPOINTS.length).toBeGreaterThan(0);
    const backend = ENDPOINTS.map((e) => `${e.method.toUpperCase()} ${e.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(new Set(OPS.map((o) => o.key))).toEqual(new Set(backend));
    expect(OPS.length).toBe(backend.length);

    const accessInDoc = (o: Op): Endpoint['access'] => {
      if (o.isPublic) return 'public';
      const permission = o.op['x-required-permission'];
      const requirement = o.right ? { right: o.right } : { signedIn: true };
      return (permission ? { permission, right: requirement } : requirement) as Endpoint['access'];
    };
    for (const e of ENDPOINTS) {
      const o = opByKey(`${e.method.toUpperCase()} ${e.path.replace(/:(\w+)/g, '{$1}')}`);
      expect(accessInDoc(o), o.key).toEqual(e.access);
      if (o.right) expect(o.op.description, `${o.key} should name its right`).toContain(`right **${o.right}**`);
      else if (!o.isPublic) expect(o.op.description, `${o.key} should say it needs a session`).toMatch(/Needs a session/);
    }
  });

  it('documents the CSRF header on every request that is not a GET, the 401 on every secured one', () => {
    for (const o of OPS) {
      const csrf = o.params.find((p) => p.in === 'header' && p.name === CSRF_HEADER);
      if (o.method === 'get') expect(csrf, o.key).toBeUndefined();
      else {
        expect(csrf?.required, o.key).toBe(true);
        expect(o.op.responses['403'], o.key).toBeDefined();
      }
      if (!o.isPublic) expect(o.op.responses['401'], o.key).toBeDefined();
      if (o.right) expect(o.op.responses['403'], o.key).toBeDefined();
    }
  });

  it('documents every path parameter, as required', () => {
    for (const o of OPS) {
      const inPath = [...o.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const documented = o.params.filter((p) => p.in === 'path');
      expect(documented.map((p) => p.name).sort(), o.key).toEqual(inPath.sort());
      for (const p of documented) expect(p.required, `${o.key} {${p.name}}`).toBe(true);
      if (inPath.includes('id')) expect(o.op.responses['404'], o.key).toBeDefined();
    }
  });

  it('documents each Extended Search collection with the backend\'s filters, sort fields and default order', () => {
    expect(SEARCH_OPS.map(searchTypeOf).sort()).toEqual(Object.keys(SEARCH_TYPES).sort());
    for (const o of SEARCH_OPS) {
      const type = searchTypeOf(o);
      const spec = SEARCH_TYPES[type];
      expect(o.right, o.key).toBe('Extended Search');
      const filters = o.params.filter((p) => p.in === 'query' && !['q', 'page', 'pageSize', 'sort', 'sortLocale'].includes(p.name));
      expect(filters.map((p) => p.name).sort(), o.key).toEqual(Object.keys(spec.filters).sort());
      for (const p of filters) {
        const filter = spec.filters[p.name]!;
        expect(p.schema.enum, `${o.key} ${p.name}`).toEqual(filter.values ? [...filter.values] : undefined);
        // The only free values the backend checks are dates.
        expect(p.schema.format, `${o.key} ${p.name}`).toBe(filter.check ? 'date' : undefined);
      }
      expect(o.params.map((p) => p.name), o.key).toContain('q');
      expect(sortFieldsOf(o), o.key).toEqual(sortFields(type));
      const direction = spec.defaultSort === 'createdAt' ? 'descending' : 'ascending';
      expect(o.op.description?.replace(/\s+/g, ' '), o.key).toContain(`sorted by \`${spec.defaultSort}\` ${direction}`);
      // Rows: every type but persons adds the holder.
      const row = follow(`${follow(`${o.pointer}/responses/200/content/application~1json/schema`).pointer}/properties/items/items`).value;
      expect(((row.required as string[]) ?? []).includes('holder'), `${o.key} rows have a holder`).toBe(type !== 'persons');
    }
  });

  it('documents every lifecycle action with the permission, states and reasons of the backend\'s state machines', () => {
    expect(ACTION_OPS.map((o) => OBJECT_TYPE[searchTypeOf(o)]).sort()).toEqual(Object.keys(MACHINES).sort());
    for (const o of ACTION_OPS) {
      const machine = MACHINES[OBJECT_TYPE[searchTypeOf(o)]!];
      expect(o.right, o.key).toBe('Extended Search');
      expect(o.op['x-actions'], `${o.key} x-actions`).toEqual(machine);
      expect(o.params.find((p) => p.name === 'action')?.schema.enum, `${o.key} {action}`).toEqual(Object.keys(machine));
      // The table in the description: | `action` | `permission` | from | result | reasons |
      const rows = (o.op.description ?? '').split('\n').filter((line) => line.startsWith('| `'));
      expect(rows.length, `${o.key}: one table row per action`).toBe(Object.keys(machine).length);
      for (const [action, rule] of Object.entries(machine)) {
        const row = rows.find((r) => r.startsWith(`| \`${action}\` |`));
        const head = `| \`${action}\` | \`${rule.permission}\` | ${rule.from.join(', ')} |`;
        const tail = `| ${rule.reasons ? rule.reasons.join(', ') : 'none'} |`;
        expect(row?.slice(0, head.length), `${o.key}: permission and states of ${action}`).toBe(head);
        expect(row?.slice(-tail.length), `${o.key}: reasons of ${action}`).toBe(tail);
      }
      // The object page offers the same actions, and an action answers the object page.
      const page = follow(`${detailOpOf(o).pointer}/responses/200/content/application~1json/schema`).pointer;
      expect(follow(`${page}/properties/allowedActions/items`).value.enum, o.key).toEqual(Object.keys(machine));
      expect(follow(`${page}/properties/actionDetails/propertyNames`).value.enum, o.key).toEqual(Object.keys(machine));
      expect(follow(`${o.pointer}/responses/200/content/application~1json/schema`).pointer, o.key).toBe(page);
    }
  });

  it('answers object pages and actions with an ETag and requires If-Match on every action', () => {
    for (const o of [...DETAIL_OPS, ...ACTION_OPS]) {
      const response = follow(`${o.pointer}/responses/200`);
      expect(follow(`${response.pointer}/headers/ETag`).value.required, o.key).toBe(true);
    }
    for (const o of ACTION_OPS) {
      const ifMatch = o.params.find((p) => p.in === 'header' && p.name === 'If-Match');
      expect(ifMatch?.required, o.key).toBe(true);
      for (const status of ['200', '401', '403', '404', '409', '412', '422', '428']) expect(o.op.responses[status], `${o.key} ${status}`).toBeDefined();
    }
    expect(DETAIL_OPS.length).toBe(Object.keys(SEARCH_TYPES).length);
    expect(HISTORY_OPS.length).toBe(Object.keys(SEARCH_TYPES).length);
  });

  it('answers tasks and batch orders with an ETag, and requires If-Match on decisions and an Idempotency-Key on new orders', () => {
    const etagged = ['GET /tasks/{id} 200', 'POST /tasks/{id}/actions/{decision} 200', 'GET /batch-orders/{id} 200', 'POST /batch-orders 200', 'POST /batch-orders 201', 'POST /batch-orders/{id}/actions/{action} 200', 'POST /batch-orders/{id}/actions/{action} 202'];
    for (const k of etagged) {
      const [method, path, status] = k.split(' ');
      const response = follow(`${opByKey(`${method} ${path}`).pointer}/responses/${status}`);
      expect(follow(`${response.pointer}/headers/ETag`).value.required, k).toBe(true);
    }
    expect(follow(`${opByKey('POST /batch-orders').pointer}/responses/201/headers/Location`).value.required).toBe(true);
    const decide = opByKey('POST /tasks/{id}/actions/{decision}');
    expect(decide.params.find((p) => p.in === 'header' && p.name === 'If-Match')?.required).toBe(true);
    for (const status of ['200', '401', '403', '404', '409', '412', '422', '428']) expect(decide.op.responses[status], `${decide.key} ${status}`).toBeDefined();
    const create = opByKey('POST /batch-orders');
    expect(create.params.find((p) => p.in === 'header' && p.name === 'Idempotency-Key')?.required).toBe(true);
    expect(validatorAt(create.params.find((p) => p.name === 'Idempotency-Key')!.schemaPointer)('')).toBe(false);
    // Batch order actions take If-Match like every other write.
    const act = opByKey('POST /batch-orders/{id}/actions/{action}');
    expect(act.params.find((p) => p.in === 'header' && p.name === 'If-Match')?.required).toBe(true);
    for (const status of ['412', '428']) expect(act.op.responses[status], `${act.key} ${status}`).toBeDefined();
  });

  it('names, per type of task, the permission of the backend, and the reasons to reject', () => {
    const ops = ['GET /tasks', 'GET /tasks/{id}', 'POST /tasks/{id}/actions/{decision}'].map(opByKey);
    for (const o of ops) expect(o.op['x-permission-by-type'], o.key).toEqual(TASK_PERMISSION);
    expect([...TASK_TYPES].sort()).toEqual(Object.keys(TASK_PERMISSION).sort());
    // The table in the description of the queue: | `type` | `permission` |
    for (const [type, permission] of Object.entries(TASK_PERMISSION)) expect(ops[0]!.op.description).toContain(`| \`${type}\` | \`${permission}\` |`);
    expect(follow('/components/schemas/TaskRejectReason').value.enum).toEqual([...REJECT_REASONS]);
    expect(follow(ops[2]!.params.find((p) => p.name === 'decision')!.schemaPointer).value.enum).toEqual(TASK_DECISIONS);
    // The queue holds only tasks that wait, a part of TaskStatus.
    expect(TASK_STATUSES).toEqual(expect.arrayContaining(QUEUE_STATUSES));
    // Every persona who decides a type of task is listed in TASK_DECIDERS, which the tests below use.
    for (const type of TASK_TYPES) {
      const deciders = DEMO_ACCOUNTS.filter((a) => {
        const principal = principalOf(a.roles);
        return mayUseInteractiveSignIn(a.roles) && (principal.rights as string[]).includes('Open Tasks') && (principal.permissions as string[]).includes(TASK_PERMISSION[type]);
      });
      expect(deciders.map((a) => a.username).sort(), type).toEqual([...TASK_DECIDERS[type]].sort());
    }
  });

  it('names, per type of batch order, the permission of the backend, and the actions the backend allows in each status', () => {
    const create = opByKey('POST /batch-orders');
    const act = opByKey('POST /batch-orders/{id}/actions/{action}');
    for (const o of [create, act]) expect(o.op['x-permission-by-type'], o.key).toEqual(BATCH_PERMISSION);
    // Where an action needs another permission than its type's, the document says which.
    const byAction: Record<string, Record<string, string>> = {};
    for (const type of Object.keys(BATCH_PERMISSION) as BatchOrderType[]) {
      for (const action of Object.keys(act.op['x-batch-actions'] ?? {})) {
        if (actionPermission(type, action) !== BATCH_PERMISSION[type]) (byAction[type] ??= {})[action] = actionPermission(type, action);
      }
    }
    expect(act.op['x-permission-by-action']).toEqual(byAction);
    expect([...(follow('/components/schemas/BatchOrderType').value.enum as string[])].sort()).toEqual(Object.keys(BATCH_PERMISSION).sort());
    for (const [type, permission] of Object.entries(BATCH_PERMISSION)) expect(create.op.description).toContain(`| \`${type}\` | \`${permission}\` |`);
    expect(follow('/components/schemas/BatchOrderInput/properties/ids').value.maxItems).toBe(MAX_ITEMS);

    const actions = act.op['x-batch-actions'] ?? {};
    expect(Object.keys(actions)).toEqual(follow(act.params.find((p) => p.name === 'action')!.schemaPointer).value.enum);
    const rows = (act.op.description ?? '').split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.length).toBe(Object.keys(actions).length);
    for (const [action, rule] of Object.entries(actions)) {
      expect(rows.find((r) => r.startsWith(`| \`${action}\` |`)), action).toContain(`| ${rule.from.join(', ')}`);
      expect(rows.find((r) => r.startsWith(`| \`${action}\` |`)), action).toMatch(new RegExp(`\\| \`${rule.answer}\` \\|$`));
      expect(act.op.responses[String(rule.answer)], action).toBeDefined();
    }
    // What the backend offers (orderDetail) for an order in each status, with and without failed items.
    const base = store.db.batchOrders.all()[0]!;
    for (const status of BATCH_STATUSES) {
      for (const failed of [false, true]) {
        const items: BatchItem[] = [{ id: 'x', label: 'x', status: failed ? 'failed' : 'done', attempts: 1 }];
        const offered = orderDetail({ ...base, status, items }).allowedActions;
        const documented = Object.keys(actions).filter((a) => actions[a]!.from.includes(status) && (failed || !actions[a]!.needsFailedItems));
        expect([...offered].sort(), `${status}${failed ? ' with failed items' : ''}`).toEqual(documented.sort());
      }
    }
  });
});

// ---- Every operation ------------------------------------------------------------------------

/**
 * The operations of the views after Batch Orders have API test files of their own (mocks/handlers/*.test.ts)
 * built on the same harness, each checking access and status coverage of its operations; this file
 * walks the others.
 */
const VIEW_TESTED_ELSEWHERE = ['/admin/', '/roles', '/users', '/self-service/', '/digital-id/', '/tenants'];
const WALKED = OPS.filter((o) => !under(VIEW_TESTED_ELSEWHERE)(o));
const SECURED = WALKED.filter((o) => !o.isPublic);
const RIGHT_GATED = WALKED.filter((o) => o.right);
const SESSION_ONLY = SECURED.filter((o) => !o.right);
const COLLECTIONS = WALKED.filter((o) => o.params.some((p) => p.name === 'pageSize'));
const NOT_GET = WALKED.filter((o) => o.method !== 'get');

describe.each(SECURED.map((o) => [o.key, o] as const))('%s without a session', (_, o) => {
  it('answers 401 without a cookie', async () => {
    await expectDocumented(o, await call(o), 401);
  });

  it('answers 401 for a session that does not exist', async () => {
    await expectDocumented(o, await call(o, { cookie: `${COOKIE_NAME}=no-such-session` }), 401);
  });

  it('answers 401 for a session that has ended', async () => {
    const { cookie } = await signIn('multi-role');
    await expectDocumented(opByKey('DELETE /session'), await call(opByKey('DELETE /session'), { cookie }), 204);
    await expectDocumented(o, await call(o, { cookie }), 401);
  });
});

/**
 * Calls an operation as a persona with its right, in a way that changes no data, and checks the answer:
 * a GET answers 200 (a task page: a task of a type the persona decides); a lifecycle action without
 * If-Match answers 428, or 403 naming the permission the persona lacks; a task decision without If-Match
 * 428; a new batch order without an Idempotency-Key 428; running a completed order 409, or 403 naming
 * the permission of its type when the persona lacks it.
 */
async function probeAllowed(o: Op, p: Persona): Promise<void> {
  const { cookie, session, username } = p;
  if (o.key === 'GET /tasks/{id}') {
    const t = store.db.tasks.find((x) => mayDecide(session, x.type))!;
    const task = (await expectDocumented(o, await call(o, { cookie, path: { id: t.id } }), 200)) as TaskDetail;
    expect(task.id, username).toBe(t.id);
  } else if (o.method === 'get') {
    const body = await expectDocumented(o, await call(o, { cookie }), 200);
    if (DETAIL_OPS.includes(o)) expectAllowedActions(searchTypeOf(o), body as ObjectPage, session, `${o.key} as ${username}`);
  } else if (ACTION_OPS.includes(o)) {
    // The permission is checked before If-Match, which is left out so nothing changes.
    const rule = rulesOf(o)[samplePath(o).action!]!;
    if (mayRun(session, rule)) await expectDocumented(o, await call(o, { cookie }), 428);
    else {
      const problem = (await expectDocumented(o, await call(o, { cookie }), 403)) as Problem;
      expect(problem.missingPermission, username).toBe(rule.permission);
    }
  } else if (o.key === 'POST /tasks/{id}/actions/{decision}') {
    const t = decidableTask(username, TASK_TYPES.find((type) => mayDecide(session, type))!);
    await expectDocumented(o, await call(o, { cookie, path: { id: t.id, decision: 'approve' } }), 428);
  } else if (o.key === 'POST /batch-orders') {
    await expectDocumented(o, await call(o, { cookie, body: { type: 'reset-passwords', ids: [activePersonId()] } }), 428);
  } else if (o.key === 'POST /batch-orders/{id}/actions/{action}') {
    const order = store.db.batchOrders.find((x) => x.status === 'Completed')!;
    const permission = BATCH_PERMISSION[order.type];
    const res = await call(o, { cookie, path: { id: order.id, action: 'run' }, headers: { 'If-Match': `"${order.version}"` } });
    if ((session.permissions as string[]).includes(permission)) expect(((await expectDocumented(o, res, 409)) as Problem).currentStatus).toBe('Completed');
    else expect(((await expectDocumented(o, res, 403)) as Problem).missingPermission, username).toBe(permission);
  } else throw new Error(`${o.key}: no call for a persona with the right`);
}

describe.each(RIGHT_GATED.map((o) => [o.key, o] as const))('%s for every persona', (_, o) => {
  it('answers personas with the right, and refuses the others with 403 naming the right', async () => {
    const personas = await everyPersona();
    const allowed = personas.filter((p) => p.session.rights.includes(o.right as SessionInfo['rights'][number]));
    const denied = personas.filter((p) => !allowed.includes(p));
    expect(allowed.length, `someone must hold ${o.right}`).toBeGreaterThan(0);
    expect(denied.length, `someone must lack ${o.right}`).toBeGreaterThan(0);
    for (const p of allowed) await probeAllowed(o, p);
    for (const p of denied) {
      const problem = (await expectDocumented(o, await call(o, { cookie: p.cookie }), 403)) as Problem;
      expect(problem.missingRight, p.username).toBe(o.right);
    }
  });
});

describe('operations that need only a session', () => {
  it('GET /session describes each signed-in persona', async () => {
    const o = opByKey('GET /session');
    expect(SESSION_ONLY).toContain(o);
    for (const p of await everyPersona()) {
      const session = (await expectDocumented(o, await call(o, { cookie: p.cookie }), 200)) as SessionInfo;
      expect(session).toEqual(p.session);
      expect(session.user.username).toBe(p.username);
    }
  });

  it('DELETE /session signs each persona out', async () => {
    const o = opByKey('DELETE /session');
    expect(SESSION_ONLY).toContain(o);
    for (const p of await signInAll()) {
      await expectDocumented(o, await call(o, { cookie: p.cookie }), 204);
      await expectDocumented(opByKey('GET /session'), await call(opByKey('GET /session'), { cookie: p.cookie }), 401);
    }
  });
});

describe.each(NOT_GET.map((o) => [o.key, o] as const))('%s without the CSRF header', (_, o) => {
  it('is refused with 403, signed in or not', async () => {
    const body = o.key === 'POST /session' ? { username: 'helpdesk', password: 'demo' } : undefined;
    await expectDocumented(o, await call(o, { csrf: false, body }), 403);
    const { cookie } = await signIn('multi-role');
    await expectDocumented(o, await call(o, { csrf: false, body, cookie }), 403);
    // Still signed in: the refused request changed nothing.
    await expectDocumented(opByKey('GET /session'), await call(opByKey('GET /session'), { cookie }), 200);
  });
});

describe.each(COLLECTIONS.map((o) => [o.key, o] as const))('%s query parameters', (_, o) => {
  const allowedCookie = async () => (await signInWithRight(o.right!)).cookie;

  it.each([
    [{ pageSize: 0 }, 'pageSize'],
    [{ pageSize: 201 }, 'pageSize'],
    [{ pageSize: 2.5 }, 'pageSize'],
    [{ page: 0 }, 'page'],
    [{ page: 'two' }, 'page'],
    [{ sort: 'noSuchField:asc' }, 'sort'],
  ] as const)('answers 422 for %o', async (query, field) => {
    const cookie = await allowedCookie();
    // The document agrees that the value is out of range.
    const param = o.params.find((p) => p.name === field)!;
    const validate = validatorAt(param.schemaPointer);
    expect(validate(Object.values(query)[0])).toBe(false);
    const problem = (await expectDocumented(o, await call(o, { cookie, query }), 422)) as Problem;
    expect(Object.keys(problem.errors ?? {})).toEqual([field]);
  });

  it('pages as asked, within the documented range', async () => {
    const cookie = await allowedCookie();
    const first = (await expectDocumented(o, await call(o, { cookie, query: { page: 1, pageSize: 200 } }), 200)) as Collection<unknown>;
    expect(first.page).toBe(1);
    expect(first.items.length).toBeLessThanOrEqual(first.pageSize);
    expect(first.total).toBeGreaterThanOrEqual(first.items.length);
    const beyond = (await expectDocumented(o, await call(o, { cookie, query: { page: 1000, pageSize: 1 } }), 200)) as Collection<unknown>;
    expect(beyond.page).toBe(1000);
    expect(beyond.total).toBe(first.total);
  });

  it('accepts every documented sort field in both directions', async () => {
    const cookie = await allowedCookie();
    const sort = o.params.find((p) => p.name === 'sort');
    const fields = sortFieldsOf(o);
    expect(fields.length, 'the sort pattern should start with ^(field|field…)').toBeGreaterThan(0);
    for (const field of fields) {
      for (const value of [field, `${field}:asc`, `${field}:desc`]) {
        expect(validatorAt(sort!.schemaPointer)(value)).toBe(true);
        await expectDocumented(o, await call(o, { cookie, query: { sort: value } }), 200);
      }
    }
  });

  it('filters by every value of each documented enum filter, and searches with q', async () => {
    const cookie = await allowedCookie();
    const all = (await expectDocumented(o, await call(o, { cookie }), 200)) as Collection<Json>;
    for (const param of o.params.filter((p) => p.in === 'query' && Array.isArray(p.schema.enum))) {
      let sum = 0;
      for (const value of (param.schema.enum as unknown[]).map(String)) {
        const page = (await expectDocumented(o, await call(o, { cookie, query: { [param.name]: value, pageSize: 200 } }), 200)) as Collection<Json>;
        for (const item of page.items) expect(item[param.name], `${param.name}=${value}`).toBe(value);
        sum += page.total;
      }
      expect(sum, `the ${param.name} values should cover every entry`).toBe(all.total);
    }
    if (o.params.some((p) => p.name === 'q')) {
      const found = (await expectDocumented(o, await call(o, { cookie, query: { q: 'a' } }), 200)) as Collection<unknown>;
      expect(found.total).toBeLessThanOrEqual(all.total);
      const none = (await expectDocumented(o, await call(o, { cookie, query: { q: 'zzzz-no-such-entry' } }), 200)) as Collection<unknown>;
      expect(none.total).toBe(0);
    }
  });
});

/**
 * Filter values the document refuses that a handler still accepts, each with the reason. An entry
 * here is checked to answer 200 with no entries; once the handler answers 422, drop it. Empty today:
 * every handler checks its filters.
 */
const LENIENT_FILTERS: ReadonlyMap<string, string> = new Map<string, string>([]);

/** Every enumerated filter with a value outside its enum, every date filter with malformed dates. */
const FILTER_CASES = COLLECTIONS.flatMap((o) =>
  o.params
    .filter((p) => p.in === 'query' && (Array.isArray(p.schema.enum) || p.schema.format === 'date'))
    .flatMap((p) => (p.schema.format === 'date' ? ['2026-13-45', 'yesterday'] : ['NoSuchValue']).map((value) => [`${o.key}?${p.name}=${value}`, o, p.name, value] as const)),
);

describe.each(FILTER_CASES)('%s', (_, o, name, value) => {
  it('answers 422 naming the filter', async () => {
    // The document agrees that the value is outside the contract.
    expect(validatorAt(o.params.find((p) => p.name === name)!.schemaPointer)(value)).toBe(false);
    const p = await signInWithRight(o.right!);
    const res = await call(o, { cookie: p.cookie, query: { [name]: value } });
    if (LENIENT_FILTERS.has(`${o.key} ${name}`)) {
      expect(((await expectDocumented(o, res, 200)) as Collection<unknown>).total).toBe(0);
      return;
    }
    const problem = (await expectDocumented(o, res, 422)) as Problem;
    expect(Object.keys(problem.errors ?? {})).toEqual([name]);
  });
});

// ---- Extended Search ------------------------------------------------------------------------

describe.each(SEARCH_OPS.map((o) => [o.key, o] as const))('%s rows', (_, o) => {
  it('are the objects, with their holder for every type but persons', async () => {
    const { cookie } = await signIn('registration-officer');
    const page = (await expectDocumented(o, await call(o, { cookie, query: { pageSize: 200 } }), 200)) as Collection<Json>;
    expect(page.items.length).toBeGreaterThan(0);
    const type = searchTypeOf(o);
    for (const row of page.items) {
      const object = objectOf(type, String(row.id));
      expect(row.version).toBe(object.version);
      if (type === 'persons') expect(row).not.toHaveProperty('holder');
      else expect((row.holder as PersonRef | null)?.id ?? null, String(row.id)).toBe(row.personId ?? null);
    }
  });
});

describe('Extended Search filters without a list of values', () => {
  it('GET /persons?orgUnit= finds the persons of that unit only', async () => {
    const o = opByKey('GET /persons');
    const { cookie } = await signIn('registration-officer');
    const orgUnit = store.db.persons.all()[0]!.orgUnit;
    const page = (await expectDocumented(o, await call(o, { cookie, query: { orgUnit, pageSize: 200 } }), 200)) as Collection<Person>;
    expect(page.total).toBe(store.db.persons.filter((p) => p.orgUnit === orgUnit).length);
    for (const p of page.items) expect(p.orgUnit).toBe(orgUnit);
  });

  it('GET /cards?validFrom=&validTo= finds the cards whose validity ends within the dates', async () => {
    const o = opByKey('GET /cards');
    const { cookie } = await signIn('registration-officer');
    const [from, to] = ['2027-01-01', '2028-12-31'];
    for (const value of [from, to]) expectValid(o.params.find((p) => p.name === 'validFrom')!.schemaPointer, value, 'date filter');
    const page = (await expectDocumented(o, await call(o, { cookie, query: { validFrom: from, validTo: to, pageSize: 200 } }), 200)) as Collection<Card>;
    expect(page.total).toBeGreaterThan(0);
    expect(page.total).toBeLessThan(store.db.cards.size);
    for (const c of page.items) expect(c.validTo.slice(0, 10) >= from && c.validTo.slice(0, 10) <= to, c.validTo).toBe(true);
  });
});

describe.each(DETAIL_OPS.map((o) => [o.key, o] as const))('%s', (_, o) => {
  it('answers an object in each state with its ETag and the actions the persona may run', async () => {
    const type = searchTypeOf(o);
    const personas = [await signIn('registration-officer'), await signIn('helpdesk'), await signIn('issuing-authority')];
    const byStatus = new Map<string, Obj>();
    for (const x of objectsOf(type)) if (!byStatus.has(x.status)) byStatus.set(x.status, x);
    for (const x of byStatus.values()) {
      for (const p of personas) {
        const res = await call(o, { cookie: p.cookie, path: { id: x.id } });
        const page = (await expectDocumented(o, res, 200)) as ObjectPage;
        expect(page.id).toBe(x.id);
        expect(res.headers.get('ETag')).toBe(`"${x.version}"`);
        expectAllowedActions(type, page, p.session, `${o.key} ${x.status} as ${p.username}`);
      }
    }
  });

  it('answers 404 for an unknown id and for the id of another type', async () => {
    const { cookie } = await signIn('registration-officer');
    for (const id of ['no-such-object', otherTypeId(searchTypeOf(o))]) {
      await expectDocumented(o, await call(o, { cookie, path: { id } }), 404);
    }
  });
});

describe.each(HISTORY_OPS.map((o) => [o.key, o] as const))('%s', (_, o) => {
  it('answers the history newest first, all on one page', async () => {
    const { cookie } = await signIn('registration-officer');
    const id = sampleId(searchTypeOf(o));
    const history = (await expectDocumented(o, await call(o, { cookie, path: { id } }), 200)) as Collection<HistoryEntry>;
    expect(history.total).toBe(history.items.length);
    const times = history.items.map((h) => h.at);
    expect(times).toEqual([...times].sort().reverse());
    for (const h of history.items) expect(h.objectId).toBe(id);
  });

  it('answers 404 for an unknown id and for the id of another type', async () => {
    const { cookie } = await signIn('registration-officer');
    for (const id of ['no-such-object', otherTypeId(searchTypeOf(o))]) {
      await expectDocumented(o, await call(o, { cookie, path: { id } }), 404);
    }
  });
});

// ---- Lifecycle actions ----------------------------------------------------------------------

describe.each(ACTION_OPS.map((o) => [o.key, o] as const))('%s', (_, o) => {
  const type = searchTypeOf(o);
  const ifMatch = (x: Obj) => ({ 'If-Match': `"${x.version}"` });

  it.each(Object.keys(rulesOf(o)))('runs %s for a persona with its permission: 200 with the fresh page and ETag, recorded in the history', async (action) => {
    const rule = rulesOf(o)[action]!;
    const input = inputFor(o, action);
    const target = candidateFor(o, action, input);
    const { cookie, session } = await signIn(personaWith(rule.permission));
    expect(session.permissions).toContain(rule.permission);
    // As the console does: load the page, offer the action, send the page's ETag back.
    const detail = detailOpOf(o);
    const loaded = await call(detail, { cookie, path: { id: target.id } });
    const etag = loaded.headers.get('ETag')!;
    const page = (await expectDocumented(detail, loaded, 200)) as ObjectPage;
    expect(page.allowedActions).toContain(action);
    expect(page.actionDetails[action]?.needs).toBe(input.personId ? 'personId' : undefined);
    expectValid(requestSchemaOf(o), input, `${o.key} ${action} request`);
    expectValid(o.params.find((p) => p.name === 'If-Match')!.schemaPointer, etag, 'If-Match');

    const res = await call(o, { cookie, path: { id: target.id, action }, headers: { 'If-Match': etag }, body: input });
    const done = (await expectDocumented(o, res, 200)) as ObjectPage;
    expect(done.id).toBe(target.id);
    expect(done.status).toBe(rule.to === 'same' ? page.status : rule.to);
    expect(done.version).toBe(objectOf(type, target.id).version);
    expect(done.version).toBeGreaterThanOrEqual(page.version);
    expectAllowedActions(type, done, session, `${o.key} ${action} answer`);

    const [latest] = await historyOf(o, cookie, target.id);
    expect(latest).toMatchObject({ objectId: target.id, action, outcome: 'success', before: page.status, after: done.status, actor: { username: session.user.username } });
    expect(latest?.reason).toBe(input.reason);
  });

  it('answers 404 for an unknown object, an object of another type and an unknown action', async () => {
    const { cookie } = await signIn('registration-officer');
    const action = Object.keys(rulesOf(o))[0]!;
    const body = inputFor(o, action);
    for (const id of ['no-such-object', otherTypeId(type)]) {
      await expectDocumented(o, await call(o, { cookie, path: { id, action }, headers: { 'If-Match': '"1"' }, body }), 404);
    }
    // The document agrees that the name is not one of the actions.
    expect(validatorAt(o.params.find((p) => p.name === 'action')!.schemaPointer)('explode')).toBe(false);
    const x = objectOf(type, sampleId(type));
    await expectDocumented(o, await call(o, { cookie, path: { id: x.id, action: 'explode' }, headers: ifMatch(x), body }), 404);
  });

  it('answers 403 naming the permission to a persona with Extended Search but not the permission, and records the refusal', async () => {
    const { cookie, session } = await signIn('card-production-administrator');
    expect(session.rights).toContain('Extended Search');
    const x = objectOf(type, sampleId(type));
    for (const [action, rule] of Object.entries(rulesOf(o))) {
      expect(mayRun(session, rule), action).toBe(false);
      const problem = (await expectDocumented(o, await call(o, { cookie, path: { id: x.id, action }, headers: ifMatch(x), body: inputFor(o, action) }), 403)) as Problem;
      expect(problem.missingPermission, action).toBe(rule.permission);
    }
    expect(objectOf(type, x.id).version).toBe(x.version);
    expect((await historyOf(o, cookie, x.id))[0]).toMatchObject({ outcome: 'denied', actor: { username: 'card-production-administrator' } });
  });

  it('answers 428 without If-Match, and 412 naming the current version for an ETag that is no longer current', async () => {
    const { cookie, session } = await signIn('registration-officer');
    // An action that changes the object's version, so a second attempt with the same ETag is stale.
    const action = Object.keys(rulesOf(o)).find((a) => rulesOf(o)[a]!.to !== 'same' && mayRun(session, rulesOf(o)[a]!))!;
    const body = inputFor(o, action);
    const x = candidateFor(o, action, body);
    await expectDocumented(o, await call(o, { cookie, path: { id: x.id, action }, body }), 428);
    expect(objectOf(type, x.id).version).toBe(x.version);

    const first = (await expectDocumented(o, await call(o, { cookie, path: { id: x.id, action }, headers: ifMatch(x), body }), 200)) as ObjectPage;
    expect(first.version).toBeGreaterThan(x.version);
    const problem = (await expectDocumented(o, await call(o, { cookie, path: { id: x.id, action }, headers: ifMatch(x), body }), 412)) as Problem;
    expect(problem.currentVersion).toBe(first.version);
    expect(objectOf(type, x.id).version).toBe(first.version);
    // Recorded; not necessarily first, as entries of the same millisecond keep the order they were written in.
    expect(await historyOf(o, cookie, x.id)).toContainEqual(expect.objectContaining({ action, outcome: 'refused', detail: 'changed since it was loaded' }));
  });

  it('answers 409 naming the current state for each action the state does not allow, changing nothing', async () => {
    const { cookie, session } = await signIn('registration-officer');
    let refused = 0;
    for (const [action, rule] of Object.entries(rulesOf(o))) {
      const x = objectsOf(type).find((y) => !rule.from.includes(y.status));
      if (!x || !mayRun(session, rule)) continue;
      const problem = (await expectDocumented(o, await call(o, { cookie, path: { id: x.id, action }, headers: ifMatch(x), body: inputFor(o, action) }), 409)) as Problem;
      expect(problem.currentStatus, action).toBe(x.status);
      expect(objectOf(type, x.id)).toMatchObject({ status: x.status, version: x.version });
      refused += 1;
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('answers 422 when a needed reason is missing or not on the list, and for a body that is not JSON', async () => {
    const { cookie, session } = await signIn('registration-officer');
    const action = Object.keys(rulesOf(o)).find((a) => rulesOf(o)[a]!.reasons && mayRun(session, rulesOf(o)[a]!))!;
    const x = candidateFor(o, action, inputFor(o, action));
    expect(rulesOf(o)[action]!.reasons).not.toContain('Bored');
    for (const body of [undefined, {}, { reason: 'Bored' }]) {
      const problem = (await expectDocumented(o, await call(o, { cookie, path: { id: x.id, action }, headers: ifMatch(x), body }), 422)) as Problem;
      expect(Object.keys(problem.errors ?? {}), JSON.stringify(body)).toEqual(['reason']);
    }
    await expectDocumented(o, await call(o, { cookie, path: { id: x.id, action }, headers: ifMatch(x), body: 'reason=Lost' }), 422);
    expect(objectOf(type, x.id)).toMatchObject({ status: x.status, version: x.version });
  });
});

describe('lifecycle actions: personas and rules', () => {
  const cards = () => opByKey('POST /cards/{id}/actions/{action}');
  const persons = () => opByKey('POST /persons/{id}/actions/{action}');
  const temporaryCards = () => opByKey('POST /temporary-cards/{id}/actions/{action}');
  const ifMatch = (x: Obj) => ({ 'If-Match': `"${x.version}"` });

  it('an issuing authority activates an issued card, and every other card action is refused with 403 naming its permission', async () => {
    const { cookie, session } = await signIn('issuing-authority');
    const issued = store.db.cards.find((c) => c.status === 'Issued')!;
    const done = (await expectDocumented(cards(), await call(cards(), { cookie, path: { id: issued.id, action: 'activate' }, headers: ifMatch(issued) }), 200)) as CardDetail;
    expect(done.status).toBe('Active');
    expect(done.allowedActions).toEqual([]);
    const active = store.db.cards.find((c) => c.status === 'Active')!;
    for (const [action, rule] of Object.entries(rulesOf(cards())).filter(([a]) => a !== 'activate')) {
      expect(mayRun(session, rule), action).toBe(false);
      const problem = (await expectDocumented(cards(), await call(cards(), { cookie, path: { id: active.id, action }, headers: ifMatch(active), body: inputFor(cards(), action) }), 403)) as Problem;
      expect(problem.missingPermission).toBe(rule.permission);
    }
  });

  it('a second card request for a person answers 409 from the action\'s rules, without currentStatus', async () => {
    const { cookie } = await signIn('registration-officer');
    const person = candidateFor(persons(), 'request-card', {});
    const first = (await expectDocumented(persons(), await call(persons(), { cookie, path: { id: person.id, action: 'request-card' }, headers: ifMatch(person) }), 200)) as PersonDetail;
    expect(first.requests.filter((r) => r.status === 'Requested')).toHaveLength(1);
    const again = (await expectDocumented(persons(), await call(persons(), { cookie, path: { id: person.id, action: 'request-card' }, headers: { 'If-Match': `"${first.version}"` } }), 409)) as Problem;
    expect(again.currentStatus).toBeUndefined();
    expect(again.detail).toMatch(/already has card/);
  });

  it('reactivating a card whose holder is not active answers 409', async () => {
    const { cookie } = await signIn('registration-officer');
    const card = store.db.cards.find((c) => c.status === 'Inactive' && store.db.persons.get(c.personId)?.status !== 'Active')!;
    const problem = (await expectDocumented(cards(), await call(cards(), { cookie, path: { id: card.id, action: 'reactivate' }, headers: ifMatch(card) }), 409)) as Problem;
    expect(problem.currentStatus).toBeUndefined();
    expect(store.db.cards.get(card.id)!.status).toBe('Inactive');
  });

  it('assigning a temporary card needs personId naming a person (422), and an active one (409)', async () => {
    const { cookie } = await signIn('registration-officer');
    const t = store.db.temporaryCards.find((x) => x.status === 'Unassigned')!;
    const assign = (body: unknown) => call(temporaryCards(), { cookie, path: { id: t.id, action: 'assign' }, headers: ifMatch(t), body });
    for (const body of [{}, { personId: 'p-no-such-person' }]) {
      const problem = (await expectDocumented(temporaryCards(), await assign(body), 422)) as Problem;
      expect(Object.keys(problem.errors ?? {})).toEqual(['personId']);
    }
    const inactive = store.db.persons.find((p) => p.status === 'Inactive')!;
    await expectDocumented(temporaryCards(), await assign({ personId: inactive.id }), 409);
    expect(store.db.temporaryCards.get(t.id)).toMatchObject({ status: 'Unassigned', version: t.version });
  });

  it('a card lock revokes its certificates, which their history records as caused by it', async () => {
    const { cookie } = await signIn('registration-officer');
    const card = store.db.cards.find((c) => c.status === 'Active' && store.db.certificates.find((x) => x.cardId === c.id && x.status === 'Valid') !== undefined)!;
    const done = (await expectDocumented(cards(), await call(cards(), { cookie, path: { id: card.id, action: 'lock' }, headers: ifMatch(card), body: { reason: 'Stolen' } }), 200)) as CardDetail;
    expect(done.certificates.every((c) => c.status === 'Revoked')).toBe(true);
    const certificates = opByKey('POST /certificates/{id}/actions/{action}');
    const [entry] = await historyOf(certificates, cookie, done.certificates[0]!.id);
    expect(entry).toMatchObject({ action: 'lock', after: 'Revoked', reason: 'Stolen', detail: `By lock of card ${card.number}` });
  });

  it('aborting a requested card withdraws its approval task; Open Tasks still lists only open and postponed tasks', async () => {
    const { cookie } = await signIn('registration-officer');
    const card = store.db.cards.find((c) => c.status === 'Requested' && store.db.tasks.find((t) => t.cardId === c.id && t.status === 'Open') !== undefined)!;
    await expectDocumented(cards(), await call(cards(), { cookie, path: { id: card.id, action: 'abort' }, headers: ifMatch(card) }), 200);
    const withdrawn = store.db.tasks.filter((t) => t.cardId === card.id);
    expect(withdrawn.map((t) => t.status)).toContain('Withdrawn');
    const tasks = opByKey('GET /tasks');
    const approver = await signIn('approver');
    const listed = (await expectDocumented(tasks, await call(tasks, { cookie: approver.cookie, query: { pageSize: 200 } }), 200)) as Collection<Task>;
    expect(listed.total).toBeLessThanOrEqual(200);
    for (const t of withdrawn) expect(listed.items.map((x) => x.id)).not.toContain(t.id);
  });
});

// ---- Open Tasks -----------------------------------------------------------------------------

describe('Open Tasks', () => {
  const list = () => opByKey('GET /tasks');
  const get = () => opByKey('GET /tasks/{id}');
  const decide = () => opByKey('POST /tasks/{id}/actions/{decision}');
  const DECIDERS = [...new Set(Object.values(TASK_DECIDERS).flat())];
  /** A decision body, which the document must accept. */
  const decisionBody = (body: { reason?: string }) => {
    expectValid(requestSchemaOf(decide()), body, 'decision request');
    return body;
  };
  const queueOf = async (cookie: string, query: Record<string, string | number> = {}) =>
    ((await expectDocumented(list(), await call(list(), { cookie, query: { pageSize: 200, ...query } }), 200)) as Collection<Task>).items;

  it('lists to each persona exactly the waiting tasks of the types it decides, newest first', async () => {
    for (const username of DECIDERS) {
      const { cookie, session } = await signIn(username);
      const items = await queueOf(cookie);
      // The personas sign in to the default tenant: the queue holds its tasks only.
      const expected = store.db.tasks.filter((t) => QUEUE_STATUSES.includes(t.status) && mayDecide(session, t.type) && !store.db.persons.get(t.subjectId)?.tenantId);
      expect(expected.length, username).toBeGreaterThan(0);
      expect(items.map((t) => t.id).sort(), username).toEqual(expected.map((t) => t.id).sort());
      const times = items.map((t) => t.createdAt);
      expect(times, username).toEqual([...times].sort().reverse());
      for (const row of items) {
        const t = store.db.tasks.get(row.id)!;
        expect(row).toMatchObject({ type: t.type, status: t.status, requestedBy: { id: t.requestedById }, subject: { id: t.subjectId }, approvalsRequired: t.approvalsRequired, approvals: t.decisions.filter((d) => d.decision === 'approve').length });
      }
    }
  });

  it('answers a task of each type to the personas who decide it, with its ETag and the decisions they may give', async () => {
    for (const type of TASK_TYPES) {
      for (const username of TASK_DECIDERS[type]) {
        const { cookie } = await signIn(username);
        const t = decidableTask(username, type);
        const res = await call(get(), { cookie, path: { id: t.id } });
        expect(res.headers.get('ETag')).toBe(`"${t.version}"`);
        const task = (await expectDocumented(get(), res, 200)) as TaskDetail;
        expect(task).toMatchObject({ id: t.id, type, status: 'Open', version: t.version, allowedActions: TASK_DECISIONS, blockedBecause: null, rejectReasons: [...REJECT_REASONS], subjectPerson: { id: t.subjectId } });
        expect(task.requester?.id ?? null).toBe(store.db.persons.get(t.requestedById) ? t.requestedById : null);
        expect(task.card?.id ?? null, `${type} card`).toBe(t.cardId);
        expect(task.request?.id ?? null, `${type} request`).toBe(t.requestId);
      }
    }
  });

  it('says why separation of duties keeps a persona from deciding a task, offering no decision', async () => {
    const { cookie } = await signIn('approver');
    const me = accountOf('approver').personId;
    const [a, b, c] = store.db.tasks.filter((t) => t.type === 'card-approval' && t.status === 'Open');
    const earlier: TaskDecision = { decision: 'approve', actor: { username: 'approver', displayName: 'Approver' }, at: new Date().toISOString() };
    store.put('tasks', { ...a!, requestedById: me });
    store.put('tasks', { ...b!, subjectId: me });
    store.put('tasks', { ...c!, approvalsRequired: 2, decisions: [earlier] });
    for (const [t, block] of [[a!, 'own-request'], [b!, 'about-self'], [c!, 'already-acted']] as const) {
      const task = (await expectDocumented(get(), await call(get(), { cookie, path: { id: t.id } }), 200)) as TaskDetail;
      expect(task, block).toMatchObject({ status: 'Open', blockedBecause: block, allowedActions: [] });
    }
  });

  it('answers decided and withdrawn tasks, which offer no decision', async () => {
    const { cookie } = await signIn('approver');
    const done = TASK_STATUSES.filter((status) => !QUEUE_STATUSES.includes(status));
    expect(done.length).toBeGreaterThan(0);
    const open = store.db.tasks.filter((t) => t.type === 'card-approval' && t.status === 'Open');
    for (const [i, status] of done.entries()) {
      const t = { ...open[i]!, status, version: open[i]!.version + 1 };
      store.put('tasks', t);
      const res = await call(get(), { cookie, path: { id: t.id } });
      const task = (await expectDocumented(get(), res, 200)) as TaskDetail;
      expect(task, status).toMatchObject({ status, allowedActions: [], blockedBecause: null });
      expect(res.headers.get('ETag')).toBe(`"${t.version}"`);
    }
  });

  it('answers 404 for an unknown task and for a task of a type the persona does not decide', async () => {
    for (const username of DECIDERS) {
      const { cookie, session } = await signIn(username);
      await expectDocumented(get(), await call(get(), { cookie, path: { id: 'no-such-task' } }), 404);
      const others = TASK_TYPES.filter((type) => !mayDecide(session, type));
      expect(others.length, username).toBeGreaterThan(0);
      for (const type of others) {
        const t = store.db.tasks.find((x) => x.type === type)!;
        await expectDocumented(get(), await call(get(), { cookie, path: { id: t.id } }), 404);
      }
    }
  });

  it.each(TASK_TYPES)('approving a %s task answers 200 with the fresh task and ETag, and carries the request out', async (type) => {
    const username = TASK_DECIDERS[type][0]!;
    const { cookie } = await signIn(username);
    const t = decidableTask(username, type, (x) => x.approvalsRequired === 1);
    // As the console does: load the task, send its ETag back.
    const loaded = await call(get(), { cookie, path: { id: t.id } });
    const etag = loaded.headers.get('ETag')!;
    await expectDocumented(get(), loaded, 200);
    const res = await call(decide(), { cookie, path: { id: t.id, decision: 'approve' }, headers: { 'If-Match': etag }, body: decisionBody({}) });
    const done = (await expectDocumented(decide(), res, 200)) as TaskDetail;
    expect(done).toMatchObject({ id: t.id, status: 'Approved', approvals: 1, version: t.version + 1, allowedActions: [], blockedBecause: null });
    expect(done.decisions).toEqual([expect.objectContaining({ decision: 'approve', actor: expect.objectContaining({ username }) })]);
    if (type === 'card-approval') {
      expect(done.card?.status).toBe('Approved');
      expect(done.request?.status).toBe('Approved');
    }
    if (type === 'registration-review') expect(store.db.persons.get(t.subjectId)!.status).toBe('Active');
    if (type === 'prime-user-activation') expect(store.db.accounts.find((a) => a.personId === t.subjectId)!.status).toBe('Active');
    expect((await queueOf(cookie)).map((x) => x.id)).not.toContain(t.id);
  });

  it('rejects with a reason from the list, and postpones keeping the task in the queue', async () => {
    const { cookie } = await signIn('approver');
    const a = decidableTask('approver', 'card-approval');
    const reason = REJECT_REASONS[1];
    const rejected = (await expectDocumented(decide(), await call(decide(), { cookie, path: { id: a.id, decision: 'reject' }, headers: ifMatchVersion(a.version), body: decisionBody({ reason }) }), 200)) as TaskDetail;
    expect(rejected).toMatchObject({ status: 'Rejected', card: { status: 'Rejected' }, request: { status: 'Rejected' }, allowedActions: [] });
    expect(rejected.decisions[0]).toMatchObject({ decision: 'reject', reason });

    const b = decidableTask('approver', 'card-approval');
    const postponed = (await expectDocumented(decide(), await call(decide(), { cookie, path: { id: b.id, decision: 'postpone' }, headers: ifMatchVersion(b.version), body: decisionBody({ reason: 'Waiting for the manager' }) }), 200)) as TaskDetail;
    // Postponing is no decision on the request: the same approver may still decide it.
    expect(postponed).toMatchObject({ status: 'Postponed', approvals: 0, allowedActions: TASK_DECISIONS, blockedBecause: null });
    expect(postponed.decisions[0]).toMatchObject({ decision: 'postpone', reason: 'Waiting for the manager' });
    expect((await queueOf(cookie, { status: 'Postponed' })).map((x) => x.id)).toContain(b.id);
  });

  it('needs two approvers for a contractor\'s card: the first approval leaves it waiting, the same approver again answers 409', async () => {
    const approver = await signIn('approver');
    const multi = await signIn('multi-role');
    const multiPerson = accountOf('multi-role').personId;
    const notMulti = (t: TaskRecord) => t.requestedById !== multiPerson && t.subjectId !== multiPerson;
    // A contractor's card when the demo data holds one both may decide, else another card made to need two.
    const t = findDecidableTask('approver', 'card-approval', (x) => x.approvalsRequired === 2 && notMulti(x)) ?? decidableTask('approver', 'card-approval', notMulti);
    store.put('tasks', { ...t, approvalsRequired: 2 });
    const first = (await expectDocumented(decide(), await call(decide(), { cookie: approver.cookie, path: { id: t.id, decision: 'approve' }, headers: ifMatchVersion(t.version) }), 200)) as TaskDetail;
    expect(first).toMatchObject({ status: 'Open', approvals: 1, approvalsRequired: 2, allowedActions: [], blockedBecause: 'already-acted', card: { status: 'Requested' } });
    expect((await queueOf(approver.cookie)).find((x) => x.id === t.id)).toMatchObject({ approvals: 1, approvalsRequired: 2 });

    const twice = (await expectDocumented(decide(), await call(decide(), { cookie: approver.cookie, path: { id: t.id, decision: 'approve' }, headers: ifMatchVersion(first.version) }), 409)) as Problem;
    expect(twice.type).toBe('/problems/separation-of-duties');
    expect(twice.currentStatus).toBeUndefined();
    expect(store.db.tasks.get(t.id)!.version).toBe(first.version);

    const second = (await expectDocumented(decide(), await call(decide(), { cookie: multi.cookie, path: { id: t.id, decision: 'approve' }, headers: ifMatchVersion(first.version) }), 200)) as TaskDetail;
    expect(second).toMatchObject({ status: 'Approved', approvals: 2, card: { status: 'Approved' } });
  });

  it('refuses with 403 a decision on a request of one\'s own or one about oneself (separation of duties), changing nothing', async () => {
    const { cookie } = await signIn('approver');
    const me = accountOf('approver').personId;
    const [a, b] = store.db.tasks.filter((t) => t.type === 'card-approval' && t.status === 'Open');
    const own = { ...a!, requestedById: me };
    const aboutMe = { ...b!, subjectId: me };
    store.put('tasks', own);
    store.put('tasks', aboutMe);
    for (const [t, block] of [[own, 'own-request'], [aboutMe, 'about-self']] as const) {
      for (const decision of TASK_DECISIONS) {
        const body = decision === 'reject' ? { reason: REJECT_REASONS[0] } : {};
        const problem = (await expectDocumented(decide(), await call(decide(), { cookie, path: { id: t.id, decision }, headers: ifMatchVersion(t.version), body }), 403)) as Problem;
        expect(problem.type, `${block} ${decision}`).toBe('/problems/separation-of-duties');
      }
      expect(store.db.tasks.get(t.id)).toMatchObject({ status: 'Open', version: t.version, decisions: [] });
      expect(store.db.audit).toContainEqual(expect.objectContaining({ actor: 'approver', outcome: 'denied', detail: block }));
    }
  });

  it('answers 409 naming the status for a task decided or withdrawn meanwhile, and who decided it and when', async () => {
    const approver = await signIn('approver');
    const multi = await signIn('multi-role');
    const multiPerson = accountOf('multi-role').personId;
    const notMulti = (t: TaskRecord) => t.requestedById !== multiPerson && t.subjectId !== multiPerson;
    const t = decidableTask('approver', 'card-approval', (x) => x.approvalsRequired === 1 && notMulti(x));
    const approved = (await expectDocumented(decide(), await call(decide(), { cookie: approver.cookie, path: { id: t.id, decision: 'approve' }, headers: ifMatchVersion(t.version) }), 200)) as TaskDetail;
    const problem = (await expectDocumented(decide(), await call(decide(), { cookie: multi.cookie, path: { id: t.id, decision: 'reject' }, headers: ifMatchVersion(approved.version), body: { reason: REJECT_REASONS[0] } }), 409)) as Problem;
    expect(problem.currentStatus).toBe('Approved');
    expect(problem.detail).toContain(`Approved by ${approver.session.user.displayName} at ${approved.decisions[0]!.at}`);

    const w = decidableTask('multi-role', 'card-approval', (x) => x.id !== t.id);
    store.put('tasks', { ...w, status: 'Withdrawn', version: w.version + 1 });
    const withdrawn = (await expectDocumented(decide(), await call(decide(), { cookie: multi.cookie, path: { id: w.id, decision: 'approve' }, headers: ifMatchVersion(w.version + 1) }), 409)) as Problem;
    expect(withdrawn.currentStatus).toBe('Withdrawn');
  });

  it('answers 428 without If-Match and 412 naming the current version, changing nothing', async () => {
    const { cookie } = await signIn('helpdesk');
    const t = decidableTask('helpdesk', 'prime-user-activation');
    await expectDocumented(decide(), await call(decide(), { cookie, path: { id: t.id, decision: 'approve' } }), 428);
    const problem = (await expectDocumented(decide(), await call(decide(), { cookie, path: { id: t.id, decision: 'approve' }, headers: ifMatchVersion(t.version + 1) }), 412)) as Problem;
    expect(problem.currentVersion).toBe(t.version);
    expect(store.db.tasks.get(t.id)).toMatchObject({ status: 'Open', version: t.version });
  });

  it('answers 422 for a rejection without a reason from the list, and for a body that is not JSON', async () => {
    const { cookie } = await signIn('registration-officer');
    const t = decidableTask('registration-officer', 'registration-review');
    for (const body of [undefined, {}, { reason: 'Bored' }]) {
      const problem = (await expectDocumented(decide(), await call(decide(), { cookie, path: { id: t.id, decision: 'reject' }, headers: ifMatchVersion(t.version), body }), 422)) as Problem;
      expect(Object.keys(problem.errors ?? {}), JSON.stringify(body)).toEqual(['reason']);
    }
    await expectDocumented(decide(), await call(decide(), { cookie, path: { id: t.id, decision: 'approve' }, headers: ifMatchVersion(t.version), body: 'reason=Duplicate' }), 422);
    expect(store.db.tasks.get(t.id)).toMatchObject({ status: 'Open', version: t.version });
  });

  it('answers 404 for an unknown task and an unknown decision, 403 naming the permission for a task of a type the persona does not decide', async () => {
    const { cookie } = await signIn('approver');
    const other = store.db.tasks.find((t) => t.type === 'prime-user-activation' && t.status === 'Open')!;
    await expectDocumented(decide(), await call(decide(), { cookie, path: { id: 'no-such-task', decision: 'approve' }, headers: ifMatchVersion(1) }), 404);
    const refused = (await expectDocumented(decide(), await call(decide(), { cookie, path: { id: other.id, decision: 'approve' }, headers: ifMatchVersion(other.version) }), 403)) as Problem;
    expect(refused.missingPermission).toBe('prime-user:activate');
    expect(store.db.audit.at(-1)).toMatchObject({ actor: 'approver', action: 'task-approve', outcome: 'denied', detail: 'missing permission prime-user:activate' });
    // The document agrees that the name is not one of the decisions.
    expect(validatorAt(decide().params.find((p) => p.name === 'decision')!.schemaPointer)('explode')).toBe(false);
    const t = decidableTask('approver', 'card-approval');
    await expectDocumented(decide(), await call(decide(), { cookie, path: { id: t.id, decision: 'explode' }, headers: ifMatchVersion(t.version) }), 404);
    expect(store.db.tasks.get(other.id)).toMatchObject({ status: 'Open', version: other.version });
  });
});

// ---- Batch orders ---------------------------------------------------------------------------

describe('Batch orders', () => {
  const list = () => opByKey('GET /batch-orders');
  const get = () => opByKey('GET /batch-orders/{id}');
  const create = () => opByKey('POST /batch-orders');
  const act = () => opByKey('POST /batch-orders/{id}/actions/{action}');
  const orderers = () => DEMO_ACCOUNTS.filter((a) => mayUseInteractiveSignIn(a.roles) && (principalOf(a.roles).rights as string[]).includes('Batch Orders')).map((a) => a.username);
  /** Creates an order as the persona, checking the body against the document and the answer (201). */
  const created = async (cookie: string, input: BatchOrderInput): Promise<BatchOrderDetail> => {
    expectValid(requestSchemaOf(create()), input, `${input.type} order`);
    return (await expectDocumented(create(), await call(create(), { cookie, headers: newKey(), body: input }), 201)) as BatchOrderDetail;
  };
  /** The order's version now, as the console sends it in If-Match. */
  const ifMatch = (id: string) => ({ 'If-Match': `"${store.db.batchOrders.get(id)?.version ?? 1}"` });
  const run = async (cookie: string, id: string, action: string, status: 200 | 202) =>
    (await expectDocumented(act(), await call(act(), { cookie, path: { id, action }, headers: ifMatch(id) }), status)) as BatchOrderDetail;
  const refused = async (cookie: string, id: string, action: string, status: 403 | 404 | 409) =>
    (await expectDocumented(act(), await call(act(), { cookie, path: { id, action }, headers: ifMatch(id) }), status)) as Problem;

  it('lists every order as a summary, newest first', async () => {
    const { cookie } = await signIn('card-production-administrator');
    const page = (await expectDocumented(list(), await call(list(), { cookie, query: { pageSize: 200 } }), 200)) as Collection<BatchOrder>;
    expect(page.total).toBe(store.db.batchOrders.filter((o) => !o.tenantId).length);
    const times = page.items.map((o) => o.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    for (const row of page.items) {
      const { id, type, status, itemCount, processedCount, failedCount, createdAt, createdBy } = store.db.batchOrders.get(row.id)!;
      expect(row).toEqual({ id, type, status, itemCount, processedCount, failedCount, createdAt, createdBy });
    }
  });

  it('answers an order in each status with its items, counts, actions and ETag', async () => {
    const { cookie } = await signIn('registration-officer');
    const byStatus = new Map<string, BatchOrderRecord>();
    for (const o of store.db.batchOrders.all()) if (!byStatus.has(o.status)) byStatus.set(o.status, o);
    expect(byStatus.size).toBeGreaterThan(1);
    for (const o of byStatus.values()) {
      const res = await call(get(), { cookie, path: { id: o.id } });
      expect(res.headers.get('ETag')).toBe(`"${o.version}"`);
      const order = (await expectDocumented(get(), res, 200)) as BatchOrderDetail;
      expect(order).toMatchObject({ id: o.id, status: o.status, version: o.version });
      expectConsistentOrder(order, `${o.id} ${o.status}`);
    }
    await expectDocumented(get(), await call(get(), { cookie, path: { id: 'no-such-order' } }), 404);
  });

  it('creates an order of each type: 201 with Location and ETag, waiting to be run, items not ready skipped', async () => {
    const cpa = await signIn('card-production-administrator');
    const ro = await signIn('registration-officer');
    const roles = await signInWithRoles('contract-role-officer', ['BaseRoleRegistrationOfficer', 'BaseRoleUserAdmin']);
    const activeCard = store.db.cards.find((c) => c.status === 'Active')!;
    const readyTemporaryCards = store.db.temporaryCards.filter((t) => t.status === 'Requested').length;
    const cases: [Persona, BatchOrderInput, number][] = [
      [cpa, { type: 'produce-cards', ids: [...store.db.cards.filter((c) => c.status === 'Approved').slice(0, 2).map((c) => c.id), activeCard.id] }, 3],
      [ro, { type: 'request-cards', ids: personsReadyForCards().slice(0, 2).map((p) => p.id) }, 2],
      [ro, { type: 'issue-temporary-cards', query: {} }, readyTemporaryCards],
      [ro, { type: 'reset-passwords', query: { q: 'a', type: 'contractor' } }, -1],
      [roles, { type: 'edit-roles', ids: [accountOf('helpdesk').id], roles: { add: ['BaseRoleOfficer'], remove: [] } }, 1],
    ];
    for (const [p, input, count] of cases) {
      const res = await call(create(), { cookie: p.cookie, headers: newKey(), body: input });
      const location = res.headers.get('Location');
      expectValid(requestSchemaOf(create()), input, `${input.type} order`);
      const order = (await expectDocumented(create(), res, 201)) as BatchOrderDetail;
      expect(location).toBe(`/api/v1/batch-orders/${order.id}`);
      expect(order).toMatchObject({ type: input.type, status: 'Created', version: 1, startedAt: null, finishedAt: null, createdBy: { id: accountOf(p.username).personId } });
      if (count >= 0) expect(order.itemCount, input.type).toBe(count);
      else expect(order.itemCount, input.type).toBeGreaterThan(0);
      expect(order.roles).toEqual(input.roles);
      expectConsistentOrder(order, input.type);
      const again = await call(get(), { cookie: p.cookie, path: { id: order.id } });
      expect(await expectDocumented(get(), again, 200)).toEqual(order);
    }
    const produce = store.db.batchOrders.find((o) => o.type === 'produce-cards' && o.status === 'Created')!;
    expect(produce.items.find((i) => i.id === activeCard.id)).toMatchObject({ status: 'skipped', reason: 'Not ready for production: the card is Active.' });
  });

  it('answers a retry with the same Idempotency-Key and body with the first order (200); another body with that key is 422', async () => {
    const { cookie } = await signIn('card-production-administrator');
    const ids = store.db.cards.filter((c) => c.status === 'Approved').slice(0, 3).map((c) => c.id);
    const key = newKey();
    const before = store.db.batchOrders.size;
    const first = (await expectDocumented(create(), await call(create(), { cookie, headers: key, body: { type: 'produce-cards', ids } }), 201)) as BatchOrderDetail;
    // The ids in another order are the same order.
    const retry = (await expectDocumented(create(), await call(create(), { cookie, headers: key, body: { type: 'produce-cards', ids: [...ids].reverse() } }), 200)) as BatchOrderDetail;
    expect(retry).toEqual(first);
    const other = (await expectDocumented(create(), await call(create(), { cookie, headers: key, body: { type: 'produce-cards', ids: ids.slice(1) } }), 422)) as Problem;
    expect(Object.keys(other.errors ?? {})).toEqual(['Idempotency-Key']);
    expect(store.db.batchOrders.size).toBe(before + 1);
  });

  it('answers 428 without an Idempotency-Key, creating nothing', async () => {
    const { cookie } = await signIn('registration-officer');
    const before = store.db.batchOrders.size;
    for (const headers of [{}, { 'Idempotency-Key': '' }] as Record<string, string>[]) {
      await expectDocumented(create(), await call(create(), { cookie, headers, body: { type: 'reset-passwords', ids: [activePersonId()] } }), 428);
    }
    expect(store.db.batchOrders.size).toBe(before);
  });

  it('answers 403 naming the permission of the type to each persona who may not order it, creating nothing', async () => {
    const before = store.db.batchOrders.size;
    let refusals = 0;
    for (const username of orderers()) {
      const { cookie, session } = await signIn(username);
      for (const [type, permission] of Object.entries(BATCH_PERMISSION) as [BatchOrderType, string][]) {
        if ((session.permissions as string[]).includes(permission)) continue;
        const problem = (await expectDocumented(create(), await call(create(), { cookie, headers: newKey(), body: { type, ids: [activePersonId()] } }), 403)) as Problem;
        expect(problem.missingPermission, `${username} ${type}`).toBe(permission);
        expect(store.db.audit).toContainEqual(expect.objectContaining({ actor: username, action: 'batch-create', outcome: 'denied' }));
        refusals += 1;
      }
    }
    expect(refusals).toBeGreaterThan(0);
    expect(store.db.batchOrders.size).toBe(before);
  });

  it('answers 422 for bodies outside the contract and for selections the backend refuses, creating nothing', async () => {
    // An account that may order every type, so that only the body decides.
    const { cookie } = await signInWithRoles('contract-order-officer', ['BaseRoleRegistrationOfficer', 'BaseRoleUserAdmin', 'BaseRoleProductionAdmin']);
    const account = accountOf('helpdesk').id;
    const tooMany = Array.from({ length: MAX_ITEMS + 1 }, (_, i) => `p-${i}`);
    const cases: [string, unknown, boolean, string[]][] = [
      ['an unknown type', { type: 'explode', ids: [activePersonId()] }, false, ['type']],
      ['neither ids nor criteria', { type: 'request-cards' }, false, ['ids']],
      ['no ids', { type: 'request-cards', ids: [] }, false, ['ids']],
      ['too many ids', { type: 'request-cards', ids: tooMany }, false, ['ids']],
      ['an id of no object of the type', { type: 'request-cards', ids: [store.db.cards.all()[0]!.id] }, true, ['ids']],
      ['criteria outside a filter\'s values', { type: 'produce-cards', query: { status: 'Bored' } }, true, ['status']],
      ['criteria that find nothing', { type: 'request-cards', query: { q: 'zzzz-no-such-person' } }, true, ['ids']],
      ['criteria for edit-roles', { type: 'edit-roles', query: {}, roles: { add: ['BaseRoleOfficer'], remove: [] } }, false, ['ids']],
      ['edit-roles without roles', { type: 'edit-roles', ids: [account] }, false, ['roles']],
      ['edit-roles changing no role', { type: 'edit-roles', ids: [account], roles: { add: [], remove: [] } }, true, ['roles']],
      ['edit-roles adding a system role', { type: 'edit-roles', ids: [account], roles: { add: ['BaseRoleBatchSync'], remove: [] } }, true, ['roles']],
    ];
    const before = store.db.batchOrders.size;
    for (const [what, body, documentAccepts, fields] of cases) {
      expect(validatorAt(requestSchemaOf(create()))(body), `the document on ${what}`).toBe(documentAccepts);
      const problem = (await expectDocumented(create(), await call(create(), { cookie, headers: newKey(), body }), 422)) as Problem;
      expect(Object.keys(problem.errors ?? {}), what).toEqual(fields);
    }
    await expectDocumented(create(), await call(create(), { cookie, headers: newKey(), body: 'type=produce-cards' }), 422);
    expect(store.db.batchOrders.size).toBe(before);
  });

  it('runs a production order (202) until Finished, repeats the failed items (202) and completes it (200)', async () => {
    const { cookie } = await signIn('card-production-administrator');
    // Some approved cards and one that fails on its first attempt only (the printer's feed errors are deterministic).
    const failing = store.db.cards.find((c) => c.status !== 'Approved' && productionFails(c.id, 0) && !productionFails(c.id, 1))!;
    store.put('cards', { ...failing, status: 'Approved' });
    const ids = [...store.db.cards.filter((c) => c.status === 'Approved' && c.id !== failing.id).slice(0, 4).map((c) => c.id), failing.id];
    const order = await created(cookie, { type: 'produce-cards', ids });

    const running = await run(cookie, order.id, 'run', 202);
    expect(running).toMatchObject({ status: 'Running', version: order.version + 1 });
    expect(running.startedAt).not.toBeNull();
    const finished = await untilFinished(cookie, order.id);
    expectConsistentOrder(finished, 'after the run');
    expect(finished.failedCount).toBe(ids.filter((id) => productionFails(id, 0)).length);
    expect(finished.doneCount + finished.failedCount).toBe(ids.length);
    expect(finished.finishedAt).not.toBeNull();
    expect(store.db.cards.get(failing.id)!.status).toBe('Failed');
    expect(store.db.cards.get(finished.items.find((i) => i.status === 'done')!.id)!.status).toBe('Issued');

    await run(cookie, order.id, 'repeat-failed', 202);
    const repeated = await untilFinished(cookie, order.id);
    expect(repeated.failedCount).toBe(ids.filter((id) => productionFails(id, 0) && productionFails(id, 1)).length);
    expect(repeated.items.find((i) => i.id === failing.id)).toMatchObject({ status: 'done', attempts: 2 });
    const completed = await run(cookie, order.id, 'complete', 200);
    expect(completed).toMatchObject({ status: 'Completed', allowedActions: [] });
    expect((await refused(cookie, order.id, 'run', 409)).currentStatus).toBe('Completed');
  });

  it('runs a card request order for the registration officer, and cancels an order waiting to run', async () => {
    const { cookie } = await signIn('registration-officer');
    const persons = personsReadyForCards().slice(0, 2).map((p) => p.id);
    const order = await created(cookie, { type: 'request-cards', ids: persons });
    await run(cookie, order.id, 'run', 202);
    const finished = await untilFinished(cookie, order.id);
    expect(finished.doneCount).toBe(persons.length);
    for (const id of persons) expect(store.db.cards.find((c) => c.personId === id && c.status === 'Requested'), id).toBeDefined();
    await run(cookie, order.id, 'complete', 200);

    const waiting = await created(cookie, { type: 'reset-passwords', ids: [activePersonId()] });
    const cancelled = await run(cookie, waiting.id, 'cancel', 200);
    expect(cancelled).toMatchObject({ status: 'Cancelled', allowedActions: [], processedCount: 0 });
    expect((await refused(cookie, waiting.id, 'cancel', 409)).currentStatus).toBe('Cancelled');
  });

  it('answers 403 naming the permission of the order\'s type to a persona who may not run it, changing nothing', async () => {
    const cpa = await signIn('card-production-administrator');
    const ro = await signIn('registration-officer');
    const production = await created(cpa.cookie, { type: 'produce-cards', ids: store.db.cards.filter((c) => c.status === 'Approved').slice(0, 1).map((c) => c.id) });
    const requests = store.db.batchOrders.find((o) => o.type === 'request-cards')!;
    for (const [p, o] of [[ro, production], [cpa, requests]] as const) {
      for (const action of Object.keys(act().op['x-batch-actions'] ?? {})) {
        const problem = await refused(p.cookie, o.id, action, 403);
        // As the document names it: the action's own permission where it has one, else the type's.
        const documented = act().op['x-permission-by-action']?.[o.type]?.[action] ?? act().op['x-permission-by-type']?.[o.type];
        expect(problem.missingPermission, `${p.username} ${action}`).toBe(documented);
      }
      expect(store.db.batchOrders.get(o.id)).toMatchObject({ status: o.status, version: o.version });
    }
  });

  it('answers 409 naming the status for each action the status does not allow, changing nothing', async () => {
    const personas = [await signIn('registration-officer'), await signIn('multi-role')];
    const actions = Object.keys(act().op['x-batch-actions'] ?? {});
    let refusals = 0;
    for (const o of store.db.batchOrders.filter((b) => !b.tenantId)) {
      const p = personas.find((x) => (x.session.permissions as string[]).includes(BATCH_PERMISSION[o.type]))!;
      for (const action of actions.filter((a) => !orderDetail(o).allowedActions.includes(a as never))) {
        expect((await refused(p.cookie, o.id, action, 409)).currentStatus, `${o.status} ${action}`).toBe(o.status);
        refusals += 1;
      }
      expect(store.db.batchOrders.get(o.id)!.version).toBe(o.version);
    }
    expect(refusals).toBeGreaterThan(0);
  });

  it('answers 428 without If-Match and 412 with a stale one, changing nothing', async () => {
    const cpa = await signIn('card-production-administrator');
    const o = await created(cpa.cookie, { type: 'produce-cards', ids: store.db.cards.filter((c) => c.status === 'Approved').slice(0, 1).map((c) => c.id) });
    await expectDocumented(act(), await call(act(), { cookie: cpa.cookie, path: { id: o.id, action: 'run' } }), 428);
    const stale = (await expectDocumented(act(), await call(act(), { cookie: cpa.cookie, path: { id: o.id, action: 'cancel' }, headers: { 'If-Match': `"${o.version + 1}"` } }), 412)) as Problem;
    expect(stale.currentVersion).toBe(o.version);
    expect(store.db.batchOrders.get(o.id)).toMatchObject({ status: 'Created', version: o.version });
  });

  it('answers 404 for an unknown order and an unknown action', async () => {
    const { cookie } = await signIn('registration-officer');
    await refused(cookie, 'no-such-order', 'run', 404);
    // The document agrees that the name is not one of the actions.
    expect(validatorAt(act().params.find((p) => p.name === 'action')!.schemaPointer)('explode')).toBe(false);
    await refused(cookie, store.db.batchOrders.all()[0]!.id, 'explode', 404);
  });
});

// ---- Operation specifics --------------------------------------------------------------------

describe('POST /session', () => {
  const o = () => opByKey('POST /session');
  const requestSchema = () => follow(`${o().pointer}/requestBody/content/application~1json/schema`).pointer;

  it('signs in every interactive persona with a body the document accepts, and sets the cookie', async () => {
    for (const { username } of DEMO_ACCOUNTS.filter((a) => mayUseInteractiveSignIn(a.roles))) {
      const body = { username, password: 'demo' };
      expectValid(requestSchema(), body, 'sign-in request');
      const p = await signIn(username);
      expect(p.session.user.username).toBe(username);
    }
  });

  it('locks a username out after 10 failed sign-ins: 429 with Retry-After, the right password too; others unaffected; audited', async () => {
    const wrong = { username: 'helpdesk', password: 'not-demo' };
    for (let i = 1; i < 10; i++) await expectDocumented(o(), await call(o(), { body: wrong }), 401);
    const tenth = await call(o(), { body: wrong });
    expect(tenth.headers.get('Retry-After')).toBe('300');
    const problem = (await expectDocumented(o(), tenth, 429)) as Problem;
    expect(problem).toMatchObject({ retryAfter: 300, detail: 'Too many failed sign-ins for this username in a row. Try again in 5 minutes.' });
    // The right password waits too, and says how long.
    const right = await call(o(), { body: { username: 'helpdesk', password: 'demo' } });
    expect(right.headers.get('Retry-After')).toMatch(/^(299|300)$/);
    await expectDocumented(o(), right, 429);
    // Another username signs in as before.
    expect((await signIn('approver')).session.user.username).toBe('approver');
    expect(store.db.audit.filter((a) => a.action === 'sign-in-lockout')).toEqual([expect.objectContaining({ actor: 'helpdesk', outcome: 'denied', target: 'username helpdesk' })]);
  });

  it('counts an unknown username like a known one, so a lock-out never tells which exist', async () => {
    const answers: number[] = [];
    for (const username of ['no-such-user', 'approver']) {
      for (let i = 0; i < 10; i++) answers.push((await call(o(), { body: { username, password: 'wrong' } })).status);
    }
    expect(answers).toEqual([...Array(9).fill(401), 429, ...Array(9).fill(401), 429]);
    const locked = await Promise.all(['no-such-user', 'approver'].map(async (username) => ((await call(o(), { body: { username, password: 'wrong' } })).json() as Promise<Problem>)));
    expect(locked[0]!.detail).toBe(locked[1]!.detail);
  });

  it('forgets the failures after a success', async () => {
    for (let i = 0; i < 9; i++) await call(o(), { body: { username: 'helpdesk', password: 'wrong' } });
    await signIn('helpdesk');
    for (let i = 0; i < 9; i++) expect((await call(o(), { body: { username: 'helpdesk', password: 'wrong' } })).status).toBe(401);
  });

  it('ignores case and surrounding spaces in the username', async () => {
    const session = (await expectDocumented(o(), await call(o(), { body: { username: '  HelpDesk ', password: 'demo' } }), 200)) as SessionInfo;
    expect(session.user.username).toBe('helpdesk');
  });

  it.each([
    ['a wrong password', { username: 'helpdesk', password: 'not-demo' }],
    ['an unknown user', { username: 'no-such-user', password: 'demo' }],
  ])('answers 401 for %s', async (_, body) => {
    const res = await call(o(), { body });
    expect(res.headers.get('Set-Cookie')).toBeNull();
    const problem = (await expectDocumented(o(), res, 401)) as Problem;
    expect(problem.title).toBe('Sign-in failed');
  });

  it('answers 401 the same way for an unknown user and a wrong password', async () => {
    const a = (await expectDocumented(o(), await call(o(), { body: { username: 'helpdesk', password: 'x' } }), 401)) as Problem;
    const b = (await expectDocumented(o(), await call(o(), { body: { username: 'nobody', password: 'x' } }), 401)) as Problem;
    expect(a).toEqual(b);
  });

  it('refuses the Batch sync system account with 403', async () => {
    const res = await call(o(), { body: { username: 'batch-sync', password: 'demo' } });
    expect(res.headers.get('Set-Cookie')).toBeNull();
    const problem = (await expectDocumented(o(), res, 403)) as Problem;
    expect(problem.title).toBe('System account');
  });

  it('refuses an inactive account with 403', async () => {
    const inactive = store.db.accounts.find((a) => a.status === 'Inactive');
    if (!inactive) throw new Error('The demo data should hold an inactive account');
    const problem = (await expectDocumented(o(), await call(o(), { body: { username: inactive.username, password: 'demo' } }), 403)) as Problem;
    expect(problem.title).toBe('Account inactive');
  });

  it.each([
    ['no password', { username: 'helpdesk' }, ['password']],
    ['an empty username', { username: '   ', password: 'demo' }, ['username']],
    ['neither field', {}, ['username', 'password']],
    ['fields that are not strings', { username: 7, password: true }, ['username', 'password']],
  ] as const)('answers 422 for a body with %s', async (_, body, fields) => {
    // The document agrees the body is invalid.
    expect(validatorAt(requestSchema())(body)).toBe(false);
    const problem = (await expectDocumented(o(), await call(o(), { body }), 422)) as Problem;
    expect(Object.keys(problem.errors ?? {}).sort()).toEqual([...fields].sort());
  });

  it('answers 422 for a body that is not JSON', async () => {
    await expectDocumented(o(), await call(o(), { body: 'username=helpdesk&password=demo' }), 422);
  });
});

describe('GET /self-service/me', () => {
  it('answers 404 when no person record is linked to the account', async () => {
    const o = opByKey('GET /self-service/me');
    const { cookie } = await signIn('self-service-user');
    const account = store.db.accounts.find((a) => a.username === 'self-service-user');
    if (!account) throw new Error('self-service-user should exist');
    store.put('accounts', { ...account, personId: 'p-unlinked' }); // the next beforeEach resets the store
    await expectDocumented(o, await call(o, { cookie }), 404);
  });
});

describe('paths no operation serves', () => {
  it('answer 404 with a problem', async () => {
    const res = await fetch(`${BASE}/no-such-endpoint`);
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    const body: unknown = await res.json();
    expectValid('/components/schemas/Problem', body, 'catch-all 404');
    expect((body as Problem).status).toBe(404);
  });
});

// ---- Coverage: keep last --------------------------------------------------------------------

/**
 * Documented statuses that no test above exercises, each with the reason. Empty today: every
 * documented status is reached. An entry here must be documented and not exercised.
 */
const NOT_EXERCISED: ReadonlyMap<string, string> = new Map<string, string>([]);

describe('status coverage', () => {
  it('exercises every documented status of every operation', () => {
    const documented = WALKED.flatMap((o) => Object.keys(o.op.responses).map((status) => `${o.key} ${status}`));
    const missing = documented.filter((k) => !exercised.has(k) && !NOT_EXERCISED.has(k));
    expect(missing).toEqual([]);
    for (const k of NOT_EXERCISED.keys()) {
      expect(documented, `allow-listed ${k} is not documented`).toContain(k);
      expect(exercised.has(k), `allow-listed ${k} is exercised; drop it from the list`).toBe(false);
    }
    // Nothing answered a status the document does not list (expectDocumented fails on those).
    const everyDocumented = OPS.flatMap((o) => Object.keys(o.op.responses).map((status) => `${o.key} ${status}`));
    for (const k of exercised) expect(everyDocumented).toContain(k);
  });
});
