// @vitest-environment node
/**
 * The mock backend over real HTTP survives what a hostile or broken client sends: each request of the
 * list that used to end the process is answered, and the next ordinary request still works.
 */
import { CSRF, signInOver } from './contract/signInOver';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { http as mswHttp } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from './db/store';
import { createHandlers } from './handlers';
import { createApiServer, MAX_BODY_BYTES } from './server';

const store = new Store(undefined, { persons: 300 });
const logged: string[] = [];
const boom = mswHttp.get('*/api/v1/test-only/boom', () => {
  throw new Error('secret internals: /srv/prime/db.ts line 42');
});
// Two cookies in one answer: each must reach the client as its own Set-Cookie line.
const twoCookies = mswHttp.get('*/api/v1/test-only/two-cookies', () => {
  const headers = new Headers();
  headers.append('Set-Cookie', 'a=1; Path=/; HttpOnly');
  headers.append('Set-Cookie', 'b=2; Path=/; Expires=Wed, 01 Dec 2027 10:00:00 GMT');
  return new Response(null, { status: 204, headers });
});
const server = createApiServer({ handlers: [boom, twoCookies, ...createHandlers(store)], log: (m) => logged.push(m), requestTimeoutMs: 2_000 });
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const base = () => `http://127.0.0.1:${port}/api/v1`;

/** Sends bytes as they are and answers everything the server wrote until it closed (or 3 s passed). */
function raw(text: string | Buffer, { endAfterWrite = false } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let out = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(out);
    }, 3_000);
    socket.on('data', (d) => (out += d.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    socket.on('error', reject);
    socket.write(text);
    if (endAfterWrite) socket.end();
  });
}
const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

/** The ordinary request that must work after each hostile one. */
async function stillServing() {
  const res = await fetch(`${base()}/tenants`);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
}

async function signIn(username: string): Promise<string> {
  const { res, cookie } = await signInOver(base(), username);
  expect(res.status).toBe(200);
  return cookie;
}

