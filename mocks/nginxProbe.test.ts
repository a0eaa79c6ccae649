// @vitest-environment node
/**
 * The production path over real HTTP: deploy/nginx.conf (Debian's nginx, which .ci/run installs) in
 * front of `npm run mock-api`, both started here on free ports, probed as a browser or a hostile
 * client would: the security headers on every answer, caching, the single-page fallback, gzip, the
 * body limit as a problem, and the API's own answers (cookies, 429 with Retry-After) passed through.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../vite.config';

/** Debian's nginx (.ci/run installs it); NGINX names another. */
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const dir = mkdtempSync(join(tmpdir(), 'prime-nginx-'));
const children: ChildProcess[] = [];
let base = '';


function waitFor(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const until = Date.now() + 30_000;
    const poll = () =>
      fetch(url).then(
        () => resolve(),
        () => (Date.now() > until ? reject(new Error(`${url} did not answer`)) : setTimeout(poll, 200)),
      );
    poll();
  });
}

beforeAll(async () => {
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const api = spawn(process.execPath, ['--import', 'tsx', 'mocks/http-server.ts', '--persons', '300'], { env: { ...process.env, PORT: String(apiPort) }, stdio: 'ignore' });
  children.push(api);

  // The shipped config as it is, but on free ports, with a small build of its own and its own pid.
  // nginx's workers run as another user when started by root: the files must be readable to them.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  mkdirSync(join(dir, '.nginx'));
  writeFileSync(join(dir, 'dist', 'index.html'), `<!doctype html><title>PRIME Console</title>${'<p>console</p>'.repeat(200)}`);
  writeFileSync(join(dir, 'dist', 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
  const conf = readFileSync('deploy/nginx.conf', 'utf8').replace('listen 127.0.0.1:8080;', `listen 127.0.0.1:${webPort};`);
  expect(conf).toContain(`listen 127.0.0.1:${webPort};`);
  writeFileSync(join(dir, 'nginx.conf'), conf);
  copyFileSync('deploy/security-headers.conf', join(dir, 'security-headers.conf'));
  writeFileSync(join(dir, 'upstream.conf'), readFileSync('deploy/upstream.conf', 'utf8').replace('127.0.0.1:9090', `127.0.0.1:${apiPort}`));
  const test = spawnSync(NGINX, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
  expect(test.status, test.stderr).toBe(0);
  const web = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  children.push(web);
  base = `http://127.0.0.1:${webPort}`;
  await waitFor(`http://127.0.0.1:${apiPort}/api/v1/tenants`);
  await waitFor(`${base}/`);
}, 60_000);

afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

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
