/**
 * The production path started on free ports: `npm run mock-api` (the contract server) and Debian's
 * nginx with deploy/nginx.conf as shipped, serving a copy of a build and proxying /api/v1 to it. The
 * nginx probe (mocks/nginxProbe.test.ts) and the end-to-end project `production` start one each.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort';

/** Debian's nginx (.ci/run installs it); NGINX names another. */
export const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';

export interface ProductionStack {
  /** The console behind nginx, e.g. http://127.0.0.1:41234 */
  base: string;
  /** The contract server itself, e.g. http://127.0.0.1:41235 (its /__control routes are not proxied). */
  api: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** A build to serve (copied: nginx's workers may not read the project's own directory). */
  dist?: string;
  /** Or files to serve, by path under dist/. */
  files?: Record<string, string>;
  persons: number;
  /** More arguments for mock-api, e.g. ['--test-control']. */
  apiArgs?: string[];
}

async function waitFor(url: string, what: ChildProcess, name: string): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    if (what.exitCode !== null) throw new Error(`${name} stopped with code ${what.exitCode} before it answered ${url}`);
    if (await fetch(url).then(() => true, () => false)) return;
    if (Date.now() > until) throw new Error(`${url} did not answer within 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const stopped = (child: ChildProcess) =>
  child.exitCode !== null ? Promise.resolve() : new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM')));

export async function startProductionStack({ dist, files = {}, persons, apiArgs = [] }: StackOptions): Promise<ProductionStack> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: install nginx (apt-get install nginx, as .ci/run does) or set NGINX`);
  if (dist && !existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: build it first (npx vite build)`);
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'prime-stack-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopped));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const api = spawn(process.execPath, ['--import', 'tsx', 'mocks/http-server.ts', '--persons', String(persons), ...apiArgs], {
      env: { ...process.env, PORT: String(apiPort) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(api);

    // The shipped config as it is, but on a free port, with its own copy of the build and its own pid.
    // nginx's workers run as another user when started by root: the files must be readable to them.
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, '.nginx'));
    if (dist) cpSync(dist, join(dir, 'dist'), { recursive: true });
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, 'dist', path, '..'), { recursive: true });
      writeFileSync(join(dir, 'dist', path), text);
    }
    const conf = readFileSync('deploy/nginx.conf', 'utf8').replace('listen 127.0.0.1:8080;', `listen 127.0.0.1:${webPort};`);
    if (!conf.includes(`listen 127.0.0.1:${webPort};`)) throw new Error('deploy/nginx.conf no longer listens on 127.0.0.1:8080; update productionStack.ts');
    writeFileSync(join(dir, 'nginx.conf'), conf);
    copyFileSync('deploy/security-headers.conf', join(dir, 'security-headers.conf'));
    writeFileSync(join(dir, 'upstream.conf'), readFileSync('deploy/upstream.conf', 'utf8').replace('127.0.0.1:9090', `127.0.0.1:${apiPort}`));
    const check = spawnSync(NGINX, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`nginx -t: ${check.stderr}`);
    const web = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(web);

    const base = `http://127.0.0.1:${webPort}`;
    const apiBase = `http://127.0.0.1:${apiPort}`;
    await waitFor(`${apiBase}/api/v1/tenants`, api, 'mock-api');
    await waitFor(`${base}/`, web, 'nginx');
    return { base, api: apiBase, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
