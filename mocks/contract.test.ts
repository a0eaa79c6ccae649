// @vitest-environment node
/**
 * The mock backend keeps the API contract (openapi/openapi.yaml): every operation of the document is
 * called as allowed and refused personas, without a session, with invalid queries and without the
 * CSRF header, and every answer is validated against the schema the document gives for its status
 * and content type. The document and the backend's ENDPOINTS registry must list the same operations,
 * and every documented status must be exercised (or be allow-listed below, with a reason).
 */
import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { parse } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_RIGHTS, mayUseInteractiveSignIn, PERMISSIONS } from '../src/access/model';
import { DEMO_ACCOUNTS } from '../src/access/personas';
import type {
  BatchOrder,
  BatchOrderStatus,
  BatchOrderType,
  Card,
  CardStatus,
  CardType,
  Certificate,
  CertificateStatus,
  CertificateType,
  Collection,
  Credential,
  CredentialStatus,
  DigitalIdOverview,
  Person,
  PersonRef,
  PersonStatus,
  PersonType,
  Problem,
  RoleInfo,
  SelfServiceMe,
  Service,
  ServiceState,
  SessionInfo,
  Task,
  TaskStatus,
  TaskType,
  User,
  UserStatus,
} from '../src/api/types';
import { ENDPOINTS, type Endpoint } from './handlers/http';
import { createMockServer } from './node';

// ---- The document ---------------------------------------------------------------------------

type Json = Record<string, unknown>;

interface Operation {
  operationId: string;
  description?: string;
  security?: Record<string, string[]>[];
  'x-required-right'?: string;
  'x-required-permission'?: string;
  responses: Record<string, unknown>;
}

interface OpenApiDoc {
  openapi: string;
  servers: { url: string }[];
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, Json>;
    parameters: Record<string, Json>;
    securitySchemes: Record<string, { type: string; in?: string; name?: string }>;
  };
}

const DOC_ID = 'https://prime-console.example/openapi.yaml';
const doc = parse(readFileSync(new URL('../openapi/openapi.yaml', import.meta.url), 'utf8')) as OpenApiDoc;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const escapePart = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');
const ptr = (...parts: string[]) => parts.map((p) => `/${escapePart(p)}`).join('');

/** The value at a JSON pointer of the document. */
function at(pointer: string): unknown {
  let value: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isRecord(value) && !Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Follows `$ref`s (of responses, parameters, headers) to the object and its pointer. */
function follow(pointer: string): { pointer: string; value: Json } {
  let value = at(pointer);
  while (isRecord(value) && typeof value.$ref === 'string') {
    if (!value.$ref.startsWith('#/')) throw new Error(`Only local references are supported: ${value.$ref}`);
    pointer = value.$ref.slice(1);
    value = at(pointer);
  }
  if (!isRecord(value)) throw new Error(`Nothing at ${pointer}`);
  return { pointer, value };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
type Method = (typeof METHODS)[number];

interface Op {
  /** `GET /persons` */
  key: string;
  method: Method;
  path: string;
  pointer: string;
  op: Operation;
  /** The right in `x-required-right`, if any. */
  right?: string;
  isPublic: boolean;
  params: { name: string; in: string; required: boolean; schemaPointer: string; schema: Json }[];
}

const OPS: Op[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => isRecord(item[m])).map((method): Op => {
    const pointer = ptr('paths', path, method);
    const op = item[method] as Operation;
    const params = ((at(`${pointer}/parameters`) as unknown[] | undefined) ?? []).map((_, i) => {
      const p = follow(`${pointer}/parameters/${i}`);
      const schemaPointer = follow(`${p.pointer}/schema`).pointer;
      return {
        name: String(p.value.name),
        in: String(p.value.in),
        required: p.value.required === true,
        schemaPointer,
        schema: follow(schemaPointer).value,
      };
    });
    const security = op.security ?? doc.security ?? [];
    return {
      key: `${method.toUpperCase()} ${path}`,
      method,
      path,
      pointer,
      op,
      right: op['x-required-right'],
      isPublic: security.length === 0,
      params,
    };
  }),
);
const opByKey = (key: string): Op => {
  const found = OPS.find((o) => o.key === key);
  if (!found) throw new Error(`The document has no operation ${key}`);
  return found;
};

const csrfParam = follow('/components/parameters/CsrfHeader').value;
const CSRF_HEADER = String(csrfParam.name);
const CSRF_VALUE = String((csrfParam.schema as Json).const);
const COOKIE_NAME = String(doc.components.securitySchemes.sessionCookie?.name);
const BASE = `http://localhost${doc.servers[0]?.url ?? ''}`;

// ---- Schemas --------------------------------------------------------------------------------

const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is not installed; RFC 3339 date-time is the only format the document uses.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
ajv.addFormat('date-time', { type: 'string', validate: (s: string) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)) });
ajv.addSchema({ ...doc, $id: DOC_ID });

