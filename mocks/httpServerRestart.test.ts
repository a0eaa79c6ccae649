// @vitest-environment node
/**
 * `npm run mock-api -- --data DIR` as a process: a change survives a restart (SIGTERM, then start
 * again), a damaged last line of the journal is skipped with a warning, a journal of another size is
 * refused, and --reset starts over.
 */
import { signInOver } from './contract/signInOver';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort';
import { afterAll, describe, expect, it } from 'vitest';
import { fileJournal, JOURNAL_FILE, JournalMismatch } from './fileJournal';

const dir = mkdtempSync(join(tmpdir(), 'prime-mock-api-'));
const children = new Set<ChildProcess>();
afterAll(() => {
  // A test that failed half-way leaves no server behind.
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});


interface Running {
  child: ChildProcess;
  base: string;
  output: () => string;
}

/** Starts the server on a free port and waits for its start line. */
async function start(args: string[]): Promise<Running> {
  const port = await freePort();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'mocks/http-server.ts', ...args], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no start line: ${out}`)), 30_000);
    const seen = (d: Buffer) => {
      out += d.toString();
      if (out.includes('PRIME Console mock API on')) {
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${port}/api/v1`, output: () => out });
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${out}`));
    });
  });
}

const stop = (r: Running) => new Promise<number | null>((resolve) => {
  r.child.removeAllListeners('exit');
  r.child.on('exit', (code) => resolve(code));
  r.child.kill('SIGTERM');
});

const signIn = async (base: string, username: string) => (await signInOver(base, username)).cookie;

describe('npm run mock-api with --data', () => {
  it('keeps a change across a restart, says so on start, and stops cleanly on SIGTERM', async () => {
    const first = await start(['--persons', '300', '--data', dir]);
    expect(first.output()).toMatch(/: 362 persons, ready in \d+ ms; changes kept in .*journal\.jsonl, 0 replayed/);
    const cookie = await signIn(first.base, 'service-administrator');
    const created = await fetch(`${first.base}/admin/tenants`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json', 'X-Requested-With': 'prime-console' },
      body: JSON.stringify({ name: 'Nordvik Harbour', description: 'The harbour office' }),
    });
    expect(created.status).toBe(201);
    expect(await stop(first)).toBe(0);

    const second = await start(['--persons', '300', '--data', dir]);
    const names = ((await (await fetch(`${second.base}/tenants`)).json()) as { items: { name: string }[] }).items.map((t) => t.name);
    expect(names).toContain('Nordvik Harbour');
    expect(await stop(second)).toBe(0);
  }, 90_000);

  it('skips a damaged last line with a warning and keeps the rest; --reset starts over', async () => {
    appendFileSync(join(dir, JOURNAL_FILE), '{"kind":"put","collec');
    const warned = await start(['--persons', '300', '--data', dir]);
    expect(warned.output()).toMatch(/line \d+: damaged, skipped/);
    expect(((await (await fetch(`${warned.base}/tenants`)).json()) as { items: { name: string }[] }).items.map((t) => t.name)).toContain('Nordvik Harbour');
    await stop(warned);

    const reset = await start(['--persons', '300', '--data', dir, '--reset']);
    expect(reset.output()).toMatch(/started over/);
    expect(((await (await fetch(`${reset.base}/tenants`)).json()) as { items: { name: string }[] }).items.map((t) => t.name)).not.toContain('Nordvik Harbour');
    await stop(reset);
  }, 90_000);

  it('refuses a journal of another organisation size instead of misreading it', () => {
    const other = mkdtempSync(join(tmpdir(), 'prime-mock-api-other-'));
    try {
      fileJournal(other, 300).append({ kind: 'session.delete', id: 'x' } as never);
      expect(() => fileJournal(other, 2000)).toThrow(JournalMismatch);
      expect(readFileSync(join(other, JOURNAL_FILE), 'utf8').split('\n')[0]).toContain('300/');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
