// @vitest-environment node
/**
 * The production path over real HTTP: deploy/nginx.conf (Debian's nginx, which .ci/run installs) in
 * front of `npm run mock-api`, both started here on free ports, probed as a browser or a hostile
 * client would: the security headers on every answer, caching, the single-page fallback, gzip, the
 * body limit as a problem, and the API's own answers (cookies, 429 with Retry-After) passed through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../vite.config';
import { startProductionStack, type ProductionStack } from './productionStack';

let stack: ProductionStack | undefined;
let base = '';

beforeAll(async () => {
  stack = await startProductionStack({
    persons: 300,
    files: {
      'index.html': `<!doctype html><title>PRIME Console</title>${'<p>console</p>'.repeat(200)}`,
      'assets/index-abc123.js': `console.log(${JSON.stringify('x'.repeat(4000))});`,
    },
  });
  base = stack.base;
}, 90_000);

afterAll(() => stack?.stop());

const expectSecurityHeaders = (res: Response, what: string) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), `${what}: ${name}`).toBe(value);
};

describe('the production build behind deploy/nginx.conf', () => {
  it('sends the security headers on the app, its assets, the API and the body-limit answer', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expectSecurityHeaders(index, 'index.html');
    expectSecurityHeaders(await fetch(`${base}/assets/index-abc123.js`), 'an asset');
    expectSecurityHeaders(await fetch(`${base}/api/v1/tenants`), 'the API');
    expectSecurityHeaders(await fetch(`${base}/search?in=cards`), 'a view path');
  });

  it('caches hashed assets for good, index.html never, and answers every view path with the app', async () => {
    expect((await fetch(`${base}/assets/index-abc123.js`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/`)).headers.get('cache-control')).toBe('no-cache');
    const view = await fetch(`${base}/users/u-0001`);
    expect(view.status).toBe(200);
    expect(await view.text()).toContain('<title>PRIME Console</title>');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('compresses text', async () => {
    const res = await fetch(`${base}/assets/index-abc123.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });

  it('refuses a body over 1 MiB with a 413 problem, before the API sees it', async () => {
    const res = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'X-Requested-With': 'prime-console', 'Content-Type': 'application/json' }, body: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 413, title: 'Request too large' });
  });

  it('passes the API through: the session cookie, and 429 with Retry-After after 10 failed sign-ins (the right password too)', async () => {
    const post = (username: string, password: string) =>
      fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'X-Requested-With': 'prime-console', 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const ok = await post('helpdesk', 'demo');
    expect(ok.status).toBe(200);
    expect(ok.headers.getSetCookie().join()).toMatch(/prime_session=/);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post('approver', 'wrong')).status);
    expect(statuses).toEqual([...Array(9).fill(401), 429]);
    const right = await post('approver', 'demo');
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post('issuing-authority', 'demo')).status).toBe(200);
  });
});