const validators = new Map<string, ValidateFunction>();
function validatorAt(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    const fragment = pointer.split('/').map(encodeURIComponent).join('/');
    validate = ajv.getSchema(`${DOC_ID}#${fragment}`);
    if (!validate) throw new Error(`No schema at ${pointer}`);
    validators.set(pointer, validate);
  }
  return validate;
}

function expectValid(pointer: string, value: unknown, context: string): void {
  const validate = validatorAt(pointer);
  validate(value);
  expect(validate.errors ?? [], `${context}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)?.slice(0, 500)}`).toEqual([]);
}

// ---- Calling the mock backend ---------------------------------------------------------------

// A smaller organisation than the demo's keeps store.reset() quick; every shape of data still occurs.
const { store, server } = createMockServer({ persons: 300 });

/** `GET /persons 200` for every answer validated against the document. */
const exercised = new Set<string>();

interface CallOptions {
  cookie?: string;
  /** Send the CSRF header on a non-GET request (default true). */
  csrf?: boolean;
  query?: Record<string, string | number>;
  /** JSON-serialised unless a string. */
  body?: unknown;
}

async function call(o: Op, options: CallOptions = {}): Promise<Response> {
  if (o.path.includes('{')) throw new Error(`${o.key}: path parameters are not supported by this test yet; add them.`);
  const url = new URL(`${BASE}${o.path}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (o.method !== 'get' && options.csrf !== false) headers[CSRF_HEADER] = CSRF_VALUE;
  if (options.cookie) headers.Cookie = options.cookie;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  return fetch(url, { method: o.method.toUpperCase(), headers, body });
}

/**
 * Checks an answer against the document: the status is documented for the operation, the documented
 * headers are there and match, and the body matches the schema of its content type (or is empty when
 * the document gives no content). Problems repeat the HTTP status. Returns the parsed body.
 */
async function expectDocumented(o: Op, res: Response, status: number): Promise<unknown> {
  const text = await res.text();
  expect(res.status, `${o.key}: ${text.slice(0, 300)}`).toBe(status);
  const context = `${o.key} ${status}`;
  expect(o.op.responses[String(status)], `${context} is not documented`).toBeDefined();
  exercised.add(context);
  const response = follow(`${o.pointer}/responses/${status}`);

  for (const name of Object.keys((response.value.headers as Json | undefined) ?? {})) {
    const header = follow(`${response.pointer}/headers/${escapePart(name)}`);
    const value = res.headers.get(name);
    if (header.value.required === true) expect(value, `${context}: header ${name}`).not.toBeNull();
    if (value !== null) expectValid(`${header.pointer}/schema`, value, `${context} header ${name}`);
  }

  const content = response.value.content as Json | undefined;
  if (!content) {
    expect(text, `${context} should have no body`).toBe('');
    return undefined;
  }
  const contentType = (res.headers.get('Content-Type') ?? '').split(';')[0]!.trim();
  expect(Object.keys(content), `${context}: content type`).toContain(contentType);
  const body: unknown = JSON.parse(text);
  expectValid(`${response.pointer}/content/${escapePart(contentType)}/schema`, body, context);
  if (contentType === 'application/problem+json') expect((body as Problem).status, `${context}: problem status`).toBe(status);
  return body;
}

const SIGN_IN = () => opByKey('POST /session');

interface Persona {
  username: string;
  cookie: string;
  session: SessionInfo;
}

async function signIn(username: string): Promise<Persona> {
  const res = await call(SIGN_IN(), { body: { username, password: 'demo' } });
  const setCookie = res.headers.get('Set-Cookie') ?? '';
  const session = (await expectDocumented(SIGN_IN(), res, 200)) as SessionInfo;
  const cookie = setCookie.split(';')[0]!;
  expect(cookie.startsWith(`${COOKIE_NAME}=`)).toBe(true);
  return { username, cookie, session };
}

/** Signs in every demo account; system accounts (Batch sync) must be refused with 403 and are left out. */
async function signInAll(): Promise<Persona[]> {
  const out: Persona[] = [];
  for (const { username, roles } of DEMO_ACCOUNTS) {
    if (mayUseInteractiveSignIn(roles)) out.push(await signIn(username));
    else await expectDocumented(SIGN_IN(), await call(SIGN_IN(), { body: { username, password: 'demo' } }), 403);
  }
  expect(out.length).toBeGreaterThan(1);
  return out;
}

/**
 * MSW keeps the cookies its mocked answers set in a cookie jar of its own and adds them to later
 * requests. So that "without a cookie" really means no cookie, end with a sign-out, whose answer
 * expires the jar's session cookie.
 */
async function emptyMswCookieJar(): Promise<void> {
  const res = await call(SIGN_IN(), { body: { username: 'helpdesk', password: 'demo' } });
  const cookie = (res.headers.get('Set-Cookie') ?? '').split(';')[0]!;
  await res.text();
  const out = await call(opByKey('DELETE /session'), { cookie });
  expect(out.status).toBe(204);
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  await emptyMswCookieJar();
  store.reset();
});
afterAll(() => server.close());

// ---- The TypeScript types (src/api/types.ts) ------------------------------------------------

/**
 * The fields of a type as the compiler sees them: each key must be listed (and no other), marked
 * `required` or `optional`, plus ` nullable` when null is allowed. The test compares this with the schema.
 */
type Shape<T> = {
  [K in keyof T]-?: `${object extends Pick<T, K> ? 'optional' : 'required'}${null extends T[K] ? ' nullable' : ''}`;
};
/** Every member of a string union, checked by the compiler: `Record` needs each key, and no other. */
type Members<T extends string> = Record<T, true>;

const TYPE_SHAPES: [schemaPointer: string, shape: Record<string, string>][] = [
  ['/components/schemas/Problem', { type: 'required', title: 'required', status: 'required', detail: 'optional', missingRight: 'optional', missingPermission: 'optional', errors: 'optional', correlationId: 'optional' } satisfies Shape<Problem>],
  ['/components/schemas/SessionInfo', { user: 'required', roles: 'required', rights: 'required', permissions: 'required' } satisfies Shape<SessionInfo>],
  ['/components/schemas/SessionInfo/properties/user', { id: 'required', username: 'required', displayName: 'required' } satisfies Shape<SessionInfo['user']>],
  ['/components/schemas/CollectionEnvelope', { items: 'required', total: 'required', page: 'required', pageSize: 'required' } satisfies Shape<Collection<unknown>>],
  ['/components/schemas/Person', { id: 'required', personalId: 'required', firstName: 'required', lastName: 'required', displayName: 'required', email: 'required', orgUnit: 'required', organization: 'required', type: 'required', status: 'required', createdAt: 'required', version: 'required' } satisfies Shape<Person>],
  ['/components/schemas/Card', { id: 'required', number: 'required', personId: 'required', type: 'required', status: 'required', validFrom: 'required', validTo: 'required', version: 'required' } satisfies Shape<Card>],
  ['/components/schemas/Certificate', { id: 'required', cardId: 'required nullable', personId: 'required', type: 'required', status: 'required', serialNumber: 'required', validTo: 'required' } satisfies Shape<Certificate>],
  ['/components/schemas/Credential', { id: 'required', personId: 'required', kind: 'required', label: 'required', status: 'required', createdAt: 'required' } satisfies Shape<Credential>],
  ['/components/schemas/PersonRef', { id: 'required', displayName: 'required' } satisfies Shape<PersonRef>],
  ['/components/schemas/Task', { id: 'required', type: 'required', status: 'required', createdAt: 'required', requestedBy: 'required', subject: 'required' } satisfies Shape<Task>],
  ['/components/schemas/BatchOrder', { id: 'required', type: 'required', status: 'required', itemCount: 'required', processedCount: 'required', failedCount: 'required', createdAt: 'required', createdBy: 'required' } satisfies Shape<BatchOrder>],
  ['/components/schemas/Service', { id: 'required', name: 'required', state: 'required', since: 'required' } satisfies Shape<Service>],
  ['/components/schemas/RoleInfo', { id: 'required', name: 'required', area: 'required', description: 'required', designer: 'required', explorer: 'required', rights: 'required', permissions: 'required', assignableToPerson: 'required' } satisfies Shape<RoleInfo>],
  ['/components/schemas/User', { id: 'required', username: 'required', displayName: 'required', status: 'required', roles: 'required' } satisfies Shape<User>],
  ['/components/schemas/SelfServiceMe', { person: 'required', cards: 'required', certificates: 'required', credentials: 'required' } satisfies Shape<SelfServiceMe>],
  ['/components/schemas/DigitalIdOverview', { mobileIds: 'required', virtualSmartCards: 'required', softwareTokens: 'required', servers: 'required', pendingServerCertificateRequests: 'required' } satisfies Shape<DigitalIdOverview>],
  ['/components/schemas/CredentialStatusCounts', { Registered: 'required', Active: 'required', Inactive: 'required', Locked: 'required' } satisfies Shape<DigitalIdOverview['mobileIds']>],
];

const TYPE_ENUMS: [schemaPointer: string, members: Record<string, true>][] = [
  ['/components/schemas/PersonType', { employee: true, contractor: true, visitor: true } satisfies Members<PersonType>],
  ['/components/schemas/PersonStatus', { Registered: true, Active: true, Inactive: true, Locked: true } satisfies Members<PersonStatus>],
  ['/components/schemas/CardType', { employee: true, contractor: true, visitor: true } satisfies Members<CardType>],
  ['/components/schemas/CardStatus', { Registered: true, Requested: true, Approved: true, Rejected: true, Aborted: true, Failed: true, Issued: true, Active: true, Inactive: true, Locked: true, Expired: true } satisfies Members<CardStatus>],
  ['/components/schemas/CertificateType', { authentication: true, signature: true, encryption: true } satisfies Members<CertificateType>],
  ['/components/schemas/CertificateStatus', { Issued: true, Valid: true, 'On hold': true, Revoked: true, Expired: true } satisfies Members<CertificateStatus>],
  ['/components/schemas/CredentialKind', { 'mobile-id': true, 'virtual-smart-card': true, 'software-token': true } satisfies Members<Credential['kind']>],
  ['/components/schemas/CredentialStatus', { Registered: true, Active: true, Inactive: true, Locked: true } satisfies Members<CredentialStatus>],
  ['/components/schemas/TaskType', { 'card-approval': true, 'prime-user-activation': true, 'registration-review': true } satisfies Members<TaskType>],
  ['/components/schemas/TaskStatus', { Open: true, Postponed: true } satisfies Members<TaskStatus>],
  ['/components/schemas/BatchOrderType', { 'produce-cards': true, 'request-cards': true, 'issue-temporary-cards': true, 'reset-passwords': true, 'edit-roles': true } satisfies Members<BatchOrderType>],
  ['/components/schemas/BatchOrderStatus', { Created: true, Running: true, Completed: true, Failed: true } satisfies Members<BatchOrderStatus>],
  ['/components/schemas/ServiceState', { Running: true, Stopped: true, Starting: true, Stopping: true } satisfies Members<ServiceState>],
  ['/components/schemas/RoleInfo/properties/area', { PRIME: true, 'Digital ID': true } satisfies Members<RoleInfo['area']>],
  ['/components/schemas/UserStatus', { Active: true, Inactive: true } satisfies Members<UserStatus>],
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
      for (const [k, v] of Object.entries(value)) walk(v, `${pointer}/${escapePart(k)}`);
    };
    walk(doc.paths, '/paths');
    walk(at('/components/responses'), '/components/responses');
    expect(examples).toBeGreaterThan(0);
  });

  it('enumerates exactly the rights and permissions of the rights model', () => {
    expect(doc.components.schemas.Right?.enum).toEqual([...ALL_RIGHTS]);
    expect(doc.components.schemas.Permission?.enum).toEqual([...PERMISSIONS]);
  });

  it.each(TYPE_SHAPES)('%s has the fields of its TypeScript type', (pointer, shape) => {
    const schema = follow(pointer).value;
    // Collections extend the envelope with allOf; the envelope itself is checked on its own.
    const properties = (schema.properties ?? {}) as Json;
    expect(Object.keys(properties).sort()).toEqual(Object.keys(shape).sort());
    expect([...((schema.required as string[] | undefined) ?? [])].sort()).toEqual(
      Object.keys(shape).filter((k) => shape[k]!.startsWith('required')).sort(),
    );
    for (const [name, kind] of Object.entries(shape)) {
      const type = follow(`${pointer}/properties/${escapePart(name)}`).value.type;
      const nullable = Array.isArray(type) && type.includes('null');
      expect(nullable, `${pointer}/${name} nullable`).toBe(kind.endsWith('nullable'));
    }
    // Closed, so a field the type does not have (a password, say) cannot slip into an answer.
    if (!pointer.endsWith('CollectionEnvelope')) expect(schema.additionalProperties, pointer).toBe(false);
  });

  it.each(TYPE_ENUMS)('%s has the members of its TypeScript union', (pointer, members) => {
    expect([...(follow(pointer).value.enum as string[])].sort()).toEqual(Object.keys(members).sort());
  });

  it('accepts values the types allow that the demo data never holds', () => {
    const certificate: Certificate = { id: 'cert-x', cardId: null, personId: 'p-x', type: 'signature', status: 'On hold', serialNumber: '00ff', validTo: '2030-01-01T00:00:00.000Z' };
    expectValid('/components/schemas/Certificate', certificate, 'certificate on no card');
    const problem: Problem = { type: '/problems/403', title: 'Access denied', status: 403, detail: 'x', missingPermission: 'card:approve-production', errors: { a: 'b' }, correlationId: 'c-1' };
    expectValid('/components/schemas/Problem', problem, 'problem with every optional field');
    const service: Service = { id: 'svc-x', name: 'X', state: 'Stopping', since: '2026-11-01T08:00:00Z' };
    expectValid('/components/schemas/Service', service, 'stopping service');
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
});

// ---- Every operation ------------------------------------------------------------------------

const SECURED = OPS.filter((o) => !o.isPublic);
const RIGHT_GATED = OPS.filter((o) => o.right);
const SESSION_ONLY = SECURED.filter((o) => !o.right);
const COLLECTIONS = OPS.filter((o) => o.params.some((p) => p.name === 'pageSize'));
const NOT_GET = OPS.filter((o) => o.method !== 'get');

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

describe.each(RIGHT_GATED.map((o) => [o.key, o] as const))('%s for every persona', (_, o) => {
  it('answers personas with the right, and refuses the others with 403 naming the right', async () => {
    const personas = await signInAll();
    const allowed = personas.filter((p) => p.session.rights.includes(o.right as SessionInfo['rights'][number]));
    const denied = personas.filter((p) => !allowed.includes(p));
    expect(allowed.length, `someone must hold ${o.right}`).toBeGreaterThan(0);
    expect(denied.length, `someone must lack ${o.right}`).toBeGreaterThan(0);
    for (const p of allowed) {
      await expectDocumented(o, await call(o, { cookie: p.cookie }), 200);
    }
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
    for (const p of await signInAll()) {
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
  async function allowedCookie(): Promise<string> {
    const p = (await signInAll()).find((x) => x.session.rights.includes(o.right as SessionInfo['rights'][number]));
    if (!p) throw new Error(`No persona holds ${o.right}`);
    return p.cookie;
  }

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
    const fields = /^\^\(([^)]+)\)/.exec(String(sort?.schema.pattern))?.[1]?.split('|') ?? [];
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
    account.personId = 'p-unlinked'; // store.reset() in beforeEach restores it
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
    const documented = OPS.flatMap((o) => Object.keys(o.op.responses).map((status) => `${o.key} ${status}`));
    const missing = documented.filter((k) => !exercised.has(k) && !NOT_EXERCISED.has(k));
    expect(missing).toEqual([]);
    for (const k of NOT_EXERCISED.keys()) {
      expect(documented, `allow-listed ${k} is not documented`).toContain(k);
      expect(exercised.has(k), `allow-listed ${k} is exercised; drop it from the list`).toBe(false);
    }
    // Nothing answered a status the document does not list (expectDocumented fails on those).
    for (const k of exercised) expect(documented).toContain(k);
  });
});
