// The shared machinery of the API tests: calling the mock backend as the document describes it,
// validating every answer against the document and recording which documented statuses were reached.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mayUseInteractiveSignIn, principalOf } from '../../src/access/model';
import { DEMO_ACCOUNTS } from '../../src/access/personas';
import type { Problem, SessionInfo } from '../../src/api/types';
import type { Store } from '../db/store';
import { Table } from '../db/table';
import { createMockServer } from '../node';
import {
  BASE,
  COOKIE_NAME,
  CSRF_HEADER,
  CSRF_VALUE,
  escapePart,
  expectValid,
  follow,
  isRecord,
  type Json,
  type Op,
  opByKey,
  OPS,
} from './document';

type MockServer = ReturnType<typeof createMockServer>['server'];

export interface CallOptions {
  cookie?: string;
  /** Send the CSRF header on a non-GET request (default true). */
  csrf?: boolean;
  /** Path parameters; a sample object (and action) when left out. */
  path?: Record<string, string>;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
  /** JSON-serialised unless a string. */
  body?: unknown;
}

export interface Persona {
  username: string;
  cookie: string;
  session: SessionInfo;
}

/**
 * Calls and checks for one mock backend. Registers the file's hooks: the server listens for the file,
 * MSW's own cookie jar is emptied before each test, and the store goes back to the generated data
 * before a test that follows one that changed a table.
 */