describe('requests that name no resource', () => {
  it('answers bad percent-encoding with 400', async () => {
    const answer = await raw('GET /api/v1/cards/%ff HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(statusOf(answer)).toBe(400);
    expect(answer).toContain('application/problem+json');
    await stillServing();
  });

  it('answers OPTIONS * and an absolute URL in the request line with 400', async () => {
    expect(statusOf(await raw('OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'))).toBe(400);
    expect(statusOf(await raw('GET http://elsewhere.example/api/v1/tenants HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'))).toBe(400);
    expect(statusOf(await raw('GET //elsewhere.example/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'))).toBe(400);
    await stillServing();
  });

  it('answers a request line that is not HTTP with 400', async () => {
    expect(statusOf(await raw('\u0001\u0002 nonsense\r\n\r\n'))).toBe(400);
    await stillServing();
  });
});

describe('bodies', () => {
  it('forgets a client that goes away halfway through its body', async () => {
    await raw(`POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nX-Requested-With: prime-console\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"username":`, { endAfterWrite: true });
    await stillServing();
  });

  it('refuses a body over 1 MiB with 413, announced or not, before reading it all', async () => {
    const big = 'x'.repeat(MAX_BODY_BYTES + 1);
    const announced = await raw(`POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nX-Requested-With: prime-console\r\nContent-Type: application/json\r\nContent-Length: ${60 * 1024 * 1024}\r\n\r\n`);
    expect(statusOf(announced)).toBe(413);
    const chunked = await fetch(`${base()}/session`, {
      method: 'POST',
      headers: { ...CSRF, 'Content-Type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit).catch(() => null);
    // The server answers 413 as soon as the limit is passed; a client still sending may see the connection close instead.
    if (chunked) expect(chunked.status).toBe(413);
    await stillServing();
  });

  it('lets a CSRF upload of 1 MiB minus a little through', async () => {
    const cookie = await signIn('helpdesk');
    const res = await fetch(`${base()}/self-service/registration`, {
      method: 'POST',
      headers: { ...CSRF, cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES - 100) }),
    });
    // Helpdesk has no self-service role: the body was read and the request judged (403), not refused for its size.
    expect(res.status).toBe(403);
  });

  it('does not read the body of a change without the CSRF header', async () => {
    const answer = await raw(`POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${500 * 1024 * 1024}\r\n\r\n{"username":"x"`);
    expect(statusOf(answer)).toBe(403);
    expect(answer.toLowerCase()).toContain('connection: close');
    await stillServing();
  });
});

describe('bodies of the wrong shape, signed in', () => {
  it('answers null to a card action with 422 and changes nothing', async () => {
    const cookie = await signIn('registration-officer');
    const card = store.db.cards.find((c) => c.status === 'Active')!;
    for (const body of ['null', '[]', '7', '"lock"', '{"reason": {"a": 1}}', '{']) {
      const res = await fetch(`${base()}/cards/${card.id}/actions/lock`, {
        method: 'POST',
        headers: { ...CSRF, cookie, 'Content-Type': 'application/json', 'If-Match': `"${card.version}"` },
        body,
      });
      expect(res.status, body).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(store.db.cards.get(card.id)!.status).toBe('Active');
    const person = store.db.persons.find((p) => p.status === 'Active')!;
    const res = await fetch(`${base()}/persons/${person.id}/actions/deactivate`, {
      method: 'POST',
      headers: { ...CSRF, cookie, 'Content-Type': 'application/json', 'If-Match': `"${person.version}"` },
      body: 'null',
    });
    expect(res.status).toBe(422);
    await stillServing();
  });

  it('answers a batch order whose query.q is not a text with 422', async () => {
    const cookie = await signIn('card-production-administrator');
    for (const query of [{ q: 5 }, { q: null }, { status: ['Approved'] }, 'Approved', null]) {
      const res = await fetch(`${base()}/batch-orders`, {
        method: 'POST',
        headers: { ...CSRF, cookie, 'Content-Type': 'application/json', 'Idempotency-Key': `k-${JSON.stringify(query)}` },
        body: JSON.stringify({ type: 'produce-cards', query }),
      });
      expect(res.status, JSON.stringify(query)).toBe(422);
    }
    const ids = await fetch(`${base()}/batch-orders`, {
      method: 'POST',
      headers: { ...CSRF, cookie, 'Content-Type': 'application/json', 'Idempotency-Key': 'k-ids' },
      body: JSON.stringify({ type: 'produce-cards', ids: [1, { a: 2 }] }),
    });
    expect(ids.status).toBe(422);
    await stillServing();
  });
});

describe('a handler that throws', () => {
  it('is answered 500 as a problem without internals, logged with a correlation id, and the server goes on', async () => {
    const res = await fetch(`${base()}/test-only/boom`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const text = await res.text();
    expect(text).not.toContain('secret internals');
    expect(text).not.toContain('db.ts');
    const { correlationId } = JSON.parse(text) as { correlationId: string };
    expect(logged.some((l) => l.includes(correlationId) && l.includes('secret internals'))).toBe(true);
    await stillServing();
  });
});

describe('headers', () => {
  it('sends every Set-Cookie of an answer as its own header, a date with a comma included', async () => {
    const answer = await raw(`GET /api/v1/test-only/two-cookies HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    expect(answer.split('\r\n').filter((l) => /^set-cookie:/i.test(l))).toEqual(['set-cookie: a=1; Path=/; HttpOnly', 'set-cookie: b=2; Path=/; Expires=Wed, 01 Dec 2027 10:00:00 GMT']);
  });

  it('keeps request headers that arrive more than once', async () => {
    const cookie = await signIn('helpdesk');
    // Two Cookie headers: the session cookie in the second must still be seen.
    const answer = await raw(`GET /api/v1/session HTTP/1.1\r\nHost: localhost\r\nCookie: theme=dark\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(answer)).toBe(200);
  });
});

describe('HEAD and slow clients', () => {
  it('answers HEAD like GET, with the headers and no body', async () => {
    const cookie = await signIn('helpdesk');
    const head = await fetch(`${base()}/session`, { method: 'HEAD', headers: { Cookie: cookie } });
    const get = await fetch(`${base()}/session`, { headers: { Cookie: cookie } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(head.headers.get('content-length')).toBe(String((await get.arrayBuffer()).byteLength));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers a body that stalls with 408, and goes on serving', async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let out = '';
      socket.on('data', (d) => (out += d.toString()));
      socket.on('close', () => resolve(out));
      socket.on('error', () => resolve(out));
      // Announces 100 bytes and sends 10: the request timeout (2 s here) ends it.
      socket.write(`POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nX-Requested-With: prime-console\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"usernam`);
      setTimeout(() => socket.destroy(), 6_000);
    });
    expect(statusOf(answer)).toBe(408);
    expect((await fetch(`${base()}/tenants`)).status).toBe(200);
  }, 10_000);
});