export function createApiTester({ store, server, samplePath }: { store: Store; server: MockServer; samplePath: (o: Op) => Record<string, string> }) {
  /** `GET /persons 200` for every answer validated against the document. */
  const exercised = new Set<string>();


  async function call(o: Op, options: CallOptions = {}): Promise<Response> {
    const pathParams = options.path ?? samplePath(o);
    const path = o.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = pathParams[name];
      if (value === undefined) throw new Error(`${o.key}: no value for {${name}}`);
      return encodeURIComponent(value);
    });
    const url = new URL(`${BASE}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
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
    // The entity tag is the version of the object in the body.
    const etag = res.headers.get('ETag');
    if (etag !== null && isRecord(body) && 'version' in body) expect(etag, `${context}: ETag`).toBe(`"${String(body.version)}"`);
    return body;
  }

  const SIGN_IN = () => opByKey('POST /session');

  /** Signs in a demo account (to the default tenant, or the one named): its cookie and session. */
  async function signIn(username: string, tenant?: string): Promise<Persona> {
    const res = await call(SIGN_IN(), { body: { username, password: 'demo', ...(tenant === undefined ? {} : { tenant }) } });
    const setCookie = res.headers.get('Set-Cookie') ?? '';
    const session = (await expectDocumented(SIGN_IN(), res, 200)) as SessionInfo;
    const cookie = setCookie.split(';')[0]!;
    expect(cookie.startsWith(`${COOKIE_NAME}=`)).toBe(true);
    return { username, cookie, session };
  }

  /** Signs in the first demo account whose roles grant the right. */
  async function signInWithRight(right: string): Promise<Persona> {
    const account = DEMO_ACCOUNTS.find((a) => mayUseInteractiveSignIn(a.roles) && (principalOf(a.roles).rights as string[]).includes(right));
    if (!account) throw new Error(`No demo account holds ${right}`);
    const p = await signIn(account.username);
    expect(p.session.rights).toContain(right);
    return p;
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
   * Every persona signed in, the sessions kept while the store is not reset (a reset ends them). Tests
   * that end these sessions must use signInAll() instead.
   */
  let signedIn: { db: Store['db']; personas: Persona[] } | null = null;
  async function everyPersona(): Promise<Persona[]> {
    if (signedIn?.db !== store.db) signedIn = { db: store.db, personas: await signInAll() };
    return signedIn.personas;
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

  /** The version of every table of the store: each put bumps one, so an equal stamp means unchanged data. */
  const dataStamp = () =>
    Object.values(store.db)
      .filter((t) => t instanceof Table)
      .map((t: Table<{ id: string }>) => t.version)
      .join(':');
  let clean: { db: Store['db']; stamp: string } | null = null;

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(async () => {
    await emptyMswCookieJar();
    store.forgetGuards();
    // Back to the generated data when a test changed it. Rebuilding costs more than most tests, and
    // most only read, so the store is reset only when a table changed (sessions and audit do not count).
    if (clean?.db !== store.db || clean.stamp !== dataStamp()) {
      store.reset();
      clean = { db: store.db, stamp: dataStamp() };
    }
  });
  afterAll(() => server.close());
  return { exercised, call, expectDocumented, signIn, signInWithRight, signInAll, everyPersona };
}

/**
 * Operations whose path starts with one of the prefixes (`/admin/`, `/users`), unless it starts with
 * one of the prefixes written with a leading `!` (`!/admin/tenants`).
 */
export const under = (prefixes: readonly string[]) => {
  const matches = (path: string, p: string) => path === p.replace(/\/$/, '') || path.startsWith(p);
  const include = prefixes.filter((p) => !p.startsWith('!'));
  const exclude = prefixes.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  return (o: Op) => include.some((p) => matches(o.path, p)) && !exclude.some((p) => matches(o.path, p));
};

/**
 * The API test kit of one view's endpoints, keyed `METHOD /path/{param}` as in the document:
 *
 *   const c = contractHarness({ persons: 300 });
 *   const p = await c.signIn('service-administrator');
 *   const body = await c.expectDocumented('GET /admin/services', await c.call('GET /admin/services', { cookie: p.cookie }), 200);
 *   c.describeAccess(['/admin/'], (key) => ({ id: 'svc-processengine' }));
 *   c.describeStatusCoverage(['/admin/']);   // last in the file
 */
export function contractHarness(options: { persons?: number } = {}) {
  // A small organisation keeps store.reset() quick; every shape of data still occurs.
  const { store, server } = createMockServer({ persons: options.persons ?? 300 });
  let sample: ((key: string) => Record<string, string>) | null = null;
  const tester = createApiTester({
    store,
    server,
    samplePath: (o) => {
      if (!o.params.some((p) => p.in === 'path')) return {};
      if (!sample) throw new Error(`${o.key}: pass path values, or give describeAccess a samplePath`);
      return sample(o.key);
    },
  });

  return {
    store,
    exercised: tester.exercised,
    op: opByKey,
    call: (key: string, callOptions?: CallOptions) => tester.call(opByKey(key), callOptions),
    expectDocumented: (key: string, res: Response, status: number) => tester.expectDocumented(opByKey(key), res, status),
    signIn: tester.signIn,
    signInWithRight: tester.signInWithRight,
    everyPersona: tester.everyPersona,

    /**
     * For every operation under the prefixes: 401 without a session and with an ended one; for
     * operations with a right, 403 naming it to every persona without it; for every request that is
     * not a GET, 403 without the CSRF header, signed in or not.
     */
    describeAccess(prefixes: readonly string[], samplePath: (key: string) => Record<string, string>): void {
      sample = samplePath;
      const ops = OPS.filter(under(prefixes));
      it(`documents operations under ${prefixes.join(', ')}`, () => expect(ops.length).toBeGreaterThan(0));
      describe.each(ops.filter((o) => !o.isPublic).map((o) => [o.key, o] as const))('%s without a session', (_, o) => {
        it('answers 401 without a cookie and after sign-out', async () => {
          await tester.expectDocumented(o, await tester.call(o), 401);
          const { cookie } = await tester.signIn('multi-role');
          await tester.expectDocumented(opByKey('DELETE /session'), await tester.call(opByKey('DELETE /session'), { cookie }), 204);
          await tester.expectDocumented(o, await tester.call(o, { cookie }), 401);
        });
      });
      describe.each(ops.filter((o) => o.right).map((o) => [o.key, o] as const))('%s for personas without the right', (_, o) => {
        it('answers 403 naming the right', async () => {
          const personas = await tester.everyPersona();
          const denied = personas.filter((p) => !(p.session.rights as string[]).includes(o.right!));
          expect(denied.length, `someone must lack ${o.right}`).toBeGreaterThan(0);
          expect(denied.length, `someone must hold ${o.right}`).toBeLessThan(personas.length);
          for (const p of denied) {
            const problem = (await tester.expectDocumented(o, await tester.call(o, { cookie: p.cookie, body: o.method === 'get' ? undefined : {} }), 403)) as Problem;
            expect(problem.missingRight, p.username).toBe(o.right);
          }
        });
      });
      describe.each(ops.filter((o) => o.method !== 'get').map((o) => [o.key, o] as const))('%s without the CSRF header', (_, o) => {
        it('is refused with 403, signed in or not', async () => {
          await tester.expectDocumented(o, await tester.call(o, { csrf: false, body: {} }), 403);
          const personas = await tester.everyPersona();
          const holder = personas.find((p) => !o.right || (p.session.rights as string[]).includes(o.right)) ?? personas[0]!;
          await tester.expectDocumented(o, await tester.call(o, { csrf: false, body: {}, cookie: holder.cookie }), 403);
        });
      });
    },

    /** Last in a file: every documented status of the operations under the prefixes was reached in it. */
    describeStatusCoverage(prefixes: readonly string[], notExercised: ReadonlyMap<string, string> = new Map()): void {
      describe('status coverage', () => {
        it(`exercises every documented status of the operations under ${prefixes.join(', ')}`, () => {
          const documented = OPS.filter(under(prefixes)).flatMap((o) => Object.keys(o.op.responses).map((status) => `${o.key} ${status}`));
          expect(documented.filter((k) => !tester.exercised.has(k) && !notExercised.has(k))).toEqual([]);
          for (const k of notExercised.keys()) expect(tester.exercised.has(k), `${k} is exercised; drop it from the list`).toBe(false);
        });
      });
    },
  };
}
